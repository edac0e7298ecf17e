"""Cross-document actor resolution: every document actor gets one canonical actor id.

Names are compared on transliteration-tolerant keys, blocked by surname so the cost grows with
the number of mentions, not its square. Two persons are one when their surnames share a
consonant skeleton (Hajjar/Al Hajjar, Dbaiba/Dbeibeh) *and* their given names agree
(Ahmad/Ahmed, Abdel/Abdul, Mohamed/Muhammad) *and* their countries do not contradict. Persons
sharing only a surname (Khalifa and Saddam Haftar) or only a given name (Ahmad Hajjar, Ahmad Al
Shara) stay apart; a surname alone links only when exactly one candidate fits. Clusters and
their ids depend on the set of actors, never on the order documents arrived in.

>>> skeleton("Dbeibeh") == skeleton("Dbaiba")
True
>>> skeleton("Khalifa") == skeleton("Saddam")
False
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from dyad.resolve.actors import name_tokens
from dyad.resolve.decisions import Decisions, member_id
from dyad.store import CanonicalActor, DocActorRow, Store

# Spelling families of Arabic given-name elements, folded to one form before comparison.
_GIVEN_FORMS = {"abdel": "abd", "abdul": "abd", "abdal": "abd", "abdil": "abd"}


def skeleton(token: str) -> str:
    """A transliteration-tolerant key: consonants only, doubles collapsed, a final -eh/-ah dropped."""
    word = re.sub(r"[^a-z]", "", name_tokens(token)[0] if name_tokens(token) else "")
    word = _GIVEN_FORMS.get(word, word)
    word = re.sub(r"(?<=[aeiouy])h$", "", word)
    word = word.replace("q", "k").replace("ph", "f")  # Tariq/Tarek, Mustapha/Mustafa
    consonants = re.sub(r"[aeiouyw]", "", word[1:])
    return re.sub(r"(.)\1+", r"\1", word[:1] + consonants)


def _given(row: DocActorRow) -> tuple[str, ...]:
    tokens = name_tokens(row.name)
    return tuple(skeleton(t) for t in tokens[:-1])


def _surname(row: DocActorRow) -> str:
    tokens = name_tokens(row.name)
    return skeleton(tokens[-1]) if tokens else ""


def _same_person(a: DocActorRow, b: DocActorRow) -> bool:
    if a.country and b.country and a.country != b.country:
        return False
    ga, gb = _given(a), _given(b)
    if not ga or not gb:
        return False  # surname-only: decided separately, only when unambiguous
    short, long_ = sorted((ga, gb), key=len)
    return short == long_[: len(short)] or short == long_[-len(short):]


class _Union:
    """Union-find that refuses a join which would put a never-merge pair into one entity."""

    def __init__(self, ids: Iterable[int], forbidden: dict[int, set[int]] | None = None) -> None:
        self.parent = {i: i for i in ids}
        self.members = {i: {i} for i in self.parent}
        self.forbidden = {i: set((forbidden or {}).get(i, ())) for i in self.parent}

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if self.forbidden[ra] & self.members[rb]:
            return False
        keep, gone = min(ra, rb), max(ra, rb)
        self.parent[gone] = keep
        self.members[keep] |= self.members.pop(gone)
        self.forbidden[keep] |= self.forbidden.pop(gone)
        return True


def _block_key(row: DocActorRow) -> str:
    if row.kind == "country":
        # "Lebanon" and "Lebanon government" (Beirut as a metonym) are CAMEO's LBN and LBNGOV: two actors
        return f"country:{row.country}:{row.sector or ''}"
    if row.kind == "person":
        return f"person:{_surname(row)}"
    return f"{row.kind}:{row.country or ''}:{' '.join(name_tokens(row.name))}"


def _org_aliases(row: DocActorRow) -> set[str]:
    return {a for a in (row.name, *row.aliases) if a.isupper() and 2 <= len(a) <= 6} | {row.name.lower()}


def _constraints(rows: Sequence[DocActorRow], decisions: Decisions) -> dict[int, set[int]]:
    by_member = {member_id(r): r.id for r in rows}
    forbidden: dict[int, set[int]] = defaultdict(set)
    for a, b in decisions.never:
        if a in by_member and b in by_member:
            forbidden[by_member[a]].add(by_member[b])
            forbidden[by_member[b]].add(by_member[a])
    return forbidden


def cluster(rows: Sequence[DocActorRow], decisions: Decisions | None = None) -> _Union:
    """Cluster document actors into entities; user decisions first, then the automatic rules."""
    decisions = decisions or Decisions()
    rows = sorted(rows, key=lambda r: (r.document_id, r.key))
    union = _Union((r.id for r in rows), _constraints(rows, decisions))
    by_member = {member_id(r): r.id for r in rows}
    for a, b in decisions.merges:
        if a in by_member and b in by_member:
            union.join(by_member[a], by_member[b])
    auto = [r for r in rows if member_id(r) not in decisions.split]
    blocks: dict[str, list[DocActorRow]] = defaultdict(list)
    for row in auto:
        blocks[_block_key(row)].append(row)
    for key in sorted(blocks):
        members = blocks[key]
        if key.startswith("person:"):
            _link_people(union, members)
        else:
            for other in members[1:]:
                union.join(members[0].id, other.id)
    _link_acronyms(union, [r for r in auto if r.kind == "organization"])
    return union


def _link_people(union: _Union, members: list[DocActorRow]) -> None:
    """Link the persons of one surname block: same spelling group first, then across variants.

    Rows with the same given-name key and country are one person outright (linear); only the few
    distinct (given names, country) variants of a surname are compared pairwise.
    """
    named = [m for m in members if _given(m)]
    variants: dict[tuple[tuple[str, ...], str], list[DocActorRow]] = defaultdict(list)
    for m in named:
        variants[(_given(m), m.country or "")].append(m)
    for rows in variants.values():
        for other in rows[1:]:
            union.join(rows[0].id, other.id)
    keys = sorted(variants)
    for i, ka in enumerate(keys):
        for kb in keys[i + 1:]:
            if _same_person(variants[ka][0], variants[kb][0]):
                union.join(variants[ka][0].id, variants[kb][0].id)
    for lone in (m for m in members if not _given(m)):
        fits = {union.find(m.id) for m in named if not (lone.country and m.country and lone.country != m.country)}
        # A surname alone links only when exactly one entity fits; two Haftars leave it unresolved.
        if len(fits) == 1:
            union.join(lone.id, fits.pop())


def _link_acronyms(union: _Union, orgs: list[DocActorRow]) -> None:
    owner: dict[tuple[str | None, str], int] = {}
    for row in sorted(orgs, key=lambda r: r.id):
        for alias in _org_aliases(row):
            key = (row.country, alias)
            if key in owner:
                union.join(owner[key], row.id)
            else:
                owner[key] = row.id


def _canonical(members: list[DocActorRow]) -> CanonicalActor:
    names = Counter(m.name for m in members)
    name = sorted(names, key=lambda n: (-names[n], -len(name_tokens(n)), n))[0]
    first = min(members, key=lambda m: (m.document_id, m.key))
    digest = hashlib.sha1(f"{first.document_id}:{first.key}".encode()).hexdigest()[:12]
    countries = Counter(m.country for m in members if m.country)
    sectors = Counter(m.sector for m in members if m.sector)
    aliases = sorted({a for m in members for a in (m.name, *m.aliases)} - {name})
    return CanonicalActor(
        id=f"a-{digest}", name=name, kind=first.kind,
        country=countries.most_common(1)[0][0] if countries else None,
        sector=sectors.most_common(1)[0][0] if sectors else None, aliases=tuple(aliases),
    )


def link_documents(store: Store, document_ids: Sequence[str] = ()) -> None:
    """(Re)compute canonical actors for the whole store; ``document_ids`` are the new arrivals."""
    rows = store.doc_actor_rows()
    union = cluster(rows, Decisions.load(store))
    groups: dict[int, list[DocActorRow]] = defaultdict(list)
    for row in rows:
        groups[union.find(row.id)].append(row)
    assignments: dict[int, str] = {}
    actors: list[CanonicalActor] = []
    for members in groups.values():
        actor = _canonical(members)
        actors.append(actor)
        assignments.update({m.id: actor.id for m in members})
    store.set_canonical(assignments, actors)
    merge_same_events(store)


def merge_same_events(store: Store) -> int:
    """Fold reports of one real event from several documents into one event (see ``same_event``).

    Runs after actor linking, because "the same participants" means the same canonical actors.
    """
    from dyad.resolve.same_event import same_event_pairs
    from dyad.store.queries import EventFilter, find_events

    pairs = same_event_pairs(find_events(store, EventFilter(limit=None)))
    for keep, drop in pairs:
        store.merge_events(keep, drop)
    return len(pairs)
