"""Lookup keys for place and country names: one spelling for every way a name is written.

News writes the same name with or without accents, dots, hyphens, curly apostrophes and a
possessive ("Syria’s", "U.S.", "Deir ez-Zor"); every table in the gazetteer is keyed by
``place_key`` so that a lookup is one dictionary access.

>>> place_key("Syria’s")
'syria'
>>> place_key("U.S.")
'us'
>>> place_key("Deir ez-Zor"), place_key("Élysée Palace")
('deir ez zor', 'elysee palace')
"""

from __future__ import annotations

import re

from anyascii import anyascii

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "ʻ": "'", "`": "'", "´": "'"})
# A possessive at the end of a name: "Lebanon's", "Syria’s", "the Philippines'".
_POSSESSIVE = re.compile(r"(?<=\w)'s$|(?<=s)'$", re.IGNORECASE)
_APOSTROPHE_OR_DOT = re.compile(r"['.]")
_SEPARATOR = re.compile(r"[^a-z0-9]+")
# Arabic place names are written with and without the article: "Ar Raqqah" / "Raqqah",
# "Al Qamishli" / "Qamishli". The sun letters assimilate it (ar-, as-, ash-, ad-, az-, at-, an-).
_ARABIC_ARTICLE = re.compile(r"^(?:al|ar|as|ash|ad|adh|az|at|ath|an)[ \-](?=\w)", re.IGNORECASE)


def fold(text: str) -> str:
    """Accents and other scripts' letters as ASCII ("Élysée" → "Elysee"); ASCII text is returned as is."""
    return text if text.isascii() else anyascii(text)


def place_key(text: str) -> str:
    """The lookup key of a name: accents folded, case folded, possessive, dots and apostrophes gone."""
    text = _POSSESSIVE.sub("", text.strip().translate(_APOSTROPHES))
    folded = _APOSTROPHE_OR_DOT.sub("", fold(text).casefold())
    return _SEPARATOR.sub(" ", folded).strip()


def in_capitals(text: str) -> bool:
    """True when every letter of the name (its possessive aside) is a capital: "US", "UAE's", "LEBANON"."""
    letters = [c for c in _POSSESSIVE.sub("", text.strip().translate(_APOSTROPHES)) if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def without_the(key: str) -> str | None:
    """The key without a leading "the" ("the netherlands" → "netherlands"), or None if it had none."""
    return key[4:] if key.startswith("the ") and len(key) > 4 else None


def is_acronym(surface: str) -> bool:
    """True for written acronyms ("US", "U.S.", "UAE", "DPRK"): they match only when written in capitals.

    >>> is_acronym("U.S."), is_acronym("Iraq")
    (True, False)
    """
    letters = surface.replace(".", "")
    return 2 <= len(letters) <= 5 and letters.isalpha() and letters.isupper()


def without_article(name: str) -> str | None:
    """An Arabic name without its article, when what is left is still distinctive (five letters or more).

    >>> without_article("Ar Raqqah"), without_article("As Salt")
    ('Raqqah', None)
    """
    if name[:1] not in "Aa":
        return None
    folded = fold(name)  # "Aş Şanamayn" is written "As Sanamayn" in English text
    if not _ARABIC_ARTICLE.match(folded):
        return None
    rest = _ARABIC_ARTICLE.sub("", folded)
    return rest if len(place_key(rest).replace(" ", "")) >= 5 else None
