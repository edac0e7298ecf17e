"""The shortcuts of event extraction give what the plain definitions give.

Trigger heads of one-word rules, heads that need a next word, the last name before a verb, the
clause's end and the confidence table are all read faster than they are defined; these tests hold
each to its definition.
"""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

from dyad.analyse.found import Found
from dyad.analyse.nlp import make_nlp
from dyad.extract.arguments import Part
from dyad.extract.events import Context, EventExtractor, _confidence, _last_named
from dyad.extract.triggers import Triggers, _build, _entry
from dyad.ingest import article_from_text
from dyad.knowledge.loader import Knowledge, TriggerRule

_WORDS = ["killed", "held", "talks", "were", "ready", "to", "meeting", "with", "a", "forces", "out", ",", "the"]


def _plain(triggers: Triggers) -> Triggers:
    """The same index without its shortcuts: every head goes through the general matcher."""
    plain = Triggers(triggers.index)
    plain.one_word, plain.next_words = {}, {}
    return plain


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=12))
def test_shortcut_heads_match_as_the_general_matcher(knowledge: Knowledge, words: list[str]) -> None:
    doc = Doc(make_nlp().vocab, words=words, spaces=[True] * len(words))
    triggers = _build(knowledge)
    assert triggers.find(doc) == _plain(triggers).find(doc)


def test_one_word_rules_are_known_with_nominal_rules_first() -> None:
    verb, noun = TriggerRule("190", ("attack",)), TriggerRule("190", ("attack",), nominal=True)
    triggers = Triggers({"attack": [_entry(verb), _entry(noun)]})
    assert triggers.one_word == {"attack": [noun, verb]}
    doc = Doc(make_nlp().vocab, words=["Syria", "attack"], spaces=[True, True])
    assert [(m.rule, m.start, m.end) for m in triggers.find(doc)[0]] == [(noun, 1, 2), (verb, 1, 2)]


def test_heads_that_need_a_next_word() -> None:
    rule = TriggerRule("150", ("force", "out"))
    triggers = Triggers({"forces": [_entry(rule)]})
    assert triggers.next_words == {"forces": frozenset({"out"})}
    assert triggers.one_word == {}


def _covered_before(parts: list[Part], before: int) -> int:
    """The definition: the last token before ``before`` inside a part, read word by word."""
    return next((i for i in range(before - 1, -1, -1) if any(p.start <= i < p.end for p in parts)), -1)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 12), st.integers(0, 4)), max_size=5), st.integers(0, 14))
def test_last_named_is_the_last_covered_token(spans: list[tuple[int, int]], before: int) -> None:
    parts = [Part("K", start, start + length, "COUNTRY") for start, length in spans]
    assert _last_named(parts, before) == _covered_before(parts, before)


def test_confidence_rises_with_each_argument() -> None:
    cases: list[tuple[list[str], list[str]]] = [([], []), (["A"], []), ([], ["B"]), (["A"], ["B"])]
    assert [_confidence(s, t) for s, t in cases] == [0.5, 0.7, 0.7, 0.9]


def _extractor(text: str, knowledge: Knowledge) -> EventExtractor:
    article = article_from_text(text, "t.txt")
    doc = make_nlp()(article.text)
    return EventExtractor(Context(doc, article, [], knowledge, [], Counter(), []))


def test_arguments_stop_at_a_reporter_or_a_relative_clause(knowledge: Knowledge) -> None:
    extractor = _extractor("Syria attacked Turkey , officials said .", knowledge)
    match = _build(knowledge).find(extractor.doc)[0][0]
    assert extractor._stop(match, len(extractor.doc)) == 3  # the comma before "officials said"
    extractor = _extractor("Syria attacked Turkey , which denied it .", knowledge)
    match = _build(knowledge).find(extractor.doc)[0][0]
    assert extractor._stop(match, len(extractor.doc)) == 3


def test_a_place_is_looked_up_once(knowledge: Knowledge) -> None:
    extractor = _extractor("Syria attacked Turkey .", knowledge)
    place = Found(0, 1, "PLACE", "Benghazi", 0)
    first = extractor._locate(place)
    assert first is not None and first.country == "LBY"
    assert extractor._locate(Found(5, 6, "PLACE", "Benghazi", 0)) is first
