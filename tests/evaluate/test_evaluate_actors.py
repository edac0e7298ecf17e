"""Actor scores: cross-document same/different pairs, person country and sector, no_actor strings."""

from __future__ import annotations

from typing import Any

from dyad.evaluate import parse_gold, score
from dyad.evaluate.report import AccuracyMiss, Report

A, B = "a.txt", "b.txt"

GOLD = parse_gold({
    "schema": "dyad-gold/1",
    "documents": {
        A: {"actors": {
                "hajjar": {"name": "Ahmad Hajjar", "kind": "person", "country": "LBN", "sector": "GOV"},
                "khaftar": {"name": "Khalifa Haftar", "kind": "person", "country": "LBY", "sector": "MIL"},
                "legendre": {"name": "Anne-Claire Legendre", "kind": "person", "country": "FRA",
                             "sector": "GOV"},
                "lbn": {"name": "Lebanon", "kind": "country", "country": "LBN"},
                "kimyj": {"name": "Kim Yo-jong", "kind": "person", "country": "PRK", "sector": None},
                "kimju": {"name": "Kim Ju-ae", "kind": "person", "country": "PRK", "sector": None}},
            "events": [], "different": [["kimyj", "kimju"]], "no_actor": ["Advertisement"]},
        B: {"actors": {
                "hajjar": {"name": "Ahmed Al Hajjar", "kind": "person", "country": "LBN", "sector": "GOV",
                           "aliases": ["Mr Al Hajjar"]},
                "shaftar": {"name": "Saddam Haftar", "kind": "person", "country": "LBY", "sector": "MIL",
                            "aliases": ["Haftar"]},
                "lbn": {"name": "Lebanon", "kind": "country", "country": "LBN"}},
            "events": []},
    },
    "same": [[f"{A}:hajjar", f"{B}:hajjar"], [f"{A}:lbn", f"{B}:lbn"]],
    "different": [[f"{A}:khaftar", f"{B}:shaftar"]],
})


def actor(id_: str, name: str, docs: tuple[str, ...], *aliases: str, kind: str = "person",
          country: str | None = None, sector: str | None = None) -> dict[str, Any]:
    return {"id": id_, "name": name, "aliases": list(aliases), "kind": kind, "country": country,
            "sector": sector, "roles": [], "documents": list(docs)}


def actors_report(*actors: dict[str, Any]) -> Report:
    return score(GOLD, [], list(actors))


def test_a_same_pair_is_resolved_when_both_are_found_under_one_id() -> None:
    one = actor("p1", "Ahmad Hajjar", (A, B), "Ahmed Al-Hajjar", country="LBN", sector="GOV")
    report = actors_report(one)
    assert (report.same.total, report.same.found, report.same.together) == (2, 1, 1)
    assert [i.problem for i in report.same.issues] == ["neither found"]  # no Lebanon actor


def test_a_same_pair_split_over_two_ids_is_reported_with_both_ids() -> None:
    report = actors_report(actor("p1", "Ahmad Hajjar", (A,)), actor("p2", "Ahmed Al Hajjar", (B,)))
    assert (report.same.found, report.same.together) == (1, 0)
    assert report.same.issues[0].problem == "two ids: p1 / p2"


def test_country_actors_are_found_by_code_among_country_actors_only() -> None:
    lebanon = actor("c1", "Liban", (A, B), kind="country", country="LBN")
    lebanese = actor("p9", "Someone", (A, B), country="LBN")
    assert actors_report(lebanon).same.together == 1
    assert actors_report(lebanese).same.found == 0


def test_a_different_pair_merged_into_one_actor_is_an_error() -> None:
    merged = actor("h", "Khalifa Haftar", (A, B), "Saddam Haftar")
    apart = [actor("h1", "Khalifa Haftar", (A,), "Haftar"), actor("h2", "Saddam Haftar", (B,), "Haftar")]
    report = actors_report(merged)
    assert (report.different.total, report.different.together) == (1, 1)
    assert report.different.issues[0].problem == "merged as h"
    assert actors_report(*apart).different.together == 0


def test_different_actors_of_one_document_must_stay_apart() -> None:
    merged = actor("k", "Kim Yo-jong", (A,), "Kim Ju-ae")
    apart = [actor("k1", "Kim Yo Jong", (A,)), actor("k2", "Kim Ju Ae", (A,))]
    assert actors_report(merged).different_within.together == 1
    kept = actors_report(*apart).different_within
    assert (kept.found, kept.together) == (1, 0)


def test_person_country_accuracy_counts_found_persons_only() -> None:
    report = actors_report(actor("p1", "Ahmad Hajjar", (A,), country="LBN", sector="GOV"),
                           actor("p2", "Anne-Claire Legendre", (A,), country="LBN", sector="GOV"))
    assert (report.person_country.correct, report.person_country.total) == (1, 2)
    assert report.person_country.misses == (AccuracyMiss(A, "Anne-Claire Legendre", "FRA", "LBN"),)
    assert (report.person_sector.correct, report.person_sector.total) == (2, 2)


def test_persons_with_a_null_gold_sector_are_left_out_of_sector_accuracy() -> None:
    report = actors_report(actor("k1", "Kim Yo-jong", (A,), country="PRK", sector="GOV"))
    assert (report.person_country.total, report.person_sector.total) == (1, 0)


def test_the_system_actor_named_exactly_like_the_gold_one_is_the_one_judged() -> None:
    # "Hajjar" (an alias match) sorts first by id, but the canonical-name match wins.
    report = actors_report(actor("a0", "Someone Else", (A,), "Ahmad Hajjar", country="SYR"),
                           actor("z9", "Ahmad Hajjar", (A,), country="LBN"))
    assert (report.person_country.correct, report.person_country.total) == (1, 1)


def test_a_no_actor_string_that_became_an_actor_is_reported() -> None:
    report = actors_report(actor("x", "advertisement", (A,), kind="organization"),
                           actor("y", "Advertisement", (B,), kind="organization"))
    assert [(h.document, h.actor_id) for h in report.no_actor] == [(A, "x")]
