"""The shared read queries: every event filter, paging, documents, dyad counts and stats."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest

from dyad.store import CanonicalActor, Store
from dyad.store.queries import (
    EventFilter,
    count_events,
    dyad_counts,
    find_actors,
    find_events,
    get_document,
    list_documents,
    stats,
)
from dyad.types import Actor, Article, Coded, Event, Sentence, When

ACTORS = {
    "LBN": Actor("LBN", "Lebanon", "country", "LBN"),
    "ISR": Actor("ISR", "Israel", "country", "ISR"),
    "FRA": Actor("FRA", "France", "country", "FRA"),
    "p1": Actor("p1", "Ahmad Hajjar", "person", "LBN", "GOV", "Interior Minister"),
}
# (document, sentence, type, quad, factuality, source keys, target keys, start, end)
ROWS = [
    ("talks.txt", "Lebanon and Israel held talks.", "CONSULT", 1, "asserted", ("LBN",), ("ISR",),
     date(2025, 10, 31), date(2025, 10, 31)),
    ("talks.txt", "Israel shelled Lebanon.", "ASSAULT", 4, "asserted", ("ISR",), ("LBN",),
     date(2025, 11, 1), date(2025, 11, 1)),
    ("aid.txt", "France sent aid to Lebanon.", "AID", 2, "asserted", ("FRA",), ("LBN",),
     date(2025, 9, 1), date(2025, 9, 30)),
    ("aid.txt", "Ahmad Hajjar thanked France.", "CONSULT", 1, "asserted", ("p1",), ("FRA",),
     date(2025, 9, 12), date(2025, 9, 12)),
    ("plans.txt", "Israel and France will meet.", "CONSULT", 1, "planned", ("ISR", "FRA"), (), None, None),
]


def corpus() -> list[Coded]:
    """Three articles; every sentence carries one event, dated as in ROWS."""
    docs = []
    for name in dict.fromkeys(r[0] for r in ROWS):
        rows = [r for r in ROWS if r[0] == name]
        text = " ".join(r[1] for r in rows)
        sentences, events, at = [], [], 0
        for n, (_, sent, type_, quad, fact, src, tgt, start, end) in enumerate(rows):
            sentences.append(Sentence(n, at, at + len(sent), sent))
            when = When(start, end, "day" if start == end else "month") if start and end else None
            events.append(Event(type_, None, "040", quad, 1.0, fact,  # type: ignore[arg-type]
                                src, tgt, n, at, at + len(sent), (at, at + 3), when))
            at += len(sent) + 1
        keys = {k for r in rows for k in r[5] + r[6]}
        docs.append(Coded(Article(hashlib.sha256(text.encode()).hexdigest()[:16], name, text),
                          tuple(sentences), (), tuple(ACTORS[k] for k in sorted(keys)), tuple(events)))
    return docs


@pytest.fixture(scope="module")
def store() -> Store:
    """The corpus, linked by hand: one canonical actor per key; Hajjar also goes by "Hajjar"."""
    s = Store()
    assignments: dict[int, str] = {}
    for doc in corpus():
        keys = s.add_coded(doc) or {}
        assignments |= {da: f"a-{key}" for key, da in keys.items()}
    s.set_canonical(assignments, [
        CanonicalActor(f"a-{k}", a.name, a.kind, a.country, a.sector, ("Hajjar",) if k == "p1" else ())
        for k, a in ACTORS.items()])
    return s


def types(store: Store, **filters: object) -> list[str]:
    everything = EventFilter(limit=None, **filters)  # type: ignore[arg-type]
    return [e["type"] for e in find_events(store, everything)]


@pytest.mark.parametrize(("filters", "expected"), [
    ({}, ["AID", "CONSULT", "CONSULT", "ASSAULT", "CONSULT"]),  # by date, the undated one last
    ({"type": "ASSAULT"}, ["ASSAULT"]),
    ({"actor": "hajjar"}, ["CONSULT"]),  # an alias, any case
    ({"actor": "a-FRA"}, ["AID", "CONSULT", "CONSULT"]),  # an id
    ({"country": "FRA"}, ["AID", "CONSULT", "CONSULT"]),
    ({"country": "lbn"}, ["AID", "CONSULT", "CONSULT", "ASSAULT"]),  # Hajjar is Lebanese
    ({"since": date(2025, 9, 15), "until": date(2025, 10, 31)}, ["AID", "CONSULT"]),  # September overlaps
    ({"since": date(2025, 10, 1)}, ["CONSULT", "ASSAULT"]),
    ({"dyad": ("ISR", "LBN")}, ["CONSULT", "ASSAULT"]),
    ({"dyad": ("Lebanon", "Israel")}, ["CONSULT", "ASSAULT"]),
    ({"dyad": ("LBN", "France")}, ["AID", "CONSULT"]),
    ({"dyad": ("ISR", "FRA")}, ["CONSULT"]),  # a reciprocal meeting: two sources, no target
    ({"document": "aid.txt"}, ["AID", "CONSULT"]),
    ({"factuality": "planned"}, ["CONSULT"]),
    ({"actor": "Nobody"}, []),
])
def test_event_filters(store: Store, filters: dict[str, object], expected: list[str]) -> None:
    assert types(store, **filters) == expected
    assert count_events(store, EventFilter(**filters)) == len(expected)  # type: ignore[arg-type]


def test_paging_is_a_window_over_the_same_order(store: Store) -> None:
    everything = [e["id"] for e in find_events(store, EventFilter(limit=None))]
    assert [e["id"] for e in find_events(store, EventFilter(limit=2, offset=2))] == everything[2:4]
    assert find_events(store, EventFilter(limit=10, offset=5)) == []


def test_values_are_parameters_not_sql(store: Store) -> None:
    assert types(store, actor="x' OR 1=1 --") == []
    assert find_actors(store, "%") == [] and len(find_actors(store, "a")) == 4


def test_documents_by_name_or_id_with_their_events(store: Store) -> None:
    listed = list_documents(store, 10, 0)
    assert [(d["name"], d["n_events"]) for d in listed] == [
        ("aid.txt", 2), ("plans.txt", 1), ("talks.txt", 2)]
    by_id = get_document(store, listed[2]["id"])
    assert by_id is not None and by_id == get_document(store, "talks.txt")
    assert [e["type"] for e in by_id["events"]] == ["CONSULT", "ASSAULT"]
    assert by_id["sentences"][1] == {"index": 1, "start": 31, "end": 54}
    assert get_document(store, "nope.txt") is None


def test_dyad_counts_are_monthly_by_type_and_quad(store: Store) -> None:
    assert dyad_counts(store, "LBN", "ISR") == [
        {"month": "2025-10", "type": "CONSULT", "quad_class": 1, "count": 1},
        {"month": "2025-11", "type": "ASSAULT", "quad_class": 4, "count": 1},
    ]


def test_stats_summarise_the_store(store: Store) -> None:
    numbers = stats(store)
    assert (numbers["documents"], numbers["events"], numbers["actors"]) == (3, 5, 4)
    assert (numbers["first_event"], numbers["last_event"]) == ("2025-09-01", "2025-11-01")
    assert numbers["events_by_type"] == {"CONSULT": 3, "AID": 1, "ASSAULT": 1}
