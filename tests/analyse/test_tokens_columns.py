"""Token columns: every column and slice reads exactly what the spaCy ``Token``/``Span`` would."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

from dyad.analyse.nlp import make_nlp
from dyad.analyse.tokens import Tokens

# Words that exercise the columns: names, lower case, punctuation, quotes, numbers, non-ASCII.
_WORDS = [
    "Syria", "and", "Lebanon", "met", ",", ".", "“", "”", '"', "al-Sarraj", "Élysée", "2024", "U.S.", "\n", "it's",
    "İstanbul", "STRASSE", "ǅemal", "ΣΟΦΙΑ",  # lower-casing beyond ASCII: the column is str.lower, as spaCy's
]


def _by_hand(words: list[str], spaces: list[bool], starts: list[bool]) -> Doc:
    return Doc(make_nlp().vocab, words=words, spaces=spaces, sent_starts=[True, *starts[1:]] if words else [])


def _assert_same(doc: Doc) -> None:
    tokens = Tokens.of(doc)
    assert tokens.text == doc.text
    assert tokens.texts == [t.text for t in doc]
    assert tokens.lowers == [t.lower_ for t in doc]
    assert tokens.idx == [t.idx for t in doc]
    assert tokens.spaces == [t.whitespace_ for t in doc]
    assert tokens.is_alpha == [t.is_alpha for t in doc]
    assert tokens.is_lower == [t.is_lower for t in doc]
    assert [tokens.sent_bounds(t.i) for t in doc] == [(t.sent.start, t.sent.end) for t in doc]
    assert [tokens.is_sent_start(t.i) for t in doc] == [bool(t.is_sent_start) for t in doc]
    assert [tokens.end_char(t.i) for t in doc] == [t.idx + len(t) for t in doc]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_WORDS), st.booleans(), st.booleans()), max_size=12))
def test_columns_match_tokens(rows: list[tuple[str, bool, bool]]) -> None:
    words = [w for w, _, _ in rows]
    _assert_same(_by_hand(words, [s for _, s, _ in rows], [b for _, _, b in rows]))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=8), st.integers(-10, 10), st.integers(-10, 10))
def test_span_text_is_the_slice_text(words: list[str], start: int, end: int) -> None:
    """Negative and out-of-range bounds too: ``doc[-1:]`` is the last token, ``doc[3:1]`` is empty."""
    doc = _by_hand(words, [True] * len(words), [False] * len(words))
    assert Tokens.of(doc).span_text(start, end) == doc[start:end].text


def test_sentences_of_the_pipeline() -> None:
    doc = make_nlp()("Syria and Lebanon met. They agreed.\nA new line")
    _assert_same(doc)
    tokens = Tokens.of(doc)
    assert [tokens.span_text(a, b) for a, b in zip(tokens.sent_starts, tokens.sent_ends, strict=True)] == [
        s.text for s in doc.sents
    ]


def test_built_once_per_doc() -> None:
    doc = make_nlp()("Talks ended.")
    assert Tokens.of(doc) is Tokens.of(doc)


def test_empty_doc() -> None:
    tokens = Tokens.of(make_nlp()(""))
    assert len(tokens) == 0 and tokens.sent_starts == [] and tokens.span_text(0, 3) == ""
