"""The gate of date finding: a sentence skips a pattern only when that pattern cannot match in it."""

from __future__ import annotations

import re
import sys
from datetime import date

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from dyad.resolve.dates import _Found, _last_start, _longest_first, _scanner, find_dates
from dyad.resolve.dates_patterns import Gate, _alt, _escape, _spellings_of, build_patterns
from dyad.resolve.dates_rules import Anchor
from dyad.resolve.dates_words import TimeWords

MONDAY = date(2025, 11, 3)
WORDS = TimeWords.load()
GATE = Gate.build(WORDS)
PATTERNS = build_patterns(WORDS)
EVERYTHING = "".join(map(chr, range(sys.maxunicode + 1))).encode("utf-8", "surrogatepass").decode("utf-8", "replace")


def _skipped_kinds_that_match(text: str) -> list[str]:
    """Kinds whose pattern matches in ``text`` although the gate would skip it (must be none)."""
    held = GATE.signs(text)
    skipped = {kind for kind, needs in GATE.needs.items() if any(need.isdisjoint(held) for need in needs)}
    if GATE.triggers.isdisjoint(held):
        skipped = set(GATE.needs)
    return [kind for kind in sorted(skipped) if PATTERNS[kind].search(text)]


@pytest.mark.parametrize(
    "sentence",
    ["Prices rose last month.", "They met on Sunday in Beirut.", "Talks resume mid-2024.",
     "Unlike the 1990s, the war drags on.", "Yesterday the army advanced.", "ON SUNDAY, TROOPS LEFT.",
     "LAST WEEK the talks failed.", "Sun. 2 Nov. 2025 was quiet.", "Filed 2024-02-02 in Rome.",
     "Filed 13/02/2024 in Rome.", "Fighting from 2011 to 2015 and 2011–2015.", "It began three days ago.",
     "Over the past two weeks, aid stalled.", "Protests grew this weekend.", "In early September the siege ended.",
     "Later this year elections are due.", "The strike came late on Friday night.", "Since March 2011, war.",
     "Published in post-2011 Syria.", "The 3rd of March 2024 saw talks.", "The day before yesterday, shelling.",
     "Protesters met last\nnight.", "Life in the 1990's was calm.", "Between 2011 and 2015, talks.",
     "It ended at the end of last year.", "It happened a year ago.",
     # Letters that re.IGNORECASE equates with ASCII ones: "ſ" is s, "K" (Kelvin) is k, "İ" and "ı" are i.
     "They met yeſterday.", "Talks failed last wee\u212a.", "Shelling resumed tonİght.", "It ended thıs year."],
)  # fmt: skip
def test_a_sentence_with_a_date_is_never_skipped(sentence: str) -> None:
    assert find_dates(sentence, MONDAY), sentence
    assert _skipped_kinds_that_match(sentence) == []


@pytest.mark.parametrize(
    "sentence",
    ["The council has 30 members.", "Aid worth 1.5 million dollars arrived.", "The story ran in the Times.",
     "Iran may strike back, and protesters march on the capital.", "UNSC resolution 225 calls for talks."],
)  # fmt: skip
def test_a_sentence_without_date_words_skips_every_pattern(sentence: str) -> None:
    held = GATE.signs(sentence)
    assert GATE.triggers.isdisjoint(held) or all(
        any(need.isdisjoint(held) for need in needs) for needs in GATE.needs.values()
    )


def test_every_letter_that_ignore_case_reads_as_ascii_is_read_so_by_the_gate() -> None:
    odd = set(re.findall("(?i)[a-z]", EVERYTHING)) - set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
    assert len(odd) == 4  # İ ı ſ K, as Python's re documentation lists
    for char in odd:
        [letter] = [c for c in "abcdefghijklmnopqrstuvwxyz" if re.fullmatch(f"(?i:{c})", char)]
        assert f"x{letter}y" in GATE.signs(f"x{char}y"), char


# Whole expressions, so that random texts often hold a date, and their words and digits alone.
_PHRASES = ["on Sunday", "last month", "mid-2024", "the 1990s", "the 1990's", "yesterday", "mid-August",
            "early this year", "Nov. 2, 2025", "the 3rd of March 2024", "2024-02-02", "13/02/2024",
            "from 2011 to 2015", "2011–2015", "three days ago", "the past two weeks", "this weekend"]  # fmt: skip
