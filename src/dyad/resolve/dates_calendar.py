"""Calendar arithmetic for date resolution: weeks, months, the most recent weekday, thirds of a period.

Weeks run Monday to Sunday (ISO 8601), as in most wire copy outside North America. Every span is a pair
of inclusive days.

>>> week_of(date(2025, 11, 3))
(datetime.date(2025, 11, 3), datetime.date(2025, 11, 9))
>>> recent_weekday(date(2025, 11, 3), 6)
datetime.date(2025, 11, 2)
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

Span = tuple[date, date]
DAY = timedelta(days=1)


def week_of(day: date) -> Span:
    """The Monday–Sunday week holding ``day``."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def month_span(year: int, month: int) -> Span:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def year_span(year: int) -> Span:
    return date(year, 1, 1), date(year, 12, 31)


def add_months(year: int, month: int, count: int) -> tuple[int, int]:
    """The (year, month) ``count`` months away: ``add_months(2025, 1, -2)`` is (2024, 11)."""
    index = year * 12 + month - 1 + count
    return index // 12, index % 12 + 1


def months_before(day: date, count: int) -> date:
    """The same day of the month ``count`` months earlier, clipped to the month's last day."""
    year, month = add_months(day.year, day.month, -count)
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def recent_weekday(anchor: date, weekday: int, *, strict: bool = False) -> date:
    """The latest day with that weekday (Monday = 0) up to ``anchor``, or before it when ``strict``."""
    back = (anchor.weekday() - weekday) % 7
    return anchor - timedelta(days=back or (7 if strict else 0))


def coming_weekday(anchor: date, weekday: int) -> date:
    """The first day with that weekday after ``anchor``."""
    return anchor + timedelta(days=(weekday - anchor.weekday()) % 7 or 7)


def month_year(anchor: date, month: int, step: int | None) -> int:
    """The year of the named month: the latest not after ``anchor``'s month when ``step`` is None;
    strictly before it (step < 0: "last March"), in the same year (0) or strictly after it (step > 0)."""
    if step == 0:
        return anchor.year
    if step is not None and step > 0:
        return anchor.year if month > anchor.month else anchor.year + 1
    before = month < anchor.month if step is not None else month <= anchor.month
    return anchor.year if before else anchor.year - 1


def recent_day(anchor: date, month: int, day: int) -> date | None:
    """The latest ``month``/``day`` not after ``anchor`` (February 29 looks back to a leap year).

    >>> recent_day(date(2025, 11, 3), 12, 25)
    datetime.date(2024, 12, 25)
    """
    for year in range(anchor.year, anchor.year - 9, -1):
        try:
            found = date(year, month, day)
        except ValueError:
            continue
        if found <= anchor:
            return found
    return None


def third(kind: str, span: Span, part: str, splits: tuple[int, int], anchor: date) -> Span:
    """The early, mid or late third of a period, or its part before ("earlier") or after ("later") ``anchor``.

    ``splits`` holds the first unit of the middle and of the late third (months of a year, days of a
    month, years of a decade, weekdays of a week, counted from 1).

    >>> third("year", year_span(2022), "late", (5, 9), date(2025, 1, 1))
    (datetime.date(2022, 9, 1), datetime.date(2022, 12, 31))
    """
    start, end = span
    if part == "earlier":
        return start, min(max(anchor, start), end)
    if part == "later":
        return max(min(anchor, end), start), end
    first, last = {"early": (1, splits[0]), "mid": (splits[0], splits[1]), "late": (splits[1], 0)}[part]
    return _unit_start(kind, start, first), (_unit_start(kind, start, last) - DAY if last else end)


def _unit_start(kind: str, start: date, unit: int) -> date:
    """The first day of unit number ``unit`` (from 1) of a period starting on ``start``."""
    if kind == "year":
        return date(start.year, unit, 1)
    if kind == "decade":
        return date(start.year + unit - 1, 1, 1)
    return start + timedelta(days=unit - 1)  # month: days; week: weekdays
