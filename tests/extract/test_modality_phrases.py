"""Phrase tests of factuality: whole words only, anywhere or at the end of the window."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from dyad.extract.modality import _has

_VOCAB = ["will", "not", "is", "expected", "to", "n't", "did", "u.s.", "(", "a+b", "if", "would"]


def _naive(words: list[str], phrases: tuple[str, ...], at_end: bool) -> bool:
    """The definition: `` p `` inside (or ending) the space-padded words."""
    text = " " + " ".join(words) + " "
    return any(text.endswith(f" {p} ") if at_end else f" {p} " in text for p in phrases)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(_VOCAB), max_size=8),
    st.lists(st.lists(st.sampled_from(_VOCAB), min_size=1, max_size=3).map(" ".join), max_size=4).map(tuple),
    st.booleans(),
)
def test_has_is_the_phrase_definition(words: list[str], phrases: tuple[str, ...], at_end: bool) -> None:
    """Regular-expression characters in a phrase ("u.s.", "a+b", "(") are read literally."""
    assert _has(words, phrases, at_end) == _naive(words, phrases, at_end)


def test_whole_words_only() -> None:
    assert _has(["he", "will", "not", "go"], ("will not",))
    assert not _has(["he", "swill", "not"], ("will not",))
    assert _has(["is", "expected", "to"], ("expected to",), at_end=True)
    assert not _has(["expected", "to", "meet"], ("expected to",), at_end=True)
    assert not _has(["anything"], ())
