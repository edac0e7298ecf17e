"""The time words of ``knowledge/data/time_words.yaml``, read into one frozen record.

Lookups take the text as it appears in a sentence; case and inner whitespace do not matter.

>>> words = TimeWords.load()
>>> words.months["sept."], words.weekdays["sunday"], words.shifts["last"]
(9, 6, -1)
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).resolve().parents[1] / "knowledge" / "data" / "time_words.yaml"


# Under re.IGNORECASE four more letters match ASCII ones (Python's re documentation): a pattern finds
# "yeſterday" and "wee\u212a" (Kelvin sign). str.lower() leaves them (and makes "İ" two characters).
ASCII_LOOKALIKES = {"İ": "i", "ı": "i", "ſ": "s", "\u212a": "k"}
_ODD_CASES = str.maketrans(ASCII_LOOKALIKES)


def fold(text: str) -> str:
    """``text`` in lower case, read as re.IGNORECASE reads ASCII letters: ``fold("YEſTERDAY")`` is "yesterday"."""
    return text.translate(_ODD_CASES).lower()


def key(text: str) -> str:
    """The lookup form of a matched word: lower case, single spaces.

    >>> key("The  End of")
    'the end of'
    """
    return " ".join(fold(text).split())


@dataclass(frozen=True)
class TimeWords:
    """Word lists and their meanings; ``*_names`` keep the spelling that patterns must match."""

    weekday_names: tuple[str, ...]
    month_names: tuple[str, ...]
    weekdays: dict[str, int]  # lower-case name → 0 (Monday) … 6
    months: dict[str, int]  # lower-case name → 1 … 12
    relative_days: dict[str, int]  # word → days from publication
    times_of_day: tuple[str, ...]
    shifts: dict[str, int]  # last → -1, this → 0, next → 1
    units: dict[str, str]  # word → day | week | month | year
    singular_units: frozenset[str]  # "week", not "weeks": the first word listed for each unit
    abbreviations: frozenset[str]  # every weekday and month name but the full one listed first
    numbers: dict[str, int]
    ago: tuple[str, ...]
    window: tuple[str, ...]
    parts: dict[str, str]  # word → early | mid | late | earlier | later
    thirds: dict[str, tuple[int, int]]  # period kind → first unit of mid, first unit of late
    prepositions: tuple[str, ...]
    year_words: tuple[str, ...]
    weak_year_words: frozenset[str]
    year_followers: frozenset[str]
    weekend: tuple[str, ...]
    range_joiners: tuple[str, ...]

    @classmethod
    def load(cls, path: Path | None = None) -> TimeWords:
        """The shipped word lists, or those of another file in the same format."""
        return _load(path or DATA)


def _indexed(groups: list[list[str]], first: int) -> dict[str, int]:
    return {key(name): index for index, names in enumerate(groups, start=first) for name in names}


def _units(raw: dict[str, list[str]]) -> dict[str, str]:
    return {key(word): unit for unit, words in raw.items() for word in words}


def _keys(raw: dict[str, Any]) -> dict[str, Any]:
    return {key(word): value for word, value in raw.items()}


@cache
def _load(path: Path) -> TimeWords:
    with path.open(encoding="utf-8") as handle:
        raw: dict[str, Any] = yaml.safe_load(handle)
    return TimeWords(
        weekday_names=tuple(name for names in raw["weekdays"] for name in names),
        month_names=tuple(name for names in raw["months"] for name in names),
        weekdays=_indexed(raw["weekdays"], 0),
        months=_indexed(raw["months"], 1),
        relative_days=_keys(raw["relative_days"]),
        times_of_day=tuple(raw["times_of_day"]),
        shifts=_keys(raw["shifts"]),
        units=_units(raw["units"]),
        singular_units=frozenset(key(words[0]) for words in raw["units"].values()),
        abbreviations=frozenset(key(n) for names in raw["weekdays"] + raw["months"] for n in names[1:]),
        numbers=_keys(raw["numbers"]),
        ago=tuple(raw["ago"]),
        window=tuple(raw["window"]),
        parts=_keys(raw["parts"]),
        thirds={kind: (pair[0], pair[1]) for kind, pair in raw["thirds"].items()},
        prepositions=tuple(raw["prepositions"]),
        year_words=tuple(raw["year_words"]),
        weak_year_words=frozenset(key(w) for w in raw["weak_year_words"]),
        year_followers=frozenset(key(w) for w in raw["year_followers"]),
        weekend=tuple(raw["weekend"]),
        range_joiners=tuple(raw["range_joiners"]),
    )
