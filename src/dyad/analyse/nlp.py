"""The spaCy pipeline: a blank English tokenizer and a rule-based sentence splitter.

No pretrained pipeline can be installed where dyad runs, so analysis is built from spaCy's
tokenizer and rule machinery. A user who has a pipeline with an NER component can pass its
name or path; its entities then feed mention finding (see ``mentions.model_entities``).

>>> nlp = make_nlp()
>>> [s.text for s in nlp("Talks ended.\\nNew line here").sents]
['Talks ended.\\n', 'New line here']
"""

from __future__ import annotations

from functools import cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

# The tokenizer cache must be large enough for news vocabulary plus the gazetteer phrases:
# with the default 10k entries a big gazetteer halved throughput (LIBRARIES.md).
_TOKENIZER_CACHE = 200_000


# The longest sentence dyad reads as one: text with no sentence breaks (a scraped table, a 1 MB
# line) is cut every MAX_SENTENCE_TOKENS tokens, so coding time stays linear in the text length.
MAX_SENTENCE_TOKENS = 200


@Language.component("dyad_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break (headlines and paragraphs carry no final period),
    and cut sentences longer than ``MAX_SENTENCE_TOKENS``."""
    run = 0
    for token in doc[1:]:
        prev = doc[token.i - 1]
        run = 0 if token.is_sent_start else run + 1
        if "\n" in prev.text or "\n" in prev.whitespace_ or run >= MAX_SENTENCE_TOKENS:
            token.is_sent_start = True
            run = 0
    return doc


@cache
def make_nlp(model: str | None = None) -> Language:
    """The shared pipeline. ``model`` is an optional installed spaCy pipeline (name or path)."""
    if model:
        nlp = spacy.load(model, exclude=["lemmatizer", "textcat"])
        if "parser" not in nlp.pipe_names and "senter" not in nlp.pipe_names:
            nlp.add_pipe("sentencizer", first=True)
    else:
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
    if model and "parser" in nlp.pipe_names:
        nlp.add_pipe("dyad_line_breaks", before="parser")  # a parser keeps boundaries set before it
    else:
        nlp.add_pipe("dyad_line_breaks", after="sentencizer")
    tokenizer: Any = nlp.tokenizer
    if hasattr(tokenizer, "max_cache_size"):
        tokenizer.max_cache_size = _TOKENIZER_CACHE
    nlp.max_length = 20_000_000
    return nlp
