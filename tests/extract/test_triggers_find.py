"""Trigger phrases found in token columns: gaps, optional determiners, stop words, longest first."""

from __future__ import annotations

from spacy.tokens import Doc

from dyad.analyse.nlp import make_nlp
from dyad.extract.triggers import Triggers, _Entry, _entry, _steps
from dyad.knowledge.loader import TriggerRule

_HOLD_TALKS = TriggerRule("040", ("hold", "talks"))
_HOLD = TriggerRule("010", ("hold",))
_MEETING_WITH = TriggerRule("040", ("meeting", "the", "with"), nominal=True)


def _triggers(*rules: TriggerRule) -> Triggers:
    index: dict[str, list[_Entry]] = {}
    for rule in rules:
        for form in ({rule.words[0]} if rule.nominal else {rule.words[0], "held", "holds"}):
            index.setdefault(form, []).append(_entry(rule))
    return Triggers(index)


def _found(text: str, *rules: TriggerRule) -> list[list[tuple[str, int, int]]]:
    words = text.split(" ")
    doc = Doc(make_nlp().vocab, words=words, spaces=[True] * len(words))
    return [[(m.rule.code, m.start, m.end) for m in group] for group in _triggers(*rules).find(doc)]


def test_a_gap_of_up_to_four_words() -> None:
    assert _found("Syria held their first direct talks", _HOLD_TALKS, _HOLD) == [[("040", 1, 6), ("010", 1, 2)]]
    assert _found("Syria held one two three four five talks", _HOLD_TALKS) == []


def test_a_stop_word_ends_the_gap() -> None:
    assert _found("Syria held , talks", _HOLD_TALKS, _HOLD) == [[("010", 1, 2)]]


def test_nominal_rules_take_no_gap_but_an_optional_determiner() -> None:
    assert _found("a meeting with Lebanon", _MEETING_WITH) == [[("040", 1, 3)]]
    assert _found("a meeting the with Lebanon", _MEETING_WITH) == [[("040", 1, 4)]]
    assert _found("a meeting today with Lebanon", _MEETING_WITH) == []


def test_steps_read_once() -> None:
    assert _steps(_HOLD_TALKS) == (("talks", False, 4),)
    assert _steps(_MEETING_WITH) == (("the", True, 0), ("with", False, 0))


def test_the_word_that_must_follow_is_known_when_it_is_not_a_determiner() -> None:
    assert _entry(_HOLD_TALKS)[2] == "talks"
    assert _entry(_MEETING_WITH)[2] is None  # "a meeting with", "a meeting the with"
    assert _entry(_HOLD)[2] is None


def test_a_rule_whose_next_word_stands_beyond_the_gap_does_not_match() -> None:
    assert _found("Syria held one two three four talks", _HOLD_TALKS) == [[("040", 1, 7)]]
    assert _found("Syria held one two three four five talks", _HOLD_TALKS, _HOLD) == [[("010", 1, 2)]]
