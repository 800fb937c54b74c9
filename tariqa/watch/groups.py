"""Which group and which format an event belongs to, against the record.

:func:`choose_group` takes the member states a sentence names and its cues: a group's
name ("the Quad"), or a size ("trilateral", "the three countries") completes the states
to the group's membership; a pair that two groups share (Azerbaijan and Türkiye are in
ATP and TAG) goes to the group the article is about (its names and other members'
mentions), else to the group the record files that pair's events under. States of no
common group give no event; a multilateral gathering (two or more non-members named
beside the members, with no group cue) gives none either.

:func:`choose_format` picks, for an event of the whole group, the format whose level
matches, whose kinds (in the record) include the event's kind, and whose track and name
words fit best.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import overload

from tariqa.vocab import EventKind, Level, Track
from tariqa.watch import cues
from tariqa.watch.draft import Draft
from tariqa.watch.gazetteer import Hit, fold
from tariqa.watch.record import FormatInfo, GroupInfo, RecordIndex

_WORD = re.compile(r"[a-z]+")


@dataclass(frozen=True)
class ArticleContext:
    """What the whole article says, for choices one sentence cannot make."""

    states: Counter[str]
    groups: Counter[str]
    words: frozenset[str]
    level: Level | None
    track: Track | None
    tier: str
    level_span: tuple[int, int] | None

    @classmethod
    def of(cls, hits: list[Hit], text: str, record: RecordIndex) -> ArticleContext:
        states: Counter[str] = Counter()
        groups: Counter[str] = Counter()
        for h in hits:
            for e in h.entries:
                if e.kind == "group":
                    groups[e.value] += 1
                    break
                if e.kind in ("country", "demonym", "person", "institution", "city") and e.state in record.members:
                    states[e.state] += 1
                    break
        words = frozenset(_WORD.findall(fold(text[:3000]).lower()))
        level = track = None
        tier = ""
        span = None
        head = text[: max(text.find("\n\n", text.find("\n\n") + 2), 400)]
        found: list[tuple[int, int, Level, Track, str, tuple[int, int]]] = []
        for part in (head, text):  # the lead's level, else the article's first
            for order, (pattern, lv, tr, name) in enumerate(cues.LEVEL_CUES):
                m = pattern.search(part)
                if m:
                    found.append((cues.LEVEL_RANK[lv], order if name != "ministers" else 99, lv, tr, name, m.span()))
            if found:
                break
        if found:
            found.sort(key=lambda f: (f[1], f[0]))
            _, _, level, track, tier, span = found[0]
        return cls(states, groups, words, level, track, tier, span)


def _score(g: GroupInfo, ctx: ArticleContext, named: set[str]) -> int:
    return 10 * ctx.groups[g.id] + sum(ctx.states[m] for m in g.members if m not in named)


_LIST_GAP = re.compile(r"^\s*(?:,|and|&|,\s*and|as well as)?\s*(?:the\s+)?$", re.I)


def listed_others(d: Draft) -> int:
    """How many non-members are named in one list with the members ("the leaders of Russia,
    Iran, Turkey, Iraq and Lebanon"), not apart from them ("..., with Iraq and Lebanon watching")."""
    text, base = d.sentence.text, d.sentence.start
    mentions = sorted([(a, b, True) for a, b in d.states.values()] + [(a, b, False) for a, b in d.other_spans])
    count = 0
    for i, (a, b, member) in enumerate(mentions):
        if member:
            continue
        linked = False
        for j in (i - 1, i + 1):
            if 0 <= j < len(mentions):
                x, y, other_member = mentions[j]
                gap = text[b - base : x - base] if j > i else text[y - base : a - base]
                if _LIST_GAP.match(gap) and (other_member or linked):
                    linked = True
        # a chain of non-members reaching a member counts whole
        if not linked:
            k = i
            while k + 1 < len(mentions) and _LIST_GAP.match(text[mentions[k][1] - base : mentions[k + 1][0] - base]):
                k += 1
                if mentions[k][2]:
                    linked = True
                    break
            k = i
            while not linked and k > 0 and _LIST_GAP.match(text[mentions[k - 1][1] - base : mentions[k][0] - base]):
                k -= 1
                if mentions[k][2]:
                    linked = True
        count += linked
    return count


def _pruned(d: Draft, record: RecordIndex) -> None:
    """When the states named fit no group, the ones named first (the subject: "the defence
    ministers of the United States, Japan and Australia agreed ... to hold drills with the
    Philippines") if they fit one: later ones are where, with whom or about whom."""
    if len(d.states) < 3 or record.groups_with(d.states) or d.size == len(d.states):
        return  # "a four-way meeting" of four states named: no group's
    order = sorted(d.states, key=lambda st: d.states[st][0])
    for n in range(len(order) - 1, 1, -1):
        if record.groups_with(order[:n]):
            d.states = {st: d.states[st] for st in order[:n]}
            return


def choose_group(d: Draft, record: RecordIndex, ctx: ArticleContext) -> tuple[GroupInfo, set[str]] | None:
    """The group of the event and its states (members only), or ``None``."""
    _pruned(d, record)
    named = set(d.states)
    cue = bool(d.size or d.groups)
    if listed_others(d) >= 2 and not cue:
        return None
    if d.size and d.others and len(named) < d.size:
        return None
    named_groups = [record.groups[g] for g in d.groups if g in record.groups]
    named_groups = [g for g in named_groups if named <= set(g.members)]
    if named_groups:
        g = named_groups[0]
        # the group named is who met ("the Quad leaders' summit"), unless the talks were
        # one-to-one and the group only where they took place ("met Biden separately at the Quad summit")
        where = re.search(
            r"\b(?:at|during|after|before|ahead of|following|on the sidelines of|on the margins of)\s+(?:the\s+)?"
            r"(?:[\w'-]+\s+){0,2}$",
            d.sentence.text[: max(d.group_cue_at, 0)],
            re.I,
        )
        one_to_one = d.bilateral or (where is not None and len(named) == 2)
        if one_to_one and len(named) >= 2:
            return g, named
        if d.group_thing and len(named) >= 2:
            return g, named  # "the AUKUS submarine deal": what they talked about, not who met
        return g, set(g.members)
    if d.size and not (d.bilateral and len(named) == 2):
        cands = [g for g in record.groups_with(named) if len(g.members) == d.size]
        if not cands:
            cands = [g for g in record.groups_with(named) if len(g.members) >= len(named) and len(named) >= 2]
            if not cands:
                return None
            if len(named) >= 2:
                return _pick(cands, ctx, named, d, record), named
            return None
        picked = _pick(cands, ctx, named, d, record, strict=len(named) < 2)
        return (picked, set(picked.members)) if picked is not None else None
    if len(named) < 2:
        return None
    cands = record.groups_with(named)
    if not cands:
        return None
    full = [g for g in cands if set(g.members) == named]
    if full:
        return full[0], named
    return _pick(cands, ctx, named, d, record), named


@overload
def _pick(cands: list[GroupInfo], ctx: ArticleContext, named: set[str], d: Draft, record: RecordIndex) -> GroupInfo: ...
@overload
def _pick(
    cands: list[GroupInfo], ctx: ArticleContext, named: set[str], d: Draft, record: RecordIndex, *, strict: bool
) -> GroupInfo | None: ...
def _pick(
    cands: list[GroupInfo],
    ctx: ArticleContext,
    named: set[str],
    d: Draft,
    record: RecordIndex,
    *,
    strict: bool = False,
) -> GroupInfo | None:
    """The group the sentence's place or the article points to; with ``strict``, none when
    nothing tells the candidates apart (a bare "trilateral" in an article about no group)."""
    if len(cands) == 1:
        return cands[0]
    places = {s for s in (d.city_state, *d.country_places) if s}
    by_place = [g for g in cands if places & (set(g.members) - named)]
    if len(by_place) == 1:
        return by_place[0]
    scored = sorted(((_score(g, ctx, named), g) for g in cands), key=lambda x: -x[0])
    if scored[0][0] > 0 and (len(scored) == 1 or scored[0][0] > scored[1][0]):
        return scored[0][1]
    # the one group that has a format at this level ("speakers": the group whose speakers meet)
    at_level = [g for g in cands if any(f.level == d.level for f in record.formats_of(g.id))]
    if len(at_level) == 1:
        return at_level[0]
    return None if strict else cands[0]


def choose_format(
    group: GroupInfo, states: set[str], d: Draft, record: RecordIndex, ctx: ArticleContext
) -> FormatInfo | None:
    """The format of an event of the whole group, or ``None`` (bilateral or no fit)."""
    if states != set(group.members):
        return None
    words = frozenset(_WORD.findall(d.sentence.text.lower())) | ctx.words
    best: tuple[float, FormatInfo] | None = None
    for f in record.formats_of(group.id):
        overlap = len(f.words & words)
        if f.level != d.level and overlap < 2:
            continue
        if (EventKind.EXERCISE in f.kinds) != (d.kind is EventKind.EXERCISE):
            continue
        if d.kind not in f.kinds and d.kind is not EventKind.MEETING:
            continue
        score = 2.0 * (f.level == d.level) + 1.5 * (f.track == d.track) + 0.5 * overlap - 1.5 * (d.kind not in f.kinds)
        if best is None or score > best[0]:
            best = (score, f)
    return best[1] if best else None
