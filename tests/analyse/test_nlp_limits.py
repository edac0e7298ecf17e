"""The ``dyad_line_breaks`` component: line breaks start sentences, over-long runs are cut and counted."""

from __future__ import annotations

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Doc

from dyad.analyse.nlp import MAX_SENTENCE_TOKENS, SENTENCES_CUT, LineBreaks, make_nlp
from dyad.errors import DyadError


@pytest.fixture(scope="module")
def sentencizer() -> Language:
    """Tokenizer and rule sentencizer only: the input the component sees in ``make_nlp``."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def reference_starts(doc: Doc, limit: int) -> list[int]:
    """The rule written the obvious way (look back at every token): the component must agree with it."""
    run = 0
    for token in doc[1:]:
        prev = doc[token.i - 1]
        run = 0 if token.is_sent_start else run + 1
        if "\n" in prev.text or "\n" in prev.whitespace_ or run >= limit:
            token.is_sent_start = True
            run = 0
    return [s.start for s in doc.sents]


WORDS = st.sampled_from(["Syria", "met", "Lebanon", ".", "!", ",", "\n", "\n\n", " ", "talks", "x\ny", "Mr."])


@settings(max_examples=150, deadline=None)
@given(words=st.lists(WORDS, max_size=60), limit=st.integers(1, 12))
def test_boundaries_equal_the_look_back_rule(sentencizer: Language, words: list[str], limit: int) -> None:
    doc = sentencizer(" ".join(words))
    expected = reference_starts(doc.copy(), limit)
    assert [s.start for s in LineBreaks(limit)(doc).sents] == expected


def test_a_run_without_breaks_is_cut_every_limit_tokens_and_the_cuts_are_counted(sentencizer: Language) -> None:
    text = "Talks ended.\n" + " ".join(f"cell{n}" for n in range(12))
    doc = LineBreaks(5)(sentencizer(text))
    # "Talks ended ." and the line break (a token of its own), then twelve cells cut every five tokens
    assert [len(s) for s in doc.sents] == [3, 1, 5, 5, 2]
    assert doc.user_data[SENTENCES_CUT] == 2


def test_sentences_at_the_limit_and_line_breaks_are_not_cuts(sentencizer: Language) -> None:
    doc = LineBreaks(5)(sentencizer("one two three four\nsix seven eight nine ten"))  # "\n" is a token
    assert [s.text for s in doc.sents] == ["one two three four\n", "six seven eight nine ten"]
    assert doc.user_data[SENTENCES_CUT] == 0
    assert LineBreaks(5)(sentencizer("")).user_data[SENTENCES_CUT] == 0


def test_make_nlp_configures_the_component_and_keeps_one_pipeline_per_limit() -> None:
    cut_short = make_nlp(None, 7)
    assert cut_short is make_nlp(None, 7) and cut_short is not make_nlp()
    assert cut_short.config["components"]["dyad_line_breaks"]["max_sentence_tokens"] == 7
    assert make_nlp().get_pipe("dyad_line_breaks").max_sentence_tokens == MAX_SENTENCE_TOKENS
    doc = cut_short(" ".join(["word"] * 15))
    assert [len(s) for s in doc.sents] == [7, 7, 1] and doc.user_data[SENTENCES_CUT] == 2


def test_a_limit_below_one_token_is_refused() -> None:
    with pytest.raises(DyadError, match="max_sentence_tokens"):
        LineBreaks(0)


PUNCTUATED = st.sampled_from(["Syria", "met", ".", "!", "?", "...", "?!", '"', ")", ",", "\n", " ", "U.S.", "。", "‼"])


@settings(max_examples=200, deadline=None)
@given(words=st.lists(PUNCTUATED, max_size=60), limit=st.integers(1, 12))
def test_with_the_punctuation_rule_it_equals_spacys_sentencizer_then_the_look_back_rule(
    sentencizer: Language, words: list[str], limit: int
) -> None:
    text = " ".join(words)
    expected = reference_starts(sentencizer(text), limit)
    doc = LineBreaks(limit, punctuation=True)(sentencizer.make_doc(text))
    assert [s.start for s in doc.sents] == expected
    assert all(t.is_sent_start is not None for t in doc)  # every token decided, as the sentencizer does


def test_without_the_punctuation_rule_undecided_tokens_stay_undecided_for_a_parser() -> None:
    doc = LineBreaks(50)(spacy.blank("en").make_doc("Talks ended\nthen more talks"))
    assert [t.is_sent_start for t in doc] == [True, None, None, True, None, None]


def test_a_word_that_holds_a_line_break_starts_the_next_sentence() -> None:
    # spaCy's tokenizer keeps "\n" as a whitespace token; a hand-built Doc (or another tokenizer) may not.
    doc = Doc(spacy.blank("en").vocab, words=["Headline\n", "Body", "text", "2024\n", "More"])
    assert [s.text for s in LineBreaks(50)(doc).sents] == ["Headline\n", "Body text 2024\n", "More"]
