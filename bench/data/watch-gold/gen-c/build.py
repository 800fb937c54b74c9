"""Render the letter-C articles (201-299) and gold-c.yaml from the article data.

    python3 build.py && python3 ../check_gold_b.py ../gold-c.yaml --range 201-299 --record ../../../../tariqa/data/reference --record ../record-extra
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import model  # noqa: E402
import c_europe, c_asia, c_eurasia, c_record, c_neg  # noqa: E402,F401
from model import ARTS, evidences  # noqa: E402
from render import render  # noqa: E402

OUT = os.path.join(HERE, '..', 'articles')
GOLD = os.path.join(HERE, '..', 'gold-c.yaml')

HEADER = '''# gold-c.yaml - letter C, articles 201-299: the check set of the reader (never used to tune it).
# FICTIONALISED TEST MATERIAL written for tariqa's "living record" reader benchmark, in the writer's own
# words, in the manner of wires, national news agencies, newspapers, ministries, presidencies and
# parliaments. Outlets, bylines, quotations and URLs (.example) are invented. They are NOT sources and
# must never be cited in the record. Real events are described with the facts of the record
# (tariqa/data/reference) and of the staged groups (record-extra/: WEIMAR, LUBLIN, SLAVKOV, USJK, TSD, USJP,
# I2U2, IFU, ASTANA, CPA, TPA, ATT, ATI); some articles get one fact wrong on purpose (class conflicts)
# and some report events the record does not have (class new: bilateral and sidelines meetings,
# invented later rounds, announced meetings).
# Conventions (those of gold-a and gold-b):
#  - states: sorted ISO3 of the member states that met (non-members left out);
#  - relative dates resolve against `published` (the local date the page shows) or the dateline's day;
#    "this week"/"next month" give month precision, "this year"/"next year"/"this summer" year precision;
#    a "# relative:" comment names the expressions used;
#  - announcements without any date or year are not events;
#  - ordinal only when the article states the n-th round; qualified counts ("first in Japan",
#    "second this year", "first stand-alone") are not ordinals;
#  - a planned announcement of a round that later took place corroborates that record event;
#  - a bilateral meeting of two members of a group is an event of that group (pairs in several groups:
#    the group the article is about); sidelines bilaterals take the date and place of the main meeting
#    when the article gives them no other;
#  - virtual meetings: city null; host only when the article says who hosted or chaired;
#  - city as the article names it (diacritics may differ from the record's: Chisinau / Chişinău).
'''


def q(s):
    return json.dumps(s, ensure_ascii=False)


def fname(a):
    return f"{a['n']:03d}-{a['slug']}.{a['ext']}"


def main():
    nums = [a['n'] for a in ARTS]
    assert len(nums) == len(set(nums)), 'duplicate numbers'
    assert all(201 <= n <= 299 for n in nums)
    ARTS.sort(key=lambda a: a['n'])
    lines = HEADER.rstrip('\n').split('\n') + ['articles:']
    for a in ARTS:
        ev = evidences(a['paras'])
        path = os.path.join(OUT, fname(a))
        with open(path, 'w', encoding='utf-8') as f:
            f.write(render(a))
        lines.append(f"  - file: {fname(a)}")
        if a['rel']:
            lines.append(f"    # relative: {a['rel']}")
        if a['notes']:
            lines.append(f"    # {a['notes']}")
        lines.append(f"    url: {a['url']}")
        lines.append(f"    published: {a['pub'][:10]}")
        lines.append(f"    language: {a['lang']}")
        lines.append(f"    genre: {a['genre'] if a['genre'] != 'report' or a['tpl'] not in ('release', 'presidency') else 'press-release'}")
        if not a['events']:
            lines.append('    events: []')
            continue
        lines.append('    events:')
        for e in a['events']:
            if e['note']:
                lines.append(f"      # {e['note']}")
            lines.append(f"      - group: {e['group']}")
            lines.append(f"        states: [{', '.join(e['states'])}]")
            for k in ('level', 'kind', 'date', 'date_precision'):
                lines.append(f"        {k}: {e[k]}")
            lines.append(f"        end_date: {e['end_date'] or 'null'}")
            lines.append(f"        city: {q(e['city']) if e['city'] else 'null'}")
            lines.append(f"        host: {e['host'] or 'null'}")
            lines.append(f"        status: {e['status']}")
            lines.append(f"        format: {e['format'] or 'null'}")
            lines.append(f"        ordinal: {e['ordinal'] if e['ordinal'] is not None else 'null'}")
            m = e['match']
            parts = [f"class: {m['class']}"]
            if m.get('event'):
                parts.append(f"event: {m['event']}")
            if m['class'] == 'conflicts':
                parts += [f"field: {m['field']}", f"record: {q(m['record'])}", f"candidate: {q(m['candidate'])}"]
            lines.append('        match: {' + ', '.join(parts) + '}')
            lines.append(f"        cluster: {e['cluster']}")
            if e['ev'] not in ev:
                raise SystemExit(f"{fname(a)}: no evidence marked {e['ev']}")
            lines.append(f"        evidence: {q(ev[e['ev']])}")
    with open(GOLD, 'w', encoding='utf-8') as f:
        f.write('\n'.join(lines) + '\n')
    print(f'{len(ARTS)} articles, {sum(len(a["events"]) for a in ARTS)} events')


if __name__ == '__main__':
    main()
