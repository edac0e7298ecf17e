"""How gold names meet system names: one normal form, compared by equality.

Transliterated Arabic names reach us as "Ahmed Al Hajjar", "ahmed al-Hajjar" or "Ahmed Hajjar";
French ones with or without accents and hyphens. The gold format says names compare case-,
accent-, hyphen- and ``al``/``el``-prefix-insensitively, and nothing looser: the coder's own
resolution is what is being measured, so the scorer must not do fuzzy matching for it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# ASCII hyphen-minus plus the Unicode hyphens that typeset news uses inside names.
_SEPARATORS = re.compile(r"[\s\-\u2010\u2011]+")
# The Arabic article, written as its own word or hyphenated to the next one ("Al-Mnifi", "El-Sissi").
_ARTICLES = frozenset({"al", "el"})


def normalise_name(name: str) -> str:
    """The comparison form of a name: lower case, no accents, hyphens as spaces, no al-/el- article.

    >>> normalise_name("Ahmed Al Hajjar") == normalise_name("ahmed al-Hajjar") == "ahmed hajjar"
    True
    >>> normalise_name("Al-Mnifi"), normalise_name("El-Sissi")
    ('mnifi', 'sissi')
    >>> normalise_name("Éric  Giraud-Telme")
    'eric giraud telme'
    >>> normalise_name("Al")
    'al'
    """
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    tokens = [token for token in _SEPARATORS.split(plain.casefold()) if token]
    # A name that is nothing but the article keeps it, so it still compares with itself.
    kept = [token for token in tokens if token not in _ARTICLES] or tokens
    return " ".join(kept)


def name_forms(names: Iterable[str | None]) -> frozenset[str]:
    """The normal forms of a name and its aliases, empty ones dropped.

    >>> sorted(name_forms(["Ahmad Hajjar", "Hajjar", None, ""]))
    ['ahmad hajjar', 'hajjar']
    """
    return frozenset(form for form in (normalise_name(n) for n in names if n) if form)
