"""Data model for gold-b article generation (scratch, not a deliverable)."""
import re

ARTS = []

def E(group, states, level, kind, date, prec='day', end=None, city=None, host=None,
      status='held', fmt=None, ordinal=None, match=None, cluster=None, ev='1', note=None):
    return dict(group=group, states=sorted(states), level=level, kind=kind, date=date,
                date_precision=prec, end_date=end, city=city, host=host, status=status,
                format=fmt, ordinal=ordinal, match=match, cluster=cluster, ev=ev, note=note)

def C(eid):
    return {'class': 'corroborates', 'event': eid}

def N():
    return {'class': 'new'}

def X(eid, field, record, cand):
    return {'class': 'conflicts', 'event': eid, 'field': field, 'record': record, 'candidate': cand}

Q4 = ['AUS', 'IND', 'JPN', 'USA']
A3 = ['AUS', 'GBR', 'USA']
T3 = ['AZE', 'PAK', 'TUR']

def A(n, slug, ext, tpl, url, pub, title, paras, events=(), lang='en', genre='report',
      byline=None, related=(), rel=None, dateline=None, extra=None, notes=None, standfirst=None):
    """rel: None or a string describing the relative date expression(s) used."""
    ARTS.append(dict(n=n, slug=slug, ext=ext, tpl=tpl, url=url, pub=pub, title=title,
                     paras=list(paras), events=list(events), lang=lang, genre=genre,
                     byline=byline, related=list(related), rel=rel, dateline=dateline,
                     extra=extra or {}, notes=notes, standfirst=standfirst))

MARK = re.compile(r'⟦(\w+)\|(.*?)⟧', re.S)

def clean(text):
    return MARK.sub(lambda m: m.group(2), text)

def evidences(paras):
    out = {}
    for p in paras:
        for m in MARK.finditer(p):
            out[m.group(1)] = m.group(2)
    return out
