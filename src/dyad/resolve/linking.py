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
from operator import attrgetter
from typing import NamedTuple

from dyad.collector import fewer_collections
from dyad.resolve.actors import name_tokens
from dyad.resolve.decisions import Decisions, member_id
from dyad.resolve.same_event import same_event_pairs
from dyad.store import CanonicalActor, DocActorRow, Store
from dyad.store.canonical import link_rows
from dyad.store.event_keys import event_keys, events_of

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


class _Name(NamedTuple):
    """A person row's comparison keys, computed once per row: given-name skeletons and surname skeleton."""

    id: int
    given: tuple[str, ...]
    surname: str
    country: str


class _NameKeys:
    """Given-name and surname skeletons of each distinct spelling, reduced once and shared by its rows."""

    def __init__(self) -> None:
        self.keys: dict[str, tuple[tuple[str, ...], str]] = {}
        self.folded: dict[str, str] = {}

    def fold(self, name: str) -> str:
        """The name's tokens, case- and accent-folded, joined: the block key of a non-person."""
        if name not in self.folded:
            self.folded[name] = " ".join(name_tokens(name))
        return self.folded[name]

    def _keys(self, name: str) -> tuple[tuple[str, ...], str]:
        if name not in self.keys:
            tokens = name_tokens(name)
            self.keys[name] = tuple(skeleton(t) for t in tokens[:-1]), skeleton(tokens[-1]) if tokens else ""
        return self.keys[name]

    def surname(self, name: str) -> str:
        """The surname skeleton alone: the block key, read without building a ``_Name``."""
        return self._keys(name)[1]

    def of(self, row: DocActorRow) -> _Name:
        given, surname = self._keys(row.name)
        return _Name(row.id, given, surname, row.country or "")


def _same_person(a: _Name, b: _Name) -> bool:
    if a.country and b.country and a.country != b.country:
        return False
    if not a.given or not b.given:
        return False  # surname-only: decided separately, only when unambiguous
    short, long_ = sorted((a.given, b.given), key=len)
    return short == long_[: len(short)] or short == long_[-len(short):]


