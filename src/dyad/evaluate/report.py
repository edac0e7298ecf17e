"""The scores of one evaluation, as frozen records; :mod:`dyad.evaluate.render` prints them.

Ratios are computed from the counts kept beside them, and are None when their denominator is
zero (no system event, or no gold event, of that kind): "nothing to measure" is not 0 %.

>>> Counts(tp=3, fp=1, fn=3).precision, Counts(tp=3, fp=1, fn=3).recall
(0.75, 0.5)
>>> round(Counts(tp=3, fp=1, fn=3).f1, 3), Counts().precision
(0.6, None)
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Counts:
    """True positives, false positives and false negatives of one level (and type)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float | None:
        """tp / (tp + fp): the share of asserted system events that are core gold events."""
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float | None:
        """tp / (tp + fn): the share of core gold events found."""
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float | None:
        """The harmonic mean of precision and recall (0 when both are 0)."""
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)


@dataclass(frozen=True)
class LevelScore:
    """Event scores at one level; ``optional`` counts system events that matched only optional gold events."""

    level: str
    overall: Counts
    by_type: dict[str, Counts]
    optional: int = 0


@dataclass(frozen=True)
class MissedEvent:
    """A core gold event no asserted system event matches at the strict level.

    ``found_relaxed`` says whether it was matched at the relaxed level; then ``failed`` lists the
    strict checks (sector, date, place) its relaxed partner fails.
    """

    document: str
    index: int
    type: str
    actors: tuple[str, ...]
    directed: bool
    note: str
    found_relaxed: bool = False
    failed: tuple[str, ...] = ()


@dataclass(frozen=True)
class NegativeHit:
    """An asserted system event that matches a ``negative`` entry of the gold."""

    document: str
    event_id: str
    type: str
    source: tuple[str, ...]
    target: tuple[str, ...]
    note: str


@dataclass(frozen=True)
class PairIssue:
    """Why a ``same`` pair was not resolved, or how a ``different`` pair was merged."""

    first: str
    second: str
    problem: str


@dataclass(frozen=True)
class PairScore:
    """Gold actor pairs: ``found`` both found in their documents, ``together`` given one system id.

    For ``same`` pairs ``together`` is the success; for ``different`` pairs it is the error.
    """

    total: int
    found: int
    together: int
    issues: tuple[PairIssue, ...] = ()


@dataclass(frozen=True)
class AccuracyMiss:
    document: str
    actor: str
    expected: str
    found: str | None


@dataclass(frozen=True)
class Accuracy:
    """``correct`` of ``total`` gold persons, found in their document, got the gold value."""

    correct: int
    total: int
    misses: tuple[AccuracyMiss, ...] = ()

    @property
    def ratio(self) -> float | None:
        return _ratio(self.correct, self.total)


@dataclass(frozen=True)
class NoActorHit:
    """A ``no_actor`` string of the gold that the system made into an actor."""

    document: str
    text: str
    actor_id: str
    actor_name: str


@dataclass(frozen=True)
class Report:
    """Everything ``dyad eval`` measures over one gold file."""

    documents: int
    system_events: int  # distinct system events citing a gold document
    asserted: int  # of which asserted: the only ones scored
    relaxed: LevelScore
    strict: LevelScore
    missed: tuple[MissedEvent, ...]
    negatives: tuple[NegativeHit, ...]
    same: PairScore
    different: PairScore
    different_within: PairScore
    person_country: Accuracy
    person_sector: Accuracy
    no_actor: tuple[NoActorHit, ...]


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None
