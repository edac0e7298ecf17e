"""The spaCy pipeline: a blank English tokenizer and a rule-based sentence splitter.

No pretrained pipeline can be installed where dyad runs, so analysis is built from spaCy's
tokenizer and rule machinery. A user who has a pipeline with an NER component can pass its
name or path; its entities then feed mention finding (see ``mentions.model_entities``).

>>> nlp = make_nlp()
>>> [s.text for s in nlp("Talks in Beirut\\nMinisters met.").sents]  # a headline has no period
['Talks in Beirut\\n', 'Ministers met.']
>>> doc = make_nlp(max_sentence_tokens=3)("one two three four five")
>>> [s.text for s in doc.sents], doc.user_data[SENTENCES_CUT]
(['one two three', 'four five'], 1)
"""

from __future__ import annotations

from functools import cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from dyad.errors import DyadError

# The tokenizer cache must be large enough for news vocabulary plus the gazetteer phrases:
# with the default 10k entries a big gazetteer halved throughput (LIBRARIES.md).
_TOKENIZER_CACHE = 200_000


# The longest sentence dyad reads as one, unless told otherwise (``Limits.max_sentence_tokens``): text
# with no sentence breaks (a scraped table, a 1 MB line) is cut every so many tokens, so coding time
# stays linear in the text length.
MAX_SENTENCE_TOKENS = 200
# Where the component records how many over-long sentences it cut in a doc.
SENTENCES_CUT = "dyad_sentences_cut"


class LineBreaks:
    """Start a sentence after every line break (headlines and paragraphs carry no final period), and
    cut sentences longer than ``max_sentence_tokens``, counting the cuts in ``doc.user_data``."""

    def __init__(self, max_sentence_tokens: int) -> None:
        if max_sentence_tokens < 1:
            raise DyadError(f"max_sentence_tokens must be at least 1, not {max_sentence_tokens}")
        self.max_sentence_tokens = max_sentence_tokens

    def __call__(self, doc: Doc) -> Doc:
        # One pass, carrying over whether the token before ends a line: cheaper than looking back.
        limit, run, cut = self.max_sentence_tokens, 0, 0
        tokens = iter(doc)
        first = next(tokens, None)
        broken = first is not None and "\n" in first.text_with_ws
        for token in tokens:
            run = 0 if token.is_sent_start else run + 1
            if broken:
                token.is_sent_start = True
                run = 0
            elif run >= limit:
                token.is_sent_start = True
                run, cut = 0, cut + 1
            broken = "\n" in token.text_with_ws
        doc.user_data[SENTENCES_CUT] = cut
        return doc


@Language.factory("dyad_line_breaks", default_config={"max_sentence_tokens": MAX_SENTENCE_TOKENS})
def line_breaks(nlp: Language, name: str, max_sentence_tokens: int) -> LineBreaks:
    """The ``dyad_line_breaks`` component, configured with the longest sentence it lets through."""
    return LineBreaks(max_sentence_tokens)


@cache
def make_nlp(model: str | None = None, max_sentence_tokens: int = MAX_SENTENCE_TOKENS) -> Language:
    """The shared pipeline (one per argument pair). ``model`` is an optional installed spaCy pipeline
    (name or path); sentences longer than ``max_sentence_tokens`` are cut."""
    if model:
        nlp = spacy.load(model, exclude=["lemmatizer", "textcat"])
        if "parser" not in nlp.pipe_names and "senter" not in nlp.pipe_names:
            nlp.add_pipe("sentencizer", first=True)
    else:
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
    config = {"max_sentence_tokens": max_sentence_tokens}
    if model and "parser" in nlp.pipe_names:
        nlp.add_pipe("dyad_line_breaks", before="parser", config=config)  # a parser keeps boundaries set before it
    else:
        nlp.add_pipe("dyad_line_breaks", after="sentencizer", config=config)
    tokenizer: Any = nlp.tokenizer
    if hasattr(tokenizer, "max_cache_size"):
        tokenizer.max_cache_size = _TOKENIZER_CACHE
    nlp.max_length = 20_000_000
    return nlp
