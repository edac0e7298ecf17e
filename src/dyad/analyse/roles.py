"""Role phrases: the title around a person's name, and the country and sector it implies.

"Lebanon's Interior Minister Ahmed Al Hajjar", "the French Ambassador to Libya, Mostafa Mihraje",
"Mohamed Al-Mnifi, the Head of Libya's Presidential Council": the phrase before the name (or the
apposition after it) says who the person works for. Two rules of the trade matter most:

* a diplomat belongs to the state that *sends* him: in "French Ambassador to Libya" the country
  after "to" is the posting, not his country;
* a military rank ("General", "Field Marshal") sets the sector to MIL whatever the post
  ("General Vincent Giraud, Chief of Staff to the French President" is military).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from dyad.analyse.lexicon import Hit
from dyad.analyse.tokens import Tokens
from dyad.knowledge.loader import Org

OrgLookup = Callable[[str], Org | None]

_GLUE = frozenset({"of", "the", "to", "for", "and", "'s", "’s", "(", ")", "on", "in"})
_TRIM = frozenset({"and", "the", "of", "to", "for", ",", "on", "in"})


@dataclass(frozen=True)
class Role:
    start: int
    end: int
    text: str
    country: str | None
    sector: str | None
    hits: tuple[Hit, ...]


def _hit_at(hits: dict[int, Hit], i: int) -> Hit | None:
    return hits.get(i)


def left_phrase(tokens: Tokens, start: int, hits: dict[int, Hit], names: set[int]) -> tuple[int, list[Hit]]:
    """Scan left from a name over title tokens; one comma is allowed as an apposition boundary."""
    texts, lowers = tokens.texts, tokens.lowers
    i, found, comma_used, titles_only = start - 1, [], False, True
    while i >= 0:
        hit = _hit_at(hits, i)
        if hit is not None and hit.label in ("TITLE", "COUNTRY", "ORG", "SECTOR"):
            found.append(hit)
            titles_only = titles_only and hit.label == "TITLE"
            i = hit.start - 1
        elif texts[i] == "," and not comma_used and titles_only:
            comma_used = True
            i -= 1
        elif lowers[i] in _GLUE or (texts[i][:1].isupper() and i not in names and tokens.is_alpha[i]):
            titles_only = titles_only and lowers[i] in ("the",)
            i -= 1
        else:
            break
    begin = i + 1
    while begin < start and (lowers[begin] in _TRIM or texts[begin] == ","):
        begin += 1
    return begin, [h for h in found if h.start >= begin]


def right_phrase(tokens: Tokens, end: int, hits: dict[int, Hit]) -> tuple[int, list[Hit]]:
    """An apposition after a name: ", [the] [French] Special Envoy to Libya," — it must hold a title."""
    texts, lowers = tokens.texts, tokens.lowers
    if end >= len(texts) or texts[end] != ",":
        return end, []
    i, found = end + 1, []
    for _ in range(3):  # the title must come within three tokens: ", the French Special Envoy"
        if i < len(texts) and (lowers[i] == "the" or (_hit_at(hits, i) or Hit(0, 0, "", "")).label == "COUNTRY"):
            hit = _hit_at(hits, i)
            if hit:
                found.append(hit)
                i = hit.end
            else:
                i += 1
    first = _hit_at(hits, i)
    if first is None or first.label != "TITLE" or first.extra == "honorific":
        return end, []
    while i < len(texts) and texts[i] not in (",", ".", ";", "\n") and "\n" not in tokens.spaces[i - 1]:
        hit = _hit_at(hits, i)
        if hit is not None:
            found.append(hit)
            i = hit.end
        elif lowers[i] in _GLUE or texts[i][:1].isupper():
            i += 1
        else:
            break
    return i, found


def read_role(tokens: Tokens, begin: int, end: int, found: list[Hit], org_of: OrgLookup) -> Role | None:
    """Country and sector that a role phrase implies, or None if it holds no title."""
    ordered = sorted(found, key=lambda h: h.start)
    titles = [h for h in ordered if h.label == "TITLE"]
    if not titles:
        return None
    country = _role_country(tokens, ordered, org_of)
    sector = _role_sector(ordered, titles, org_of)
    text = tokens.span_text(begin, end).strip(" ,")
    return Role(begin, end, text, country, sector, tuple(ordered))


def _role_country(tokens: Tokens, ordered: list[Hit], org_of: OrgLookup) -> str | None:
    diplomat_seen = False
    for hit in ordered:
        if hit.label == "TITLE":
            diplomat_seen = diplomat_seen or hit.extra == "diplomat"
            continue
        posted = hit.start > 0 and tokens.lowers[hit.start - 1] == "to" and diplomat_seen
        if posted:  # "Ambassador to Bahrain": the host state, not his own
            continue
        if hit.label == "COUNTRY":
            return hit.value
        org = org_of(hit.value) if hit.label == "ORG" else None
        if org is not None and org.country and org.country not in ("IGO", "NGO", "IMG"):
            return org.country
    return None


def _role_sector(ordered: list[Hit], titles: list[Hit], org_of: OrgLookup) -> str | None:
    """A rank decides; then the organisation the post belongs to; then the title itself."""
    from_title = [h for h in titles if h.extra != "honorific"]
    ranks = [h for h in from_title if h.extra == "rank"]
    if ranks:
        return "COP" if all(h.value == "police chief" for h in ranks) else "MIL"
    for hit in ordered:
        org = org_of(hit.value) if hit.label == "ORG" else None
        if org is not None and org.sector:
            return org.sector
    return next((h.sector for h in from_title if h.sector and h.sector != "-"), None)
