"""The token columns of one Doc, read once: plain lists that the rule loops index.

Every ``doc[i]`` makes a new spaCy ``Token`` object, and every ``token.lower_`` a string lookup.
The lexicon, mention and event rules look at the same few attributes of the same tokens over and
over (a profile of FA-KES counted 4.8M ``Doc.__getitem__`` calls for 10k sentences), so they read
these columns instead: ``tokens.lowers[i]`` rather than ``doc[i].lower_``.

>>> from dyad.analyse.nlp import make_nlp
>>> tokens = Tokens.of(make_nlp()("Syria and Lebanon met. They agreed."))
>>> tokens.lowers[:3], tokens.span_text(0, 3), tokens.sentence[5], tokens.sent_bounds(5)
(['syria', 'and', 'lebanon'], 'Syria and Lebanon', 1, (5, 8))
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy
from spacy.attrs import IDX, IS_ALPHA, IS_LOWER, ORTH, SENT_START, SPACY
from spacy.tokens import Doc

# One key in ``doc.user_data``: the columns are built by the first stage that asks for them.
_KEY = "dyad.tokens"


@dataclass(frozen=True)
class Tokens:
    """Per-token columns (``texts``, ``lowers``, ``idx`` …) and per-sentence bounds of one Doc.

    ``sentence[i]`` is the number of token ``i``'s sentence; ``sent_starts[n]``/``sent_ends[n]``
    are that sentence's token bounds. Indexing follows ``doc[i]``: ``lowers[-1]`` is the last token.
    """

    text: str
    texts: list[str]
    lowers: list[str]
    idx: list[int]
    spaces: list[str]
    is_alpha: list[bool]
    is_lower: list[bool]
    sentence: list[int]
    sent_starts: list[int]
    sent_ends: list[int]

    @classmethod
    def of(cls, doc: Doc) -> Tokens:
        """The columns of ``doc``, built on first use and kept in ``doc.user_data``.

        They describe the Doc as it is then: a component that retokenizes or moves sentence
        boundaries must run before the first stage that reads them (dyad's all run after ``nlp``).
        """
        cached = doc.user_data.get(_KEY)
        if isinstance(cached, Tokens):
            return cached
        tokens = _read(doc)
        doc.user_data[_KEY] = tokens
        return tokens

    def __len__(self) -> int:
        return len(self.texts)

    def span_text(self, start: int, end: int) -> str:
        """``doc[start:end].text``: the text from the first token to the end of the last one."""
        if 0 <= start < end <= len(self.texts):
            return self.text[self.idx[start]:self.idx[end - 1] + len(self.texts[end - 1])]
        picked = range(len(self.texts))[start:end]  # spaCy normalises a slice as Python does
        if not picked:
            return ""
        last = picked[-1]
        return self.text[self.idx[picked[0]]:self.idx[last] + len(self.texts[last])]

    def end_char(self, i: int) -> int:
        """The character offset just after token ``i``."""
        return self.idx[i] + len(self.texts[i])

    def sent_bounds(self, i: int) -> tuple[int, int]:
        """Token bounds ``(start, end)`` of the sentence that holds token ``i`` (``doc[i].sent``)."""
        n = self.sentence[i]
        return self.sent_starts[n], self.sent_ends[n]

    def is_sent_start(self, i: int) -> bool:
        return self.sent_starts[self.sentence[i]] == i


def _read(doc: Doc) -> Tokens:
    # One ``to_array`` call reads every column without making a Token object per token.
    columns = doc.to_array([ORTH, IDX, SPACY, IS_ALPHA, IS_LOWER, SENT_START]).reshape(len(doc), 6)
    strings = doc.vocab.strings
    # ``doc.sents``: a sentence starts at token 0 and wherever SENT_START is 1.
    starts = columns[:, 5] == 1
    starts[:1] = True
    first = numpy.flatnonzero(starts).tolist()
    texts = [strings[h] for h in columns[:, 0].tolist()]
    spaces = numpy.where(columns[:, 2] == 1, " ", "").tolist()
    return Tokens(
        text=_joined(texts, spaces),
        texts=texts,
        # spaCy's LOWER is ``str.lower`` of the text (spacy.lang.lex_attrs.lower); lowering here costs
        # half of a second column and a StringStore lookup per token.
        lowers=list(map(str.lower, texts)),
        idx=columns[:, 1].tolist(),
        spaces=spaces,
        is_alpha=(columns[:, 3] == 1).tolist(),
        is_lower=(columns[:, 4] == 1).tolist(),
        sentence=(numpy.cumsum(starts) - 1).tolist(),
        sent_starts=first,
        sent_ends=first[1:] + [len(doc)] if first else [],
    )


def _joined(texts: list[str], spaces: list[str]) -> str:
    """``doc.text`` (which would make every Token again): each text, then its trailing space.

    >>> _joined(["Hi", "there", "!"], [" ", "", ""])
    'Hi there!'
    """
    # Interleaved by two slice assignments and joined once: a third of the time of joining
    # ``text + space`` pairs, which makes a new string per token.
    parts = texts + spaces
    parts[::2], parts[1::2] = texts, spaces
    return "".join(parts)
