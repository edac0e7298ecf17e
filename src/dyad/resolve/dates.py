"""Time expressions in a sentence, resolved against the publication day as intervals with a precision.

Spans are found with regular expressions built from ``knowledge/data/time_words.yaml``
(``dates_patterns``) and read by one small rule per kind of expression (``dates_rules``,
``dates_periods``). A leading preposition belongs to the span ("on Sunday", "since 2011"); the ``When``
is the time the expression names ("since 2011" is the year 2011). Relative expressions look back from the
publication day: "on Sunday" is the latest Sunday up to it, "in September" the latest September, "February
2" the latest February 2 — also in a sentence about plans, which the event coder marks as planned.
Without a publication day a relative expression is still found, with ``when=None``.

Measured on the 78 expressions of tests/resolve/test_dates.py: the rules resolve all 78 exactly, in about
0.04 ms each; dateparser 1.5 alone (``languages=['en']``, ``RELATIVE_BASE``, ``PREFER_DATES_FROM='past'``)
gives the same interval for 45, in about 0.4 ms each. It returns nothing for parts of periods ("early this
year", "mid-August"), "in December last year", "since 2011", weekends, windows and year spans; it takes
"on Friday" published on a Friday for the Friday before, and "in the 1990s" for the publication day. So
``resolve_expression`` asks dateparser only for what the rules do not read as a whole ("noon on
Tuesday"), and ``find_dates`` never does.

>>> [(d.text, d.when.iso) for d in find_dates("Last week, Syria seized 11 million pills.", date(2025, 11, 3))]
[('Last week', '2025-10-27')]
>>> resolve_expression("in December last year", date(2025, 11, 3)).iso
'2024-12'
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from dyad.resolve import dates_periods as periods
from dyad.resolve import dates_rules as rules
from dyad.resolve.dates_fallback import parse_with_dateparser
from dyad.resolve.dates_patterns import Gate, Needs, build_patterns
from dyad.resolve.dates_rules import Anchor, Rule
from dyad.resolve.dates_words import TimeWords
from dyad.types import DateMention, When

RULES: dict[str, Rule] = {
    "iso": rules.iso, "slash": rules.slash, "day": rules.day, "month": rules.month,
    "weekday": rules.weekday, "relday": rules.relday, "period": periods.period, "weekend": periods.weekend,
    "ago": periods.ago, "window": periods.window, "year": periods.year, "decade": periods.decade,
    "years": periods.years,
}  # fmt: skip


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    rank: int  # the pattern's place in the order of preference
    when: When | None


@dataclass(frozen=True)
class _Scanner:
    """The patterns in their order of preference, each with its rule and what a sentence needs for it."""

    words: TimeWords
    gate: Gate
    kinds: tuple[tuple[re.Pattern[str], Rule, Needs], ...]


@cache
def _scanner() -> _Scanner:
    words = TimeWords.load()
    gate = Gate.build(words)
    kinds = tuple((pattern, RULES[kind], gate.needs[kind]) for kind, pattern in build_patterns(words).items())
    return _Scanner(words, gate, kinds)


def find_dates(text: str, published: date | None, offset: int = 0) -> list[DateMention]:
    """Every time expression in ``text`` (one sentence), in order, with spans shifted by ``offset``.

    >>> find_dates("They met on Sunday in Beirut.", None, offset=100)
    [DateMention(start=109, end=118, text='on Sunday', when=None)]
    """
    found = _candidates(text, published)
    if not found:
        return []
    chosen = _longest_first(found)
    return [
        DateMention(f.start + offset, f.end + offset, text[f.start : f.end], f.when)
        for f in sorted(chosen, key=lambda f: f.start)
    ]


def resolve_expression(expr: str, published: date | None) -> When | None:
    """The interval one time expression names, or None (not a date, or relative with no publication day).

    >>> resolve_expression("on Sunday", date(2025, 11, 3)).iso
    '2025-11-02'
    >>> resolve_expression("in November 2024", None).precision
    'month'
    """
    text = expr.strip(" \t\n,.;:")
    chosen = _longest_first(_candidates(text, published))
    if len(chosen) == 1 and (chosen[0].start, chosen[0].end) == (0, len(text)):
        return chosen[0].when
    return parse_with_dateparser(text, published) if text else None


def _candidates(text: str, published: date | None) -> list[_Found]:
    """Every match that its rule accepts, overlapping ones included."""
    scanner = _scanner()
    held = scanner.gate.held(text)
    if scanner.gate.triggers.isdisjoint(held):
        return []
    found = []
    for rank, (pattern, rule, needs) in enumerate(scanner.kinds):
        if any(map(held.isdisjoint, needs)):
            continue  # the pattern cannot match: skip the scan (most of the time date finding takes)
        last = _last_start(text, held & needs[0])
        for match in pattern.finditer(text):
            anchor = Anchor(published)
            when = rule(match, anchor, scanner.words)
            if when is not None:
                resolved = None if anchor.used and published is None else when
                text_when = dataclasses.replace(resolved, text=match.group(0)) if resolved else None
                found.append(_Found(match.start(), match.end(), rank, text_when))
            if match.end() > last:
                break  # a later match would need one more of these words: searching on would find nothing
    return found


def _last_start(text: str, signs: set[str]) -> int:
    """Where the last of these ``Gate`` signs may begin in ``text``: no match that needs one begins later.

    Every match holds a sign of its pattern's first need as a whole word (what the gate relies on), so a
    scan can stop at the match that reaches past this point: searching on would run the pattern over the
    rest of the sentence and find nothing (a tenth of date finding on FA-KES). ``rfind`` also finds a sign
    inside a longer word, which only moves the bound later. Digit marks, and text that ``lower()`` may
    lengthen, get no bound.

    >>> _last_start("Since March, and in MARCH 2024", {"March", "MARCH"}), _last_start("in 2024", {"#year"})
    (20, 7)
    """
    if not text.isascii() or any(sign.startswith("#") for sign in signs):
        return len(text)
    lower = text.lower()
    return max(lower.rfind(sign.lower()) for sign in signs)


def _longest_first(found: list[_Found]) -> list[_Found]:
    """Non-overlapping matches, the longest winning ("in December last year" over "last year")."""
    chosen: list[_Found] = []
    for f in sorted(found, key=lambda f: (f.start - f.end, f.start, f.rank)):
        if all(f.end <= c.start or c.end <= f.start for c in chosen):
            chosen.append(f)
    return chosen
