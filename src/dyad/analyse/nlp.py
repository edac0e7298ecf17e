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

import numpy
import spacy
from spacy.attrs import IS_PUNCT, ORTH, SENT_START
from spacy.language import Language
from spacy.pipeline import Sentencizer
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
    """Sentence starts: spaCy's punctuation rule (optional), a start after every line break (headlines
    and paragraphs carry no final period), and a cut in any sentence longer than
    ``max_sentence_tokens``, counting the cuts in ``doc.user_data``.

    It reads and writes whole columns (``to_array``/``from_array``) and looks each distinct token
    text up once: creating a spaCy ``Token`` per token cost more than tokenizing. With
    ``punctuation`` it does what spaCy's ``sentencizer`` does (a sentence ends after ``.``, ``!``,
    ``?`` and their kin, once a non-punctuation token follows); without it, it keeps the starts an
    earlier component (a ``senter``) set, and leaves the rest to a parser.
    """

    def __init__(self, max_sentence_tokens: int, punctuation: bool = False) -> None:
        if max_sentence_tokens < 1:
            raise DyadError(f"max_sentence_tokens must be at least 1, not {max_sentence_tokens}")
        self.max_sentence_tokens = max_sentence_tokens
        self.punctuation = punctuation
        self._kinds: dict[int, tuple[bool, bool]] = {}  # ORTH hash -> (holds a line break, ends a sentence)

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) == 0:
            doc.user_data[SENTENCES_CUT] = 0
            return doc
        columns = doc.to_array([ORTH, IS_PUNCT, SENT_START]).tolist()
        kinds = [self._kind(doc, orth) for orth, _, _ in columns]
        if self.punctuation:
            starts = _punctuation_starts(kinds, [punct == 1 for _, punct, _ in columns])
        else:
            starts = [start == 1 for _, _, start in columns]
        cut = self._breaks(starts, kinds)
        # Without the punctuation rule, a token that is not a start keeps what it had (often "unset",
        # which leaves the decision to a parser); with it, every token is decided, as spaCy does.
        values = [
            1 if start else (_NOT_START if self.punctuation else old)
            for start, (_, _, old) in zip(starts, columns, strict=True)
        ]
        array: Any = numpy.array(values, dtype="uint64").reshape(-1, 1)
        doc.from_array([SENT_START], array)
        doc.user_data[SENTENCES_CUT] = cut
        return doc

    def _kind(self, doc: Doc, orth: int) -> tuple[bool, bool]:
        kind = self._kinds.get(orth)
        if kind is None:
            text = doc.vocab.strings[orth]
            kind = self._kinds[orth] = ("\n" in text, text in _PUNCT_CHARS)
        return kind

    def _breaks(self, starts: list[bool], kinds: list[tuple[bool, bool]]) -> int:
        """Add the line-break starts and the cuts to ``starts`` in place; the number of cuts."""
        limit, run, cut = self.max_sentence_tokens, 0, 0
        for i in range(1, len(starts)):
            run = 0 if starts[i] else run + 1
            if kinds[i - 1][0]:  # the token before holds a line break (spaCy keeps "\n" as a token)
                starts[i], run = True, 0
            elif run >= limit:
                starts[i], run, cut = True, 0, cut + 1
        return cut


_NOT_START = 2**64 - 1  # SENT_START -1 ("not a sentence start") as spaCy's uint64 arrays hold it
# The sentence-final characters of spaCy's own sentencizer, so the rule stays the same as spaCy's.
_PUNCT_CHARS = frozenset(Sentencizer.default_punct_chars)


def _punctuation_starts(kinds: list[tuple[bool, bool]], is_punct: list[bool]) -> list[bool]:
    """spaCy's sentencizer rule: a new sentence at the first non-punctuation token after a final mark."""
    starts = [False] * len(kinds)
    starts[0] = True
    start, seen_period = 0, False
    for i, (_, final) in enumerate(kinds):
        if seen_period and not is_punct[i] and not final:
            starts[start] = True
            start, seen_period = i, False
        elif final:
            seen_period = True
    starts[start] = True
    return starts


@Language.factory(
    "dyad_line_breaks", default_config={"max_sentence_tokens": MAX_SENTENCE_TOKENS, "punctuation": False}
)
def line_breaks(nlp: Language, name: str, max_sentence_tokens: int, punctuation: bool) -> LineBreaks:
    """The ``dyad_line_breaks`` component, configured with the longest sentence it lets through."""
    return LineBreaks(max_sentence_tokens, punctuation)


@cache
def make_nlp(model: str | None = None, max_sentence_tokens: int = MAX_SENTENCE_TOKENS) -> Language:
    """The shared pipeline (one per argument pair). ``model`` is an optional installed spaCy pipeline
    (name or path); sentences longer than ``max_sentence_tokens`` are cut."""
    config: dict[str, Any] = {"max_sentence_tokens": max_sentence_tokens}
    if not model:
        nlp = spacy.blank("en")
        nlp.add_pipe("dyad_line_breaks", config={**config, "punctuation": True})
    else:
        nlp = spacy.load(model, exclude=["lemmatizer", "textcat"])
        if "parser" in nlp.pipe_names:
            nlp.add_pipe("dyad_line_breaks", before="parser", config=config)  # a parser keeps starts set before it
        elif "senter" in nlp.pipe_names:
            nlp.add_pipe("dyad_line_breaks", after="senter", config=config)
        else:
            nlp.add_pipe("dyad_line_breaks", first=True, config={**config, "punctuation": True})
    tokenizer: Any = nlp.tokenizer
    if hasattr(tokenizer, "max_cache_size"):
        tokenizer.max_cache_size = _TOKENIZER_CACHE
    nlp.max_length = 20_000_000
    return nlp
