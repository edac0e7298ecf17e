"""Event scoring rules of FORMAT.md, each pinned by a hand-made gold and hand-made system output."""

from __future__ import annotations

from typing import Any

import pytest

from dyad.evaluate import Gold, parse_gold, score
from dyad.evaluate.report import Counts, Report

ACTORS: dict[str, dict[str, Any]] = {
    "hajjar": {"name": "Ahmad Al-Hajjar", "kind": "person", "country": "LBN", "sector": "GOV",
               "aliases": ["Interior Minister Ahmad Hajjar"]},
    "legendre": {"name": "Anne-Claire Legendre", "kind": "person", "country": "FRA", "sector": "GOV"},
    "giraud": {"name": "Éric Giraud-Telme", "kind": "person", "country": "FRA", "sector": "GOV"},
    "sissi": {"name": "Abdel Fattah El-Sissi", "kind": "person", "country": "EGY", "sector": "GOV",
              "aliases": ["El-Sissi"]},
    "lbngov": {"name": "Lebanese government", "kind": "country", "country": "LBN", "sector": "GOV"},
    "lbn": {"name": "Lebanon", "kind": "country", "country": "LBN"},
    "fra": {"name": "France", "kind": "country", "country": "FRA"},
    "alb": {"name": "Albanian civilians", "kind": "country", "country": "SRB", "sector": "CVLalb"},
    "kabul": {"name": "Kabul", "kind": "country", "country": "AFG", "sector": "***"},
}


def gold_of(*events: dict[str, Any], negative: tuple[dict[str, Any], ...] = (),
            docs: tuple[str, ...] = ("a.txt",)) -> Gold:
    body = {"published": "2025-10-31", "actors": ACTORS, "events": list(events), "negative": list(negative)}
    return parse_gold({"schema": "dyad-gold/1", "documents": {name: body for name in docs}})


def gold_event(type_: str | list[str], *actors: str, core: bool = True, **extra: Any) -> dict[str, Any]:
    return {"type": type_, "actors": list(actors), "core": core, **extra}


def person(name: str, country: str | None = None, sector: str | None = None, *aliases: str) -> dict[str, Any]:
    return {"id": name, "name": name, "aliases": list(aliases), "kind": "person", "country": country,
            "sector": sector, "role": None}


def state(code: str, sector: str | None = None, name: str = "") -> dict[str, Any]:
    return {"id": code + (sector or ""), "name": name or code, "aliases": [], "kind": "country",
            "country": code, "sector": sector, "role": None}


HAJJAR, LEGENDRE = person("Ahmad Hajjar", "LBN", "GOV"), person("Anne-Claire Legendre", "FRA", "GOV")


def event(type_: str, source: list[dict[str, Any]], target: list[dict[str, Any]], *, date: str | None = None,
          precision: str | None = "day", date_end: str | None = None, place: str | None = None,
          factuality: str = "asserted", docs: tuple[str, ...] = ("a.txt",), id_: str = "e") -> dict[str, Any]:
    return {"id": id_, "type": type_, "mode": None, "cameo": "040", "quad_class": 1, "goldstein": 1.0,
            "factuality": factuality, "date": date, "date_end": date_end,
            "date_precision": precision if date else None, "source": source, "target": target,
            "place": {"name": "somewhere", "country": place, "lat": None, "lon": None} if place else None,
            "sources": [{"document": d, "sentence": 0, "start": 0, "end": 10} for d in docs],
            "confidence": 0.5}


def run(gold_events: tuple[dict[str, Any], ...] | dict[str, Any], *system: dict[str, Any]) -> Report:
    events = (gold_events,) if isinstance(gold_events, dict) else gold_events
    return score(gold_of(*events), list(system), [])


def both(report: Report) -> tuple[Counts, Counts]:
    return report.relaxed.overall, report.strict.overall


# --- strict against relaxed -------------------------------------------------------------------


def test_a_wrong_date_passes_relaxed_and_fails_strict_with_the_reason() -> None:
    gold = gold_event("CONSULT", "hajjar", "legendre", date=["2025-10-24", "2025-10-31"])
    report = run(gold, event("CONSULT", [HAJJAR], [LEGENDRE], date="2025-11-02"))
    assert both(report) == (Counts(tp=1), Counts(fp=1, fn=1))
    (missed,) = report.missed
    assert (missed.found_relaxed, missed.failed) == (True, ("date",))


