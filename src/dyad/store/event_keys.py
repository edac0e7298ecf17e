"""The few fields of every event that same-event detection compares, read without the export contract.

Cross-source merging (``dyad.resolve.same_event``) needs each event's type, factuality, dates,
place country, canonical participants and source documents — not its sentences, codes or actor
details. Reading just those in three flat queries keeps relinking a large store cheap; the
shape is the export contract's, cut down to what ``same_event_pairs`` reads.

>>> from dyad.store import Store
>>> event_keys(Store())
[]
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from dyad.store.store import Store


def event_keys(store: Store) -> list[dict[str, Any]]:
    """Every event as ``{id, type, factuality, date, date_end, place, source, target, sources}``.

    ``source``/``target`` hold ``{"id": canonical actor id}`` entries (document actors not yet
    linked are left out), ``sources`` holds ``{"document": id}`` entries, ``place`` the country.
    """
    conn = store.conn
    # One small dict per actor and per document, shared by all the events that name it (read-only).
    actors: dict[str, dict[str, str]] = {}
    sides: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for event_id, side, actor_id in conn.execute(
        "SELECT p.event_id, p.side, da.actor_id FROM event_participants p "
        "JOIN doc_actors da ON da.id = p.doc_actor_id WHERE da.actor_id IS NOT NULL"
    ):  # in storage order, not by position: same-event detection compares participants as sets
        sides[(event_id, side)].append(actors.get(actor_id) or actors.setdefault(actor_id, {"id": actor_id}))
    sources: dict[str, dict[str, str]] = {}
    documents: dict[str, list[dict[str, str]]] = defaultdict(list)
    for event_id, document_id in conn.execute("SELECT event_id, document_id FROM event_sources"):
        documents[event_id].append(
            sources.get(document_id) or sources.setdefault(document_id, {"document": document_id})
        )
    return [
        {
            "id": event_id, "type": kind, "factuality": factuality, "date": start, "date_end": end,
            "place": {"country": country} if country else None,
            "source": sides[(event_id, "source")], "target": sides[(event_id, "target")],
            "sources": documents[event_id],
        }
        for event_id, kind, factuality, start, end, country in conn.execute(
            "SELECT id, type, factuality, date, date_end, place_country FROM events ORDER BY id"
        )
    ]


def events_of(store: Store, doc_actor_ids: set[int]) -> set[str]:
    """Ids of the events in which any of ``doc_actor_ids`` takes part."""
    conn = store.conn
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS asked_doc_actors (id INTEGER PRIMARY KEY)")
    conn.execute("DELETE FROM asked_doc_actors")
    conn.executemany("INSERT INTO asked_doc_actors (id) VALUES (?)", [(i,) for i in sorted(doc_actor_ids)])
    found = {
        row[0] for row in conn.execute(
            "SELECT DISTINCT event_id FROM event_participants WHERE doc_actor_id IN (SELECT id FROM asked_doc_actors)"
        )
    }
    conn.execute("DELETE FROM asked_doc_actors")
    return found
