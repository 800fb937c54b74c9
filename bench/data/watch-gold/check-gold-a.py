#!/usr/bin/env python3
"""Check a watch-gold file (default: gold-a.yaml) against its articles and tariqa's record.

Usage: python3 check-gold-a.py [GOLD.yaml] [--record DIR]

Checks: every article file exists; url on .example; published date valid and shown on the page
(meta, <time>, text, or URL); language/genre/level/kind/status/precision vocabularies; states are
sorted, unique ISO3 members of the group; dates valid (month precision -> day 01, year -> 1 Jan),
end_date not before date; format exists and belongs to the group; every event id in `match`
exists in the record; corroborated events agree with the record (group, states, format, date
window, city, host, ordinal); a conflict names a real field whose record value is what the record
holds and whose candidate value is what the event says; clusters with the same key agree on
group, states, format and (except date conflicts) on the date window; a cluster that matches a
record event is keyed by that event's id; evidence is copied from the article body.
Prints counts at the end. Exit status 1 if any problem is found.
"""
import calendar
import datetime as dt
import glob
import html
import os
import re
import sys
from collections import Counter, defaultdict

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
LANGS = {'en', 'tr', 'az', 'ur', 'ru'}
GENRES = {'report', 'press-release', 'opinion', 'analysis', 'brief', 'background'}
LEVELS = {'head-of-state-or-government', 'minister', 'speaker', 'military', 'officials', 'business-civil-society'}
KINDS = {'meeting', 'declaration', 'exercise', 'agreement', 'visit', 'other'}  # 'other' as in record-format.md
STATUSES = {'held', 'planned', 'postponed', 'cancelled'}
PRECISIONS = {'day', 'month', 'year'}
CLASSES = {'corroborates', 'new', 'conflicts'}
CONFLICT_FIELDS = {'date', 'end_date', 'city', 'host', 'ordinal', 'format', 'states', 'level', 'kind'}
EVENT_KEYS = {'group', 'states', 'level', 'kind', 'date', 'date_precision', 'end_date', 'city', 'host',
              'status', 'format', 'ordinal', 'match', 'cluster', 'evidence'}
ARTICLE_KEYS = {'file', 'url', 'published', 'language', 'genre', 'events'}
MONTHS = {
    'en': ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
    'tr': ['Ocak', 'Şubat', 'Mart', 'Nisan', 'Mayıs', 'Haziran', 'Temmuz', 'Ağustos', 'Eylül', 'Ekim', 'Kasım', 'Aralık'],
    'az': ['yanvar', 'fevral', 'mart', 'aprel', 'may', 'iyun', 'iyul', 'avqust', 'sentyabr', 'oktyabr', 'noyabr', 'dekabr'],
    'ru': ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'],
    'ur': ['جنوری', 'فروری', 'مارچ', 'اپریل', 'مئی', 'جون', 'جولائی', 'اگست', 'ستمبر', 'اکتوبر', 'نومبر', 'دسمبر'],
}

problems = []


def bad(where, msg):
    problems.append(f'{where}: {msg}')


def as_date(v):
    if isinstance(v, dt.date):
        return v
    return dt.date.fromisoformat(str(v))


def window(date, prec, end=None):
    d = as_date(date)
    if prec == 'year':
        return dt.date(d.year, 1, 1), dt.date(d.year, 12, 31)
    if prec == 'month':
        return dt.date(d.year, d.month, 1), dt.date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])
    return d, as_date(end) if end else d


def overlap(a, b):
    return a[0] <= b[1] and b[0] <= a[1]


def load_record(rdir):
    events, formats, groups = {}, {}, {}
    for f in sorted(glob.glob(os.path.join(rdir, '*.yaml'))):
        d = yaml.safe_load(open(f, encoding='utf-8')) or {}
        for g in d.get('groups', []) or []:
            groups[g['id']] = g
        for fm in d.get('formats', []) or []:
            formats[fm['id']] = fm
        for e in d.get('events', []) or []:
            events[e['id']] = e
    return events, formats, groups


def page_text(path):
    raw = open(path, encoding='utf-8').read()
    if path.endswith('.html'):
        m = re.search(r'<article[^>]*>(.*?)</article>', raw, re.S)
        body = m.group(1) if m else raw
        body = re.sub(r'<[^>]+>', ' ', body)
        body = html.unescape(body)
    else:
        body = raw
    return raw, re.sub(r'\s+', ' ', body)


def date_shown(raw, url, d, lang):
    reps = {d.isoformat(), d.strftime('%d.%m.%Y'), d.strftime('%d/%m/%Y'), d.strftime('%Y/%m/%d'),
            f'{d.day} {MONTHS["en"][d.month - 1]} {d.year}', f'{d.strftime("%b")} {d.day}, {d.year}'}
    if lang in MONTHS:
        reps.add(f'{d.day} {MONTHS[lang][d.month - 1]} {d.year}')
    text = html.unescape(raw)
    return any(r in text or r in url for r in reps)


