"""Regular expressions for time expressions, built from the word lists of ``time_words.yaml``.

Each kind of expression has its own pattern with named groups that its rule in ``dates_rules`` reads.
Weekday and month names match only capitalised (``Sunday``, ``SUNDAY``): lower-case "may" and "march" are
verbs. Every other word matches in any case. A leading preposition ("on", "since") belongs to the span.

>>> patterns = build_patterns(TimeWords.load())
>>> patterns["weekday"].search("the agency reported on Friday.").group(0)
'on Friday'
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from dyad.resolve.dates_words import TimeWords

YEAR = r"(?<![\d.,])(?:19|20)\d\d(?![\w]|[.,]\d)"
SEP = r"(?:\s*[-‐–]\s*|\s+)"  # "mid-August", "mid August"
_START = r"(?<![\w-])"
_END = r"(?![\w])"


def _alt(words: Iterable[str], *, ignore_case: bool = True) -> str:
    """One alternation, longest first; spaces inside a phrase match any run of whitespace."""
    escaped = [re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True)]
    body = "|".join(escaped)
    return f"(?i:{body})" if ignore_case else f"(?:{body})"


def _names(names: Iterable[str]) -> str:
    """Capitalised or upper-case spellings of weekday or month names."""
    return _alt([form for name in names for form in (name, name.upper())], ignore_case=False)


def build_patterns(words: TimeWords) -> dict[str, re.Pattern[str]]:
    """kind → compiled pattern; the order is the order of preference between equally long matches."""
    p = _Pieces(words)
    lead = rf"(?:(?P<lead>{p.prep})\s+)?"
    part = rf"(?:(?P<part>{p.part}){SEP})?"
    ysuffix = rf"(?:,?\s+(?:(?i:of)\s+)?(?:(?P<y>{YEAR})|(?P<yshift>{p.shift})\s+(?i:year)){_END})?"
    ordinal = r"(?:st|nd|rd|th)?"
    sources = {
        "iso": rf"{lead}(?<![\w-])(?P<y>{YEAR})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?![\w-])",
        "slash": rf"{lead}(?<![\w/])(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})/(?P<y>{YEAR})(?![\w/])",
        "day": rf"{_START}{lead}(?:{p.weekday},?\s+)?(?:(?i:the)\s+)?"
        rf"(?:(?P<m>{p.month})\s+(?P<d>\d{{1,2}}){ordinal}|(?P<d2>\d{{1,2}}){ordinal}\s+(?:(?i:of)\s+)?"
        rf"(?P<m2>{p.month})){_END}{ysuffix}",
        "month": rf"{_START}{lead}{part}(?:(?P<shift>{p.shift})\s+)?(?P<m>{p.month}){_END}{ysuffix}",
        "weekday": rf"{_START}{lead}(?:(?P<part>{p.part})(?:\s+(?i:on))?\s+)?(?:(?P<shift>{p.shift})\s+)?"
        rf"(?P<wd>{p.weekday}){_END}(?:\s+{p.time_of_day}{_END})?",
        "relday": rf"{_START}{lead}(?:{p.part}\s+)?(?P<word>{p.relday}){_END}",
        "period": rf"{_START}{lead}{part}(?P<shift>{p.shift}|(?i:the))\s+(?P<unit>{p.period_unit}){_END}",
        "weekend": rf"{_START}{lead}(?P<shift>{p.shift}|(?i:the))\s+{p.weekend}{_END}",
        "ago": rf"{_START}{lead}(?P<n>{p.number})\s+(?P<unit>{p.unit})\s+{p.ago}{_END}",
        "window": rf"{_START}{lead}(?i:the)\s+{p.window}\s+(?:(?P<n>{p.number})\s+)?(?P<unit>{p.unit}){_END}",
        "year": rf"{_START}(?:(?P<lead>{p.year_word}){SEP})?(?:(?i:the\s+year)\s+)?{part}(?P<y>{YEAR})",
        "decade": rf"{_START}{lead}(?i:the)\s+{part}(?P<y>(?:19|20)\d0)'?s{_END}",
        "years": rf"{_START}{lead}(?P<y1>{YEAR})(?:\s*(?P<dash>[-–])\s*|\s+{p.joiner}\s+)(?P<y2>{YEAR})",
    }
    return {kind: re.compile(source) for kind, source in sources.items()}


def build_precheck(words: TimeWords) -> re.Pattern[str]:
    """A quick test that a sentence may hold a time expression at all (most news sentences do not)."""
    triggers = [*words.relative_days, *words.units, *words.weekend, "weekend"]
    return re.compile(rf"{_names([*words.weekday_names, *words.month_names])}|{_alt(triggers)}|(?:19|20)\d\d")


class _Pieces:
    """The alternations every pattern is assembled from."""

    def __init__(self, words: TimeWords) -> None:
        self.prep = _alt(words.prepositions)
        self.part = _alt(words.parts)
        self.shift = _alt(words.shifts)
        self.weekday = _names(words.weekday_names)
        self.month = _names(words.month_names)
        self.time_of_day = _alt(words.times_of_day)
        self.relday = _alt(words.relative_days)
        self.unit = _alt(words.units)
        # "last week", never "last weeks" ("in the coming weeks", "next months vote" are not one period)
        self.period_unit = _alt(w for w in words.singular_units if words.units[w] != "day")
        self.number = rf"(?:{_alt(words.numbers)}|\d{{1,3}})"
        self.ago = _alt(words.ago)
        self.window = _alt(words.window)
        self.weekend = _alt(words.weekend)
        self.year_word = _alt(words.year_words)
        self.joiner = _alt(words.range_joiners)
