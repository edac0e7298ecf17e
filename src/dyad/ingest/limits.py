"""Per-document limits, explicit and configurable, and said out loud when a document hits one.

Two limits protect a run from what scrapers produce: ``max_bytes`` (a bigger document is rejected,
with the limit in the reason) and ``max_sentence_tokens`` (text with no sentence breaks, such as a
scraped table or a 1 MB line, is cut into sentences of at most that many tokens, so coding time stays
linear in its length). A document whose sentences were cut is still coded and stored; the cut is
written into its notes (kept in the store) and listed in the ingest summary.

>>> Limits(max_bytes=parse_size("50MB")).max_bytes
50000000
>>> Limits(max_sentence_tokens=20).sentences_cut(3)
'3 sentences cut at 20 tokens (raise it with --max-sentence-tokens or Limits(max_sentence_tokens=...))'
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Protocol

from dyad.errors import DyadError
from dyad.types import IngestSummary

logger = logging.getLogger("dyad.ingest")

_CUT_HINT = "(raise it with --max-sentence-tokens or Limits(max_sentence_tokens=...))"
_UNITS = {"": 1, "b": 1, "kb": 10**3, "mb": 10**6, "gb": 10**9, "kib": 2**10, "mib": 2**20, "gib": 2**30}
_SIZE = re.compile(r"\s*(\d+)\s*([a-z]*)\s*", re.IGNORECASE)


@dataclass(frozen=True)
class Limits:
    """Per-document limits; each must be a positive whole number (a ``DyadError`` says which is not)."""

    max_bytes: int = 20_000_000
    max_sentence_tokens: int = 200

    def __post_init__(self) -> None:
        for name in ("max_bytes", "max_sentence_tokens"):
            value = getattr(self, name)
            # bool is an int in Python, but Limits(max_bytes=True) is a mistake, not a 1-byte limit.
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise DyadError(f"{name} must be a whole number of at least 1, not {value!r}")

    def too_big(self, size: int) -> str | None:
        """The rejection reason for a document of ``size`` bytes, or None when it fits.

        >>> Limits(max_bytes=10).too_big(11).split(" (raise")[0]
        'document is 11 bytes, over the limit of 10 bytes per document'
        """
        if size <= self.max_bytes:
            return None
        return (
            f"document is {size} bytes, over the limit of {self.max_bytes} bytes per document "
            "(raise it with --max-bytes or Limits(max_bytes=...))"
        )

    def sentences_cut(self, cut: int) -> str | None:
        """The note for a document in which ``cut`` over-long sentences were cut, or None for none."""
        if cut < 1:
            return None
        sentences = "sentence" if cut == 1 else "sentences"
        return f"{cut} {sentences} cut at {self.max_sentence_tokens} tokens {_CUT_HINT}"


def parse_size(text: str) -> int:
    """A number of bytes from ``"2000"``, ``"50MB"`` or ``"2GiB"`` (kB, MB, GB are powers of 1000).

    >>> parse_size("2000"), parse_size("50 mb"), parse_size("1KiB")
    (2000, 50000000, 1024)
    """
    match = _SIZE.fullmatch(text)
    if match is None or match[2].lower() not in _UNITS:
        raise DyadError(f"{text!r} is not a size: use a number of bytes or a unit, e.g. 50MB or 2GiB")
    return int(match[1]) * _UNITS[match[2].lower()]


class Noted(Protocol):
    """A coded document as the limit report reads it: an ``Article`` or a packed record."""

    @property
    def name(self) -> str: ...

    @property
    def notes(self) -> tuple[str, ...]: ...


def limits_hit(article: Noted) -> list[str]:
    """The notes of ``article`` that say a limit was hit while coding it.

    >>> from dyad.types import Article
    >>> limits_hit(Article("id", "a.txt", "text", notes=("decoded as latin-1", Limits().sentences_cut(1) or "")))
    ['1 sentence cut at 200 tokens (raise it with --max-sentence-tokens or Limits(max_sentence_tokens=...))']
    """
    return [note for note in article.notes if note.endswith(_CUT_HINT)]


def record_limits(summary: IngestSummary, article: Noted) -> None:
    """List (and log) in ``summary`` every limit that ``article``, coded and stored, hit."""
    for note in limits_hit(article):
        summary.limited.append((article.name, note))
        logger.warning("%s: %s", article.name, note)
