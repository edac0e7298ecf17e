"""Publication dates from metadata fields (CSV columns, JSONL ``published``).

With a ``strptime`` format the value must match it. Without one, ISO 8601 is tried first (with or
without a time), then a few common unambiguous-in-practice formats. Slashed dates are read
month-first only (``4/5/2017`` is 5 April, as in FA-KES and most US exports): also trying day-first
would read one column half one way and half the other, silently. A day-first file needs
``--date-format %d/%m/%Y``.

>>> parse_published("4/5/2017", None)
(datetime.date(2017, 4, 5), None)
>>> parse_published("2025-10-31T08:00:00Z", None)
(datetime.date(2025, 10, 31), None)
>>> parse_published("31/10/2025", None)[1]
"unrecognised date '31/10/2025': pass a strptime format with --date-format"
"""

from __future__ import annotations

from datetime import date, datetime

COMMON_FORMATS = (
    "%m/%d/%Y",
    "%m/%d/%y",
    "%Y/%m/%d",
    "%d.%m.%Y",  # dotted dates are day-first wherever they are used
    "%d %B %Y",
    "%d %b %Y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%a, %d %b %Y %H:%M:%S %z",  # RSS (RFC 822)
    "%Y%m%d",
)


def parse_published(value: str | None, fmt: str | None) -> tuple[date | None, str | None]:
    """The date in ``value`` and, when it cannot be read, a note saying why (the article is still kept)."""
    value = (value or "").strip()
    if not value:
        return None, None
    if fmt is not None:
        try:
            return datetime.strptime(value, fmt).date(), None
        except ValueError:
            return None, f"date {value!r} does not match the format {fmt!r}"
    found = _iso(value) or _common(value)
    if found is None:
        return None, f"unrecognised date {value!r}: pass a strptime format with --date-format"
    return found, None


def _iso(value: str) -> date | None:
    try:
        return datetime.fromisoformat(value).date()
    except ValueError:
        return None


def _common(value: str) -> date | None:
    for fmt in COMMON_FORMATS:
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None
