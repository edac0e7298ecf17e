"""The seeds' layout: headline lines, a `` date YYYY-MM-DD`` marker, a dateline, then the body.

The marker line starts with a space and opens the body (which may follow on the same line). It is
removed from the stored text; the headline stays as its first line, so offsets into the stored
text keep pointing at what a reader sees. Without a marker, a short first line without final
punctuation, followed by more text, is taken as the headline.

>>> layout = read_layout("Talks in Bahrain\\n date 2025-11-02 BEIRUT \u2014 Ministers met.")
>>> layout.text
'Talks in Bahrain\\n\\nBEIRUT \u2014 Ministers met.'
>>> layout.title, layout.published.isoformat(), layout.dateline, layout.dateline_span
('Talks in Bahrain', '2025-11-02', 'BEIRUT', (18, 24))
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from dyad.ingest.dateline import find_dateline

MARKER = re.compile(r" date (?P<date>\d{1,4}-\d{1,2}-\d{1,2})\b[ \t]*(?P<rest>.*)")
MARKER_WITHIN = 4  # non-blank lines (headline and standfirst) that may come before the marker
HEADLINE_WORDS = 20
SENTENCE_END = tuple(".!?;:,\"”'’)")


@dataclass(frozen=True)
class Layout:
    text: str
    title: str | None = None
    published: date | None = None
    dateline: str | None = None
    dateline_span: tuple[int, int] | None = None
    notes: tuple[str, ...] = ()


def read_layout(text: str, title: str | None = None) -> Layout:
    """Split cleaned ``text`` into its parts; ``title`` (when the caller knows it) names the headline."""
    lines = text.split("\n")
    marked = _find_marker(lines)
    if marked is not None:
        index, match = marked
        head = "\n".join(lines[:index]).strip()
        body = "\n".join(([match["rest"]] if match["rest"] else []) + lines[index + 1 :]).strip()
        joined = f"{head}\n\n{body}" if head and body else head or body
        published, notes = _marker_date(match["date"])
        headline = head.split("\n", 1)[0].strip() or None
        return _with_dateline(Layout(joined, headline, published, notes=notes), len(joined) - len(body))
    text = text.strip()
    start = _body_start(text, title)
    headline = text[:start].split("\n", 1)[0].strip() if start else None
    return _with_dateline(Layout(text, headline), start)


def _find_marker(lines: list[str]) -> tuple[int, re.Match[str]] | None:
    seen = 0
    for index, line in enumerate(lines):
        match = MARKER.fullmatch(line)
        if match is not None:
            return index, match
        seen += bool(line.strip())
        if seen >= MARKER_WITHIN:
            return None
    return None


def _marker_date(text: str) -> tuple[date | None, tuple[str, ...]]:
    """An impossible date is not fatal: the article is kept, undated, with a note saying why."""
    year, month, day = (int(part) for part in text.split("-"))
    try:
        return date(year, month, day), ()
    except ValueError as error:
        return None, (f"date marker {text!r} is not a real date ({error}); published left empty",)


def _body_start(text: str, title: str | None) -> int:
    """Offset where the body starts: after a headline line, or 0 when the text opens with the body."""
    first, newline, rest = text.partition("\n")
    if not newline or not rest.strip():
        return 0
    same = title is not None and first.strip().casefold() == title.strip().casefold()
    if not (same or _looks_like_headline(first)):
        return 0
    return len(text) - len(rest.lstrip())


def _looks_like_headline(line: str) -> bool:
    words = line.split()
    return (
        0 < len(words) <= HEADLINE_WORDS
        and not line.rstrip().endswith(SENTENCE_END)
        and words[0][0].isupper()
        and find_dateline(line) is None
    )


def _with_dateline(layout: Layout, body_start: int) -> Layout:
    found = find_dateline(layout.text, body_start)
    if found is None:
        return layout
    place, span = found
    return Layout(layout.text, layout.title, layout.published, place, span, layout.notes)
