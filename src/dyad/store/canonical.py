"""Canonical actors and merged events: what cross-document resolution writes back.

The linker (``dyad.resolve.linking``) reads every document actor, decides which are one entity and
hands the answer to ``set_canonical``; same-event detection hands pairs to ``merge_events``. Both
run inside the caller's transaction.

>>> from dyad.store import Store
>>> doc_actor_rows(Store().conn)
[]
"""

from __future__ import annotations

import json
import sqlite3
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date
from typing import cast

from dyad.errors import NotFound
from dyad.store.records import CanonicalActor, DocActorRow, marks
from dyad.types import Kind

# Rows moved at once from which rebuilding the actor index beats updating it row by row.
_BULK = 10_000


def scratch(conn: sqlite3.Connection, name: str, columns: Sequence[str], rows: Iterable[tuple[object, ...]],
            key: str | None = None) -> None:
    """Fill the connection's own temporary table ``name`` with ``rows`` (made if missing, emptied first).

    Relinking hands SQLite its sets — moved rows, touched actors, merge pairs — this way, so that one
    joined statement replaces a statement per row. ``key`` is a table-level primary key, if any.
    """
    definition = ", ".join([*columns, f"PRIMARY KEY ({key})"] if key else columns)
    conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS {name} ({definition})")
    conn.execute(f"DELETE FROM {name}")
    conn.executemany(f"INSERT INTO {name} VALUES ({marks(len(columns))})", rows)


def plain_rows(conn: sqlite3.Connection, sql: str) -> sqlite3.Cursor:
    """The rows of ``sql`` as plain tuples, whatever the connection's row factory.

    The store hands out ``sqlite3.Row`` objects, which cost more to build than tuples; the bulk
    reads of relinking (every document actor, participant and source) unpack each row at once.
    """
    cursor = conn.cursor()
    cursor.row_factory = None
    return cursor.execute(sql)


def doc_actor_rows(conn: sqlite3.Connection) -> list[DocActorRow]:
    """Every document actor. Repeated strings (document ids, kinds, countries, names) are shared, not
    copied per row: a store of 100k articles holds well over a million rows."""
    rows = conn.execute(
        "SELECT da.id, da.document_id, d.name AS document_name, da.key, da.name, da.kind, da.country, "
        "da.sector, da.role, da.aliases, da.actor_id, d.published "
        "FROM doc_actors da JOIN documents d ON d.id = da.document_id ORDER BY da.id"
    )
    # sys.intern shares equal strings (freed again once no row holds them); dates and alias lists
    # are parsed once per distinct text. No Python call per field: this runs for millions of rows.
    share = sys.intern
    dates: dict[str | None, date | None] = {None: None}
    aliases: dict[str, tuple[str, ...]] = {"[]": ()}
    return [
        DocActorRow(
            id=r[0], document_id=share(r[1]), document_name=share(r[2]), key=share(r[3]), name=share(r[4]),
            kind=cast(Kind, share(r[5])), country=r[6] and share(r[6]), sector=r[7] and share(r[7]),
            role=r[8] and share(r[8]),
            aliases=aliases[r[9]] if r[9] in aliases else aliases.setdefault(r[9], _aliases(r[9])),
            actor_id=r[10] and share(r[10]),
            published=dates[r[11]] if r[11] in dates else dates.setdefault(r[11], date.fromisoformat(r[11])),
        )
        for r in rows
    ]


_LINK_ROWS = "SELECT id, document_id, key, name, kind, country, sector, aliases, actor_id FROM doc_actors ORDER BY id"


def link_rows(conn: sqlite3.Connection) -> list[DocActorRow]:
    """Every document actor, with only the fields cross-document linking reads (in id order).

    Linking runs at the end of every ingest over all rows of the store. It never looks at the
    document's name or date nor at the role, so this reader skips the join with ``documents`` (a
    b-tree lookup per row into a table of whole texts) and builds each row positionally, sharing
    repeated strings as ``doc_actor_rows`` does.
    """
    share = sys.intern
    kind_of = cast(Callable[[str], Kind], share)  # a kind is one of a few literals; typed once, not per row
    aliases: dict[str, tuple[str, ...]] = {"[]": ()}
    return [
        DocActorRow(
            id, share(document_id), share(key), share(name), kind_of(kind), country and share(country),
            sector and share(sector),
            aliases[names] if names in aliases else aliases.setdefault(names, _aliases(names)),
            actor_id and share(actor_id),
        )
        for id, document_id, key, name, kind, country, sector, names, actor_id in plain_rows(conn, _LINK_ROWS)
    ]


def _aliases(text: str) -> tuple[str, ...]:
    return () if text == "[]" else tuple(json.loads(text))


