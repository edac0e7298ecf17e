"""Capitalised name runs, read from token columns of hand-built Docs."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

from dyad.analyse.names import is_acronym, name_runs
from dyad.analyse.nlp import make_nlp
from dyad.analyse.tokens import Tokens
from dyad.knowledge.loader import Knowledge


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    return Knowledge.load()


def _tokens(text: str) -> Tokens:
    words = text.split(" ")
    return Tokens.of(Doc(make_nlp().vocab, words=words, spaces=[True] * len(words)))


def test_runs_keep_particles_and_hyphens(knowledge: Knowledge) -> None:
    tokens = _tokens("envoy Hamad bin Isa Al Khalifa met Fayez Abdel - Aziz today")
    assert name_runs(tokens, set(), knowledge) == [(1, 6), (7, 11)]


def test_covered_tokens_split_runs(knowledge: Knowledge) -> None:
    tokens = _tokens("the Libyan Forces Army said")
    assert name_runs(tokens, {1}, knowledge) == [(2, 4)]
    assert name_runs(tokens, {1, 2, 3}, knowledge) == []


def test_a_particle_needs_a_name_after_it(knowledge: Knowledge) -> None:
    assert name_runs(_tokens("met Fayez al"), set(), knowledge) == [(1, 2)]
    assert name_runs(_tokens("met Fayez al - Sarraj"), set(), knowledge) == [(1, 2), (4, 5)]


def test_known_non_names_start_no_run(knowledge: Knowledge) -> None:
    assert "National" in knowledge.name_stopwords
    assert name_runs(_tokens("the National Army"), set(), knowledge) == [(2, 3)]


def _acronym_by_letters(text: str) -> bool:
    """The rule written letter by letter: the faster ``is_acronym`` must agree with it."""
    letters = [c for c in text if c.isalpha()]
    return text.isalnum() and 2 <= len(letters) <= 6 and all(c.isupper() for c in letters)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ABZaz19ÉéßǅⅫⅰبİ-. ", max_size=9))
def test_is_acronym_is_the_letter_rule(text: str) -> None:
    assert is_acronym(text) == _acronym_by_letters(text)


def test_a_line_break_token_ends_a_run(knowledge: Knowledge) -> None:
    tokens = _tokens("Fayez Sarraj \n Khalifa Haftar")
    assert name_runs(tokens, set(), knowledge) == [(0, 2), (3, 5)]
