"""Events that restate one another inside one article become one event.

A lede ("Syria and Lebanon were holding talks on Sunday") and the detail that follows
("Lebanon's Interior Minister … met Syria's Foreign Minister … in Bahrain") report one meeting:
same type, the same countries on each side, compatible dates. The merged event keeps the most
specific participants (persons over their countries), an explicit date over the publication
date, and a place if either has one.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from dyad.types import Place, When

_GENERIC = frozenset({"COUNTRY", "GROUP"})


@dataclass(frozen=True)
class Draft:
    code: str
    plover: str
    factuality: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    sentence: int
    start: int
    end: int
    trigger: tuple[int, int]
    when: When | None
    explicit_date: bool
    place: Place | None
    confidence: float


def _keys(d: Draft) -> frozenset[str]:
    return frozenset(d.sources + d.targets)


def _dates_fit(a: Draft, b: Draft) -> bool:
    if not (a.explicit_date and b.explicit_date) or a.when is None or b.when is None:
        return True
    return a.when.start <= b.when.end and b.when.start <= a.when.end


def _specificity(d: Draft, labels: dict[str, str]) -> int:
    return sum(0 if labels.get(k) in _GENERIC else 1 for k in _keys(d))


def _restates(a: Draft, b: Draft, labels: dict[str, str], countries: dict[str, str | None]) -> bool:
    if a.plover != b.plover or a.factuality != b.factuality or not _dates_fit(a, b):
        return False
    if _keys(a) == _keys(b):
        return True
    ca = {countries.get(k) for k in _keys(a)}
    cb = {countries.get(k) for k in _keys(b)}
    if None in ca | cb or ca != cb or len(ca) < 2:
        return False
    # Only a generic description folds into a specific one; two specific meetings stay two.
    return _specificity(a, labels) != _specificity(b, labels) and min(
        _specificity(a, labels), _specificity(b, labels)) <= len(_keys(a) & _keys(b))


def _fold(keep: Draft, other: Draft) -> Draft:
    when, explicit = keep.when, keep.explicit_date
    if not explicit and other.explicit_date:
        when, explicit = other.when, True
    return replace(keep, when=when, explicit_date=explicit, place=keep.place or other.place,
                   confidence=max(keep.confidence, other.confidence))


def merge_drafts(drafts: list[Draft], labels: dict[str, str], countries: dict[str, str | None]) -> list[Draft]:
    """Drafts in text order with restatements folded into the most specific one."""
    kept: list[Draft] = []
    for draft in drafts:
        for n, earlier in enumerate(kept):
            if _restates(earlier, draft, labels, countries):
                specific = _specificity(draft, labels) > _specificity(earlier, labels)
                kept[n] = _fold(draft, earlier) if specific else _fold(earlier, draft)
                break
        else:
            kept.append(draft)
    return kept
