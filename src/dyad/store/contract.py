"""Stored rows → the export contract's dicts (events with their actors and sources; actors).

Rows are turned into dicts a batch at a time: participants, aliases and sources of a batch come
from one query each, so reading N events costs a few queries per batch, not per event.

>>> from dyad.store import Store
>>> events_from_rows(Store().conn, [])
[]
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from dyad.store.records import marks

Row = sqlite3.Row
Dict = dict[str, Any]
ROLE_FIELDS = ("role", "country", "sector", "date", "document", "document_id")


def aliases_of(conn: sqlite3.Connection, actor_ids: Iterable[str]) -> dict[str, list[str]]:
    ids = sorted(set(actor_ids))
    found: dict[str, list[str]] = defaultdict(list)
    rows = conn.execute(
        f"SELECT actor_id, alias FROM aliases WHERE actor_id IN ({marks(len(ids))}) ORDER BY alias", ids
    )
    for r in rows:
        found[r["actor_id"]].append(r["alias"])
    return found


def _actor(r: Row, aliases: dict[str, list[str]]) -> Dict:
    """ACTOR: the canonical actor with the role the document gave it; ``doc:<id>`` until linked."""
    if r["actor_id"] is None:
        return {"id": f"doc:{r['doc_actor_id']}", "name": r["da_name"],
                "aliases": json.loads(r["da_aliases"]), "kind": r["da_kind"], "country": r["da_country"],
                "sector": r["da_sector"], "role": r["role"]}
    return {"id": r["actor_id"], "name": r["name"], "aliases": aliases.get(r["actor_id"], []),
            "kind": r["kind"], "country": r["country"], "sector": r["sector"], "role": r["role"]}


def _participants(conn: sqlite3.Connection, ids: Sequence[str]) -> dict[tuple[str, str], list[Dict]]:
    rows = conn.execute(
        "SELECT p.event_id, p.side, da.id AS doc_actor_id, da.role, da.name AS da_name, da.kind AS da_kind, "
        "da.country AS da_country, da.sector AS da_sector, da.aliases AS da_aliases, "
        "a.id AS actor_id, a.name, a.kind, a.country, a.sector "
        "FROM event_participants p JOIN doc_actors da ON da.id = p.doc_actor_id "
        f"LEFT JOIN actors a ON a.id = da.actor_id WHERE p.event_id IN ({marks(len(ids))}) "
        "ORDER BY p.event_id, p.side, p.position, p.rowid", ids,
    ).fetchall()
    aliases = aliases_of(conn, (r["actor_id"] for r in rows if r["actor_id"]))
    sides: dict[tuple[str, str], list[Dict]] = defaultdict(list)
    for r in rows:
        actor, members = _actor(r, aliases), sides[(r["event_id"], r["side"])]
        # A merged event holds each document's actor; the canonical actor is shown once per side.
        if all(m["id"] != actor["id"] for m in members):
            members.append(actor)
    return sides


def _sources(conn: sqlite3.Connection, ids: Sequence[str]) -> dict[str, list[Dict]]:
    rows = conn.execute(
        'SELECT es.event_id, es.document_id, es.sentence, es.start, es."end", es.trigger_start, '
        "es.trigger_end, d.name, d.title, d.published, d.url, d.source, "
        'substr(d.text, es.start + 1, es."end" - es.start) AS sentence_text '
        "FROM event_sources es JOIN documents d ON d.id = es.document_id "
        f"WHERE es.event_id IN ({marks(len(ids))}) "
        "ORDER BY es.event_id, d.published IS NULL, d.published, d.name, es.sentence", ids,
    )
    found: dict[str, list[Dict]] = defaultdict(list)
    for r in rows:
        found[r["event_id"]].append({
            "document": r["name"], "sentence": r["sentence_text"], "start": r["start"], "end": r["end"],
            "sentence_index": r["sentence"], "document_id": r["document_id"],
            "trigger": [r["trigger_start"], r["trigger_end"]],
            "title": r["title"], "published": r["published"], "url": r["url"], "publisher": r["source"],
        })
    return found


def events_from_rows(conn: sqlite3.Connection, rows: Sequence[Row]) -> list[Dict]:
    """Event rows (``SELECT e.*``) → contract event dicts, in the same order."""
    ids = [r["id"] for r in rows]
    if not ids:
        return []
    sides, sources = _participants(conn, ids), _sources(conn, ids)
    return [_event(r, sides[(r["id"], "source")], sides[(r["id"], "target")], sources[r["id"]]) for r in rows]


def _event(r: Row, source: list[Dict], target: list[Dict], sources: list[Dict]) -> Dict:
    place = None
    if r["place_name"] is not None or r["place_country"] is not None:
        place = {"name": r["place_name"], "country": r["place_country"], "lat": r["lat"], "lon": r["lon"],
                 "kind": r["place_kind"]}
    return {
        "id": r["id"], "type": r["type"], "mode": r["mode"], "cameo": r["cameo"],
        "quad_class": r["quad_class"], "goldstein": r["goldstein"], "factuality": r["factuality"],
        "date": r["date"], "date_end": r["date_end"],
        "date_precision": r["date_precision"], "source": source, "target": target, "place": place,
        "sources": sources, "n_sources": len(sources), "confidence": r["confidence"],
    }


def actors_from_rows(conn: sqlite3.Connection, rows: Sequence[Row]) -> list[Dict]:
    """Canonical actor rows → actor contract dicts with aliases, roles over time and documents."""
    ids = [r["id"] for r in rows]
    if not ids:
        return []
    aliases = aliases_of(conn, ids)
    roles: dict[str, list[Dict]] = defaultdict(list)
    for r in conn.execute(
        "SELECT ar.actor_id, ar.role, ar.country, ar.sector, ar.date, d.name AS document, "
        "d.id AS document_id FROM actor_roles ar JOIN documents d ON d.id = ar.document_id "
        f"WHERE ar.actor_id IN ({marks(len(ids))}) "
        # by content, never by row order: relinking may rewrite the rows in any order
        "ORDER BY ar.actor_id, ar.date IS NULL, ar.date, d.name, d.id, ar.role IS NULL, ar.role, "
        "ar.country IS NULL, ar.country, ar.sector IS NULL, ar.sector", ids,
    ):
        roles[r["actor_id"]].append({k: r[k] for k in ROLE_FIELDS})
    documents: dict[str, dict[str, None]] = defaultdict(dict)  # ordered set of names
    for r in conn.execute(
        "SELECT DISTINCT da.actor_id, d.name, d.published "
        "FROM doc_actors da JOIN documents d ON d.id = da.document_id "
        f"WHERE da.actor_id IN ({marks(len(ids))}) "
        "ORDER BY da.actor_id, d.published IS NULL, d.published, d.name",
        ids,
    ):
        documents[r["actor_id"]][r["name"]] = None
    return [
        {"id": r["id"], "name": r["name"], "aliases": aliases.get(r["id"], []), "kind": r["kind"],
         "country": r["country"], "sector": r["sector"], "roles": roles[r["id"]],
         "documents": list(documents[r["id"]])}
        for r in rows
    ]
