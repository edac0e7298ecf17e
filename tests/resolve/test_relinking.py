"""Relinking stays cheap and exact: union-find with never-merge, same-event folding, writes of what moved."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from dyad.ingest import article_from_text
from dyad.pipeline import code_article, store_all
from dyad.resolve.linking import _Union, link_documents
from dyad.resolve.same_event import same_event_pairs
from dyad.store import Store
from dyad.store.queries import EventFilter, find_events


def test_a_never_merge_pair_stays_apart_whichever_root_survives() -> None:
    union = _Union({5: {1}, 1: {5}})
    assert union.join(2, 3) and union.join(2, 4)
    assert union.join(1, 2)  # the bigger entity's root is kept; 1's constraint must travel with it
    assert not union.join(5, 3)
    assert not union.join(4, 5)
    assert union.find(5) == 5 and union.find(1) == union.find(4)


# The same-event rule written plainly over the event mappings, as the oracle for same_event_pairs.
def _interval(event: Mapping[str, Any]) -> tuple[date, date] | None:
    if not event.get("date"):
        return None
    start = date.fromisoformat(event["date"])
    end = date.fromisoformat(event["date_end"]) if event.get("date_end") else start
    return start, end


def _participants(event: Mapping[str, Any]) -> tuple[frozenset[str], ...]:
    sources = frozenset(a["id"] for a in event["source"])
    targets = frozenset(a["id"] for a in event["target"])
    return (sources | targets,) if event["type"] in ("CONSULT", "COOPERATE", "AGREE") else (sources, targets)


def _compatible(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    ia, ib = _interval(a), _interval(b)
    if ia is None or ib is None:
        return False  # undated events cannot be told apart from a different occasion
    slack = timedelta(days=1)
    if ia[0] > ib[1] + slack or ib[0] > ia[1] + slack:
        return False
    pa, pb = a.get("place") or {}, b.get("place") or {}
    return not (pa.get("country") and pb.get("country") and pa["country"] != pb["country"])


def _documents(event: Mapping[str, Any]) -> set[str]:
    return {s["document"] for s in event["sources"]}


def _naive_pairs(events: Sequence[Mapping[str, Any]]) -> list[tuple[str, str]]:
    """The definition, written plainly: each event joins the first earlier open report it matches."""
    blocks: dict[tuple[Any, ...], list[Mapping[str, Any]]] = {}
    for event in events:
        if event["factuality"] == "asserted":
            blocks.setdefault((event["type"], *_participants(event)), []).append(event)
    pairs = []
    for members in blocks.values():
        kept: list[Mapping[str, Any]] = []
        for event in sorted(members, key=lambda e: (e.get("date") or "", e["id"])):
            home = next((k for k in kept if _compatible(k, event) and not _documents(k) & _documents(event)), None)
            if home is None:
                kept.append(event)
            else:
                pairs.append((home["id"], event["id"]))
    return pairs


_event = st.builds(
    lambda n, kind, a, b, day, length, doc, dated: {
        "id": f"e{n:03d}", "type": kind, "factuality": "asserted",
        "date": (date(2025, 1, 1) + timedelta(days=day)).isoformat() if dated else None,
        "date_end": (date(2025, 1, 1) + timedelta(days=day + length)).isoformat() if dated and length else None,
        "source": [{"id": a}], "target": [{"id": b}], "place": None, "sources": [{"document": doc}],
    },
    st.integers(0, 999), st.sampled_from(["CONSULT", "ASSAULT"]), st.sampled_from("xy"), st.sampled_from("xyz"),
    st.integers(0, 60), st.sampled_from([0, 0, 0, 1, 30]), st.sampled_from("ABCD"), st.booleans(),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_event, max_size=40, unique_by=lambda e: e["id"]))
def test_folding_in_date_order_finds_the_pairs_of_the_plain_definition(events: list[dict[str, Any]]) -> None:
    assert same_event_pairs(events) == _naive_pairs(events)


def test_a_month_long_report_stays_open_past_the_daily_ones() -> None:
    month = {"id": "m", "type": "ASSAULT", "factuality": "asserted", "date": "2025-01-01", "date_end": "2025-01-31",
             "source": [{"id": "x"}], "target": [{"id": "y"}], "place": None, "sources": [{"document": "A"}]}
    daily = [dict(month, id=f"d{d:02d}", date=f"2025-01-{d:02d}", date_end=None) for d in range(2, 20)]
    late = dict(month, id="late", date="2025-01-25", date_end=None, sources=[{"document": "B"}])
    assert same_event_pairs([month, *daily, late]) == [("m", "late")]


def _store(texts: Sequence[tuple[str, str]]) -> Store:
    store = Store()
    store_all([code_article(article_from_text(text, name, published=date(2025, 11, 3))) for name, text in texts],
              store)
    return store


def test_relinking_without_news_writes_nothing() -> None:
    store = _store([("a.txt", "Syria and Lebanon held talks in Beirut on Sunday."),
                    ("b.txt", "Lebanon and Syria held talks in Beirut on Sunday, officials said.")])
    before = store.conn.total_changes
    link_documents(store)
    assert store.conn.total_changes == before


def test_two_documents_with_one_name_are_still_two_sources() -> None:
    # Rows "1" of two different CSV files share a name; they are different documents all the same.
    store = _store([("1", "Syria and Lebanon held talks in Beirut on Sunday."),
                    ("1", "Lebanon and Syria held talks in Beirut on Sunday, officials said.")])
    events = find_events(store, EventFilter(limit=None))
    assert [e["n_sources"] for e in events] == [2]


def _tables(store: Store) -> dict[str, list[tuple[object, ...]]]:
    queries = {
        "events": "SELECT id, confidence, place_name, place_country FROM events ORDER BY id",
        "participants": "SELECT event_id, doc_actor_id, side, position FROM event_participants ORDER BY 1, 3, 4, 2",
        "sources": "SELECT event_id, document_id, sentence, start FROM event_sources ORDER BY 1, 2, 3, 4",
    }
    return {name: [tuple(r) for r in store.conn.execute(sql)] for name, sql in queries.items()}


def test_merging_all_pairs_at_once_equals_merging_them_one_by_one(monkeypatch: Any) -> None:
    texts = _TALKS
    batched = _store(texts)

    def one_by_one(store: Store, pairs: Sequence[tuple[str, str]]) -> None:
        for keep, drop in pairs:
            store.merge_events(keep, drop)

    monkeypatch.setattr(Store, "merge_event_pairs", one_by_one)
    reference = _store(texts)
    assert len(_tables(reference)["sources"]) > len(_tables(reference)["events"])  # some events were merged
    assert _tables(batched) == _tables(reference)


_TALKS = [(f"{n}.txt", f"Syria and Lebanon held talks in Beirut on Sunday{', officials said' * n}. "
                       f"Turkish forces shelled Kurdish fighters on Sunday{' again' * n}.") for n in range(4)]


def test_merged_participants_are_numbered_without_gaps() -> None:
    store = _store(_TALKS)
    sides: dict[tuple[str, str], list[int]] = {}
    for event_id, side, position in store.conn.execute("SELECT event_id, side, position FROM event_participants"):
        sides.setdefault((event_id, side), []).append(position)
    assert any(len(p) > 2 for p in sides.values())  # merged events hold the participants of all their reports
    assert all(sorted(p) == list(range(len(p))) for p in sides.values())


def test_a_first_link_rebuilds_the_actor_index_with_the_same_result(monkeypatch: Any) -> None:
    from dyad.store import canonical
    reference = _store(_TALKS)
    monkeypatch.setattr(canonical, "_BULK", 1)  # every link moves "many" rows: drop the index, build it again
    bulk = _store(_TALKS)
    query = "SELECT id, actor_id FROM doc_actors ORDER BY id"
    assert [tuple(r) for r in bulk.conn.execute(query)] == [tuple(r) for r in reference.conn.execute(query)]
    assert bulk.conn.execute("SELECT sql FROM sqlite_master WHERE name = 'doc_actors_actor'").fetchone()
    roles = "SELECT actor_id, role, country, sector, document_id FROM actor_roles ORDER BY 1, 2, 3, 4, 5"
    assert [tuple(r) for r in bulk.conn.execute(roles)] == [tuple(r) for r in reference.conn.execute(roles)]


def test_event_keys_read_like_the_contract_events_they_stand_for() -> None:
    from dyad.store.event_keys import event_keys
    store = _store(_TALKS[:1])
    keys = {k["id"]: k for k in event_keys(store)}
    for event in find_events(store, EventFilter(limit=None)):
        key = keys[event["id"]]
        assert set(key) == {"id", "type", "factuality", "date", "date_end", "place", "source", "target", "sources"}
        assert (key["type"], key["factuality"], key["date"], key.get("date_end")) == (
            event["type"], event["factuality"], event["date"], event["date_end"])
        assert {a["id"] for a in key["source"]} == {a["id"] for a in event["source"]}
        assert {a["id"] for a in key["target"]} == {a["id"] for a in event["target"]}
        assert key["place"] == ({"country": event["place"]["country"]} if event["place"] else None)
        assert len(key) == 9 and key.get("nothing") is None


def _raw_document(store: Store, doc: str) -> None:
    store.conn.execute("INSERT INTO documents (id, name, origin, text, notes, ingested_at, published) "
                       "VALUES (?, ?, 'o', 't', '[]', 'now', '2025-01-01')", (doc, f"{doc}.txt"))


def test_roles_read_in_content_order_whatever_order_linking_wrote_them() -> None:
    from dyad.store.queries import get_actor
    store = Store()
    with store.transaction() as conn:
        _raw_document(store, "d")
        for n, role in ((1, "mediator"), (2, "host")):  # one entity, two roles in one document
            conn.execute("INSERT INTO doc_actors (id, document_id, key, name, kind, country, role) "
                         "VALUES (?, 'd', ?, 'Syria', 'country', 'SYR', ?)", (n, f"k{n}", role))
    link_documents(store)
    actor_id = store.conn.execute("SELECT actor_id FROM doc_actors WHERE id = 1").fetchone()[0]
    with store.transaction() as conn:  # store the role rows in the other order, as another relink might
        rows = conn.execute("SELECT * FROM actor_roles ORDER BY role DESC").fetchall()
        conn.execute("DELETE FROM actor_roles")
        conn.executemany("INSERT INTO actor_roles VALUES (?, ?, ?, ?, ?, ?)", [tuple(r) for r in rows])
    actor = get_actor(store, actor_id)
    assert actor is not None and [r["role"] for r in actor["roles"]] == ["host", "mediator"]


def test_a_first_link_leaves_events_without_participants_apart() -> None:
    # two reports with no participants at all are not "the same participants": both stay
    store = Store()
    with store.transaction() as conn:
        for d in ("d0", "d1"):
            _raw_document(store, d)
            conn.execute("INSERT INTO events (id, type, cameo, quad_class, goldstein, factuality, date, confidence) "
                         "VALUES (?, 'ASSAULT', '190', 4, -10, 'asserted', '2025-01-01', 0.5)", (f"e-{d}",))
            conn.execute("INSERT INTO event_sources VALUES (?, ?, 0, 0, 0, 0, 0)", (f"e-{d}", d))
        conn.execute("INSERT INTO doc_actors (id, document_id, key, name, kind, country) "
                     "VALUES (1, 'd0', 'SYR', 'Syria', 'country', 'SYR')")
    link_documents(store)
    assert store.counts()["events"] == 2


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.integers(0, 30), min_size=1, max_size=6), max_size=12))
def test_joining_a_block_at_once_makes_the_entities_of_joins_one_by_one(blocks: list[list[int]]) -> None:
    from dyad.resolve.linking import _Union
    at_once, one_by_one = _Union(), _Union()
    for ids in blocks:
        at_once.join_all(ids)
        for other in ids[1:]:
            one_by_one.join(ids[0], other)
    rows = range(31)
    assert at_once.find_all(rows) == [at_once.find(i) for i in rows]
    assert {i: {j for j in rows if at_once.find(j) == at_once.find(i)} for i in rows} == \
        {i: {j for j in rows if one_by_one.find(j) == one_by_one.find(i)} for i in rows}


def test_joining_a_block_at_once_still_refuses_a_never_merge_pair() -> None:
    from dyad.resolve.linking import _Union
    union = _Union({1: {3}, 3: {1}})
    union.join_all([1, 2, 3, 4])  # one by one: 1-2 joined, 1-3 refused, 1-4 joined
    assert union.find(1) == union.find(2) == union.find(4) != union.find(3)