def set_canonical(
    conn: sqlite3.Connection, assignments: Mapping[int, str], actors: Sequence[CanonicalActor]
) -> None:
    """Upsert ``actors`` with their aliases, point document actors at them, rebuild their roles.

    Canonical actors that are left without any document actor are deleted (their aliases and
    roles go with them through the foreign keys).
    """
    conn.executemany(
        "INSERT INTO actors (id, name, kind, country, sector) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, "
        "country = excluded.country, sector = excluded.sector",
        [(a.id, a.name, a.kind, a.country, a.sector) for a in actors],
    )
    conn.executemany("DELETE FROM aliases WHERE actor_id = ?", [(a.id,) for a in actors])
    conn.executemany(
        "INSERT OR IGNORE INTO aliases (actor_id, alias) VALUES (?, ?)",
        [(a.id, alias) for a in actors for alias in a.aliases],
    )
    _point(conn, assignments)
    _rebuild_roles(conn, {a.id for a in actors} | set(assignments.values()))
    conn.execute(
        "DELETE FROM actors WHERE id NOT IN (SELECT actor_id FROM doc_actors WHERE actor_id IS NOT NULL)"
    )


def _point(conn: sqlite3.Connection, assignments: Mapping[int, str]) -> None:
    """Set ``doc_actors.actor_id`` from ``{doc actor id: actor id}`` in one joined update.

    The first link of a large ingest moves every row; then the actor index is dropped and built
    again after the update (one sort instead of a million scattered index writes).
    """
    # in id order (the temp table grows at its end), one pair at a time: a first link moves millions
    # (zip and map pair them without a Python call per row, and without a list of pairs)
    ids = sorted(assignments)
    scratch(conn, "relinked", ("id INTEGER PRIMARY KEY", "actor_id TEXT NOT NULL"),
            zip(ids, map(assignments.__getitem__, ids), strict=True))
    bulk = len(assignments) >= _BULK and 2 * len(assignments) >= conn.execute(
        "SELECT COUNT(*) FROM doc_actors").fetchone()[0]
    with _index_rebuilt(conn, "doc_actors_actor", bulk):
        conn.execute(
            "UPDATE doc_actors SET actor_id = r.actor_id FROM relinked r "
            "WHERE doc_actors.id = r.id AND doc_actors.actor_id IS NOT r.actor_id"
        )
    conn.execute("DELETE FROM relinked")


@contextmanager
def _index_rebuilt(conn: sqlite3.Connection, name: str, rebuild: bool) -> Iterator[None]:
    """With ``rebuild``, drop the index ``name`` for the statements inside and build it again after.

    For a write that touches most of a table: one sort of the whole index costs less than as many
    scattered index updates as rows written (the index keys are hashes). The index is the same
    after; should a statement fail, the caller's transaction rolls the drop back with it.
    """
    found = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (name,)).fetchone() if rebuild else None
    if found:
        conn.execute(f"DROP INDEX {name}")
    yield
    if found:
        conn.execute(found[0])


def _rebuild_roles(conn: sqlite3.Connection, actor_ids: set[str]) -> None:
    """One role row per document that gave the actor a role or sector, dated by its publication."""
    scratch(conn, "touched_actors", ("id TEXT PRIMARY KEY",), ((i,) for i in actor_ids))
    conn.execute("DELETE FROM actor_roles WHERE actor_id IN (SELECT id FROM touched_actors)")
    # Many touched actors (a first ingest touches all): read doc_actors in storage order and probe the
    # touched set, rather than follow the actor index, whose order scatters the reads. Grouping by
    # document first (a document's rows are stored together) sorts less than DISTINCT would.
    # When every actor is touched (actor_ids were all upserted just before, and a document actor can
    # only point at a stored actor), the probe of the touched set is a test for NULL. Many new roles
    # go in faster with the role index built again after them.
    total = conn.execute("SELECT COUNT(*) FROM actors").fetchone()[0]
    many = 2 * len(actor_ids) >= total
    touched = "da.actor_id IS NOT NULL" if len(actor_ids) >= total else "da.actor_id IN (SELECT id FROM touched_actors)"
    with _index_rebuilt(conn, "actor_roles_actor", many):
        conn.execute(
            "INSERT INTO actor_roles (actor_id, role, country, sector, document_id, date) "
            "SELECT da.actor_id, da.role, da.country, da.sector, da.document_id, d.published "
            f"FROM doc_actors da {'NOT INDEXED' if many else ''} JOIN documents d ON d.id = da.document_id "
            f"WHERE {touched} AND (da.role IS NOT NULL OR da.sector IS NOT NULL) "
            "GROUP BY da.document_id, da.actor_id, da.role, da.country, da.sector"
        )
    conn.execute("DELETE FROM touched_actors")


def merge_events(conn: sqlite3.Connection, keep: str, drop: str) -> None:
    """Make ``drop`` a further report of ``keep``: its sources and participants move, then it goes.

    Participants of ``drop`` come after those of ``keep`` on their side; readers show each
    canonical actor once per side. ``keep`` takes the higher confidence and, if it had no place,
    the place of ``drop``.
    """
    found = {r[0] for r in conn.execute("SELECT id FROM events WHERE id IN (?, ?)", (keep, drop))}
    for missing in {keep, drop} - found:
        raise NotFound(f"no event with id {missing!r}")
    merge_event_pairs(conn, [(keep, drop)])


