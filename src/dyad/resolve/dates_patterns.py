"""Regular expressions for time expressions, built from the word lists of ``time_words.yaml``.

Each kind of expression has its own pattern with named groups that its rule in ``dates_rules`` reads.
Weekday and month names match only capitalised (``Sunday``, ``SUNDAY``): lower-case "may" and "march" are
verbs. Every other word matches in any case. A leading preposition ("on", "since") belongs to the span.

Running a pattern over a sentence is the costly part of date finding, and most news sentences hold no date:
the ``Gate`` tells from a sentence's words and digits which patterns could match at all. Measured on the
10,016 FA-KES sentences: 0.28 s for all of them with the gate, 1.5 s running every pattern on each.

>>> patterns = build_patterns(TimeWords.load())
>>> patterns["weekday"].search("the agency reported on Friday.").group(0)
'on Friday'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from dyad.resolve.dates_words import ASCII_LOOKALIKES, TimeWords, fold

YEAR = r"(?<![\d.,])(?:19|20)\d\d(?![\w]|[.,]\d)"
SEP = r"(?:\s*[-‐–]\s*|\s+)"  # "mid-August", "mid August"
_START = r"(?<![\w-])"
_END = r"(?![\w])"


def _alt(words: Iterable[str], *, ignore_case: bool = True) -> str:
    """One alternation, longest first; spaces inside a phrase match any run of whitespace.

    Python's re tries the branches of an alternation one by one, and skips a branch in a single step only
    when it starts with a plain character or class, never with a case-insensitive letter. Every pattern
    tries its word lists at each word of a sentence, so the words are grouped by first character, and
    each group starts with a class of that character's spellings: most words of a sentence fail at their
    first letter (the scans take a third less time on FA-KES). Lists with a word that does not start
    with an ASCII character other than a space (which stands for any run of spaces) keep the plain form.

    >>> _alt(["on", "over", "in"])
    '(?:[Oo](?i:ver|n)|[Iiİı](?i:n))'
    """
    ordered = sorted(set(words), key=len, reverse=True)
    if not all(word and word[0].isascii() and not word[0].isspace() for word in ordered):
        body = "|".join(map(_escape, ordered))
        return f"(?i:{body})" if ignore_case else f"(?:{body})"
    groups: dict[str, list[str]] = {}
    for word in ordered:  # longest first within each group, as in the plain form
        groups.setdefault(word[0].lower() if ignore_case else word[0], []).append(_escape(word[1:]))
    flags = "i" if ignore_case else ""
    starts = _spellings_of if ignore_case else re.escape
    return "(?:" + "|".join(f"{starts(first)}(?{flags}:{'|'.join(rests)})" for first, rests in groups.items()) + ")"


def _escape(phrase: str) -> str:
    return re.escape(phrase).replace(r"\ ", r"\s+")


def _spellings_of(char: str) -> str:
    """A class of what ``(?i:char)`` matches: both cases of an ASCII character and the letters that
    re.IGNORECASE reads as it ("ſ" as "s")."""
    same = {char, char.upper(), *(odd for odd, plain in ASCII_LOOKALIKES.items() if plain == char)}
    return "[" + "".join(sorted(map(re.escape, same))) + "]" if len(same) > 1 else re.escape(char)


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


# Digit shapes that every match of some patterns holds, searched only when a year-like number is there.
_YEAR_DIGITS = r"(?:19|20)\d\d"
MARKS = {
    "#year": re.compile(_YEAR_DIGITS),
    "#iso": re.compile(rf"{_YEAR_DIGITS}-[01]\d-[0-3]\d"),
    "#slash": re.compile(rf"\d/\d\d?/{_YEAR_DIGITS}"),
    "#decade": re.compile(r"(?:19|20)\d0'?s"),
    "#years": re.compile(rf"{_YEAR_DIGITS}[\s\S]*?{_YEAR_DIGITS}"),
}
_LETTERS = re.compile(r"[^\W\d_]+")
_ASCII_LETTERS = re.compile(r"[A-Za-z]+")  # the same words in ASCII text, found faster
_LETTERS_ONLY = bytes(c if bytes([c]).isalpha() else ord(" ") for c in range(256))  # split() then finds them

Needs = tuple[frozenset[str], ...]


@dataclass(frozen=True)
class Gate:
    """What a sentence must hold for each pattern to match in it, read from the sentence's words.

    Every match holds its weekday or month name, its unit or day word, or its digits as a whole word; a
    sentence without them (most news sentences) skips the pattern, which would find nothing there.

    >>> gate = Gate.build(TimeWords.load())
    >>> gate.needs["ago"][0], sorted(gate.signs("In MAY 2024, talks"))
    (frozenset({'ago'}), ['#year', 'In', 'MAY', 'in', 'may', 'talks'])
    """

    needs: dict[str, Needs]  # kind → one sign of each set
    triggers: frozenset[str]  # one set of each kind together: a sentence with none of them holds no date
    named: frozenset[str]  # weekday and month names in lower case, which count only as written

    @classmethod
    def build(cls, words: TimeWords) -> Gate:
        month, weekday = _spellings(words.month_names), _spellings(words.weekday_names)
        units = _last_words(words.units)
        groups: dict[str, list[Iterable[str]]] = {
            "iso": [["#iso"]], "slash": [["#slash"]], "day": [month], "month": [month], "weekday": [weekday],
            "relday": [_last_words(words.relative_days)],
            "period": [_last_words(w for w in words.singular_units if words.units[w] != "day")],
            "weekend": [_last_words(words.weekend)], "ago": [_last_words(words.ago), units],
            "window": [_last_words(words.window), units], "year": [["#year"]], "decade": [["#decade"]],
            "years": [["#years"]],
        }  # fmt: skip
        needs = {kind: tuple(frozenset(group) for group in sets) for kind, sets in groups.items()}
        triggers = frozenset(sign for sets in needs.values() for sign in sets[0])
        return cls(needs, triggers, frozenset(name.lower() for name in month + weekday))

    @cached_property
    def known(self) -> frozenset[str]:
        """Every sign some kind needs, and ``named``: all that ``held`` keeps."""
        return frozenset(sign for sets in self.needs.values() for group in sets for sign in group) | self.named

    def signs(self, text: str) -> set[str]:
        """The words of ``text`` in lower case, as written when a name may be among them, and the ``MARKS``
        of the digit shapes it holds."""
        return self._signs(text, None)

    def held(self, text: str) -> set[str]:
        """The ``signs`` of ``text`` that some pattern needs: they decide what ``signs`` would decide.

        A sentence has some thirty words and a handful of them are time words; keeping only these
        makes a much smaller set, and the gate reads every sentence of every article.

        >>> sorted(Gate.build(TimeWords.load()).held("In MAY 2024, talks"))
        ['#year', 'MAY', 'may']
        """
        if not text.isascii():
            return self._signs(text, self.known)
        # The words _ASCII_LETTERS finds, read as bytes: translating and splitting takes half the time.
        raw = text.encode("ascii")
        found = self._known_bytes.intersection(raw.lower().translate(_LETTERS_ONLY).split())
        if not self._named_bytes.isdisjoint(found):
            found |= self._known_bytes.intersection(raw.translate(_LETTERS_ONLY).split())
        return _with_marks(text, {word.decode("ascii") for word in found})

    @cached_property
    def _known_bytes(self) -> frozenset[bytes]:
        return frozenset(sign.encode() for sign in self.known if sign.isascii())

    @cached_property
    def _named_bytes(self) -> frozenset[bytes]:
        return frozenset(name.encode() for name in self.named if name.isascii())

    def _signs(self, text: str, keep: frozenset[str] | None) -> set[str]:
        def words(pattern: re.Pattern[str], text: str) -> set[str]:
            found = pattern.findall(text)
            return set(found if keep is None else keep.intersection(found))

        if text.isascii():
            found = words(_ASCII_LETTERS, text.lower())
            if not self.named.isdisjoint(found):
                found.update(words(_ASCII_LETTERS, text))
        else:
            found = words(_LETTERS, fold(text)) | words(_LETTERS, text)
        return _with_marks(text, found)


def _with_marks(text: str, found: set[str]) -> set[str]:
    """``found`` and the ``MARKS`` of the digit shapes ``text`` holds."""
    if MARKS["#year"].search(text):
        found.update(mark for mark, shape in MARKS.items() if shape.search(text))
    return found


def _spellings(names: Iterable[str]) -> list[str]:
    """The last word of each name as ``_names`` matches it: capitalised and upper case ("Sept." → "Sept")."""
    return [_LETTERS.findall(form)[-1] for name in names for form in (name, name.upper())]


def _last_words(phrases: Iterable[str]) -> list[str]:
    """The last word of each phrase, in lower case: every match of the phrase holds it as a whole word."""
    return [_LETTERS.findall(fold(phrase))[-1] for phrase in phrases]


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