class _Union:
    """Union-find that refuses a join which would put a never-merge pair into one entity.

    Union by size with path halving, so a million rows cost about a million steps. Only the few
    rows named in never-merge decisions carry a forbidden set; a join checks those sets alone.
    """

    def __init__(self, forbidden: dict[int, set[int]] | None = None) -> None:
        # Entries exist only for rows that have been joined: a row alone is its own root, size 1.
        self.parent: dict[int, int] = {}
        self.size: dict[int, int] = {}
        self.forbidden = {i: set(f) for i, f in (forbidden or {}).items()}

    def find(self, i: int) -> int:
        parent = self.parent
        while (up := parent.get(i, i)) != i:
            parent[i] = parent.get(up, up)
            i = up
        return i

    def find_all(self, ids: Iterable[int]) -> list[int]:
        """``find`` of each of ``ids``, in one call: linking asks for the entity of every row of the store."""
        parent = self.parent
        roots = []
        for i in ids:
            while (up := parent.get(i, i)) != i:
                parent[i] = parent.get(up, up)
                i = up
            roots.append(i)
        return roots

    def join(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if self.forbidden and (self._refused(ra, rb) or self._refused(rb, ra)):
            return False
        sa, sb = self.size.get(ra, 1), self.size.get(rb, 1)
        keep, gone = (ra, rb) if sa >= sb else (rb, ra)
        self.parent[gone] = keep
        self.size[keep] = sa + sb
        self.size.pop(gone, None)
        if gone in self.forbidden:
            self.forbidden.setdefault(keep, set()).update(self.forbidden.pop(gone))
        return True

    def join_all(self, ids: Sequence[int]) -> None:
        """Join every row of ``ids`` to the first: one entity, as ``join`` one row at a time would make it.

        Without never-merge decisions no join is refused, so the entity does not depend on the
        order of the joins: the roots are found once and hung under the largest, which spares a
        block of a thousand rows a thousand calls of ``join``. With decisions, the joins go one by
        one, since a refusal depends on what was joined before.
        """
        if self.forbidden:
            for other in ids[1:]:
                self.join(ids[0], other)
            return
        roots = set(self.find_all(ids))
        if len(roots) < 2:
            return
        size, parent = self.size, self.parent
        keep = max(roots, key=lambda r: size.get(r, 1))
        roots.discard(keep)
        for root in roots:
            parent[root] = keep
        size[keep] = size.get(keep, 1) + sum(size.pop(root, 1) for root in roots)

    def _refused(self, root: int, other: int) -> bool:
        return any(self.find(f) == other for f in self.forbidden.get(root, ()))


def _block_key(row: DocActorRow, names: _NameKeys) -> str:
    if row.kind == "person":
        return f"person:{names.surname(row.name)}"
    if row.kind == "country":
        # "Lebanon" and "Lebanon government" (Beirut as a metonym) are CAMEO's LBN and LBNGOV: two actors
        return f"country:{row.country}:{row.sector or ''}"
    return f"{row.kind}:{row.country or ''}:{names.fold(row.name)}"


def _blocks(rows: Sequence[DocActorRow], split: set[int], names: _NameKeys) -> dict[str, list[DocActorRow]]:
    """The rows (but those split by the user) under their block keys, in the order given.

    A key depends only on the kind, country, sector and name of a row, which repeat across
    thousands of documents: it is worked out once per such spelling.
    """
    blocks: dict[str, list[DocActorRow]] = defaultdict(list)
    keys: dict[tuple[str, str | None, str | None, str], str] = {}
    for row in rows:
        if row.id not in split:
            spelling = row.kind, row.country, row.sector, row.name
            key = keys.get(spelling) or keys.setdefault(spelling, _block_key(row, names))
            blocks[key].append(row)
    return blocks


def _org_aliases(row: DocActorRow) -> set[str]:
    return {a for a in (row.name, *row.aliases) if a.isupper() and 2 <= len(a) <= 6} | {row.name.lower()}


def _decided(rows: Sequence[DocActorRow], decisions: Decisions) -> dict[str, int]:
    """Row ids of the document actors that user decisions name (usually none of a large store)."""
    named = {m for pair in (*decisions.merges, *decisions.never) for m in pair} | decisions.split
    if not named:
        return {}
    return {m: r.id for r in rows if (m := member_id(r)) in named}


def _constraints(by_member: dict[str, int], decisions: Decisions) -> dict[int, set[int]]:
    forbidden: dict[int, set[int]] = defaultdict(set)
    for a, b in decisions.never:
        if a in by_member and b in by_member:
            forbidden[by_member[a]].add(by_member[b])
            forbidden[by_member[b]].add(by_member[a])
    return forbidden


def cluster(rows: Sequence[DocActorRow], decisions: Decisions | None = None) -> _Union:
    """Cluster document actors into entities; user decisions first, then the automatic rules.

    Memory stays a few small records per row: a large store has millions of document actors.
    """
    decisions = decisions or Decisions()
    by_member = _decided(rows, decisions)
    union = _Union(_constraints(by_member, decisions))
    if union.forbidden:
        # Only a refused join makes the entities depend on the order of the joins: then they are
        # made in document order, never in arrival order. Without one, sorting the rows (a large
        # store has millions) would change nothing.
        rows = sorted(rows, key=attrgetter("document_id", "key"))
    for a, b in decisions.merges:
        if a in by_member and b in by_member:
            union.join(by_member[a], by_member[b])
    split = {by_member[m] for m in decisions.split if m in by_member}
    names = _NameKeys()
    blocks = _blocks(rows, split, names)
    for key in sorted(blocks):
        members = blocks.pop(key)
        if key.startswith("person:"):
            _link_people(union, [names.of(m) for m in members])
        else:
            union.join_all([m.id for m in members])
    _link_acronyms(union, [r for r in rows if r.kind == "organization" and r.id not in split])
    return union


def _link_people(union: _Union, members: list[_Name]) -> None:
    """Link the persons of one surname block: same spelling group first, then across variants.

    Rows with the same given-name key and country are one person outright (linear); only the few
    distinct (given names, country) variants of a surname are compared pairwise. A much-reported
    surname has thousands of rows but few variants, so the block stays linear in its rows.
    """
    variants: dict[tuple[tuple[str, ...], str], list[_Name]] = defaultdict(list)
    for m in members:
        if m.given:
            variants[(m.given, m.country)].append(m)
    for rows in variants.values():
        union.join_all([r.id for r in rows])
    keys = sorted(variants)
    for i, ka in enumerate(keys):
        for kb in keys[i + 1:]:
            if _same_person(variants[ka][0], variants[kb][0]):
                union.join(variants[ka][0].id, variants[kb][0].id)
    _link_surnames(union, [m for m in members if not m.given], [m for m in members if m.given])


def _link_surnames(union: _Union, lone: list[_Name], named: list[_Name]) -> None:
    """A surname alone links only when exactly one entity of the block fits; two Haftars leave it unresolved.

    The entities that fit each country are counted once per block (a lone surname never joins two
    named entities, so they do not change while the lone rows are placed).
    """
    if not lone:
        return
    anywhere = {union.find(m.id) for m in named if not m.country}
    by_country: dict[str, set[int]] = defaultdict(set)
    for m in named:
        if m.country:
            by_country[m.country].add(union.find(m.id))
    every = anywhere.union(*by_country.values())
    for row in lone:
        fits = anywhere | by_country.get(row.country, set()) if row.country else every
        if len(fits) == 1:
            union.join(row.id, next(iter(fits)))


def _link_acronyms(union: _Union, orgs: list[DocActorRow]) -> None:
    owner: dict[tuple[str | None, str], int] = {}
    # The aliases of a spelling are worked out once: an organisation is named the same way in
    # thousands of documents. (The rows come in id order from the store: sorting them again is cheap.)
    aliases: dict[tuple[str, tuple[str, ...]], set[str]] = {}
    for row in sorted(orgs, key=attrgetter("id")):
        spelling = row.name, row.aliases
        found = aliases.get(spelling)
        if found is None:
            found = aliases[spelling] = _org_aliases(row)
        for alias in found:
            key = (row.country, alias)
            if key in owner:
                union.join(owner[key], row.id)
            else:
                owner[key] = row.id


# A document actor's place in document order: the first of an entity names it and gives its kind.
_document_order = attrgetter("document_id", "key")


def _actor_id(first: DocActorRow) -> str:
    """An entity's id: a digest of its first document actor, so it does not depend on arrival order."""
    return "a-" + hashlib.sha1(f"{first.document_id}:{first.key}".encode()).hexdigest()[:12]


def _name(members: list[DocActorRow]) -> str:
    """The most frequent spelling; among equally frequent ones the fullest, then the first alphabetically.

    Only the most frequent spellings are tokenised: an entity has dozens of rare spellings.
    """
    names = Counter(m.name for m in members)
    top = max(names.values())
    return min((n for n, count in names.items() if count == top), key=lambda n: (-len(name_tokens(n)), n))


def _canonical(members: list[DocActorRow], first: DocActorRow, actor_id: str) -> CanonicalActor:
    """The canonical actor of one entity, given its first member in document order and its id."""
    name = _name(members)
    countries = Counter(m.country for m in members if m.country)
    sectors = Counter(m.sector for m in members if m.sector)
    aliases = sorted({a for m in members for a in (m.name, *m.aliases)} - {name})
    return CanonicalActor(
        id=actor_id, name=name, kind=first.kind,
        country=countries.most_common(1)[0][0] if countries else None,
        sector=sectors.most_common(1)[0][0] if sectors else None, aliases=tuple(aliases),
    )


def link_documents(store: Store, document_ids: Sequence[str] = ()) -> None:
    """Relink the store after new documents (``document_ids``) or a user decision, in one transaction.

    Clustering runs over every document actor, so the result never depends on arrival order; what
    is written back is only what changed: document actors whose entity changed, and the canonical
    actors that gained or lost members. Same-event merging then looks only at the events those
    document actors take part in.
    """
    # Linking makes millions of small records (document actors, event keys) that all live until it
    # ends: collections every 700 of them walked them all again (a tenth of linking 7,890 articles).
    with fewer_collections():
        moved, actors = _changes(store)  # every row of the store is freed before the events are read
        with store.transaction():
            store.set_canonical(moved, actors)
            # the first link of a store moves every row: then no need to list them to find their events
            everything = len(moved) == store.conn.execute("SELECT COUNT(*) FROM doc_actors").fetchone()[0]
            merge_same_events(store, events_of(store, None if everything else moved.keys()))


def _changes(store: Store) -> tuple[dict[int, str], list[CanonicalActor]]:
    """Document actors whose entity changed ({row id: actor id}) and the canonical actors they touch."""
    rows = link_rows(store.conn)  # the fields linking reads, without the document's name and date
    union = cluster(rows, Decisions.load(store))
    groups: dict[int, list[DocActorRow]] = defaultdict(list)
    for row, root in zip(rows, union.find_all(map(attrgetter("id"), rows)), strict=True):
        groups[root].append(row)
    del rows, union  # the groups hold every row now; the union-find tables can go
    firsts = {root: min(members, key=_document_order) for root, members in groups.items()}
    ids = {root: _actor_id(first) for root, first in firsts.items()}
    moved: dict[int, str] = {}
    touched: set[str] = set()  # entities that gain or lose a row: new ids and the old ids of moved rows
    for root, members in groups.items():
        actor_id = ids[root]
        # whole lists at a time: on the first link of a store every row moves
        stale = [m for m in members if m.actor_id != actor_id]
        if stale:
            moved.update(dict.fromkeys([m.id for m in stale], actor_id))
            touched.add(actor_id)
            touched.update([m.actor_id for m in stale if m.actor_id])
    return moved, [_canonical(members, firsts[root], ids[root])
                   for root, members in groups.items() if ids[root] in touched]


def merge_same_events(store: Store, fresh: set[str] | None = None) -> int:
    """Fold reports of one real event from several documents into one event (see ``same_event``).

    Runs after actor linking, because "the same participants" means the same canonical actors.
    ``fresh`` limits the work to the blocks of those events; None looks at every event.
    """
    if fresh is not None and not fresh:
        return 0
    pairs = same_event_pairs(event_keys(store), fresh)
    store.merge_event_pairs(pairs)
    return len(pairs)
