"""Text lines from a file of many documents (JSONL, CSV), decoded as they are read.

A corpus file is read line by line rather than whole, so a large CSV never sits in memory twice.
Each line is UTF-8 or, failing that, cp1252/latin-1 (exports are often stitched together from
sources in both); ``take_notes`` tells the reader which record needed a fallback.

>>> import io
>>> lines = Lines.open(io.BytesIO(b'{"text": "caf\\xe9"}\\n'))
>>> next(lines), lines.take_notes()
('{"text": "café"}\\n', ('decoded as cp1252: not valid UTF-8',))
"""

from __future__ import annotations

import codecs
import io
import re
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from dyad.ingest.decode import SAMPLE, decode_line, sniff

LONE_CR = re.compile(r"(?<=\r)(?!\n)(?=.)", re.DOTALL)


class Lines:
    """An iterator of ``str`` lines (ends kept, as ``csv`` wants) that remembers decoding fallbacks."""

    def __init__(self, lines: Iterable[str], notes: list[str] | None = None) -> None:
        self._lines = iter(lines)
        self._notes = notes if notes is not None else []  # appended to by a decoding generator

    @classmethod
    def open(cls, handle: BinaryIO) -> Lines:
        """Lines of a binary file; raise ``InputError`` if it looks binary."""
        head = handle.read(SAMPLE)
        handle.seek(0)
        codec = sniff(head)
        notes: list[str] = []
        if codec is not None and codec != "utf-8-sig":
            # UTF-16/32 cannot be split on b"\n"; the text layer splits it (on \r too, with newline="").
            wide = io.TextIOWrapper(handle, encoding=codec, errors="replace", newline="")
            return cls(_flag_replacements(wide, codec, notes), notes)
        return cls(_decoded(handle, notes), notes)

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        return next(self._lines)

    def take_notes(self) -> tuple[str, ...]:
        """The fallback notes of the lines read since the last call (without repeats)."""
        notes = tuple(dict.fromkeys(self._notes))
        self._notes.clear()
        return notes


def _decoded(handle: BinaryIO, notes: list[str]) -> Iterator[str]:
    for number, raw in enumerate(handle):
        text, note = decode_line(raw.removeprefix(codecs.BOM_UTF8) if number == 0 else raw)
        if note is not None:
            notes.append(note)
        # A lone \r ends a line too (old Mac exports); csv refuses one inside an unquoted field.
        yield from LONE_CR.split(text)


def _flag_replacements(lines: Iterable[str], codec: str, notes: list[str]) -> Iterator[str]:
    for line in lines:
        if "\ufffd" in line:
            notes.append(f"bytes that are not valid {codec} were replaced by U+FFFD")
        yield line
