"""What a user can tell the readers: how a CSV file maps to article fields, and size limits.

>>> CsvOptions(text_col="article_content", date_format="%m/%d/%Y").text_col
'article_content'
>>> Limits().max_bytes
20000000
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CsvOptions:
    """Which CSV column holds which field; a ``None`` column (or one the file lacks) is not read.

    ``date_format`` is a ``strptime`` format such as ``%m/%d/%Y``; without one, dates are tried
    as ISO 8601 and then as a few common formats (see ``dyad.ingest.dates``).
    """

    text_col: str = "text"
    title_col: str | None = "title"
    date_col: str | None = "published"
    id_col: str | None = "id"
    date_format: str | None = None
    url_col: str | None = "url"
    source_col: str | None = "source"


@dataclass(frozen=True)
class Limits:
    """Per-document limits: a bigger document is rejected (with the limit in the reason), not truncated."""

    max_bytes: int = 20_000_000

    def too_big(self, size: int) -> str | None:
        """The rejection reason for a document of ``size`` bytes, or None when it fits.

        >>> Limits(max_bytes=10).too_big(11)
        'document is 11 bytes, over the limit of 10 bytes per document (raise it with Limits(max_bytes=...))'
        """
        if size <= self.max_bytes:
            return None
        return (
            f"document is {size} bytes, over the limit of {self.max_bytes} bytes per document "
            "(raise it with Limits(max_bytes=...))"
        )
