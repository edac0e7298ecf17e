"""Reading a ``dyad-gold/1`` file into :class:`~dyad.evaluate.gold.Gold`, checking it on the way.

Every problem is reported with where it is — document, actor key, event number, field — because
gold files are written by hand and a silent misreading would make every score meaningless.

>>> doc = {"published": None, "actors": {"fra": {"name": "France", "kind": "country", "country": "FRA"}},
...        "events": [{"type": "AGREE", "actors": ["fra"]}]}
>>> gold = parse_gold({"schema": "dyad-gold/1", "documents": {"a.txt": doc}})
>>> gold.documents["a.txt"].events[0].types, gold.documents["a.txt"].events[0].core
(('AGREE',), True)
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from dyad.errors import GoldError
from dyad.evaluate.gold import ActorRef, Gold, GoldDocument
from dyad.evaluate.gold_fields import fields, pairs, parse_actor, parse_event, parse_published, strings

SCHEMA = "dyad-gold/1"
CrossPair = tuple[ActorRef, ActorRef]
_DOCUMENT_KEYS = {"published", "actors", "events", "negative", "different", "no_actor"}


def load_gold(path: Path) -> Gold:
    """Read and check a ``dyad-gold/1`` file; GoldError says what is wrong and where."""
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise GoldError(f"cannot read gold file {path}: {exc.strerror or exc}") from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise GoldError(f"{path} is not valid JSON: {exc}") from exc
    try:
        return parse_gold(raw)
    except GoldError as exc:
        raise GoldError(f"{path}: {exc}") from exc


def parse_gold(raw: Any) -> Gold:
    """Check an already-decoded gold file. Extra top-level keys (``source``, notes) are metadata."""
    if not isinstance(raw, dict) or raw.get("schema") != SCHEMA:
        found = raw.get("schema") if isinstance(raw, dict) else type(raw).__name__
        raise GoldError(f'the schema must be "{SCHEMA}", found {found!r}')
    documents = raw.get("documents")
    if not isinstance(documents, dict) or not documents:
        raise GoldError('"documents" must be a non-empty object of file name -> document')
    parsed = {name: _document(name, body) for name, body in documents.items()}
    return Gold(parsed, _cross_pairs(raw, "same", parsed), _cross_pairs(raw, "different", parsed))


def _document(name: str, body: Any) -> GoldDocument:
    where = f"document {name!r}"
    doc = fields(body, where, _DOCUMENT_KEYS, required={"actors", "events"})
    actors_raw = doc["actors"]
    if not isinstance(actors_raw, dict):
        raise GoldError(f"{where}: actors must be an object of key -> actor")
    actors = {key: parse_actor(key, value, f"{where}, actor {key!r}") for key, value in actors_raw.items()}
    events = tuple(parse_event(e, actors, f"{where}, events[{i}]", i, negative=False)
                   for i, e in enumerate(_list(doc, "events", where)))
    negative = tuple(parse_event(e, actors, f"{where}, negative[{i}]", i, negative=True)
                     for i, e in enumerate(_list(doc, "negative", where)))
    different = pairs(doc.get("different") or [], actors, f"{where}, different")
    no_actor = strings(doc.get("no_actor") or [], f"{where}, no_actor")
    return GoldDocument(name, parse_published(doc.get("published"), where), actors, events, negative,
                        different, no_actor)


def _list(container: dict[str, Any], key: str, where: str = "the gold file") -> list[Any]:
    value = container.get(key) or []
    if not isinstance(value, list):
        raise GoldError(f"{where}: {key} must be a list")
    return value


def _cross_pairs(raw: dict[str, Any], key: str, documents: dict[str, GoldDocument]) -> tuple[CrossPair, ...]:
    return tuple(_cross_pair(pair, documents, f"{key}[{i}]") for i, pair in enumerate(_list(raw, key)))


def _cross_pair(pair: Any, documents: dict[str, GoldDocument], where: str) -> CrossPair:
    if not isinstance(pair, list) or len(pair) != 2:
        raise GoldError(f'{where}: a pair is two "document:key" strings, found {pair!r}')
    first, second = (_ref(ref, documents, where) for ref in pair)
    return first, second


def _ref(ref: Any, documents: dict[str, GoldDocument], where: str) -> ActorRef:
    # Keys never hold a colon but file names may, so the last colon separates them.
    name, colon, key = ref.rpartition(":") if isinstance(ref, str) else ("", "", "")
    if not colon or name not in documents:
        raise GoldError(f'{where}: {ref!r} is not "document:key" for a document of this gold file')
    if key not in documents[name].actors:
        raise GoldError(f"{where}: document {name!r} has no actor {key!r}")
    return name, key