@pytest.mark.parametrize(("system_date", "precision", "date_end", "ok"), [
    ("2025-10-27", "day", None, True),                 # a day inside the gold range
    ("2025-10-24", "day", None, True),                 # the range is closed
    ("2025-11-01", "day", None, False),
    ("2025-10-01", "month", None, False),              # October is wider than the range
    ("2025-10-25", None, "2025-10-28", True),          # [date, date_end] inside
    ("2025-10-30", "day", "2025-11-02", False),        # date_end overrides the precision
])
def test_the_system_interval_must_lie_within_a_gold_range(system_date: str, precision: str | None,
                                                          date_end: str | None, ok: bool) -> None:
    gold = gold_event("CONSULT", "hajjar", "legendre", date=["2025-10-24", "2025-10-31"])
    found = event("CONSULT", [HAJJAR], [LEGENDRE], date=system_date, precision=precision, date_end=date_end)
    assert run(gold, found).strict.overall.tp == int(ok)


@pytest.mark.parametrize(("gold_date", "system_date", "precision", "ok"), [
    ("2025-10", "2025-10-01", "month", True),          # month precision inside the gold month
    ("2025-10", "2025-10-17", "day", True),
    ("2025-10-01", "2025-10-01", "month", False),      # a month is not within one of its days
    ("2025-10", "2025-10-01", "year", False),
    ("2025", "2025-10-01", "month", True),
    (["2025-09", "2025"], "2025-12-01", "month", True),  # range ends of any granularity
    (["2025-09", "2025-10"], "2025-11-01", "month", False),
])
def test_gold_dates_of_any_granularity(gold_date: Any, system_date: str, precision: str, ok: bool) -> None:
    gold = gold_event("REQUEST", "hajjar", "fra", directed=True, date=gold_date)
    found = event("REQUEST", [HAJJAR], [state("FRA")], date=system_date, precision=precision)
    assert run(gold, found).strict.overall.tp == int(ok)


def test_a_null_gold_date_checks_nothing_and_a_null_system_date_fails_a_gold_one() -> None:
    undated = run(gold_event("CONSULT", "hajjar", "legendre"), event("CONSULT", [HAJJAR], [LEGENDRE]))
    dated = run(gold_event("CONSULT", "hajjar", "legendre", date="2025-10"),
                event("CONSULT", [HAJJAR], [LEGENDRE]))
    assert undated.strict.overall.tp == 1
    assert both(dated) == (Counts(tp=1), Counts(fp=1, fn=1))


@pytest.mark.parametrize(("place", "ok"), [("BHR", True), ("LBN", False), (None, False)])
def test_strict_needs_the_place_country(place: str | None, ok: bool) -> None:
    gold = gold_event("CONSULT", "hajjar", "legendre", place={"name": "Manama", "country": "BHR"})
    report = run(gold, event("CONSULT", [HAJJAR], [LEGENDRE], place=place))
    assert report.relaxed.overall.tp == 1
    assert report.strict.overall.tp == int(ok)


def test_a_null_gold_place_checks_nothing() -> None:
    report = run(gold_event("CONSULT", "hajjar", "legendre", place=None),
                 event("CONSULT", [HAJJAR], [LEGENDRE], place="LBN"))
    assert report.strict.overall.tp == 1


@pytest.mark.parametrize(("key", "sector", "ok"), [
    ("lbngov", "GOV", True),
    ("lbngov", "MIL", False),
    ("lbngov", None, False),
    ("alb", "CVL", True),       # CAMEO's ethnic suffix (alb) is not coded by dyad
    ("kabul", None, True),      # *** is CAMEO's "unspecified"
])
def test_strict_needs_the_sector_of_a_country_actor_that_has_one(key: str, sector: str | None,
                                                                   ok: bool) -> None:
    code = ACTORS[key]["country"]
    report = run(gold_event("PROTEST", key), event("PROTEST", [state(code, sector)], []))
    assert report.relaxed.overall.tp == 1
    assert report.strict.overall.tp == int(ok)
    if not ok:
        assert report.missed[0].failed == ("sector",)


def test_a_person_sector_is_not_checked_by_the_event_match() -> None:
    report = run(gold_event("CONSULT", "hajjar", "legendre"),
                 event("CONSULT", [person("Ahmad Hajjar", "LBN", "MIL")], [LEGENDRE]))
    assert report.strict.overall.tp == 1


