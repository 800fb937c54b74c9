"""Checking published claims against the record: each claim gets a verdict, the events and
sources that decide it, and one plain sentence of explanation.

The verdict rules are documented in ``docs/claims.md``. In short: *supported* when the record
agrees at the precision the claim states; *contradicted* when the record firmly disagrees;
*imprecise* when the claim is right in substance but wrong in detail (right year, wrong
month; a count that fits only with planned, unconfirmed or low-confidence events; a value
the record itself is unsure of); *unverifiable* when the record has nothing to decide it.
"""

from __future__ import annotations

from pathlib import Path

from tariqa.claims import events, relations, values
from tariqa.claims.model import (
    AdoptedCheck,
    AlongsideCheck,
    Claim,
    ClaimsFile,
    CountCheck,
    FirstCheck,
    RoundCheck,
    TradeCheck,
    ValueCheck,
    load_claims,
)
from tariqa.claims.record import Record, Result, Verdict
from tariqa.claims.values import TRADE_TOLERANCE
from tariqa.storage import Store

__all__ = ["TRADE_TOLERANCE", "Result", "Verdict", "check_claims", "check_file", "load_claims"]


def check_file(store: Store, path: Path | str) -> list[Result]:
    """Load, validate and check a claims file (raises Problems if the file is invalid)."""
    return check_claims(store, load_claims(path, store))


def check_claims(store: Store, claims: ClaimsFile) -> list[Result]:
    """A verdict for every claim, in file order."""
    record = Record(store)
    return [_check(record, claim, claims.group) for claim in claims.claims]


def _check(record: Record, claim: Claim, default_group: str | None) -> Result:
    check = claim.check
    if isinstance(check, TradeCheck):
        return values.trade(record, claim, check)
    group = check.group or default_group or ""
    if isinstance(check, CountCheck):
        return events.count(record, claim, check, group)
    if isinstance(check, RoundCheck):
        return events.round_of(record, claim, check, group)
    if isinstance(check, FirstCheck):
        return events.first(record, claim, check, group)
    if isinstance(check, ValueCheck):
        return values.value(record, claim, check, group)
    if isinstance(check, AdoptedCheck):
        return relations.adopted(record, claim, check, group)
    if isinstance(check, AlongsideCheck):
        return relations.alongside(record, claim, check, group)
    return events.exists(record, claim, check, group)
