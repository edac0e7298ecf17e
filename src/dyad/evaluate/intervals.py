"""Dates as closed intervals of days, for the gold's "lies within" test.

A gold date may be a day, a month, a year or a ``[from, to]`` range whose ends are themselves
of any granularity; a system date is a day widened by its precision, or ``[date, date_end]``.
Both become ``(first day, last day)`` so that one comparison serves every case.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

Interval = tuple[date, date]

_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def period(text: str) -> Interval:
    """The days covered by ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``; ValueError for anything else.

    >>> period("2025-02")
    (datetime.date(2025, 2, 1), datetime.date(2025, 2, 28))
    >>> period("1976")[1]
    datetime.date(1976, 12, 31)
    """
    found = _ISO.fullmatch(text.strip()) if isinstance(text, str) else None
    if found is None:
        raise ValueError(f"{text!r} is not YYYY-MM-DD, YYYY-MM or YYYY")
    year, month, day = found.groups()
    if day is not None:
        one = date(int(year), int(month), int(day))
        return one, one
    if month is not None:
        last = calendar.monthrange(int(year), int(month))[1]
        return date(int(year), int(month), 1), date(int(year), int(month), last)
    return date(int(year), 1, 1), date(int(year), 12, 31)


def gold_interval(value: Any) -> Interval | None:
    """A gold date as an interval: a period, or ``[from, to]`` from the start of one to the end of the other.

    >>> gold_interval(["2025-10", "2025-11-02"])
    (datetime.date(2025, 10, 1), datetime.date(2025, 11, 2))
    >>> gold_interval(None) is None
    True
    """
    if value is None:
        return None
    if isinstance(value, list):
        if len(value) != 2:
            raise ValueError(f"a date range has two ends, not {len(value)}")
        start, end = period(value[0])[0], period(value[1])[1]
        if end < start:
            raise ValueError(f"the range {value} ends before it starts")
        return start, end
    return period(value)


def system_interval(event: Mapping[str, Any]) -> Interval | None:
    """The days a system event's date covers: ``[date, date_end]``, else the date widened by its precision.

    >>> system_interval({"date": "2025-10-01", "date_precision": "month"})[1]
    datetime.date(2025, 10, 31)
    >>> system_interval({"date": "2025-10-01", "date_end": "2025-10-03"})[1]
    datetime.date(2025, 10, 3)
    >>> system_interval({"date": None}) is None
    True
    """
    if not event.get("date"):
        return None
    start, end = period(event["date"])
    if event.get("date_end"):
        return start, period(event["date_end"])[1]
    precision = event.get("date_precision")
    if precision == "month":
        return period(f"{start:%Y-%m}")
    if precision == "year":
        return period(f"{start:%Y}")
    if precision == "week":
        return start, start + timedelta(days=6)
    return start, end


def within(inner: Interval, outer: Interval) -> bool:
    """Whether every day of ``inner`` is a day of ``outer``.

    >>> within(period("2025-10"), gold_interval(["2025-09", "2025-10"]))
    True
    >>> within(period("2025-10"), period("2025-10-31"))
    False
    """
    return outer[0] <= inner[0] and inner[1] <= outer[1]
