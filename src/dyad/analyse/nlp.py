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
from spacy.attrs import IS_ALPHA, ORTH, SENT_START
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

    It reads and writes whole columns (``to_array``/``from_array``), decides with array operations
    and looks each distinct token text up once: a Python step per token cost as much as tokenizing.
    With ``punctuation`` it does what spaCy's ``sentencizer`` does (a sentence ends after ``.``,
    ``!``, ``?`` and their kin, once a non-punctuation token follows); without it, it keeps the
    starts an earlier component (a ``senter``) set, and leaves the rest to a parser.
    """

    def __init__(self, max_sentence_tokens: int, punctuation: bool = False) -> None:
        if max_sentence_tokens < 1:
            raise DyadError(f"max_sentence_tokens must be at least 1, not {max_sentence_tokens}")
        self.max_sentence_tokens = max_sentence_tokens
        self.punctuation = punctuation
        # ORTH hash -> (holds a line break, ends a sentence, is punctuation)
        self._kinds: dict[int, tuple[bool, bool, bool]] = {}

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) == 0:
            doc.user_data[SENTENCES_CUT] = 0
            return doc
        # Each lexeme flag read by ``to_array`` costs about as much as the token texts: IS_PUNCT is
        # looked up with the line breaks instead, once per distinct text.
        columns = doc.to_array([ORTH, IS_ALPHA, SENT_START])
        breaks, finals, punct = self._kinds_of(doc, columns)
        starts = _punctuation_starts(finals, punct) if self.punctuation else columns[:, 2] == 1
        starts[1:] |= breaks[:-1]  # the token before holds a line break (spaCy keeps "\n" as a token)
        cut = _cut(starts, self.max_sentence_tokens)
        # Without the punctuation rule, a token that is not a start keeps what it had (often "unset",
        # which leaves the decision to a parser); with it, every token is decided, as spaCy does.
        rest = numpy.uint64(_NOT_START) if self.punctuation else columns[:, 2]
        values: Any = numpy.where(starts, numpy.uint64(1), rest).astype("uint64").reshape(-1, 1)
        doc.from_array([SENT_START], values)
        doc.user_data[SENTENCES_CUT] = cut
        return doc

    def _kinds_of(self, doc: Doc, columns: Any) -> tuple[Any, Any, Any]:
        """Three boolean columns: the token holds a line break; it ends a sentence; it is punctuation.

        A word of letters can be none of them (spaCy's IS_PUNCT wants every character to be
        punctuation), so only the other tokens (punctuation, whitespace, numbers, "U.S.") are looked
        up, in a dictionary that reads each distinct text once (for a few dozen tokens a dictionary
        lookup each is cheaper than ``numpy.unique``).
        """
        kinds = numpy.zeros((len(columns), 3), dtype=bool)
        which = numpy.flatnonzero(columns[:, 1] == 0)
        if len(which):
            kinds[which] = [self._kind(doc, orth) for orth in columns[which, 0].tolist()]
        return kinds[:, 0], kinds[:, 1], kinds[:, 2]

    def _kind(self, doc: Doc, orth: int) -> tuple[bool, bool, bool]:
        kind = self._kinds.get(orth)
        if kind is None:
            text = doc.vocab.strings[orth]
            kind = self._kinds[orth] = ("\n" in text, text in _PUNCT_CHARS, doc.vocab[orth].is_punct)
        return kind


_NOT_START = 2**64 - 1  # SENT_START -1 ("not a sentence start") as spaCy's uint64 arrays hold it
# The sentence-final characters of spaCy's own sentencizer, so the rule stays the same as spaCy's.
_PUNCT_CHARS = frozenset(Sentencizer.default_punct_chars)


def _punctuation_starts(finals: Any, is_punct: Any) -> Any:
    """spaCy's sentencizer rule: a new sentence at the first non-punctuation token after a final mark.

    Put as arrays: a word (neither punctuation nor a final mark) starts a sentence when a final mark
    stands between it and the word before it; token 0 always starts one.
    """
    words = numpy.flatnonzero(~is_punct & ~finals)
    seen = numpy.cumsum(finals)[words]  # final marks up to each word
    before = numpy.concatenate(([0], seen[:-1]))
    starts = numpy.zeros(len(finals), dtype=bool)
    starts[words[seen > before]] = True
    starts[0] = True
    return starts


def _cut(starts: Any, limit: int) -> int:
    """Start a sentence every ``limit`` tokens in a run without starts (in place); the number of cuts."""
    # A loop over the sentences (a few dozen) costs less than the half-dozen array operations that
    # would find the long ones.
    cut, head = 0, 0
    for end in [*(numpy.flatnonzero(starts[1:]) + 1).tolist(), len(starts)]:
        if end - head > limit:  # rare: a table, a list, unpunctuated text
            extra = range(head + limit, end, limit)
            starts[extra] = True
            cut += len(extra)
        head = end
    return cut


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
