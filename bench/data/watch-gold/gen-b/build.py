import sys, os, json, datetime as dt  # noqa
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import model
for m in ['q1', 'q2', 'q3', 'a1', 't1']:
    __import__(m)
from render import render
from model import ARTS, evidences

OUT = '/work/staging/watch-gold/articles'
GOLD = '/work/staging/watch-gold/gold-b.yaml'

def q(s):
    return json.dumps(s, ensure_ascii=False)

def fname(a):
    return f"{a['n']:03d}-{a['slug']}.{a['ext']}"

nums = [a['n'] for a in ARTS]
assert len(nums) == len(set(nums)), 'duplicate numbers'
assert all(101 <= n <= 199 for n in nums)
ARTS.sort(key=lambda a: a['n'])

lines = []
lines.append('# gold-b.yaml - letter B, articles 101-199: QUAD, AUKUS and ATP.')
lines.append('# FICTIONALISED TEST MATERIAL written for tariqa\'s "living record" reader benchmark. The articles in')
lines.append('# articles/1NN-*.html|txt were written for this gold set, in the writer\'s own words; outlets, bylines and')
lines.append('# URLs (.example) are invented. They are NOT sources and must never be cited in the record. Real events')
lines.append('# of the record are described with the record\'s facts; some articles deliberately get one fact wrong')
lines.append('# (class conflicts) and some report invented rounds (class new), e.g. the Quad officials\' round in')
lines.append('# Canberra (Feb 2026), a 2026 Malabar under Japan, the ATP FM round in Antalya (Apr 2026) and an ATP')
lines.append('# summit announced for Islamabad (2026).')
lines.append('# Conventions used here:')
lines.append('#  - states: sorted ISO3 of the member states that met (non-members such as SGP are left out);')
lines.append('#  - relative dates are resolved against `published` (the local date the page shows); a "# relative:"')
lines.append('#    comment names the expressions used;')
lines.append('#  - announcements without any date or year ("India will host the next summit") are not events;')
lines.append('#  - "first in-person" / "second held in Japan" are not format ordinals; ordinal is set only when the')
lines.append('#    article states the n-th round of the format;')
lines.append('#  - a planned announcement of a round that later took place (or was cancelled) corroborates that')
lines.append('#    record event; its cluster is the record event id; dates of different precision in one cluster')
lines.append('#    agree if the finer date falls inside the coarser one;')
lines.append('#  - bilateral pairs that are members of both QUAD and AUKUS (AUS-USA) are filed under the group the')
lines.append('#    article is about; other pairs under the only group that has both members;')
lines.append('#  - virtual meetings: city null; host only when the article says who hosted or convened.')
lines.append('articles:')

stats = dict(rel=0)
for a in ARTS:
    ev = evidences(a['paras'])
    fn = fname(a)
    pub = a['pub'][:10]
    lines.append(f'  - file: {fn}')
    if a['rel']:
        lines.append(f'    # relative: {a["rel"]}')
        stats['rel'] += 1
    if a['notes']:
        lines.append(f'    # note: {a["notes"]}')
    lines.append(f'    url: {a["url"]}')
    lines.append(f'    published: {pub}')
    lines.append(f'    language: {a["lang"]}')
    lines.append(f'    genre: {a["genre"]}')
    if not a['events']:
        lines.append('    events: []')
    else:
        lines.append('    events:')
        for e in a['events']:
            if e['note']:
                lines.append(f'      # {e["note"]}')
            lines.append(f'      - group: {e["group"]}')
            lines.append(f'        states: [{", ".join(e["states"])}]')
            lines.append(f'        level: {e["level"]}')
            lines.append(f'        kind: {e["kind"]}')
            lines.append(f'        date: {e["date"]}')
            lines.append(f'        date_precision: {e["date_precision"]}')
            lines.append(f'        end_date: {e["end_date"] or "null"}')
            lines.append(f'        city: {q(e["city"]) if e["city"] else "null"}')
            lines.append(f'        host: {e["host"] or "null"}')
            lines.append(f'        status: {e["status"]}')
            lines.append(f'        format: {e["format"] or "null"}')
            lines.append(f'        ordinal: {e["ordinal"] if e["ordinal"] is not None else "null"}')
            m = e['match']
            if m['class'] == 'new':
                lines.append('        match: {class: new}')
            elif m['class'] == 'corroborates':
                lines.append(f'        match: {{class: corroborates, event: {m["event"]}}}')
            else:
                lines.append(f'        match: {{class: conflicts, event: {m["event"]}, field: {m["field"]}, record: {q(str(m["record"]))}, candidate: {q(str(m["candidate"]))}}}')
            lines.append(f'        cluster: {e["cluster"]}')
            if e['ev'] not in ev:
                raise SystemExit(f'{fn}: no evidence marker {e["ev"]}')
            lines.append(f'        evidence: {q(ev[e["ev"]])}')
    # write article
    with open(os.path.join(OUT, fn), 'w', encoding='utf-8') as f:
        f.write(render(a))

with open(GOLD, 'w', encoding='utf-8') as f:
    f.write('\n'.join(lines) + '\n')
print('articles', len(ARTS), 'relative', stats['rel'])
