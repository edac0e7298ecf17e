"""Event scoring inside one gold document: the one-to-one assignment, at both levels.

Only asserted system events take part: a planned, negated or hypothetical event is neither a
true nor a false positive, and cannot find a gold event. Core gold events are assigned to
asserted system events by maximum matching (so two copies of one event give one TP and one
FP). A system event left unassigned is neutral if it matches some optional gold event (the
gold allows it without requiring it), otherwise a false positive.

>>> from dyad.evaluate.gold import GoldActor, GoldDocument, GoldEvent
>>> fra = GoldActor("fra", "France", "country", "FRA")
>>> doc = GoldDocument("a.txt", None, {"fra": fra}, (GoldEvent(("AGREE",), ("fra",)),))
>>> copy = {"type": "AGREE", "source": [{"country": "FRA"}], "target": []}
>>> outcome = document_outcome(doc, [copy, copy])
>>> len(outcome.strict.tp), len(outcome.strict.fp), len(outcome.strict.fn)
(1, 1, 0)
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from dyad.evaluate.assignment import max_matching
from dyad.evaluate.gold import GoldDocument, GoldEvent
from dyad.evaluate.match import matches

SystemEvent = Mapping[str, Any]


@dataclass(frozen=True)
class LevelOutcome:
    """One document at one level: matched pairs, false positives, missed core events, neutral events."""

    tp: tuple[tuple[GoldEvent, SystemEvent], ...]
    fp: tuple[SystemEvent, ...]
    fn: tuple[GoldEvent, ...]
    optional: int


@dataclass(frozen=True)
class DocumentOutcome:
    relaxed: LevelOutcome
    strict: LevelOutcome
    relaxed_partner: dict[int, SystemEvent]  # core gold event index -> its relaxed match


def document_outcome(doc: GoldDocument, asserted: Sequence[SystemEvent]) -> DocumentOutcome:
    """Score the asserted system events of ``doc`` at the strict and the relaxed level."""
    core = [event for event in doc.events if event.core]
    strict = _assign(doc, core, asserted, strict=True)
    # Relaxed places the strictly matched gold events first, so each of them is also matched
    # relaxed (augmenting paths never unmatch a placed item): relaxed never loses a strict TP.
    relaxed = _assign(doc, core, asserted, strict=False, first=strict.keys())
    return DocumentOutcome(
        relaxed=_level(doc, core, asserted, relaxed, strict=False),
        strict=_level(doc, core, asserted, strict, strict=True),
        relaxed_partner={core[g].index: asserted[s] for g, s in relaxed.items()},
    )


def _assign(doc: GoldDocument, core: Sequence[GoldEvent], asserted: Sequence[SystemEvent], strict: bool,
            first: Collection[int] = ()) -> dict[int, int]:
    """``{core gold position: asserted system position}``, a maximum one-to-one matching."""
    order = sorted(range(len(core)), key=lambda g: g not in first)

    def candidates(gold: GoldEvent) -> list[int]:
        found = [s for s, event in enumerate(asserted) if matches(gold, doc.actors, event, strict)]
        # Among relaxed candidates, prefer those that also pass strict: the better explanation.
        return sorted(found, key=lambda s: not matches(gold, doc.actors, asserted[s], True))

    assigned = max_matching([candidates(core[g]) for g in order])
    return {order[left]: right for left, right in assigned.items()}


def _level(doc: GoldDocument, core: Sequence[GoldEvent], asserted: Sequence[SystemEvent],
           assigned: dict[int, int], strict: bool) -> LevelOutcome:
    taken = set(assigned.values())
    optional = [event for event in doc.events if not event.core]
    rest = [event for s, event in enumerate(asserted) if s not in taken]
    neutral = [any(matches(gold, doc.actors, event, strict) for gold in optional) for event in rest]
    return LevelOutcome(
        tp=tuple((core[g], asserted[s]) for g, s in sorted(assigned.items())),
        fp=tuple(event for event, is_neutral in zip(rest, neutral, strict=True) if not is_neutral),
        fn=tuple(gold for g, gold in enumerate(core) if g not in assigned),
        optional=sum(neutral),
    )