_PIECES = sorted(
    {*_PHRASES, *WORDS.weekday_names, *WORDS.month_names, *WORDS.relative_days, *WORDS.shifts, *WORDS.units,
     *WORDS.numbers, *WORDS.ago, *WORDS.window, *WORDS.parts, *WORDS.prepositions, *WORDS.year_words,
     *WORDS.weekend, *WORDS.range_joiners, *WORDS.times_of_day, "the", "2011", "02", "3rd", "29", "Sun", "ſ",
     "\u212a", "İ", "ı", "é", "_", "'", "(", ")"}
)  # fmt: skip
_CASES = (str, str.upper, str.lower, str.title, str.swapcase)
_PIECE = st.builds(lambda word, case: case(word), st.sampled_from(_PIECES), st.sampled_from(_CASES))
_GAP = st.sampled_from([" ", "  ", "", "-", "–", ", ", ". ", "\n", "/"])
_ANY = st.one_of(st.sampled_from(_PHRASES), _PIECE, st.text(max_size=3))
_TEXT = st.lists(st.tuples(_ANY, _GAP), max_size=12).map(lambda parts: "".join(p + gap for p, gap in parts))


@given(_TEXT)
def test_no_pattern_that_matches_is_ever_skipped(text: str) -> None:
    assert _skipped_kinds_that_match(text) == []


def _skipped(held: set[str]) -> set[str]:
    if GATE.triggers.isdisjoint(held):
        return set(GATE.needs)
    return {kind for kind, needs in GATE.needs.items() if any(need.isdisjoint(held) for need in needs)}


@given(_TEXT)
def test_the_signs_the_gate_keeps_skip_what_all_signs_skip(text: str) -> None:
    assert GATE.held(text) <= GATE.signs(text)
    assert _skipped(GATE.held(text)) == _skipped(GATE.signs(text))


@given(_TEXT)
def test_the_gate_reads_ascii_text_as_it_reads_any_text(text: str) -> None:
    # held() reads ASCII sentences as bytes, a faster way to the same words
    assert GATE.held(text) == GATE.signs(text) & GATE.known


def _every_match(text: str, published: date) -> list[tuple[int, int, str]]:
    """The expressions found with every pattern run over the whole text: no gate and no early stop."""
    scanner = _scanner()
    found = []
    for rank, (pattern, rule, _needs) in enumerate(scanner.kinds):
        for match in pattern.finditer(text):
            anchor = Anchor(published)
            when = rule(match, anchor, scanner.words)
            if when is not None:
                found.append(_Found(match.start(), match.end(), rank, when))
    return sorted((f.start, f.end, f.when.iso if f.when else "") for f in _longest_first(found))


@given(_TEXT)
def test_skipping_patterns_and_stopping_scans_early_finds_what_full_scans_find(text: str) -> None:
    found = [(d.start, d.end, d.when.iso if d.when else "") for d in find_dates(text, MONDAY)]
    assert found == _every_match(text, MONDAY)


def test_a_scan_stops_after_the_last_word_its_pattern_needs() -> None:
    assert _last_start("On Sunday and on SUNDAY, talks", {"Sunday", "SUNDAY"}) == 17
    assert _last_start("Last week, weeks", {"week"}) == 11  # a bound: "weeks" holds "week" too
    assert _last_start("In 2024, talks", {"#year"}) == len("In 2024, talks")
    assert _last_start("Talks on Sunday, yeſterday", {"Sunday"}) == len("Talks on Sunday, yeſterday")


def test_the_first_letter_class_matches_what_ignore_case_matches() -> None:
    near_ascii = set(re.findall(r"(?i)[\x20-\x7e]", EVERYTHING))  # the only characters a class may need
    for char in map(chr, range(0x20, 0x7F)):
        spellings = re.compile(_spellings_of(char.lower()))
        ignoring_case = re.compile(f"(?i:{re.escape(char)})")
        same = {c for c in near_ascii if ignoring_case.fullmatch(c)}
        assert {c for c in near_ascii if spellings.fullmatch(c)} == same, char
        assert set(re.findall(spellings, EVERYTHING)) <= near_ascii, char


_WORD = st.text(alphabet="abOnS sſ.-İk\u212a", min_size=1, max_size=6)


@settings(max_examples=1000)
@given(st.lists(_WORD, min_size=1, max_size=6), st.text(alphabet="abOnS sſ.-İk\u212aé", max_size=12), st.booleans())
@example(words=[" "], text="  ", ignore_case=False)  # a leading space stands for any run of spaces
def test_grouped_alternation_matches_as_the_plain_one(words: list[str], text: str, ignore_case: bool) -> None:
    ordered = "|".join(_escape(w) for w in sorted(set(words), key=len, reverse=True))
    plain = re.compile(f"(?i:{ordered})" if ignore_case else f"(?:{ordered})")
    grouped = re.compile(_alt(words, ignore_case=ignore_case))
    for start in range(len(text) + 1):
        found, expected = grouped.match(text, start), plain.match(text, start)
        assert (found and found.span()) == (expected and expected.span()), (words, text, start)
        for end in range(start, len(text) + 1):  # the other matches, which backtracking reaches
            assert bool(grouped.fullmatch(text, start, end)) == bool(plain.fullmatch(text, start, end))
