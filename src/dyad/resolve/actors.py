"""In-document coreference: mentions become actors with one key each.

Within one article a surname alone ("Haftar", "Mr Al Hajjar") is the person the article
introduced with that name — Saddam in one article, Khalifa in another; a description ("the
Syrian minister", "the French adviser") is the most recent person of that country whose title
has that head word. A person whose role gives no country takes it, in order, from an adjacent
group ("the Bashar Al Assad regime in Syria"), from the only country named in the sentence, from
the dateline (an unqualified "Interior Minister" under a BEIRUT dateline is Lebanese, and this
comes first for office holders) and last from the country the document talks about most. A
well-known figure (``people.tsv``) takes the country listed there when the text says nothing.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, lru_cache

from anyascii import anyascii

from dyad.analyse.found import COUNTRY, DESC, GROUP, ORG, PERSON, Found
from dyad.knowledge.loader import Knowledge, Org
from dyad.types import Actor, Kind

_PARTICLES = {"al", "el", "bin", "ibn", "bint", "mr", "mrs", "ms", "dr", "sheikh"}
_WORD = re.compile(r"[a-z]+")


# The same names come back in every mention and every article ("Assad", "Syrian Observatory for Human
# Rights"): fold each distinct name once. The cache is bounded, so a long ingest does not grow it forever.
@lru_cache(maxsize=1 << 16)
def name_tokens(name: str) -> tuple[str, ...]:
    """Comparable tokens of a person's name.

    >>> name_tokens("Mr Al-Hajjar")
    ('hajjar',)
    """
    folded = anyascii(name).lower().replace("-", " ").replace("'", " ")
    return tuple(t for t in _WORD.findall(folded) if t not in _PARTICLES)


# Compared by identity (``eq=False``): keys are unique in a document, so two clusters are never the
# same actor, and ``people.remove`` need not compare every field of the clusters before it.
@dataclass(eq=False)
class Cluster:
    key: str
    kind: Kind
    name: str
    mentions: list[Found] = field(default_factory=list)
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    tokens: tuple[str, ...] = ()

    def add(self, f: Found) -> None:
        self.mentions.append(f)
        f.key = self.key
        self.country = self.country or f.country
        self.sector = self.sector or f.sector
        self.role = self.role or f.role

    def actor(self) -> Actor:
        aliases = sorted({m.text for m in self.mentions if m.text != self.name} | _role_aliases(self))
        spans = tuple([(m.start, m.end) for m in self.mentions])
        return Actor(self.key, self.name, self.kind, self.country, self.sector, self.role, tuple(aliases), spans)


def _role_aliases(cluster: Cluster) -> set[str]:
    return {f"{cluster.role} {cluster.name}"} if cluster.kind == "person" and cluster.role else set()


class Coreference:
    def __init__(self, knowledge: Knowledge, default_country: str | None) -> None:
        self.knowledge = knowledge
        self.default_country = default_country
        self.clusters: dict[str, Cluster] = {}
        self.people: list[Cluster] = []

    def resolve(self, found: list[Found]) -> list[Cluster]:
        # Built once per document, and not kept on ``self``: bound methods there would make a cycle
        # that only the garbage collector frees.
        handlers: dict[str, Callable[[Found], None]] = {
            PERSON: self._person, DESC: self._description, ORG: self._org, COUNTRY: self._country, GROUP: self._group,
        }
        for f in found:
            handler = handlers.get(f.label)
            if handler is not None:
                handler(f)
        return list(self.clusters.values())

    def _new(self, key: str, kind: Kind, name: str) -> Cluster:
        base, n = key, 2
        while key in self.clusters:
            key, n = f"{base}-{n}", n + 1
        cluster = Cluster(key, kind, name)
        self.clusters[key] = cluster
        return cluster

    def _person(self, f: Found) -> None:
        tokens = name_tokens(f.name)
        if not tokens:
            return
        match = self._person_match(tokens)
        if match is None:
            if f.value == "surname" and known_person(tokens, self.knowledge) is None:
                return  # a lone capitalised word that names nobody this article introduced
            match = self._new(_slug(f.name), "person", f.name)
            match.tokens = tokens
            self.people.append(match)
        match.add(f)
        self._touch(match)

    def _person_match(self, tokens: tuple[str, ...]) -> Cluster | None:
        # The most recently mentioned person whose name contains these tokens, surname last. Most
        # lone capitalised words match no one: the surname is compared first, the sets only then
        # (a description's cluster has no name tokens and matches no name).
        for cluster in reversed(self.people):
            if cluster.tokens and tokens[-1] == cluster.tokens[-1] and set(tokens) <= set(cluster.tokens):
                return cluster
        return None

    def _touch(self, cluster: Cluster) -> None:
        self.people.remove(cluster)
        self.people.append(cluster)

    def _description(self, f: Found) -> None:
        for cluster in reversed(self.people):
            same_country = f.country is None or cluster.country in (None, f.country)
            if same_country and cluster.role and f.head and f.head in cluster.role.lower():
                cluster.add(f)
                return
        if f.country is not None:  # an unnamed official: "Taiwan's Vice Foreign Minister"
            cluster = self._new(_slug(f.text), "person", f.text)
            cluster.add(f)
            self.people.append(cluster)

    def _org(self, f: Found) -> None:
        for cluster in self.clusters.values():
            if cluster.kind == "organization" and (f.name == cluster.name or _written_as(cluster, f.text)):
                cluster.add(f)
                return
        self._new(_slug(f.name), "organization", f.name).add(f)

    def _country(self, f: Found) -> None:
        """One actor per country; a capital standing for its government ("Washington demanded")
        is that country's government (sector GOV), a separate actor from the country itself."""
        iso3 = f.country or ""
        key = f"{iso3}-GOV" if f.metonym else iso3
        cluster = self.clusters.get(key)
        if cluster is None:
            info = self.knowledge.geo.country_info(iso3)
            name = info.name if info else iso3
            cluster = self._new(key, "country", f"{name} government" if f.metonym else name)
            cluster.country = iso3
        cluster.add(f)

    def _group(self, f: Found) -> None:
        key = _slug(f"{f.country or 'x'} {f.sector or 'x'} {f.text.lower().removeprefix('the ')}")
        cluster = self.clusters.get(key) or self._new(key, "group", f.text)
        cluster.add(f)