# --- actors -----------------------------------------------------------------------------------


def test_a_directed_gold_event_needs_its_source_on_the_source_side() -> None:
    gold = gold_event("REQUEST", "hajjar", "fra", directed=True)
    assert run(gold, event("REQUEST", [HAJJAR], [state("FRA")])).relaxed.overall.tp == 1
    assert run(gold, event("REQUEST", [state("FRA")], [HAJJAR])).relaxed.overall == Counts(fp=1, fn=1)


def test_an_undirected_gold_event_matches_either_direction() -> None:
    gold = gold_event("CONSULT", "hajjar", "legendre")
    assert run(gold, event("CONSULT", [LEGENDRE], [HAJJAR])).strict.overall.tp == 1
    assert run(gold, event("CONSULT", [LEGENDRE, HAJJAR], [])).strict.overall.tp == 1


def test_country_actors_match_any_participant_with_the_code_and_never_by_name() -> None:
    army = {**person("Lebanese Army", "LBN", "MIL"), "kind": "organization"}
    by_name_only = {**state("LBN"), "country": None, "name": "Lebanon"}
    assert run(gold_event("ASSAULT", "lbn"), event("ASSAULT", [army], [])).strict.overall.tp == 1
    assert run(gold_event("ASSAULT", "lbn"), event("ASSAULT", [by_name_only], [])).strict.overall.tp == 0


def test_one_participant_may_match_several_gold_actors() -> None:
    # FORMAT.md: every gold actor "is matched by some participant"; a country actor by any participant
    # of that country. Hajjar (Lebanese) therefore stands for both Hajjar and Lebanon.
    gold = gold_event("CONSULT", "hajjar", "lbn")
    assert run(gold, event("CONSULT", [HAJJAR], [])).relaxed.overall.tp == 1
    assert run(gold, event("CONSULT", [HAJJAR], [state("LBN")])).relaxed.overall.tp == 1
    other = gold_event("CONSULT", "hajjar", "fra")
    assert run(other, event("CONSULT", [HAJJAR], [])).relaxed.overall == Counts(fp=1, fn=1)


@pytest.mark.parametrize(("key", "system_name", "aliases", "ok"), [
    ("hajjar", "Ahmad Hajjar", (), True),              # the al- article is dropped
    ("hajjar", "ahmad al hajjar", (), True),
    ("hajjar", "AHMAD AL-HAJJAR", (), True),
    ("hajjar", "Hajjar", ("Interior Minister Ahmad Hajjar",), True),  # through an alias
    ("hajjar", "Ahmad Hajjari", (), False),
    ("giraud", "Eric Giraud Telme", (), True),         # accents and hyphens
    ("sissi", "Sissi", (), True),                       # El-Sissi without its article
    ("legendre", "Legendre", (), False),                # a surname alone is not the gold name
])
def test_names_compare_without_case_accents_hyphens_or_article(key: str, system_name: str,
                                                               aliases: tuple[str, ...], ok: bool) -> None:
    found = event("CONSULT", [person(system_name, None, None, *aliases)], [])
    assert run(gold_event("CONSULT", key), found).strict.overall.tp == int(ok)


def test_the_type_must_be_the_gold_type_or_one_of_its_list() -> None:
    gold = gold_event(["AGREE", "COOPERATE"], "hajjar")
    assert run(gold, event("COOPERATE", [HAJJAR], [])).strict.overall.tp == 1
    assert run(gold, event("SUPPORT", [HAJJAR], [])).strict.overall == Counts(fp=1, fn=1)


# --- counting ---------------------------------------------------------------------------------


def test_an_event_matching_only_an_optional_gold_event_counts_neither_way() -> None:
    optional = gold_event("ASSAULT", "lbn", core=False)
    report = run((optional,), event("ASSAULT", [state("LBN")], []))
    assert both(report) == (Counts(), Counts())
    assert (report.relaxed.optional, report.missed) == (1, ())


def test_events_that_are_not_asserted_are_ignored_for_precision_and_recall() -> None:
    gold = gold_event("CONSULT", "hajjar", "legendre")
    planned = event("CONSULT", [HAJJAR], [LEGENDRE], factuality="planned")
    stray = event("ASSAULT", [state("FRA")], [], factuality="negated")
    report = run(gold, planned, stray)
    assert both(report) == (Counts(fn=1), Counts(fn=1))
    assert (report.system_events, report.asserted) == (2, 0)


