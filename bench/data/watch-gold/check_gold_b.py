#!/usr/bin/env python3
"""Check a watch-gold file (default: gold-b.yaml) against its articles and tariqa's record.

Usage: python3 check_gold_b.py [GOLD.yaml] [--record DIR ...] [--range 101-199]
       python3 check_gold_b.py gold-c.yaml --range 201-299 --record ../../../tariqa/data/reference --record record-extra

Checks
  - every article file exists, is listed once, and (with --range) is numbered inside the range;
  - published / language / genre use the brief's vocabularies; the published date can be found
    in the file (ISO, URL path, dd.mm.yyyy, "Month d, yyyy", "d Month yyyy", Russian months ...);
  - every event: group exists; states are sorted, upper-case ISO3, members of the group;
    level / kind / status / date_precision vocabularies; dates real, month precision on day 01,
    year precision on 1 January, end_date not before date; format exists and belongs to the group;
    host ISO3 or null; ordinal int or null;
  - match: class corroborates | conflicts | new; event ids exist in the record and belong to the
    event's group; conflicts name field, record and candidate; new has no event id;
  - evidence is non-empty and occurs in the article's visible text (tags stripped, entities
    decoded, whitespace collapsed);
  - clusters: all candidates with one cluster key agree on group, states and format, their dates
    are compatible (a coarser date contains the finer one; a member whose match is a conflict on
    the date keeps its own date), and they point at the same record event (or are all new).
Prints summary counts. Exit status 1 on any error.
"""
import argparse
import collections
import datetime as dt
import glob
import html
import os
import re
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
LEVELS = {'head-of-state-or-government', 'minister', 'speaker', 'military', 'officials', 'business-civil-society'}
KINDS = {'meeting', 'exercise', 'declaration', 'agreement', 'visit', 'other'}
STATUSES = {'held', 'planned', 'postponed', 'cancelled'}
PRECISIONS = {'day', 'month', 'year'}
LANGS = {'en', 'tr', 'az', 'ur', 'ru'}
GENRES = {'report', 'press-release', 'opinion', 'analysis', 'brief', 'background'}
CLASSES = {'corroborates', 'conflicts', 'new'}
ISO3 = re.compile(r'^[A-Z]{3}$')
MON = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
       'October', 'November', 'December']
RU_MON = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября',
          'октября', 'ноября', 'декабря']


def load_record(dirs):
    groups, formats, events = {}, {}, {}
    for path in sorted(p for d in dirs for p in glob.glob(os.path.join(d, '*.yaml'))):
        with open(path, encoding='utf-8') as f:
            data = yaml.safe_load(f) or {}
        for g in data.get('groups') or []:
            groups[g['id']] = g
        for fm in data.get('formats') or []:
            formats[fm['id']] = fm
        for e in data.get('events') or []:
            events[e['id']] = e
    return groups, formats, events


def visible_text(path):
    with open(path, encoding='utf-8') as f:
        raw = f.read()
    if path.endswith('.html'):
        body = re.sub(r'(?is)<(script|style)\b.*?</\1>', ' ', raw)
        body = re.sub(r'(?s)<[^>]+>', ' ', body)
        body = html.unescape(body)
    else:
        body = raw
    return raw, re.sub(r'\s+', ' ', body)


def as_date(v):
    if isinstance(v, dt.date):
        return v
    return dt.date.fromisoformat(str(v))


def span(date, prec, end):
    """Inclusive date interval an event date stands for."""
    if prec == 'year':
        return dt.date(date.year, 1, 1), dt.date(date.year, 12, 31)
    if prec == 'month':
        nxt = dt.date(date.year + (date.month == 12), date.month % 12 + 1, 1)
        return date, nxt - dt.timedelta(days=1)
    return date, (end or date)


def compatible(a, b):
    """Two cluster members agree on the date if one's interval contains the other's start,
    or their day-precision starts are equal."""
    (a0, a1), (b0, b1) = a, b
    return (a0 <= b0 <= a1) or (b0 <= a0 <= b1)