def _written_as(cluster: Cluster, text: str) -> bool:
    """A mention of the cluster reads ``text`` or gave it as its acronym ("LNA")."""
    return any(m.text == text or (m.value and m.value == text) for m in cluster.mentions)


def _slug(text: str) -> str:
    return "-".join(name_tokens(text)) or re.sub(r"\W+", "-", text.lower()).strip("-") or "x"


@cache
def _known_people(knowledge: Knowledge) -> dict[tuple[str, ...], Org]:
    index: dict[tuple[str, ...], Org] = {}
    for person in knowledge.people:
        for name in (person.name, *person.aliases):
            index[name_tokens(name)] = person
    return index


@cache
def _known_surnames(knowledge: Knowledge) -> dict[str, list[tuple[frozenset[str], Org]]]:
    """The known names grouped by their last token, so a lookup reads one surname's few entries."""
    index: dict[str, list[tuple[frozenset[str], Org]]] = {}
    for key, person in _known_people(knowledge).items():
        if key:
            index.setdefault(key[-1], []).append((frozenset(key), person))
    return index


def known_person(tokens: tuple[str, ...], knowledge: Knowledge) -> Org | None:
    """A well-known figure from people.tsv: the full name, or a surname only one of them has."""
    index = _known_people(knowledge)
    if tokens in index:
        return index[tokens]
    same_surname = _known_surnames(knowledge).get(tokens[-1])
    if same_surname is None:  # nearly every lone capitalised word
        return None
    wanted = set(tokens)
    fits = {id(p): p for key, p in same_surname if wanted <= key}
    return next(iter(fits.values())) if len(fits) == 1 else None


def fill_countries(clusters: list[Cluster], found: list[Found], default: str | None, knowledge: Knowledge) -> None:
    """Give persons without a country one from their context (see the module docstring)."""
    by_start = {f.start: f for f in found}
    by_sentence: dict[int, list[Found]] = {}
    for f in found:
        by_sentence.setdefault(f.sentence, []).append(f)
    most = Counter(f.country for f in found if f.label in (COUNTRY, PERSON) and f.country and f.country.isalpha())
    top = most.most_common(1)[0][0] if most else None
    for cluster in clusters:
        if cluster.kind != "person" or cluster.country:
            continue
        known = known_person(cluster.tokens, knowledge) if cluster.tokens else None
        if known is not None:
            cluster.country, cluster.sector = known.country, cluster.sector or known.sector
            continue
        if cluster.role and default:  # "Interior Minister X" under a BEIRUT dateline is Lebanese
            cluster.country = default
        else:  # only an office holder takes the article's main country as a last resort
            cluster.country = _context_country(cluster, by_start, by_sentence) or (top if cluster.role else None)
        adjacent = [by_start[m.end] for m in cluster.mentions if m.end in by_start]
        group_sector = next((g.sector for g in adjacent if g.label == GROUP and g.sector), None)
        if cluster.sector is None and (cluster.role or group_sector):
            cluster.sector = group_sector or "GOV"


def _context_country(cluster: Cluster, by_start: dict[int, Found], by_sentence: dict[int, list[Found]]) -> str | None:
    for m in cluster.mentions:
        after = by_start.get(m.end)
        if after is not None and after.label == GROUP and after.country:
            return after.country
    for m in cluster.mentions:
        named = {
            f.country for f in by_sentence.get(m.sentence, ())
            if f.label in (COUNTRY, GROUP, ORG) and f.country and f.country.isalpha()
            and f.country not in ("IGO", "NGO", "IMG")
        }
        if len(named) == 1:
            return named.pop()
    return None


def resolve_actors(found: list[Found], knowledge: Knowledge, default_country: str | None) -> list[Actor]:
    """Cluster the mentions of one document into actors; sets ``Found.key`` on each mention."""
    coref = Coreference(knowledge, default_country)
    clusters = coref.resolve(found)
    fill_countries(clusters, found, default_country, knowledge)
    return [c.actor() for c in clusters]
