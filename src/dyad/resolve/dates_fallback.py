"""dateparser, for expressions the rules of ``dates_rules``/``dates_periods`` do not read as a whole.

Only ``resolve_expression`` comes here; ``find_dates`` finds and resolves spans with the rules alone,
because dateparser reads counts as dates ("13 months" → 13 months ago) and cannot find spans itself.
Without a publication day an expression counts as absolute only when two different relative bases
give the same answer.

>>> parse_with_dateparser("the 3rd of March, 2024", None).iso
'2024-03-03'
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from dyad.resolve.dates_calendar import month_span, week_of, year_span
from dyad.types import When

# Two far-apart stand-ins for a missing publication day: only an absolute expression reads the same from both.
_PROBES = (date(2001, 6, 15), date(2013, 2, 20))


def parse_with_dateparser(expr: str, published: date | None) -> When | None:
    """The interval dateparser reads in ``expr``, preferring the past, or None."""
    if published is not None:
        return _parse(expr, published)
    first, second = (_parse(expr, probe) for probe in _PROBES)
    return first if first == second else None


def _parse(expr: str, base: date) -> When | None:
    # Importing dateparser takes a noticeable fraction of a second; most runs never need it.
    from dateparser.date import DateDataParser

    settings: dict[str, Any] = {
        "RELATIVE_BASE": datetime.combine(base, time()),
        "PREFER_DATES_FROM": "past",
        "RETURN_TIME_AS_PERIOD": True,
    }
    data = DateDataParser(languages=["en"], settings=settings).get_date_data(expr)
    if data.date_obj is None:
        return None
    day: date = data.date_obj.date()
    if data.period == "week":
        return When(*week_of(day), "week", expr)
    if data.period == "month":
        return When(*month_span(day.year, day.month), "month", expr)
    if data.period == "year":
        return When(*year_span(day.year), "year", expr)
    return When(day, day, "day", expr)  # "day" or "time" (a clock time on that day)
