"""Writing to the store: round trip, idempotence, whole documents or nothing, canonical actors, merges."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import pickle
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from dyad.errors import InputError, NotFound, StoreError
from dyad.store import CanonicalActor, Store, writing
from dyad.store.queries import EventFilter, find_actors, find_events, get_actor, get_document, get_event
from dyad.store.rows import LAYOUT, pack
from dyad.store.schema import MIGRATIONS
from dyad.types import Actor, Article, Coded, Event, Mention, Place, Rejection, Sentence, When

LBN = Actor("LBN", "Lebanon", "country", "LBN")
ISR = Actor("ISR", "Israel", "country", "ISR")
HAJJAR = Actor("p1", "Ahmad Hajjar", "person", "LBN", "GOV", "Interior Minister", ("Hajjar",))
BEIRUT = Place("Beirut", "LBN", 33.89, 35.5)


def build(name: str, sentences: list[str], actors: list[Actor], events: list[dict[str, Any]],
          published: date | None = date(2025, 10, 31)) -> Coded:
    """A hand-made coded article; each event is {i: sentence, trigger: word, type, source, target, ...}."""
    text = " ".join(sentences)
    spans, at = [], 0
    for n, s in enumerate(sentences):
        spans.append(Sentence(n, at, at + len(s), s))
        at += len(s) + 1
    mentions = tuple(Mention(text.index(a.name), text.index(a.name) + len(a.name), a.name, "X",
                             next(s.index for s in spans if s.start <= text.index(a.name) < s.end), key=a.key)
                     for a in actors if a.name in text)
    coded_events = []
    for e in events:
        s = spans[e.pop("i")]
        at = text.index(e.pop("trigger"), s.start)
        fields = {"mode": None, "cameo": "040", "quad_class": 1, "goldstein": 1.0, "factuality": "asserted",
                  "source": (), "target": ()} | e
        coded_events.append(Event(sentence=s.index, start=s.start, end=s.end, trigger=(at, at + 4), **fields))
    digest = hashlib.sha256((name + text).encode()).hexdigest()[:16]
    article = Article(digest, name, text, published=published)
    return Coded(article, tuple(spans), mentions, tuple(actors), tuple(coded_events))


def talks() -> Coded:
    sentences = ["Lebanon and Israel held talks in Beirut.", "Interior Minister Ahmad Hajjar spoke."]
    return build("talks.txt", sentences, [LBN, ISR, HAJJAR],
                 [{"i": 0, "trigger": "held", "type": "CONSULT", "source": ("LBN",), "target": ("ISR",),
                   "date": When(date(2025, 10, 27), date(2025, 11, 2), "week", "last week"), "place": BEIRUT},
                  {"i": 1, "trigger": "spoke", "type": "CONSULT", "source": ("p1",),
                   "factuality": "planned"}])


def test_round_trip_keeps_every_field() -> None:
    store, doc = Store(), talks()
    keys = store.add_coded(doc)
    assert keys is not None and set(keys) == {"LBN", "ISR", "p1"}
    assert store.counts() == {"documents": 1, "events": 2, "actors": 0, "rejections": 0}
    consult = find_events(store, EventFilter(type="CONSULT", factuality="asserted"))[0]
    when = (consult["date"], consult["date_end"], consult["date_precision"])
    assert when == ("2025-10-27", "2025-11-02", "day")  # a week: day precision, its span in date_end
    assert consult["place"] == {"name": "Beirut", "country": "LBN", "lat": 33.89, "lon": 35.5, "kind": "city"}
    assert [a["id"] for a in consult["source"]] == [f"doc:{keys['LBN']}"]  # not linked yet
    source = consult["sources"][0]
    assert source["sentence"] == "Lebanon and Israel held talks in Beirut."
    assert source["document"] == "talks.txt"
    assert doc.article.text[source["trigger"][0]:source["trigger"][1]] == "held"
    stored = get_document(store, "talks.txt")
    assert stored is not None and stored["text"] == doc.article.text and stored["published"] == "2025-10-31"
    assert {m["text"]: m["actor_id"] for m in stored["mentions"]}["Ahmad Hajjar"] == f"doc:{keys['p1']}"


def test_adding_a_document_twice_is_a_no_op() -> None:
    store = Store()
    assert store.add_coded(talks()) is not None
    assert store.add_coded(talks()) is None
    assert store.counts()["events"] == 2 and store.has_document(talks().article.id)


def test_a_failure_half_way_leaves_nothing_of_the_document(monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store()
    # the events statement fails after the document, sentences, actors and mentions were written
    monkeypatch.setattr(writing, "_EVENTS", "INSERT INTO no_such_table VALUES (?)")
    with pytest.raises(StoreError, match="talks.txt"):
        store.add_coded(talks())
    assert not store.has_document(talks().article.id)
    for table in ("documents", "sentences", "mentions", "doc_actors", "events", "event_sources"):
        assert store.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 0, table


def other_doc() -> Coded:
    return build("other.txt", ["Israel shelled Lebanon."], [LBN, ISR],
                 [{"i": 0, "trigger": "shelled", "type": "ASSAULT", "source": ("ISR",), "target": ("LBN",)}])


def test_a_batch_stores_the_same_rows_as_one_by_one() -> None:
    one_by_one, batched = Store(), Store()
    for doc in (talks(), other_doc(), talks()):
        one_by_one.add_coded(doc)
    keys = batched.add_coded_many([talks(), other_doc(), talks()])
    assert keys[0] == {"LBN": 1, "ISR": 2, "p1": 3} and keys[1] == {"LBN": 4, "ISR": 5} and keys[2] is None
    assert batched.add_coded_many([other_doc()]) == [None] and batched.add_coded_many([]) == []
    for table in ("documents", "sentences", "doc_actors", "mentions", "events", "event_participants",
                  "event_sources"):
        rows = [tuple(r) for s in (one_by_one, batched) for r in s.conn.execute(f"SELECT * FROM {table}")]
        half = len(rows) // 2
        cut = -1 if table == "documents" else None  # ingested_at differs
        assert half and [r[:cut] for r in rows[:half]] == [r[:cut] for r in rows[half:]], table


def test_one_refused_record_stores_none_of_its_batch() -> None:
    store = Store()
    bad = build("bad.txt", ["Lebanon met Syria."], [LBN], [{"i": 0, "trigger": "met", "type": "CONSULT",
                                                           "source": ("LBN",), "target": ("SYR",)}])
    with pytest.raises(StoreError, match="'SYR'"):
        store.add_coded_many([talks(), bad])
    assert store.counts()["documents"] == 0


def test_an_event_naming_an_unknown_actor_is_refused_whole() -> None:
    store = Store()
    bad = build("bad.txt", ["Lebanon met Syria."], [LBN], [{"i": 0, "trigger": "met", "type": "CONSULT",
                                                           "source": ("LBN",), "target": ("SYR",)}])
    with store.transaction():
        store.add_coded(talks())
        with pytest.raises(StoreError, match="'SYR'"):
            store.add_coded(bad)
    assert store.counts()["documents"] == 1 and not store.has_document(bad.article.id)


def test_an_outer_transaction_is_all_or_nothing() -> None:
    store = Store()
    with pytest.raises(RuntimeError), store.transaction():
        store.add_coded(talks())
        raise RuntimeError("worker died")
    assert store.counts()["documents"] == 0


def test_event_ids_do_not_depend_on_ingest_order() -> None:
    other = build("other.txt", ["Israel shelled Lebanon."], [LBN, ISR],
                  [{"i": 0, "trigger": "shelled", "type": "ASSAULT", "source": ("ISR",), "target": ("LBN",)}])
    first, second = Store(), Store()
    for doc in (talks(), other):
        first.add_coded(doc)
    for doc in (other, talks()):
        second.add_coded(doc)
    assert [e["id"] for e in find_events(first, EventFilter(limit=None))] == \
        [e["id"] for e in find_events(second, EventFilter(limit=None))]


def test_two_events_on_one_trigger_get_distinct_ids() -> None:
    twice = build("twice.txt", ["Lebanon and Israel held talks."], [LBN, ISR], [
        {"i": 0, "trigger": "held", "type": "CONSULT", "source": ("LBN",)},
        {"i": 0, "trigger": "held", "type": "CONSULT", "source": ("ISR",)}])
    store = Store()
    store.add_coded(twice)
    assert store.counts()["events"] == 2


def link(store: Store, groups: dict[str, list[int]], names: dict[str, tuple[str, tuple[str, ...]]]) -> None:
    actors = [CanonicalActor(i, names[i][0], "country", None, None, names[i][1]) for i in groups]
    store.set_canonical({m: i for i, members in groups.items() for m in members}, actors)


def test_set_canonical_links_aliases_roles_and_drops_orphans() -> None:
    store = Store()
    keys = store.add_coded(talks()) or {}
    store.set_canonical({keys["LBN"]: "a-lbn", keys["ISR"]: "a-isr", keys["p1"]: "a-haj"}, [
        CanonicalActor("a-lbn", "Lebanon", "country", "LBN", None, ("Lebanese Republic",)),
        CanonicalActor("a-isr", "Israel", "country", "ISR", None),
        CanonicalActor("a-haj", "Ahmad Hajjar", "person", "LBN", "GOV", ("Hajjar", "Ahmed Hajjar")),
    ])
    assert [a["name"] for a in find_actors(store, "ahmed")] == ["Ahmad Hajjar"]
    hajjar = get_actor(store, "a-haj")
    assert hajjar is not None and hajjar["roles"][0]["role"] == "Interior Minister"
    assert hajjar["documents"] == ["talks.txt"] and hajjar["n_events"] == 1
    lebanon = get_actor(store, "a-lbn")
    assert lebanon is not None and lebanon["counterparts"] == [{"id": "a-isr", "name": "Israel", "count": 1}]
    store.set_canonical({keys["ISR"]: "a-lbn"}, [CanonicalActor("a-lbn", "Levant", "country", "LBN", None)])
    assert get_actor(store, "a-isr") is None  # left without members
    assert {a["id"] for a in find_actors(store)} == {"a-lbn", "a-haj"}
    assert find_actors(store, "Levant")[0]["aliases"] == []  # aliases replaced, not added


def test_merge_events_moves_sources_and_participants() -> None:
    store = Store()
    a = store.add_coded(talks()) or {}
    other = build("wire.txt", ["Israel and Lebanon held talks on Sunday."], [LBN, ISR],
                  [{"i": 0, "trigger": "held", "type": "CONSULT", "source": ("LBN",), "target": ("ISR",)}])
    b = store.add_coded(other) or {}
    link(store, {"a-lbn": [a["LBN"], b["LBN"]], "a-isr": [a["ISR"], b["ISR"]], "a-haj": [a["p1"]]},
         {"a-lbn": ("Lebanon", ()), "a-isr": ("Israel", ()), "a-haj": ("Ahmad Hajjar", ())})
    keep, drop = (find_events(store, EventFilter(document=d, factuality="asserted"))[0]["id"]
                  for d in ("talks.txt", "wire.txt"))
    store.merge_events(keep, drop)
    merged = get_event(store, keep)
    assert merged is not None and get_event(store, drop) is None
    assert merged["n_sources"] == 2
    assert {s["document"] for s in merged["sources"]} == {"talks.txt", "wire.txt"}
    assert [x["id"] for x in merged["source"]] == ["a-lbn"] and merged["place"]["name"] == "Beirut"
    with pytest.raises(NotFound):
        store.merge_events(keep, drop)


def test_rejections_and_decisions_are_kept() -> None:
    store = Store()
    for _ in range(2):
        store.add_rejection(Rejection("corpus/x.pdf", "not text", "x.pdf"))
    assert store.rejections() == [Rejection("corpus/x.pdf", "not text", "x.pdf")]
    store.add_decision("never", "d1:k1", "d2:k2")
    assert store.decisions() == [("never", "d1:k1", "d2:k2")]
    with pytest.raises(InputError):
        store.add_decision("maybe", "a", "b")


def test_a_file_store_is_migrated_once_and_reopened(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "dyad.db"
    with Store(path) as store:
        store.add_coded(talks())
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with Store(path) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        assert store.counts()["documents"] == 1
        store.conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    with pytest.raises(StoreError, match="newer"):
        Store(path)
    monkeypatch.setenv("DYAD_DB", str(path))
    assert Store.default_path() == path


def test_a_file_that_is_not_a_store_is_a_store_error(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="junk.db"):
        Store(junk)


def test_stored_json_is_what_json_dumps_writes() -> None:
    from dyad.store import rows
    aliases = ("Hajjar", "Ḥajjār \"the minister\"", "", "حجار")
    assert rows._json_strings(aliases) == json.dumps(list(aliases))
    assert rows._json_spans(((0, 5), (12, 30))) == json.dumps([[0, 5], [12, 30]])
    assert rows._json_strings(()) == rows._json_spans(()) == "[]"


def _three_reports() -> tuple[Store, list[str]]:
    """Three one-event documents: the first without a place, then Tyre, then Beirut."""
    store, ids = Store(), []
    for name, place in (("a.txt", None), ("b.txt", Place("Tyre", "LBN", 33.27, 35.2)), ("c.txt", BEIRUT)):
        doc = build(name, ["Israel shelled Lebanon."], [LBN, ISR],
                    [{"i": 0, "trigger": "shelled", "type": "ASSAULT", "source": ("ISR",), "target": ("LBN",),
                      "place": place, "confidence": {"a.txt": 0.5, "b.txt": 0.9, "c.txt": 0.7}[name]}])
        store.add_coded(doc)
        ids.append(find_events(store, EventFilter(document=name))[0]["id"])
    return store, ids


def test_many_merges_at_once_keep_the_first_named_place_and_the_best_confidence() -> None:
    store, (a, b, c) = _three_reports()
    store.merge_event_pairs([(a, b), (a, c)])
    merged = get_event(store, a)
    assert merged is not None and merged["n_sources"] == 3
    assert merged["place"]["name"] == "Tyre" and merged["confidence"] == 0.9
    positions = store.conn.execute("SELECT side, position FROM event_participants WHERE event_id = ? "
                                   "ORDER BY side, position", (a,)).fetchall()
    assert [tuple(p) for p in positions] == [("source", 0), ("source", 1), ("source", 2),
                                              ("target", 0), ("target", 1), ("target", 2)]


def test_an_event_dropped_twice_or_dropped_and_kept_is_refused() -> None:
    store, (a, b, c) = _three_reports()
    for pairs in ([(a, b), (c, b)], [(a, b), (b, c)]):
        with pytest.raises(ValueError, match="dropped"):
            store.merge_event_pairs(pairs)
    assert store.counts()["events"] == 3


def test_an_old_sqlite_is_a_clear_store_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlite3

    monkeypatch.setattr(sqlite3, "sqlite_version_info", (3, 31, 1))
    with pytest.raises(StoreError, match="needs SQLite 3.33.0"):
        Store()


def test_records_packed_by_a_worker_store_the_same_rows_and_keep_their_refusal() -> None:
    direct, packed = Store(), Store()
    direct.add_coded_many([talks(), other_doc()])
    sent = pickle.loads(pickle.dumps([pack(talks()), pack(other_doc())]))  # as a worker sends them
    assert packed.add_packed_many(sent) == [{"LBN": 1, "ISR": 2, "p1": 3}, {"LBN": 4, "ISR": 5}]
    for table in ("sentences", "doc_actors", "mentions", "events", "event_participants", "event_sources"):
        rows = [[tuple(r) for r in s.conn.execute(f"SELECT * FROM {table}")] for s in (direct, packed)]
        assert rows[0] and rows[0] == rows[1], table
    bad = build("bad.txt", ["Lebanon met Syria."], [LBN], [{"i": 0, "trigger": "met", "type": "CONSULT",
                                                           "source": ("LBN",), "target": ("SYR",)}])
    refused = pickle.loads(pickle.dumps(pack(bad)))
    assert refused.error and "'SYR'" in refused.error and not refused.events
    with pytest.raises(StoreError, match="'SYR'"):
        packed.add_packed_many([pack(build("fresh.txt", ["Lebanon."], [LBN], [])), refused])
    assert packed.counts()["documents"] == 2  # neither record of the refused batch


def test_a_record_packed_with_another_row_layout_is_refused_with_its_batch() -> None:
    store = Store()
    other = dataclasses.replace(pack(other_doc()), layout=LAYOUT + 1)
    with pytest.raises(StoreError, match="row layout"):
        store.add_packed_many([pack(talks()), other])
    assert store.counts()["documents"] == 0


def test_link_rows_read_what_linking_needs_as_doc_actor_rows_do() -> None:
    from dyad.store.canonical import link_rows
    store = Store()
    store.add_coded(build("a.txt", ["Ahmad Hajjar met Israel in Lebanon."], [HAJJAR, LBN, ISR],
                          [{"i": 0, "trigger": "met", "type": "CONSULT", "source": ("p1",), "target": ("ISR",)}]))
    fields = [f.name for f in dataclasses.fields(link_rows(store.conn)[0])][:9]  # the linking fields come first
    full, light = store.doc_actor_rows(), link_rows(store.conn)
    assert [[getattr(r, f) for f in fields] for r in light] == [[getattr(r, f) for f in fields] for r in full]
    assert all((r.document_name, r.role, r.published) == ("", None, None) for r in light)


def test_a_bulk_merge_leaves_the_indexes_as_they_were() -> None:
    store, (a, b, c) = _three_reports()
    indexes = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name"
    before = [tuple(r) for r in store.conn.execute(indexes)]
    store.merge_event_pairs([(a, b), (a, c)])  # two of three events go: the bulk path
    assert [tuple(r) for r in store.conn.execute(indexes)] == before
    assert store.conn.execute("SELECT COUNT(*) FROM event_participants WHERE event_id = ?", (a,)).fetchone()[0] == 6
