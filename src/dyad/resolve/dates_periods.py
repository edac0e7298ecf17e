"""Rules for expressions wider than a day: weeks, weekends, "N units ago", windows, years, decades.

Calendar periods step from the one holding the publication day ("last week" is the Monday–Sunday week
before it); windows end on it ("the past two weeks"). A bare four-digit number is a year only after a
year word of ``time_words.yaml`` or with a part word ("early 2022").

>>> from dyad.resolve.dates_patterns import build_patterns
>>> words = TimeWords.load()
>>> period(build_patterns(words)["period"].search("early this year"), Anchor(date(2025, 11, 3)), words)
When(start=datetime.date(2025, 1, 1), end=datetime.date(2025, 4, 30), precision='range', text='')
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from dyad.resolve.dates_calendar import add_months, month_span, months_before, week_of, year_span
from dyad.resolve.dates_rules import Anchor, parted, when_of
from dyad.resolve.dates_words import TimeWords, key
from dyad.types import Precision, When

_PRECISION: dict[str, Precision] = {"day": "day", "week": "week", "month": "month", "year": "year"}
# After a weak year word, a number followed by "to 3000" or "-3000" is one end of a count.
_COUNT_RANGE = re.compile(r"\s*(?:[-–]|(?i:to|and|or)\s)\s*\d")
_NEXT_WORD = re.compile(r"\s+([A-Za-z]+)")


def _step(shift: str, w: TimeWords) -> int:
    """How many periods away a shift word points; "the" (in "the end of the year") is the current one."""
    return 0 if key(shift) == "the" else w.shifts[key(shift)]


def period(m: re.Match[str], a: Anchor, w: TimeWords) -> When | None:
    """A calendar period: "last week", "this month", "next year", "early this year", "the end of the year"."""
    shift, part = m.group("shift"), m.group("part")
    if key(shift) == "the" and not part:
        return None  # "the year" alone is no date
    step, unit = _step(shift, w), w.units[key(m.group("unit"))]
    if unit == "week":
        span = week_of(a.day + timedelta(weeks=step))
    elif unit == "month":
        span = month_span(*add_months(a.day.year, a.day.month, step))
    else:
        span = year_span(a.day.year + step)
    return parted(unit, span, _PRECISION[unit], part, a, w)


def weekend(m: re.Match[str], a: Anchor, w: TimeWords) -> When | None:
    """A weekend: "this weekend" is the Saturday and Sunday of publication's week; "the weekend" the
    latest one that has begun by publication."""
    if key(m.group("shift")) == "the":
        monday = week_of(a.day if a.day.weekday() >= 5 else a.day - timedelta(weeks=1))[0]
    else:
        monday = week_of(a.day + timedelta(weeks=_step(m.group("shift"), w)))[0]
    return When(monday + timedelta(days=5), monday + timedelta(days=6), "range")


def _count(text: str, w: TimeWords) -> int:
    return int(text) if text.isdigit() else w.numbers[key(text)]


def ago(m: re.Match[str], a: Anchor, w: TimeWords) -> When | None:
    """A count back: "three days ago" is a day, "two weeks ago" that week, "six months ago" that month."""
    count, unit = _count(m.group("n"), w), w.units[key(m.group("unit"))]
    if unit == "day":
        back = a.day - timedelta(days=count)
        return When(back, back, "day")
    if unit == "week":
        return when_of(week_of(a.day - timedelta(weeks=count)), "week")
    if unit == "month":
        return when_of(month_span(*add_months(a.day.year, a.day.month, -count)), "month")
    return when_of(year_span(a.day.year - count), "year")


def window(m: re.Match[str], a: Anchor, w: TimeWords) -> When | None:
    """A window: "the past week", "the last three months", from that far back up to publication."""
    word = key(m.group("unit"))
    if not m.group("n") and word not in w.singular_units:
        return None  # "in the past days": too vague to be an interval
    count, unit = (_count(m.group("n"), w) if m.group("n") else 1), w.units[word]
    if unit in ("day", "week"):
        start = a.day - timedelta(days=count * (7 if unit == "week" else 1))
    else:
        start = months_before(a.day, count * (12 if unit == "year" else 1))
    return When(start, a.day, "range")


def _is_year_here(m: re.Match[str], w: TimeWords) -> bool:
    """After "of", "by", "from": "of 2000 fighters" is a count; "of 2015," and "by 2030 when" are years."""
    rest = m.string[m.end() :]
    if _COUNT_RANGE.match(rest):
        return False
    word = _NEXT_WORD.match(rest)
    return not word or not word.group(1).islower() or word.group(1) in w.year_followers


def year(m: re.Match[str], a: Anchor, w: TimeWords) -> When | None:
    """A year after a year word ("since 2011", "post-2011"), or a third of one ("in early 2022")."""
    lead, part = m.group("lead"), m.group("part")
    if not (lead or part):
        return None  # a bare number: "resolution 2254", "2011 uprising"
    if lead and not part and key(lead) in w.weak_year_words and not _is_year_here(m, w):
        return None
    return parted("year", year_span(int(m.group("y"))), "year", part, a, w)


def decade(m: re.Match[str], a: Anchor, w: TimeWords) -> When | None:
    """A decade: "in the 1990s", "the mid-1990s"."""
    start = int(m.group("y"))
    return parted("decade", (date(start, 1, 1), date(start + 9, 12, 31)), "range", m.group("part"), a, w)


def years(m: re.Match[str], a: Anchor, w: TimeWords) -> When | None:
    """A span of years: "from 2011 to 2015", "between 2011 and 2015", "2011–2015"."""
    first, last = int(m.group("y1")), int(m.group("y2"))
    if first >= last or not (m.group("lead") or m.group("dash")):
        return None
    return When(date(first, 1, 1), date(last, 12, 31), "range")
