"""The gold file (``dyad-gold/1``, see FORMAT.md) as frozen records; :mod:`gold_read` builds them.

Keys stay as the gold writes them (``"hajjar"``); names are kept as written too, and compared
through :func:`dyad.evaluate.names.normalise_name` only when matching.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from dyad.evaluate.intervals import Interval
from dyad.evaluate.names import name_forms

ActorRef = tuple[str, str]  # (document name, actor key)
KINDS = ("person", "organization", "group", "country")


@dataclass(frozen=True)
class GoldActor:
    """An actor a document names. ``country`` is the code that matches a ``country`` actor."""

    key: str
    name: str
    kind: str
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    aliases: tuple[str, ...] = ()

    @cached_property
    def forms(self) -> frozenset[str]:
        """The normal forms of the name and aliases (what a system name must equal)."""
        return name_forms((self.name, *self.aliases))


@dataclass(frozen=True)
class GoldEvent:
    """A gold event, or a ``negative`` entry (an event that must not be output).

    ``types`` empty means any type (a negative's ``"any"``). With ``directed`` the first actor
    is the source and the others are targets. ``date`` is the interval the system date must
    lie within; ``place_country`` the country its place must be in; None checks nothing.
    """

    types: tuple[str, ...]
    actors: tuple[str, ...]
    directed: bool = False
    date: Interval | None = None
    place_country: str | None = None
    core: bool = True
    note: str = ""
    index: int = 0  # position in the gold document's list, to name the event in reports

    @property
    def label(self) -> str:
        """The type as the gold wrote it, for reports: ``"AGREE|COOPERATE"``, or ``"any"``."""
        return "|".join(self.types) or "any"


@dataclass(frozen=True)
class GoldDocument:
    """What one document really says: its actors, events, forbidden events and forbidden actors."""

    name: str
    published: str | None
    actors: dict[str, GoldActor]
    events: tuple[GoldEvent, ...]
    negative: tuple[GoldEvent, ...] = ()
    different: tuple[tuple[str, str], ...] = ()
    no_actor: tuple[str, ...] = ()


@dataclass(frozen=True)
class Gold:
    """A whole gold file: its documents and the cross-document identity pairs."""

    documents: dict[str, GoldDocument]
    same: tuple[tuple[ActorRef, ActorRef], ...] = ()
    different: tuple[tuple[ActorRef, ActorRef], ...] = ()
