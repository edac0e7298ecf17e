"""Load the reviewed data files into one ``Knowledge`` object that is passed to every stage.

Nothing here knows a name, a title or a verb: it only reads ``knowledge/data/``. A user teaches
dyad a new title, organisation or verb by adding a line to a data file (or by pointing
``Knowledge.load`` at a folder of their own that overrides the shipped files).

>>> k = Knowledge.load()
>>> k.codes["040"].plover
'CONSULT'
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from dyad.collector import fewer_collections
from dyad.knowledge.built import digest, environment_digest, folder_digest, load_or_build
from dyad.knowledge.geo import Gazetteer

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Title:
    phrase: str
    sector: str | None
    cls: str  # office | rank | diplomat | honorific


@dataclass(frozen=True)
class Org:
    name: str
    aliases: tuple[str, ...]
    country: str | None
    sector: str | None
    kind: str


@dataclass(frozen=True)
class Code:
    code: str
    name: str
    plover: str
    mode: str | None
    quad: int
    goldstein: float


@dataclass(frozen=True)
class TriggerRule:
    """One trigger: words to match (first one inflected for verbs) and how to read its arguments."""

    code: str
    words: tuple[str, ...]
    nominal: bool = False
    prep: tuple[str, ...] = ()
    reciprocal: bool = False
    passive_by: bool = False
    objects: tuple[str, ...] = ()
    target_is_place: bool = False
    between: bool = False
    speaker: bool = False  # "X said Y must …": the source is the speaker, the target who must


@dataclass(frozen=True)
class Modality:
    future: tuple[str, ...]
    expected: tuple[str, ...]
    intent: tuple[str, ...]
    threat: tuple[str, ...]
    refusal: tuple[str, ...]
    negation: tuple[str, ...]
    condition: tuple[str, ...]
    request_governors: tuple[str, ...]
    implicative: tuple[str, ...]
    non_event_governors: tuple[str, ...]
    reporting: tuple[str, ...]
    possible: tuple[str, ...] = ()
    plural_people: tuple[str, ...] = ()
    plural_countries: tuple[str, ...] = ()


@dataclass(eq=False)  # identity-hashed: built once, shared, used as a cache key
class Knowledge:
    """Everything dyad knows, loaded from data files; pass one instance to every stage."""

    geo: Gazetteer
    titles: dict[str, Title]
    sector_nouns: dict[str, str]
    orgs: list[Org]
    org_heads: dict[str, str | None]
    codes: dict[str, Code]
    triggers: list[TriggerRule]
    modality: Modality
    irregular: dict[str, tuple[str, ...]]
    people: list[Org] = field(default_factory=list)  # same columns as organisations: name, aliases, country, sector
    given_names: frozenset[str] = field(default_factory=frozenset)
    name_stopwords: frozenset[str] = field(default_factory=frozenset)
    # A digest of the files it was loaded from (``dyad.knowledge.built``), under which what is built
    # from it (the phrase lexicon) is cached. Not an argument: a copy made with ``replace`` holds
    # other knowledge, so it starts with "" and its lexicon is built afresh.
    built_from: str = field(default="", init=False)

    @classmethod
    def load(cls, data_dir: Path | None = None) -> Knowledge:
        return _load(data_dir or DATA)


def _rows(path: Path) -> Iterator[list[str]]:
    """TSV rows of a data file, without comments and blank lines."""
    with path.open(encoding="utf-8") as handle:
        for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row and row[0].strip() and not row[0].startswith("#"):
                yield [cell.strip() for cell in row]


def _opt(value: str) -> str | None:
    return None if value in ("", "-") else value


def _words(path: Path) -> frozenset[str]:
    if not path.exists():
        return frozenset()
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(ln.strip() for ln in lines if ln.strip() and not ln.startswith("#"))


def _titles(path: Path) -> dict[str, Title]:
    return {r[0].lower(): Title(r[0].lower(), _opt(r[1]), r[2]) for r in _rows(path)}


def _orgs(path: Path) -> list[Org]:
    return [
        Org(r[0], tuple(a for a in r[1].split(";") if _opt(a)), _opt(r[2]), _opt(r[3]), r[4])
        for r in _rows(path)
    ]


def _orgs_like(path: Path) -> list[Org]:
    """people.tsv: name, aliases, country, sector, role — read into the same record as organisations."""
    return [Org(r[0], tuple(a for a in r[1].split(";") if _opt(a)), _opt(r[2]), _opt(r[3]), r[4]) for r in _rows(path)]


def _codes(path: Path) -> dict[str, Code]:
    return {r[0]: Code(r[0], r[1], r[2], _opt(r[3]), int(r[4]), float(r[5])) for r in _rows(path)}


def _rule(code: str, text: str, nominal: bool) -> TriggerRule:
    """Parse ``"hold talks | prep=with reciprocal"`` into a ``TriggerRule``."""
    words, _, opts = text.partition("|")
    options: dict[str, Any] = {}
    for opt in opts.split():
        key, _, value = opt.partition("=")
        if key in ("prep", "object"):
            options["prep" if key == "prep" else "objects"] = tuple(value.split("/"))
        else:
            options[key] = True
    return TriggerRule(code=code, words=tuple(words.lower().split()), nominal=nominal, **options)


def _triggers(path: Path) -> list[TriggerRule]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    rules = [_rule(str(code), t, False) for code, items in data["verbs"].items() for t in items]
    rules += [_rule(str(code), t, True) for code, items in data["nouns"].items() for t in items]
    return rules


def _modality(path: Path) -> Modality:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return Modality(**{k: tuple(str(v).lower() for v in vs) for k, vs in data.items()})


@cache
def _load(data_dir: Path) -> Knowledge:
    """The knowledge in ``data_dir`` (shipped files where it has none), from the disk cache when built before."""
    def key() -> str:
        return digest("knowledge", environment_digest(), "" if data_dir == DATA else folder_digest(data_dir))

    return load_or_build("knowledge", key, Knowledge, lambda built_from: _read_files(data_dir, built_from))


def _read_files(data_dir: Path, built_from: str) -> Knowledge:
    def pick(name: str) -> Path:
        # A user folder may override any single file; the rest comes from the shipped data.
        own = data_dir / name
        return own if own.exists() else DATA / name

    with fewer_collections():  # some 200,000 names and keys, all kept (see dyad.collector)
        knowledge = Knowledge(
            geo=Gazetteer.load(None if data_dir == DATA else data_dir),
            titles=_titles(pick("titles.tsv")),
            sector_nouns={r[0].lower(): r[1] for r in _rows(pick("sector_nouns.tsv"))},
            orgs=_orgs(pick("organisations.tsv")),
            org_heads={r[0]: _opt(r[1]) if len(r) > 1 else None for r in _rows(pick("org_heads.txt"))},
            codes=_codes(pick("cameo.tsv")),
            triggers=_triggers(pick("verbs.yaml")),
            modality=_modality(pick("modality.yaml")),
            irregular={r[0]: tuple(r[1].split(";")) for r in _rows(pick("irregular_verbs.tsv"))},
            people=_orgs_like(pick("people.tsv")),
            given_names=_words(pick("given_names.txt")),
            name_stopwords=_words(pick("name_stopwords.txt")),
        )
    knowledge.built_from = built_from
    return knowledge
