"""Knowledge phrases as lower-cased token tuples, matched by a scan that starts only at known first words.

The phrase lexicon holds some 60,000 surface forms (every city and its other names, organisations,
titles, demonyms). spaCy's ``PhraseMatcher`` needs each one as a tokenized ``Doc``, and tokenizing
them creates a vocabulary entry per new word: about four seconds in every process before the first
article is coded. Here a phrase is a tuple of lower-cased token texts. Phrases of words made of
letters only split on single spaces exactly as spaCy's English tokenizer splits them (no prefix,
suffix or infix rule touches a run of letters), unless a word is one of the tokenizer's special cases ("cannot",
"gonna"); those and every phrase with other characters still go through the tokenizer, so the
tokens always agree with the text's (a test checks the two routes on the whole knowledge base).

>>> from dyad.analyse.nlp import make_nlp
>>> index = PhraseIndex.build(make_nlp(), [(1, ["New York"]), (2, ["York"]), (3, ["Saint-Denis"])])
>>> index.matches(["in", "new", "york", "and", "saint", "-", "denis"])
[(1, 1, 3), (2, 2, 3), (3, 4, 7)]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from spacy.language import Language

_PLAIN = re.compile(r"[^\W\d_]+(?: [^\W\d_]+)*")


class PhraseIndex:
    """Token tuples → phrase ids, looked up only where the first two words can start a phrase.

    "the" opens hundreds of phrases and is one word in sixteen, but few of those phrases go on with the word
    that follows it: each pair of first words keeps the lengths of the phrases that start with it, so
    most positions cost one or two dictionary lookups and no candidate tuple is built for them.
    """

    def __init__(self) -> None:
        self.single: dict[str, list[int]] = {}  # one-word phrases
        self.ids: dict[tuple[str, ...], list[int]] = {}  # longer phrases
        self.lengths: dict[tuple[str, str], list[int]] = {}  # first two words → lengths, shortest first
        self.first: set[str] = set()

    @classmethod
    def build(cls, nlp: Language, groups: Iterable[tuple[int, Sequence[str]]]) -> PhraseIndex:
        """An index of ``(phrase id, surface forms)`` groups; a form of no tokens is left out."""
        index = cls()
        for phrase_id, surfaces in groups:
            for tokens in phrase_tokens(nlp, surfaces):
                index.add(phrase_id, tokens)
        for lengths in index.lengths.values():
            lengths.sort()
        return index

    def add(self, phrase_id: int, tokens: tuple[str, ...]) -> None:
        if not tokens:
            return
        self.first.add(tokens[0])
        if len(tokens) == 1:
            ids = self.single.setdefault(tokens[0], [])
        else:
            ids = self.ids.setdefault(tokens, [])
            lengths = self.lengths.setdefault((tokens[0], tokens[1]), [])
            if len(tokens) not in lengths:
                lengths.append(len(tokens))
        if phrase_id not in ids:
            ids.append(phrase_id)

    def matches(self, lowers: Sequence[str]) -> list[tuple[int, int, int]]:
        """Every ``(phrase id, start, end)`` whose tokens equal ``lowers[start:end]``, in text order
        (shorter phrases first at one start)."""
        found: list[tuple[int, int, int]] = []
        first, single, ids, pairs, size = self.first, self.single, self.ids, self.lengths, len(lowers)
        for start in [n for n, word in enumerate(lowers) if word in first]:
            word = lowers[start]
            for phrase_id in single.get(word, ()):
                found.append((phrase_id, start, start + 1))
            if start + 1 == size:
                continue
            for length in pairs.get((word, lowers[start + 1]), ()):
                end = start + length
                if end > size:
                    break
                for phrase_id in ids.get(tuple(lowers[start:end]), ()):
                    found.append((phrase_id, start, end))
        return found


def phrase_tokens(nlp: Language, surfaces: Sequence[str]) -> list[tuple[str, ...]]:
    """The lower-cased tokens of each surface form, as the pipeline's tokenizer would cut the text."""
    tokenizer: Any = nlp.tokenizer
    special = getattr(tokenizer, "rules", None) or {}
    out: list[tuple[str, ...] | None] = []
    slow: list[tuple[int, str]] = []
    for surface in surfaces:
        if _PLAIN.fullmatch(surface) and not any(word in special for word in surface.split(" ")):
            out.append(tuple(surface.lower().split(" ")))
        else:
            slow.append((len(out), surface))
            out.append(None)
    for (position, _), doc in zip(slow, tokenizer.pipe(s for _, s in slow), strict=True):
        out[position] = tuple(token.lower_ for token in doc)
    return [tokens or () for tokens in out]
