"""One rule per kind of time expression: a regex match (see ``dates_patterns``) becomes a ``When``.

A rule returns None when the match is not a date after all ("by 2000 soldiers", "February 30", an
ambiguous "02/03/2024"). Rules read the publication day through an ``Anchor``, which records whether
they needed it: an expression that did is relative, and has no ``When`` without a publication date.

>>> from dyad.resolve.dates_patterns import build_patterns
>>> anchor = Anchor(date(2025, 11, 3))
>>> match = build_patterns(TimeWords.load())["weekday"].search("on Sunday")
>>> weekday(match, anchor, TimeWords.load()).iso, anchor.used
('2025-11-02', True)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from dyad.resolve.dates_calendar import (
    Span,
    coming_weekday,
    month_span,
    month_year,
    recent_day,
    recent_weekday,
    third,
    week_of,
)
from dyad.resolve.dates_words import TimeWords, key
from dyad.types import Precision, When

STAND_IN = date(2000, 1, 1)  # resolves relative expressions when there is no publication day; never returned


class Anchor:
    """The publication day; ``used`` turns true once a rule has read it."""

    def __init__(self, published: date | None) -> None:
        self._published = published
        self.used = False

    @property
    def day(self) -> date:
        self.used = True
        return self._published or STAND_IN


Rule = Callable[[re.Match[str], Anchor, TimeWords], When | None]


def when_of(span: Span, precision: Precision) -> When:
    return When(span[0], span[1], precision)


def _day(day: date | None) -> When | None:
    return When(day, day, "day") if day else None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _year(m: re.Match[str], anchor: Anchor, words: TimeWords) -> int | None:
    """The year a ``ysuffix`` group names: "2024", "last year", or None when the match has none."""
    if m.group("y"):
        return int(m.group("y"))
    if m.group("yshift"):
        return anchor.day.year + words.shifts[key(m.group("yshift"))]
    return None


def parted(kind: str, span: Span, precision: Precision, part: str | None, a: Anchor, w: TimeWords) -> When:
    """The period itself, or its early/mid/late third (then a "range")."""
    if not part:
        return when_of(span, precision)
    meaning = w.parts[key(part)]
    anchor = a.day if meaning in ("earlier", "later") else STAND_IN
    return when_of(third(kind, span, meaning, w.thirds[kind], anchor), "range")


def iso(m: re.Match[str], a: Anchor, w: TimeWords) -> When | None:
    return _day(_safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d"))))


def slash(m: re.Match[str], a: Anchor, w: TimeWords) -> When | None:
    """dd/mm/yyyy or mm/dd/yyyy when only one reading is a date (or both read the same)."""
    first, second, year = int(m.group("a")), int(m.group("b")), int(m.group("y"))
    if first != second and first <= 12 and second <= 12:
        return None  # 02/03/2024: British 2 March or American 3 February; do not guess
    month, day = (second, first) if first > 12 else (first, second)
    return _day(_safe_date(year, month, day))


def day(m: re.Match[str], a: Anchor, w: TimeWords) -> When | None:
    month = w.months[key(m.group("m") or m.group("m2"))]
    number = int(m.group("d") or m.group("d2"))
    year = _year(m, a, w)
    if year is None:
        return _day(recent_day(a.day, month, number) if 1 <= number <= 31 else None)
    return _day(_safe_date(year, month, number))


def month(m: re.Match[str], a: Anchor, w: TimeWords) -> When | None:
    name, shift = m.group("m"), m.group("shift")
    year = _year(m, a, w)
    if year is None and not (m.group("lead") or m.group("part") or shift):
        return None  # a bare "May" may be a name ("Theresa May"); ask for "in May", "last May", "May 2024"
    if year is None and key(name) in w.abbreviations:
        return None  # wire style abbreviates a month only with a day or year: "at Feb" is no date
    number = w.months[key(name)]
    if year is None:
        year = month_year(a.day, number, w.shifts[key(shift)] if shift else None)
    return parted("month", month_span(year, number), "month", m.group("part"), a, w)


def weekday(m: re.Match[str], a: Anchor, w: TimeWords) -> When | None:
    """A weekday: "on Sunday" is the latest Sunday up to publication, "last Sunday" the one before it,
    "this Sunday" the Sunday of publication's week, "next Sunday" the first after it."""
    if key(m.group("wd")) in w.abbreviations:
        return None  # "Sun." alone is more often The Sun than Sunday; abbreviations count in full dates
    number, shift = w.weekdays[key(m.group("wd"))], m.group("shift")
    step = w.shifts[key(shift)] if shift else None
    if step is None or step < 0:
        return _day(recent_weekday(a.day, number, strict=step is not None))
    if step == 0:
        return _day(week_of(a.day)[0] + timedelta(days=number))
    return _day(coming_weekday(a.day, number))


def relday(m: re.Match[str], a: Anchor, w: TimeWords) -> When | None:
    return _day(a.day + timedelta(days=w.relative_days[key(m.group("word"))]))
