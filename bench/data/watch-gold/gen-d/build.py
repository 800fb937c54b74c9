"""Render the letter-D articles (301-399) and gold-d.yaml from the article data (gen-c's model and templates).

    python3 build.py && python3 ../check_gold_b.py ../gold-d.yaml --range 301-399 --record ../../../../tariqa/data/reference --record ../record-extra
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(1, os.path.join(HERE, '..', 'gen-c'))

import model  # noqa: E402
import d_articles  # noqa: E402,F401
from model import ARTS, evidences  # noqa: E402
from render import render  # noqa: E402

OUT = os.path.join(HERE, '..', 'articles')
GOLD = os.path.join(HERE, '..', 'gold-d.yaml')

HEADER = '''# gold-d.yaml - letter D, articles 301-399: the second check set of the reader.
# Written after gold-c had been read once (gold-c then became a development set) and before the reader
# was tuned on gold-c; not looked at while tuning. FICTIONALISED TEST MATERIAL in the writer's own words,
# in the manner of wires, national agencies, newspapers, ministries, presidencies and TV sites. Outlets,
# bylines, quotations and URLs (.example) are invented; NOT sources, never to be cited in the record.
# Real events are described with the facts of the record and of the staged groups (record-extra/);
# some are invented (class new). Conventions: those of gold-c.yaml.
'''


def q(s):
    return json.dumps(s, ensure_ascii=False)


def fname(a):
    return f"{a['n']:03d}-{a['slug']}.{a['ext']}"


def main():
    nums = [a['n'] for a in ARTS]
    assert len(nums) == len(set(nums)), 'duplicate numbers'
    assert all(301 <= n <= 399 for n in nums)
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