def norm_city(c):
    return (c or '').lower().replace('(', ' ').replace(')', ' ')


def main(argv):
    gold_path = os.path.join(HERE, 'gold-a.yaml')
    rdir = '/work/main/tariqa/data/reference'
    args = list(argv)
    if '--record' in args:
        i = args.index('--record')
        rdir = args[i + 1]
        del args[i:i + 2]
    if args:
        gold_path = args[0]
    events, formats, groups = load_record(rdir)
    gold = yaml.safe_load(open(gold_path, encoding='utf-8'))
    arts = gold['articles']
    adir = os.path.join(os.path.dirname(os.path.abspath(gold_path)), 'articles')
    clusters = defaultdict(list)
    files = set()
    stats = Counter()
    by_genre, by_lang, by_class, by_format, by_status, by_group = Counter(), Counter(), Counter(), Counter(), Counter(), Counter()

    for a in arts:
        f = a.get('file', '?')
        if set(a) - ARTICLE_KEYS:
            bad(f, f'unknown keys {sorted(set(a) - ARTICLE_KEYS)}')
        if f in files:
            bad(f, 'listed twice')
        files.add(f)
        path = os.path.join(adir, f)
        if not re.fullmatch(r'\d{3}-[a-z0-9-]+\.(html|txt)', f):
            bad(f, 'file name is not NNN-slug.html|txt')
        if not os.path.exists(path):
            bad(f, 'file missing')
            continue
        url = a.get('url', '')
        if not re.match(r'https?://[^/]+\.example(/|$)', url):
            bad(f, f'url not on .example: {url}')
        try:
            pub = as_date(a['published'])
        except Exception:
            bad(f, f'bad published {a.get("published")}')
            continue
        if a.get('language') not in LANGS:
            bad(f, f'language {a.get("language")}')
        if a.get('genre') not in GENRES:
            bad(f, f'genre {a.get("genre")}')
        by_genre[a.get('genre')] += 1
        by_lang[a.get('language')] += 1
        raw, body = page_text(path)
        if not date_shown(raw, url, pub, a.get('language')):
            bad(f, f'publication date {pub} not found on the page or in the URL')
        evs = a.get('events')
        if not isinstance(evs, list):
            bad(f, 'events must be a list')
            continue
        stats['articles'] += 1
        if not evs:
            stats['articles_without_events'] += 1
        for k, e in enumerate(evs):
            w = f'{f}#{k}'
            if set(e) - EVENT_KEYS:
                bad(w, f'unknown keys {sorted(set(e) - EVENT_KEYS)}')
            if EVENT_KEYS - set(e):
                bad(w, f'missing keys {sorted(EVENT_KEYS - set(e))}')
                continue
            g = e['group']
            if g not in groups:
                bad(w, f'unknown group {g}')
                continue
            members = set(groups[g]['members'])
            st = e['states']
            if st != sorted(st) or len(set(st)) != len(st):
                bad(w, f'states not sorted/unique: {st}')
            if not set(st) <= members:
                bad(w, f'states {st} not all members of {g}')
            if len(st) < 2:
                bad(w, 'fewer than two states')
            for key, voc in (('level', LEVELS), ('kind', KINDS), ('status', STATUSES), ('date_precision', PRECISIONS)):
                if e[key] not in voc:
                    bad(w, f'{key} {e[key]!r} not in vocabulary')
            try:
                d = as_date(e['date'])
            except Exception:
                bad(w, f'bad date {e["date"]}')
                continue
            if e['date_precision'] == 'month' and d.day != 1:
                bad(w, 'month precision needs day 01')
            if e['date_precision'] == 'year' and (d.month, d.day) != (1, 1):
                bad(w, 'year precision needs 1 January')
            if e['end_date'] is not None and as_date(e['end_date']) < d:
                bad(w, 'end_date before date')
            if e['host'] is not None and e['host'] not in members:
                bad(w, f'host {e["host"]} not a member')
            fm = e['format']
            if fm is not None:
                if fm not in formats:
                    bad(w, f'unknown format {fm}')
                elif formats[fm]['group'] != g:
                    bad(w, f'format {fm} belongs to {formats[fm]["group"]}, not {g}')
            if e['ordinal'] is not None and not (isinstance(e['ordinal'], int) and e['ordinal'] > 0):
                bad(w, f'ordinal {e["ordinal"]!r}')
            ev = e['evidence']
            if not ev or re.sub(r'\s+', ' ', ev) not in body:
                bad(w, 'evidence not found in the article body')
            m = e['match']
            cls = m.get('class')
            if cls not in CLASSES:
                bad(w, f'match class {cls}')
                continue
            by_class[cls] += 1
            by_format[fm or '(none)'] += 1
            by_status[e['status']] += 1
            by_group[g] += 1
            win = window(e['date'], e['date_precision'], e['end_date'])
            if cls in ('corroborates', 'conflicts'):
                rid = m.get('event')
                if rid not in events:
                    bad(w, f'match event {rid} not in the record')
                    continue
                r = events[rid]
                rwin = window(r['date'], r.get('date_precision', 'day'), r.get('end_date'))
                if r['group'] != g:
                    bad(w, f'group {g} differs from record {r["group"]}')
                if not set(st) <= set(r['states']):
                    bad(w, f'states {st} not within record states {r["states"]}')
                if e['cluster'] != rid:
                    bad(w, f'cluster {e["cluster"]} should be the matched record id {rid}')
                cf = m.get('field') if cls == 'conflicts' else None
                if cls == 'conflicts':
                    if cf not in CONFLICT_FIELDS:
                        bad(w, f'conflict field {cf}')
                    else:
                        recv = r.get(cf)
                        if isinstance(recv, dt.date):
                            recv = recv.isoformat()
                        if str(recv) != str(m.get('record')):
                            bad(w, f'conflict record value {m.get("record")!r} but record has {recv!r}')
                        cand = e.get(cf)
                        if isinstance(cand, dt.date):
                            cand = cand.isoformat()
                        if str(cand) != str(m.get('candidate')):
                            bad(w, f'conflict candidate {m.get("candidate")!r} but event has {cand!r}')
                        if cf == 'date':
                            both_day = e['date_precision'] == 'day' and r.get('date_precision', 'day') == 'day'
                            if (both_day and as_date(e['date']) == as_date(r['date'])) or (not both_day and overlap(win, rwin)):
                                bad(w, 'date conflict although the dates are compatible')
                        if cf == 'ordinal' and e['ordinal'] == r.get('ordinal'):
                            bad(w, 'ordinal conflict with equal ordinals')
                if cf != 'format' and (r.get('format') or None) != fm:
                    bad(w, f'format {fm} differs from record {r.get("format")}')
                if cf != 'date' and not overlap(win, rwin):
                    bad(w, f'date window {win} outside record {rwin}')
                if cf != 'city' and e['city'] and r.get('city'):
                    a1, b1 = norm_city(e['city']), norm_city(r['city'])
                    if a1 not in b1 and b1 not in a1 and not (set(a1.split()) & set(b1.split())):
                        bad(w, f'city {e["city"]} differs from record {r["city"]}')
                if cf != 'host' and e['host'] and r.get('host') and e['host'] != r['host']:
                    bad(w, f'host {e["host"]} differs from record {r["host"]}')
                if cf != 'ordinal' and e['ordinal'] and r.get('ordinal') and e['ordinal'] != r['ordinal']:
                    bad(w, f'ordinal {e["ordinal"]} differs from record {r["ordinal"]}')
            else:
                if not e['cluster'].startswith('new-'):
                    bad(w, 'a new event should have a cluster key starting with "new-"')
                if e['cluster'] in events:
                    bad(w, 'new event clustered under a record id')
            clusters[e['cluster']].append((w, e, win, cls == 'conflicts' and m.get('field') == 'date'))
            stats['events'] += 1

    for key, items in clusters.items():
        ref = items[0]
        for w, e, win, dconf in items[1:]:
            if (e['group'], e['states'], e['format']) != (ref[1]['group'], ref[1]['states'], ref[1]['format']):
                bad(w, f'cluster {key}: group/states/format disagree with {ref[0]}')
        dated = [(w, win) for w, e, win, dconf in items if not dconf]
        for i in range(len(dated)):
            for j in range(i + 1, len(dated)):
                if not overlap(dated[i][1], dated[j][1]):
                    bad(dated[j][0], f'cluster {key}: date window disagrees with {dated[i][0]}')

    print(f'gold file: {gold_path}')
    print(f'articles: {stats["articles"]} (without events: {stats["articles_without_events"]}); events: {stats["events"]}; clusters: {len(clusters)}')
    print(f'  html: {sum(1 for f in files if f.endswith(".html"))}, txt: {sum(1 for f in files if f.endswith(".txt"))}')
    for name, c in (('genre', by_genre), ('language', by_lang), ('group', by_group), ('class', by_class), ('format', by_format), ('status', by_status)):
        print(f'  by {name}: ' + ', '.join(f'{k} {v}' for k, v in sorted(c.items(), key=lambda kv: (-kv[1], str(kv[0])))))
    rel = len(re.findall(r'^[ \t]+# relative dates:', open(gold_path, encoding='utf-8').read(), re.M))
    print(f'  articles with a "# relative dates:" note: {rel}')
    if problems:
        print(f'\n{len(problems)} problem(s):')
        for p in problems:
            print('  - ' + p)
        return 1
    print('\nOK: no problems found')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