def merge_event_pairs(conn: sqlite3.Connection, pairs: Sequence[tuple[str, str]]) -> None:
    """``merge_events`` for many ``(keep, drop)`` pairs at once: a handful of set-wise statements.

    The result is that of merging the pairs one after the other in the given order (tested):
    participants of each drop are numbered after those already on the keep's side, and a keep
    without a place takes the first named place among its drops. A dropped event may not be kept
    by another pair, nor dropped twice (``same_event_pairs`` never does either).
    """
    pairs = [(keep, drop) for keep, drop in pairs if keep != drop]
    if not pairs:
        return
    drops = [drop for _, drop in pairs]
    if len(set(drops)) < len(drops) or set(drops) & {keep for keep, _ in pairs}:
        raise ValueError("an event is dropped twice, or dropped and kept, in one merge")
    scratch(conn, "merging", ("drop_id TEXT PRIMARY KEY", "keep_id TEXT NOT NULL", "rank INTEGER NOT NULL"),
            ((d, k, n) for n, (k, d) in enumerate(pairs)))
    conn.execute("CREATE INDEX IF NOT EXISTS temp.merging_keep ON merging(keep_id, rank)")
    scratch(conn, "shifts", ("drop_id TEXT NOT NULL", "side TEXT NOT NULL", "keep_id TEXT NOT NULL",
                             "shift INTEGER NOT NULL"), (), key="drop_id, side")
    # The first link of a store drops most of its events (one per report): then the widths of all
    # events are read in one pass, and the indexes that the moves and the deletes would update row
    # by row are built again after them instead.
    bulk = 2 * len(pairs) >= conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    conn.execute(_SHIFTS.format(merged="" if bulk else _MERGED))
    conn.execute(
        "UPDATE event_sources SET event_id = m.keep_id FROM merging m WHERE event_sources.event_id = m.drop_id"
    )
    with _index_rebuilt(conn, "event_participants_event", bulk):
        conn.execute(
            "UPDATE event_participants SET event_id = s.keep_id, position = position + s.shift FROM shifts s "
            "WHERE event_participants.event_id = s.drop_id AND event_participants.side = s.side"
        )
    conn.execute(
        "UPDATE events SET confidence = MAX(events.confidence, c.top) FROM "
        "(SELECT m.keep_id, MAX(e.confidence) AS top FROM merging m JOIN events e ON e.id = m.drop_id "
        " GROUP BY m.keep_id) AS c WHERE events.id = c.keep_id"
    )
    conn.execute(
        "UPDATE events SET (place_name, place_country, place_kind, lat, lon) = "
        "(SELECT e.place_name, e.place_country, e.place_kind, e.lat, e.lon FROM merging m "
        " JOIN events e ON e.id = m.drop_id WHERE m.keep_id = events.id AND e.place_name IS NOT NULL "
        " ORDER BY m.rank LIMIT 1) "
        "WHERE events.place_name IS NULL AND events.id IN (SELECT m.keep_id FROM merging m "
        " JOIN events e ON e.id = m.drop_id WHERE e.place_name IS NOT NULL)"
    )
    with _index_rebuilt(conn, "events_date", bulk), _index_rebuilt(conn, "events_type", bulk):
        conn.execute("DELETE FROM events WHERE id IN (SELECT drop_id FROM merging)")
    conn.execute("DELETE FROM merging")
    conn.execute("DELETE FROM shifts")


# ``(drop, side, keep, shift)``: how far each drop's participants move on each side. Positions on a
# side run 0..n-1; a drop's block goes after the keep's and after the drops merged into the same
# keep before it (lower rank), as merging one pair at a time would place them: the keep's width
# plus the widths of those earlier drops, a running sum. Computed where the positions are, rather
# than read out into Python and written back: the first link of a store merges tens of thousands.
# ``merged`` limits the widths read to the events being merged (or is empty: all of them).
_MERGED = "WHERE p.event_id IN (SELECT drop_id FROM merging UNION SELECT keep_id FROM merging)"
_SHIFTS = """
WITH width AS (  -- used twice: SQLite 3.35+ computes it once
    SELECT p.event_id, p.side, MAX(p.position) + 1 AS n FROM event_participants p {merged}
    GROUP BY p.event_id, p.side
)
INSERT INTO shifts (drop_id, side, keep_id, shift)
SELECT m.drop_id, d.side, m.keep_id,
       COALESCE(k.n, 0) + COALESCE(SUM(d.n) OVER (PARTITION BY m.keep_id, d.side ORDER BY m.rank
                                                  ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)
FROM merging m JOIN width d ON d.event_id = m.drop_id
LEFT JOIN width k ON k.event_id = m.keep_id AND k.side = d.side
"""