def date_forms(d):
    return {
        d.isoformat(), d.strftime('%Y/%m/%d'), d.strftime('%d.%m.%Y'), d.strftime('%d/%m/%Y'),
        f'{MON[d.month - 1]} {d.day}, {d.year}', f'{d.day} {MON[d.month - 1]} {d.year}',
        f'{MON[d.month - 1][:3]} {d.day:02d}, {d.year}', f'{d.day} {RU_MON[d.month - 1]} {d.year}',
        f'{d.year}-{d.month:02d}-{d.day:02d}', f'{d.year}{d.month:02d}{d.day:02d}',
        f'{MON[d.month - 1]} {d.day}, {d.year}'.replace(' 0', ' '),
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('gold', nargs='?', default=os.path.join(HERE, 'gold-b.yaml'))
    ap.add_argument('--record', action='append', help='a folder of record YAML files (repeatable); '
                    'default: the reference record')
    ap.add_argument('--articles', default=os.path.join(HERE, 'articles'))
    ap.add_argument('--range', default='101-199')
    args = ap.parse_args()
    lo, hi = (int(x) for x in args.range.split('-'))

    default = os.path.join(HERE, '..', '..', '..', 'tariqa', 'data', 'reference')
    groups, formats, events = load_record(args.record or [default])
    with open(args.gold, encoding='utf-8') as f:
        gold_raw = f.read()
    gold = yaml.safe_load(gold_raw)
    errors, warnings = [], []

    def err(where, msg):
        errors.append(f'{where}: {msg}')

    arts = gold.get('articles') or []
    seen = set()
    clusters = collections.defaultdict(list)
    c = collections.Counter
    by_genre, by_lang, by_class, by_format, by_status, by_ext, by_group = c(), c(), c(), c(), c(), c(), c()
    n_events = 0
    for a in arts:
        fn = a.get('file')
        where = fn or '<no file>'
        if not fn:
            err(where, 'missing file')
            continue
        if fn in seen:
            err(where, 'listed twice')
        seen.add(fn)
        m = re.match(r'^(\d{3})-[a-z0-9-]+\.(html|txt)$', fn)
        if not m:
            err(where, 'file name is not NNN-slug.html|txt')
        elif not lo <= int(m.group(1)) <= hi:
            err(where, f'number outside {lo}-{hi}')
        path = os.path.join(args.articles, fn)
        if not os.path.exists(path):
            err(where, 'file does not exist')
            continue
        by_ext[fn.rsplit('.', 1)[1]] += 1
        raw, text = visible_text(path)
        if not str(a.get('url', '')).startswith('https://') or '.example/' not in str(a.get('url', '')):
            err(where, 'url must be an invented https URL on .example')
        try:
            pub = as_date(a.get('published'))
            if not any(form in raw for form in date_forms(pub)):
                warnings.append(f'{where}: published date {pub} not found in the file in a known form')
        except Exception:
            err(where, f"published is not a date: {a.get('published')!r}")
        if a.get('language') not in LANGS:
            err(where, f"language {a.get('language')!r}")
        if a.get('genre') not in GENRES:
            err(where, f"genre {a.get('genre')!r}")
        by_genre[a.get('genre')] += 1
        by_lang[a.get('language')] += 1
        evs = a.get('events')
        if evs is None or not isinstance(evs, list):
            err(where, 'events must be a list ([] when none)')
            continue
        for i, e in enumerate(evs):
            w = f'{where} event {i + 1}'
            n_events += 1
            g = e.get('group')
            if g not in groups:
                err(w, f'unknown group {g!r}')
                continue
            by_group[g] += 1
            states = e.get('states') or []
            if any(not ISO3.match(str(s)) for s in states):
                err(w, f'states not ISO3: {states}')
            if states != sorted(states):
                err(w, f'states not sorted: {states}')
            if len(states) != len(set(states)):
                err(w, 'duplicate states')
            members = set(groups[g]['members'])
            if not set(states) <= members:
                err(w, f'non-members in states: {sorted(set(states) - members)}')
            if not states:
                err(w, 'no states')
            for key, voc in (('level', LEVELS), ('kind', KINDS), ('status', STATUSES), ('date_precision', PRECISIONS)):
                if e.get(key) not in voc:
                    err(w, f'{key} {e.get(key)!r}')
            try:
                d0 = as_date(e.get('date'))
            except Exception:
                err(w, f"date {e.get('date')!r}")
                continue
            prec = e.get('date_precision')
            if prec == 'month' and d0.day != 1:
                err(w, 'month precision needs day 01')
            if prec == 'year' and (d0.month, d0.day) != (1, 1):
                err(w, 'year precision needs 1 January')
            d1 = None
            if e.get('end_date') is not None:
                try:
                    d1 = as_date(e['end_date'])
                    if d1 < d0:
                        err(w, 'end_date before date')
                except Exception:
                    err(w, f"end_date {e.get('end_date')!r}")
            host = e.get('host')
            if host is not None and not ISO3.match(str(host)):
                err(w, f'host {host!r}')
            fm = e.get('format')
            if fm is not None:
                if fm not in formats:
                    err(w, f'unknown format {fm!r}')
                elif formats[fm]['group'] != g:
                    err(w, f'format {fm} belongs to {formats[fm]["group"]}, not {g}')
            by_format[fm or '(none)'] += 1
            by_status[e.get('status')] += 1
            o = e.get('ordinal')
            if o is not None and (not isinstance(o, int) or o < 1):
                err(w, f'ordinal {o!r}')
            mt = e.get('match') or {}
            cls = mt.get('class')
            if cls not in CLASSES:
                err(w, f'match class {cls!r}')
            by_class[cls] += 1
            rec = None
            if cls in ('corroborates', 'conflicts'):
                eid = mt.get('event')
                if eid not in events:
                    err(w, f'match event {eid!r} not in the record')
                else:
                    rec = events[eid]
                    if rec['group'] != g:
                        err(w, f'record event {eid} is in group {rec["group"]}, candidate in {g}')
                    if (rec.get('format') or None) != fm and fm is not None:
                        err(w, f'format {fm} differs from record event format {rec.get("format")}')
                if cls == 'conflicts':
                    for k in ('field', 'record', 'candidate'):
                        if mt.get(k) in (None, ''):
                            err(w, f'conflicts needs {k}')
                    if rec is not None and mt.get('field') in rec:
                        rv = rec.get(mt['field'])
                        if str(rv) != str(mt.get('record')):
                            err(w, f"conflicts record value {mt.get('record')!r} != record {rv!r}")
                    if mt.get('field') in e and str(e.get(mt['field'])) != str(mt.get('candidate')):
                        err(w, f"conflicts candidate value {mt.get('candidate')!r} != event's {e.get(mt['field'])!r}")
            elif cls == 'new' and mt.get('event'):
                err(w, 'class new must not name an event')
            ev = (e.get('evidence') or '').strip()
            if not ev:
                err(w, 'no evidence')
            elif re.sub(r'\s+', ' ', ev) not in text:
                err(w, f'evidence not found in the article text: {ev[:70]!r}')
            key = e.get('cluster')
            if not key:
                err(w, 'no cluster')
            else:
                clusters[key].append((w, e, span(d0, prec, d1), cls, mt.get('event'), mt.get('field')))

    for key, items in clusters.items():
        first = items[0]
        # the reference member: the first one that does not conflict with the record on the date
        ref = next((it for it in items if it[5] not in ('date', 'end_date')), first)
        for w, e, sp, cls, eid, fld in items:
            if (w, e) == (ref[0], ref[1]):
                continue
            w0, e0, sp0, cls0, eid0, fld0 = ref
            if e['group'] != e0['group'] or e['states'] != e0['states']:
                err(w, f'cluster {key}: group/states differ from {w0}')
            if (e.get('format') or None) != (e0.get('format') or None):
                err(w, f'cluster {key}: format differs from {w0}')
            # a member that conflicts with the record on the date is allowed its own date
            if fld not in ('date', 'end_date') and not compatible(sp, sp0):
                err(w, f'cluster {key}: date {sp[0]}..{sp[1]} incompatible with {w0} {sp0[0]}..{sp0[1]}')
            if (cls == 'new') != (cls0 == 'new') or (eid or None) != (eid0 or None):
                err(w, f'cluster {key}: record match differs from {w0}')

    on_disk = {os.path.basename(p) for p in glob.glob(os.path.join(args.articles, '*.*'))}
    mine = {f for f in on_disk if re.match(r'^\d{3}-', f) and lo <= int(f[:3]) <= hi}
    for f in sorted(mine - seen):
        warnings.append(f'{f}: file in range but not in the gold file')

    rel = len(re.findall(r'^\s*# relative:', gold_raw, flags=re.M))
    print(f'articles: {len(arts)}  ({dict(by_ext)})')
    print(f'events: {n_events}  clusters: {len(clusters)}')
    print('by genre:   ', dict(sorted(by_genre.items())))
    print('by language:', dict(sorted(by_lang.items())))
    print('by group:   ', dict(sorted(by_group.items())))
    print('by class:   ', dict(sorted(by_class.items(), key=lambda x: str(x[0]))))
    print('by format:  ', dict(sorted(by_format.items())))
    print('by status:  ', dict(sorted(by_status.items(), key=lambda x: str(x[0]))))
    print(f"articles with a '# relative:' note: {rel}")
    for w in warnings:
        print('WARNING', w)
    for e in errors:
        print('ERROR', e)
    print('OK' if not errors else f'{len(errors)} error(s)')
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
