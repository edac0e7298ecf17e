"""Cross-document resolution: one person written several ways is one actor; namesakes stay apart."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from dyad.pipeline import ingest
from dyad.resolve.decisions import merge_actors, never_merge, split_actor
from dyad.resolve.linking import cluster
from dyad.store import DocActorRow, Store
from dyad.store.queries import EventFilter, find_actors, find_events


def row(n: int, name: str, country: str | None = "LBY", kind: str = "person") -> DocActorRow:
    return DocActorRow(id=n, document_id=f"d{n}", document_name=f"d{n}.txt", key=f"k{n}", name=name,
                       kind=kind, country=country, sector="GOV", role=None, aliases=(), actor_id=None,  # type: ignore[arg-type]
                       published=date(2025, 1, 1))


def together(a: str, b: str, *others: DocActorRow, ca: str | None = "LBY", cb: str | None = "LBY") -> bool:
    rows = [row(1, a, ca), row(2, b, cb), *others]
    union = cluster(rows)
    return union.find(1) == union.find(2)


@pytest.mark.parametrize(("a", "b"), [
    ("Ahmad Hajjar", "Ahmed Al Hajjar"),
    ("Abdel-Hamid Dbaiba", "Abdul Hamid Dbeibeh"),
    ("Abdel-Hamid Dbaiba", "Abdul Hamid Dbeibah"),
    ("Mohamed Al-Mnifi", "Mohammed al-Menfi"),
    ("Recep Tayyip Erdoğan", "Recep Tayyip Erdogan"),
    ("Abdel Fattah al-Sisi", "Abdel-Fattah El-Sissi"),
    ("Volodymyr Zelensky", "Volodymyr Zelenskyy"),
    ("Tarek Bouzid", "Tariq Bouzeid"),  # invented: vowels and doubled letters vary
])
def test_spelling_variants_are_one_person(a: str, b: str) -> None:
    assert together(a, b)


@pytest.mark.parametrize(("a", "b"), [
    ("Khalifa Haftar", "Saddam Haftar"),
    ("Vincent Giraud", "Éric Giraud-Telme"),
    ("Ahmad Hajjar", "Ahmad Al Shara"),
    ("Kim Jong Un", "Kim Yo Jong"),
    ("Mohammed bin Salman", "Mohamed bin Zayed"),
    ("Khalifa Haftar", "Hamad bin Isa Al Khalifa"),
    ("Nadia Karam", "Sami Karam"),  # invented namesakes
])
def test_namesakes_stay_apart(a: str, b: str) -> None:
    assert not together(a, b)


def test_same_name_from_two_countries_stays_apart() -> None:
    assert not together("Ali Hassan", "Ali Hassan", ca="EGY", cb="IRQ")


def test_a_surname_alone_links_only_when_one_person_fits() -> None:
    one = [row(1, "Haftar"), row(2, "Khalifa Haftar")]
    assert cluster(one).find(1) == cluster(one).find(2)
    two = [row(1, "Haftar"), row(2, "Khalifa Haftar"), row(3, "Saddam Haftar")]
    union = cluster(two)
    assert union.find(1) not in (union.find(2), union.find(3))


def test_organisation_and_its_acronym_are_one_actor() -> None:
    rows = [row(1, "Libyan National Army", kind="organization"), row(2, "LNA", kind="organization")]
    rows[0] = replace(rows[0], aliases=("LNA",))
    union = cluster(rows)
    assert union.find(1) == union.find(2)


def _clusters(store: Store) -> set[frozenset[tuple[str, str]]]:
    return {frozenset((doc, a["name"]) for doc in a["documents"]) | {("id", a["id"])}
            for a in find_actors(store, None, limit=10_000)}


def test_clusters_do_not_depend_on_ingest_order(shared: Path, tmp_path: Path) -> None:
    files = sorted(str(p) for p in (shared / "seeds").glob("*.txt"))
    results = []
    for seed in (1, 2, 3):
        order = files[:]
        random.Random(seed).shuffle(order)
        with Store(":memory:") as store:
            for path in order:  # one document at a time: each resolves against what is stored
                ingest([path], store)
            results.append((_clusters(store), sorted(e["id"] for e in find_events(store, EventFilter(limit=None)))))
    assert results[0] == results[1] == results[2]


def test_user_decisions_survive_reingest(shared: Path, tmp_path: Path) -> None:
    db = tmp_path / "d.db"
    with Store(db) as store:
        ingest([str(shared / "seeds")], store)
        names = {a["name"]: a["id"] for a in find_actors(store, None, limit=1000)}
        merge_actors(store, "Vincent Giraud", "Éric Giraud-Telme")
        never_merge(store, "Ahmad Hajjar", "Asaad Al Shibani")
        hajjar = next(a for a in find_actors(store, "Hajjar") if a["kind"] == "person")
        split_actor(store, hajjar["id"])
        ingest([str(shared / "seeds")], store)  # nothing new, decisions still in force
        merged = {a["name"] for a in find_actors(store, "Giraud")}
        hajjars = [a for a in find_actors(store, "Hajjar", limit=100) if a["kind"] == "person"]
    assert "Vincent Giraud" in names
    assert len(merged) == 1
    assert len(hajjars) == 2  # split: the two articles' Hajjars are no longer linked


def test_clusters_do_not_depend_on_the_order_of_the_rows() -> None:
    rows = [row(1, "Haftar"), row(2, "Khalifa Haftar"), row(3, "Khalifa Hafter"), row(4, "LNA", kind="organization"),
            row(5, "Libyan National Army", kind="organization"), row(6, "Libya", kind="country")]
    rows[4] = replace(rows[4], aliases=("LNA",))
    entities = []
    for seed in (1, 2, 3):
        shuffled = rows[:]
        random.Random(seed).shuffle(shuffled)
        union = cluster(shuffled)
        entities.append({frozenset(r.id for r in rows if union.find(r.id) == union.find(i)) for i in range(1, 7)})
    assert entities[0] == entities[1] == entities[2] == {frozenset({1, 2, 3}), frozenset({4, 5}), frozenset({6})}


def test_the_canonical_name_is_the_most_frequent_then_the_fullest_then_the_first() -> None:
    from dyad.resolve.linking import _name
    rows = [row(1, "Haftar"), row(2, "Khalifa Haftar"), row(3, "Haftar"), row(4, "Khalifa Haftar"), row(5, "Hafter")]
    assert _name(rows) == "Khalifa Haftar"
    assert _name([row(1, "B Haftar"), row(2, "A Haftar")]) == "A Haftar"
