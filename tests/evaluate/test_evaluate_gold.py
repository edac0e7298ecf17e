"""Reading gold files: the shared ones load, malformed ones fail with a message that says where."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from dyad.errors import GoldError
from dyad.evaluate import load_gold, parse_gold

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"

VALID: dict[str, Any] = {
    "schema": "dyad-gold/1",
    "documents": {"a.txt": {
        "published": "2025-10-31",
        "actors": {"hajjar": {"name": "Ahmad Hajjar", "kind": "person", "country": "LBN", "sector": "GOV",
                              "role": "Interior Minister", "aliases": ["Hajjar"]},
                   "fra": {"name": "France", "kind": "country", "country": "FRA", "sector": None}},
        "events": [{"type": "REQUEST", "actors": ["hajjar", "fra"], "directed": True,
                    "date": ["2025-10-24", "2025-10-31"], "place": None, "core": True, "note": ""}],
        "negative": [{"type": "any", "actors": ["fra"], "place_country": "LBN"}],
        "different": [["hajjar", "fra"]],
        "no_actor": ["Advertisement"]}},
    "same": [["a.txt:hajjar", "a.txt:hajjar"]],
}


def shared_file(relative: str) -> Path:
    path = SHARED / relative
    if not path.exists():
        pytest.skip(f"{relative} is not in ../shared")
    return path


def test_the_seed_gold_loads() -> None:
    gold = load_gold(shared_file("gold/seeds.json"))
    assert len(gold.documents) == 5 and len(gold.same) == 4 and len(gold.different) == 4
    negatives = [n for doc in gold.documents.values() for n in doc.negative]
    assert {n.label for n in negatives} == {"CONSULT", "any"}


def test_the_plover_gold_loads_with_cameo_sector_and_country_codes() -> None:
    gold = load_gold(shared_file("external/plover-gsr-dev/gold.json"))
    assert len(gold.documents) == 161
    sectors = {a.sector for doc in gold.documents.values() for a in doc.actors.values()}
    codes = {a.country for doc in gold.documents.values() for a in doc.actors.values()}
    assert {"CVLalb", "***"} <= sectors and "IGO" in codes


def test_a_valid_gold_reads_into_records() -> None:
    gold = parse_gold(VALID)
    doc = gold.documents["a.txt"]
    (request,) = doc.events
    assert (request.types, request.actors) == (("REQUEST",), ("hajjar", "fra"))
    assert (request.directed, request.core) == (True, True)
    assert str(request.date) == "(datetime.date(2025, 10, 24), datetime.date(2025, 10, 31))"
    assert doc.negative[0].types == () and doc.negative[0].place_country == "LBN"
    assert doc.actors["hajjar"].aliases == ("Hajjar",) and gold.same == ((("a.txt", "hajjar"),) * 2,)


def broken(path: str, value: Any) -> dict[str, Any]:
    """VALID with the value at ``path`` (keys and list indexes separated by /) replaced; None deletes."""
    gold = copy.deepcopy(VALID)
    *parents, last = [int(p) if p.isdigit() else p for p in path.split("/")]
    target: Any = gold
    for key in parents:
        target = target[key]
    if value is None:
        del target[last]
    else:
        target[last] = value
    return gold


DOC = "documents/a.txt"


@pytest.mark.parametrize(("path", "value", "message"), [
    ("schema", "dyad-gold/2", 'the schema must be "dyad-gold/1", found \'dyad-gold/2\''),
    ("documents", {}, '"documents" must be a non-empty object'),
    (f"{DOC}/events/0/actors", ["hajjar", "macron"],
     "document 'a.txt', events[0]: actor 'macron' is not among the document's actors"),
    (f"{DOC}/events/0/type", "consult", "document 'a.txt', events[0]: type must be a PLOVER type"),
    (f"{DOC}/events/0/type", "any", "events[0]: type must be a PLOVER type"),
    (f"{DOC}/events/0/date", "2025-13", "document 'a.txt', events[0]: bad date '2025-13'"),
    (f"{DOC}/events/0/date", ["2025-11", "2025-10"], "ends before it starts"),
    (f"{DOC}/events/0/date", "last week", "is not YYYY-MM-DD, YYYY-MM or YYYY"),
    (f"{DOC}/events/0/directed", "yes", "events[0]: directed must be true or false"),
    (f"{DOC}/events/0/dierected", True, "events[0]: unknown key 'dierected'"),
    (f"{DOC}/events/0/place", {"name": "Manama"}, "events[0], place: missing key 'country'"),
    (f"{DOC}/events/0/place", {"name": "Manama", "country": "Bahrain"}, "a country code is three capital"),
    (f"{DOC}/events/0/actors", [], "events[0]: actors must name at least one actor key"),
    (f"{DOC}/actors/fra/country", None, "actor 'fra': an actor of kind country needs its country code"),
    (f"{DOC}/actors/hajjar/kind", "politician", "actor 'hajjar': kind must be one of person"),
    (f"{DOC}/actors/hajjar/name", "", "actor 'hajjar', name: must be a non-empty string"),
    (f"{DOC}/actors/hajjar/aliases", "Hajjar", "actor 'hajjar', aliases: must be a list"),
    (f"{DOC}/negative/0/actors", ["nobody"], "negative[0]: actor 'nobody' is not among"),
    (f"{DOC}/negative/0/place", {"country": "LBN"}, "negative[0]: unknown key 'place'"),
    (f"{DOC}/different/0", ["hajjar", "nobody"], "different: ['hajjar', 'nobody'] is not a pair"),
    (f"{DOC}/published", "31 October 2025", "document 'a.txt': bad published date"),
    (f"{DOC}/events", None, "document 'a.txt': missing key 'events'"),
    ("same/0/1", "b.txt:hajjar", "same[0]: 'b.txt:hajjar' is not \"document:key\""),
    ("same/0/1", "a.txt:nobody", "same[0]: document 'a.txt' has no actor 'nobody'"),
])
def test_a_malformed_gold_says_what_is_wrong_and_where(path: str, value: Any, message: str) -> None:
    with pytest.raises(GoldError) as raised:
        parse_gold(broken(path, value))
    assert message in str(raised.value)


def test_load_gold_names_the_file(tmp_path: Path) -> None:
    bad_json, bad_gold = tmp_path / "bad.json", tmp_path / "gold.json"
    bad_json.write_text("{\"schema\": ", encoding="utf-8")
    bad_gold.write_text(json.dumps(broken("schema", "v0")), encoding="utf-8")
    for path, message in ((bad_json, "is not valid JSON"), (bad_gold, "the schema must be"),
                          (tmp_path / "missing.json", "cannot read gold file")):
        with pytest.raises(GoldError, match=message) as raised:
            load_gold(path)
        assert str(path) in str(raised.value)
