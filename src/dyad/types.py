"""The shapes that flow through dyad, named once.

The route is ``Article → Analysis (a spaCy Doc plus records) → Coded → store``. Every later
stage returns small frozen records; character offsets always point into ``Article.text``,
the cleaned text that is stored, so any span can be shown again later.

>>> When(date(2025, 11, 2), date(2025, 11, 2), "day").iso
'2025-11-02'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

Kind = Literal["person", "organization", "group", "country"]
Factuality = Literal["asserted", "planned", "negated", "hypothetical"]
Precision = Literal["day", "week", "month", "year", "range"]
Side = Literal["source", "target"]


@dataclass(frozen=True)
class Article:
    """One ingested document, cleaned, with its metadata.

    ``id`` is a content hash of the cleaned text (so re-ingesting is a no-op);
    ``name`` is what users and gold files call it: the file name, or the row id
    for JSONL/CSV input. ``dateline`` is where the story was *filed* — never by
    itself the place of an event.
    """

    id: str
    name: str
    text: str
    title: str | None = None
    published: date | None = None
    dateline: str | None = None
    dateline_span: tuple[int, int] | None = None
    url: str | None = None
    source: str | None = None
    origin: str = ""
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rejection:
    """A document that could not be stored, with a reason a person understands."""

    origin: str
    reason: str
    name: str = ""


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Place:
    """A located place: a city, landmark, region or country (lat/lon when known)."""

    name: str
    country: str | None
    lat: float | None = None
    lon: float | None = None
    kind: str = "city"  # city | country | landmark | region


@dataclass(frozen=True)
class When:
    """A resolved time expression as an interval with a precision.

    ``start`` and ``end`` are inclusive days; ``precision`` tells how wide the
    original expression was ("last week" is a week, "in September" a month).
    """

    start: date
    end: date
    precision: Precision
    text: str = ""

    @property
    def iso(self) -> str:
        if self.precision == "year":
            return f"{self.start.year:04d}"
        if self.precision == "month":
            return f"{self.start.year:04d}-{self.start.month:02d}"
        return self.start.isoformat()


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    when: When | None  # None: a relative expression with no publication date to anchor it


@dataclass(frozen=True)
class Mention:
    """A span of the text that names an actor, place or title.

    ``label`` is one of PERSON, ORG, COUNTRY, GROUP, PLACE; ``country`` and
    ``sector`` are what the span itself says (a demonym, a title's sector).
    """

    start: int
    end: int
    text: str
    label: str
    sentence: int
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    key: str | None = None  # the in-document actor key this mention resolved to


@dataclass(frozen=True)
class Actor:
    """An actor inside one document (an in-document coreference cluster).

    ``key`` is unique within the document. Cross-document resolution maps it to
    a canonical actor id when the document is stored.
    """

    key: str
    name: str
    kind: Kind
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    aliases: tuple[str, ...] = ()
    mentions: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Event:
    """Who did what to whom, when and where, with the sentence it came from.

    ``source`` and ``target`` hold in-document actor keys. ``start``/``end``
    is the sentence span in ``Article.text``; ``trigger`` the verb phrase span.
    """

    type: str  # PLOVER
    mode: str | None
    cameo: str
    quad_class: int
    goldstein: float
    factuality: Factuality
    source: tuple[str, ...]
    target: tuple[str, ...]
    sentence: int
    start: int
    end: int
    trigger: tuple[int, int]
    date: When | None = None
    place: Place | None = None
    confidence: float = 0.5


@dataclass(frozen=True)
class Coded:
    """What the analysis of one article produced: the unit that is stored."""

    article: Article
    sentences: tuple[Sentence, ...] = ()
    mentions: tuple[Mention, ...] = ()
    actors: tuple[Actor, ...] = ()
    events: tuple[Event, ...] = ()
    dates: tuple[DateMention, ...] = field(default=())


@dataclass
class IngestSummary:
    """The accounting of one ingest run: every offered document is counted once."""

    read: int = 0
    new: int = 0
    duplicate: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    events: int = 0
    # (document name, note): documents coded and stored although a limit was hit (sentences cut).
    limited: list[tuple[str, str]] = field(default_factory=list)

    @property
    def offered(self) -> int:
        return self.new + self.duplicate + len(self.rejected)
