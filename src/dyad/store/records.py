"""Small shapes the store hands out and takes in, and the rules for stored ids and precisions.

>>> event_id("doc1", 3, 120, "CONSULT") == event_id("doc1", 3, 120, "CONSULT")
True
>>> contract_precision("week"), contract_precision("month")
('day', 'month')
>>> marks(3)
'?, ?, ?'
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from dyad.types import Kind, Precision


def marks(n: int) -> str:
    """``n`` SQL parameter marks, for ``IN (...)`` lists and ``VALUES (...)`` rows."""
    return ", ".join("?" * n)


@dataclass(slots=True)
class DocActorRow:
    """One stored in-document actor, with what cross-document linking needs to know about it.

    Linking reads every row of the store at once (millions in a large one), hence the slots, and
    not frozen: a frozen dataclass is built three times slower. Treat a row as read-only (it is
    not hashable either). The fields linking reads come first, in the order ``link_rows`` selects
    them, so that reader builds each row positionally; the last three (unused by linking) default
    to empty there, sparing a join with the documents table.
    """

    id: int
    document_id: str
    key: str
    name: str
    kind: Kind
    country: str | None
    sector: str | None
    aliases: tuple[str, ...]
    actor_id: str | None
    document_name: str = ""
    role: str | None = None
    published: date | None = None


@dataclass(frozen=True)
class CanonicalActor:
    """One real-world actor across documents; ``aliases`` are all the names its members go by."""

    id: str
    name: str
    kind: Kind
    country: str | None
    sector: str | None
    aliases: tuple[str, ...] = ()


def event_id(document_id: str, sentence: int, trigger_start: int, type_: str, salt: int = 0) -> str:
    """A deterministic event id: the same document codes to the same ids in any order, on any worker.

    ``salt`` separates two events that share document, sentence, trigger and type (rare: the coder
    split one trigger into events with different actors); it is their order in the ``Coded`` record.
    """
    text = f"{document_id}\x1f{sentence}\x1f{trigger_start}\x1f{type_}"
    if salt:
        text += f"\x1f{salt}"
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


# The export contract knows day, month and year. A week ("last week") or a range ("from 2 to 5
# May") is exported as day precision on its first day, and its ``date_end`` tells the span.
_CONTRACT_PRECISION: dict[Precision, str] = {
    "day": "day", "week": "day", "range": "day", "month": "month", "year": "year",
}


def contract_precision(precision: Precision) -> str:
    return _CONTRACT_PRECISION[precision]