def test_two_copies_of_one_event_are_one_true_positive_and_one_false_positive() -> None:
    copy = event("CONSULT", [HAJJAR], [LEGENDRE])
    report = run(gold_event("CONSULT", "hajjar", "legendre"), copy, dict(copy))
    assert both(report) == (Counts(tp=1, fp=1), Counts(tp=1, fp=1))


def test_the_assignment_is_maximal_not_greedy() -> None:
    # The first system event fits both gold events, the second only the first gold event:
    # a greedy pass would pair gold 0 with system 0 and leave gold 1 unmatched.
    golds = (gold_event("CONSULT", "hajjar"), gold_event("CONSULT", "hajjar", "legendre"))
    report = run(golds, event("CONSULT", [HAJJAR], [LEGENDRE]), event("CONSULT", [HAJJAR], []))
    assert both(report) == (Counts(tp=2), Counts(tp=2))


def test_a_strict_match_is_never_lost_at_the_relaxed_level() -> None:
    # One system event; gold 0 fits it only relaxed (date), gold 1 strictly. Relaxed must keep
    # gold 1, so the only missed event is gold 0, and it was not found at either level.
    golds = (gold_event("CONSULT", "hajjar", date="2024"), gold_event("CONSULT", "hajjar"))
    report = run(golds, event("CONSULT", [HAJJAR], [], date="2025-10-01"))
    assert both(report) == (Counts(tp=1, fn=1), Counts(tp=1, fn=1))
    assert [(m.index, m.found_relaxed) for m in report.missed] == [(0, False)]


def test_counts_by_type_add_up_under_the_system_type_and_the_first_gold_type() -> None:
    golds = (gold_event(["COERCE", "ASSAULT"], "lbn"), gold_event(["AGREE", "COOPERATE"], "fra"))
    report = run(golds, event("ASSAULT", [state("LBN")], []), event("PROTEST", [state("FRA")], []))
    assert report.strict.by_type == {"AGREE": Counts(fn=1), "ASSAULT": Counts(tp=1), "PROTEST": Counts(fp=1)}


def test_an_event_counts_in_every_gold_document_it_cites() -> None:
    gold = gold_of(gold_event("CONSULT", "hajjar", "legendre"), docs=("a.txt", "b.txt"))
    merged = event("CONSULT", [HAJJAR], [LEGENDRE], docs=("a.txt", "b.txt", "elsewhere.txt"))
    report = score(gold, [merged], [])
    assert both(report) == (Counts(tp=2), Counts(tp=2))
    assert report.system_events == 1


# --- negatives --------------------------------------------------------------------------------


NO_BEIRUT = {"type": "CONSULT", "actors": ["hajjar", "legendre"], "place_country": "LBN",
             "note": "not in Beirut"}


@pytest.mark.parametrize(("place", "factuality", "hit"), [
    ("LBN", "asserted", True), ("BHR", "asserted", False), (None, "asserted", False),
    ("LBN", "planned", False),
])
def test_a_negative_is_hit_by_an_asserted_event_in_its_place(place: str | None, factuality: str,
                                                             hit: bool) -> None:
    found = event("CONSULT", [LEGENDRE], [HAJJAR], place=place, factuality=factuality, id_="ev7")
    report = score(gold_of(negative=(NO_BEIRUT,)), [found], [])
    assert [(n.event_id, n.note) for n in report.negatives] == ([("ev7", "not in Beirut")] if hit else [])


def test_a_negative_of_any_type_matches_every_type() -> None:
    never = {"type": "any", "actors": ["sissi"], "note": "only in a title"}
    found = [event("REQUEST", [HAJJAR], [person("El-Sissi")]), event("ASSAULT", [person("Sissi")], [])]
    report = score(gold_of(negative=(never,)), found, [])
    assert [(n.type, n.target) for n in report.negatives] == [("REQUEST", ("El-Sissi",)), ("ASSAULT", ())]


def test_a_negative_date_restricts_it() -> None:
    dated = {"type": "CONSULT", "actors": ["hajjar"], "date": "2025-02-18"}
    on_day, other_day = (event("CONSULT", [HAJJAR], [], date=d) for d in ("2025-02-18", "2025-02-19"))
    report = score(gold_of(negative=(dated,)), [on_day, other_day, event("CONSULT", [HAJJAR], [])], [])
    assert len(report.negatives) == 1
