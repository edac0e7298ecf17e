"""HTML to article text with the standard library's parser: no scripts, styles or page furniture.

Navigation, headers, footers and asides are skipped with everything inside them; block elements
become paragraph breaks, so sentence splitting and the stored text keep the page's paragraphs.
The title is the page's ``<title>``, else its first ``<h1>``.

>>> page = html_text("<title>Talks</title><nav>Home</nav><p>Ministers met.</p><p>They<br>agreed.</p>")
>>> page.text, page.title
('Ministers met.\\n\\nThey\\nagreed.', 'Talks')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

SKIPPED = frozenset(
    {"script", "style", "noscript", "template", "svg", "nav", "header", "footer", "aside", "form", "iframe"}
)
BLOCKS = frozenset(
    {
        "p", "div", "section", "article", "main", "blockquote", "pre", "figure", "figcaption", "table",
        "tr", "ul", "ol", "li", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "address",
    }
)
SPACES = re.compile(r"\s+")
PARAGRAPH_BREAK = re.compile(r"\n{2,}")


@dataclass(frozen=True)
class Page:
    text: str
    title: str | None


def html_text(markup: str) -> Page:
    """The readable text of a page, one paragraph per block, and its title."""
    parser = _TextParser()
    parser.feed(markup)
    parser.close()
    paragraphs = (_paragraph(block) for block in PARAGRAPH_BREAK.split("".join(parser.parts)))
    title = " ".join(parser.title.split()) or " ".join(parser.h1.split()) or None
    return Page("\n\n".join(p for p in paragraphs if p), title)


def _paragraph(block: str) -> str:
    lines = (" ".join(line.split()) for line in block.split("\n"))
    return "\n".join(line for line in lines if line)


class _TextParser(HTMLParser):
    """Collects text outside skipped elements; source whitespace is folded, as a browser does."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title = ""
        self.h1 = ""
        self._skipping = 0  # depth inside skipped elements
        self._in: str | None = None  # "title" or "h1" while inside the first of them
        self._h1_seen = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED:
            self._skipping += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in BLOCKS:
            self.parts.append("\n\n")
        if tag == "title" or (tag == "h1" and not self._h1_seen):
            self._in = tag

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED:
            self._skipping = max(0, self._skipping - 1)
        elif tag in BLOCKS:
            self.parts.append("\n\n")
        if tag == self._in:
            self._in = None
            self._h1_seen = self._h1_seen or tag == "h1"

    def handle_data(self, data: str) -> None:
        if self._in == "title":
            self.title += data
            return
        if self._in == "h1":
            self.h1 += data  # kept even inside a skipped <header>: it is still the headline
        if not self._skipping:
            self.parts.append(SPACES.sub(" ", data))
