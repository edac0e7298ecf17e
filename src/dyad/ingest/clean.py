"""Cleaning: the text every later stage takes offsets into.

``clean_text`` normalises Unicode (NFC) and line endings, strips trailing spaces and control
characters, drops boilerplate lines (patterns in ``knowledge/data/boilerplate.txt``), keeps one copy
of a line repeated on consecutive lines (scraped pages often repeat the headline) and collapses
runs of blank lines into one. It is idempotent: cleaning clean text changes nothing.

>>> clean_text("Talks end\\r\\n\\r\\nTalks end\\nAdvertisement\\n\\n\\n\\nThe talks ended.  ")
'Talks end\\n\\nThe talks ended.'
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "knowledge" / "data"
LONGEST_BOILERPLATE = 200  # characters; a longer line is a paragraph, whatever words it contains
# C0 controls other than tab, DEL, and a stray byte-order mark: noise from exports and bad decodes.
CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f\ufeff]")


@dataclass(frozen=True)
class Boilerplate:
    """Whole-line patterns of page furniture ("Advertisement", "Read more: …")."""

    patterns: tuple[re.Pattern[str], ...]

    @classmethod
    def load(cls, path: Path | None = None) -> Boilerplate:
        """Read one regex per line (``#`` comments); the shipped file by default.

        >>> Boilerplate.load().matches("  Share this article")
        True
        """
        return _load(path or DATA / "boilerplate.txt")

    def matches(self, line: str) -> bool:
        stripped = line.strip()
        if not stripped or len(stripped) > LONGEST_BOILERPLATE:
            return False
        return any(p.fullmatch(stripped) for p in self.patterns)


@cache
def _load(path: Path) -> Boilerplate:
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    patterns = (re.compile(line, re.IGNORECASE) for line in lines if line and not line.startswith("#"))
    return Boilerplate(tuple(patterns))


def clean_text(text: str, boilerplate: Boilerplate | None = None) -> str:
    """The cleaned text: see the module docstring for the steps, in the order they run.

    Leading spaces of a line are kept (the seeds' `` date`` marker starts with one).
    """
    boilerplate = boilerplate or Boilerplate.load()
    lines = [_clean_line(line) for line in text.splitlines()]
    lines = [line for line in lines if not boilerplate.matches(line)]
    return "\n".join(_collapse_blanks(_drop_repeats(lines)))


def _clean_line(line: str) -> str:
    # Controls go before NFC so that a combining accent cut off by one still composes.
    return unicodedata.normalize("NFC", CONTROLS.sub("", line)).rstrip()


def _drop_repeats(lines: list[str]) -> list[str]:
    """Keep the first of a line repeated on consecutive lines (blank lines between are ignored)."""
    kept: list[str] = []
    last = None
    for line in lines:
        key = line.strip()
        if key and key == last:
            while kept and not kept[-1]:
                kept.pop()  # the blank lines between the copies go with the copy
            continue
        kept.append(line)
        last = key or last
    return kept


def _collapse_blanks(lines: list[str]) -> list[str]:
    """No blank line at either end, and never two blank lines in a row."""
    kept: list[str] = []
    for line in lines:
        if line or (kept and kept[-1]):
            kept.append(line)
    while kept and not kept[-1]:
        kept.pop()
    return kept
