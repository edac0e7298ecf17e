"""Datelines: the place a story was filed from, written at the start of its body.

Shapes seen in wire copy: ``BEIRUT —``, ``TRIPOLI, Libya —``, ``RIYADH:``, ``PARIS (Reuters) -``,
``BEIRUT, Nov 3 (Reuters) -``. The city is in capitals; that is what tells a dateline from a
sentence that starts with a name and a colon. The dateline is where the reporter was, never by
itself the place of an event, so it is kept as a field and its span is skipped by mention finding.

>>> find_dateline("TRIPOLI, Libya \u2014 On Sunday, talks began.")
('TRIPOLI, Libya', (0, 14))
>>> find_dateline("Syria and Lebanon: talks began.") is None
True
"""

from __future__ import annotations

import re

_WORD = r"[^\W\d_][\w.'’\-]*"
DATELINE = re.compile(
    rf"(?P<place>(?P<city>{_WORD}(?: {_WORD}){{0,3}})(?:, (?P<region>{_WORD}(?: {_WORD}){{0,2}}))?)"
    r"(?:, [A-Z][a-z]{2,8}\.? \d{1,2})?"  # the date in Reuters style: "BEIRUT, Nov 3 (Reuters) -"
    r"(?: ?\([^()\n]{1,40}\))?"  # the agency: "(Reuters)", "(AP)"
    r"(?:\s*[—–]\s*|:\s+|\s+--?\s+)"  # the separator; a bare hyphen needs spaces (AL-QAEDA is a word)
)


def find_dateline(text: str, start: int = 0) -> tuple[str, tuple[int, int]] | None:
    """The dateline's place and its span in ``text``, when the body starting at ``start`` opens with one."""
    match = DATELINE.match(text, start)
    if match is None or not _is_city(match["city"]):
        return None
    region = match["region"]
    if region is not None and not region[0].isupper():
        return None
    return match["place"], (match.start("place"), match.end("place"))


def _is_city(city: str) -> bool:
    letters = [ch for ch in city if ch.isalpha()]
    return len(letters) >= 3 and city.isupper()  # "UN:" opens a quote, not a dateline
