"""Exports: the JSONL contract (checked with JSON Schema), CSV, Parquet, PLOVER and ICEWS renderings."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections import Counter
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from dyad.errors import InputError
from dyad.serve.exports import ICEWS_COLUMNS, export
from dyad.store import CanonicalActor, Store
from dyad.types import Actor, Article, Coded, Event, Place, Sentence, When

TEXT = {"type": "string"}
MAYBE_TEXT = {"type": ["string", "null"]}
KINDS = ["person", "organization", "group", "country"]
ACTOR = {
    "type": "object", "required": ["id", "name", "aliases", "kind", "country", "sector", "role"],
    "properties": {"id": TEXT, "name": TEXT, "aliases": {"type": "array", "items": TEXT},
                   "kind": {"enum": KINDS}, "country": MAYBE_TEXT, "sector": MAYBE_TEXT, "role": MAYBE_TEXT},
}
EVENT_SCHEMA = {
    "type": "object",
    "required": ["id", "type", "mode", "cameo", "quad_class", "goldstein", "factuality", "date",
                 "date_precision", "source", "target", "place", "sources", "confidence"],
    "properties": {
        "id": TEXT, "type": TEXT, "mode": MAYBE_TEXT, "cameo": TEXT, "quad_class": {"enum": [1, 2, 3, 4]},
        "goldstein": {"type": "number"}, "confidence": {"type": "number"},
        "factuality": {"enum": ["asserted", "planned", "negated", "hypothetical"]},
        "date": {"type": ["string", "null"], "pattern": r"^\d{4}-\d{2}-\d{2}$"},
        "date_precision": {"enum": ["day", "month", "year", None]},
        "source": {"type": "array", "items": ACTOR}, "target": {"type": "array", "items": ACTOR},
        "place": {"oneOf": [{"type": "null"},
                            {"type": "object", "required": ["name", "country", "lat", "lon"]}]},
        "sources": {"type": "array", "minItems": 1, "items": {
            "type": "object", "required": ["document", "sentence", "start", "end"],
            "properties": {"document": TEXT, "sentence": TEXT, "start": {"type": "integer"},
                           "end": {"type": "integer"}}}},
    },
}
ACTOR_SCHEMA = {
    "type": "object",
    "required": ["id", "name", "aliases", "kind", "country", "sector", "roles", "documents"],
    "properties": {"id": TEXT, "name": TEXT, "aliases": {"type": "array", "items": TEXT},
                   "kind": {"enum": KINDS}, "country": MAYBE_TEXT, "sector": MAYBE_TEXT,
                   "roles": {"type": "array"},
                   "documents": {"type": "array", "items": TEXT}},
}
LBN, ISR, FRA = (Actor("LBN", "Lebanon", "country", "LBN"), Actor("ISR", "Israel", "country", "ISR"),
                 Actor("FRA", "France", "country", "FRA"))
USA = Actor("USA", "United States", "country", "USA")
BEIRUT = Place("Beirut", "LBN", 33.9, 35.5)


def coded(name: str, sentences: list[str], actors: list[Actor], events: list[Event]) -> Coded:
    """An article of ``sentences``; an event's span and trigger (the first word) follow its sentence."""
    text = " ".join(sentences)
    spans, at = [], 0
    for n, s in enumerate(sentences):
        spans.append(Sentence(n, at, at + len(s), s))
        at += len(s) + 1
    placed = []
    for e in events:
        span = spans[e.sentence]
        placed.append(replace(e, start=span.start, end=span.end,
                              trigger=(span.start, span.start + span.text.find(" "))))
    article = Article(hashlib.sha256((name + text).encode()).hexdigest()[:16], name, text, source="Wire")
    return Coded(article, tuple(spans), (), tuple(actors), tuple(placed))


def event(type_: str, cameo: str, source: tuple[str, ...], target: tuple[str, ...], sentence: int,
          factuality: str = "asserted", day: date | None = date(2025, 11, 2),
          place: Place | None = None) -> Event:
    return Event(type_, None, cameo, 1 if type_ == "CONSULT" else 4, -9.5 if type_ == "ASSAULT" else 1.0,
                 factuality, source, target, sentence, 0, 0, (0, 0),  # type: ignore[arg-type]
                 When(day, day, "day") if day else None, place)


@pytest.fixture
def store() -> Store:
    """A meeting (reciprocal, reported twice), a two-on-one attack, and a planned and a negated event."""
    s = Store()
    meeting = "Lebanon and Israel met in Beirut."
    first = coded("a.txt", [meeting, "Israel and the United States struck Lebanon.", "France will visit."],
                  [LBN, ISR, USA, FRA], [
                      event("CONSULT", "040", ("LBN", "ISR"), (), 0, place=BEIRUT),
                      event("ASSAULT", "190", ("ISR", "USA"), ("LBN",), 1),
                      event("CONSULT", "042", ("FRA",), ("LBN",), 2, "planned"),
                      event("ASSAULT", "190", ("FRA",), ("ISR",), 2, "negated", None)])
    second = coded("b.txt", [meeting], [LBN, ISR], [event("CONSULT", "040", ("ISR", "LBN"), (), 0)])
    assignments: dict[int, str] = {}
    for doc in (first, second):
        assignments |= {da: f"a-{key}" for key, da in (s.add_coded(doc) or {}).items()}
    s.set_canonical(assignments, [CanonicalActor(f"a-{a.key}", a.name, a.kind, a.country, "GOV", (a.key,))
                                  for a in (LBN, ISR, USA, FRA)])
    meetings = s.conn.execute("SELECT event_id FROM event_sources WHERE sentence = 0 ORDER BY rowid")
    ids = [r[0] for r in meetings]
    s.merge_events(ids[0], ids[1])
    return s


def lines(store: Store, what: str, fmt: str) -> list[dict[str, Any]]:
    out = io.StringIO()
    n = export(store, what, fmt, out)  # type: ignore[arg-type]
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert n == len(rows)
    return rows


def test_events_jsonl_follows_the_contract(store: Store) -> None:
    rows = lines(store, "events", "jsonl")
    for row in rows:
        Draft202012Validator(EVENT_SCHEMA).validate(row)
    meeting = next(r for r in rows if r["n_sources"] == 2)
    assert [s["document"] for s in meeting["sources"]] == ["a.txt", "b.txt"]
    assert meeting["sources"][0]["sentence"] == "Lebanon and Israel met in Beirut."
    assert {a["id"] for a in meeting["source"]} == {"a-LBN", "a-ISR"} and len(meeting["source"]) == 2
    assert meeting["source"][0]["aliases"] == ["LBN"]


def test_actors_jsonl_follows_the_contract(store: Store) -> None:
    rows = lines(store, "actors", "jsonl")
    for row in rows:
        Draft202012Validator(ACTOR_SCHEMA).validate(row)
    assert {r["name"]: r["documents"] for r in rows}["Lebanon"] == ["a.txt", "b.txt"]


def test_csv_joins_several_actors_in_one_cell(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    assert export(store, "events", "csv", path) == 4
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    attack = next(r for r in rows if r["type"] == "ASSAULT" and r["factuality"] == "asserted")
    assert attack["source_names"] == "Israel;United States" and attack["source_countries"] == "ISR;USA"
    assert attack["target_names"] == "Lebanon" and attack["sentence"].startswith("Israel and the United")
    assert export(store, "actors", "csv", tmp_path / "actors.csv") == 4


def test_icews_has_its_columns_and_one_row_per_pair(store: Store) -> None:
    out = io.StringIO()
    n = export(store, "events", "icews", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue()), delimiter="\t"))
    assert list(rows[0]) == ICEWS_COLUMNS and n == len(rows)
    attack = [(r["Source Name"], r["Target Name"]) for r in rows if r["CAMEO Code"] == "190"]
    assert attack == [("Israel", "Lebanon"), ("United States", "Lebanon")]  # the negated one is left out
    meeting = [(r["Source Name"], r["Target Name"], r["Story ID"]) for r in rows if r["CAMEO Code"] == "040"]
    assert sorted(meeting) == [("Israel", "Lebanon", "a.txt"), ("Israel", "Lebanon", "b.txt"),
                               ("Lebanon", "Israel", "a.txt"), ("Lebanon", "Israel", "b.txt")]
    first = next(r for r in rows if r["CAMEO Code"] == "040")
    assert (first["Event Text"], first["Source Country"], first["Intensity"]) == ("Consult", "Lebanon", "1.0")
    assert (first["City"], first["Country"], first["Sentence Number"]) == ("Beirut", "Lebanon", "1")
    assert not any(r["Event Text"] == "Make a visit" for r in rows)  # planned: not asserted


def test_plover_uses_the_plover_field_names(store: Store) -> None:
    rows = lines(store, "events", "plover")
    assert len(rows) == 3  # asserted and planned; never negated
    planned = next(r for r in rows if r["factuality"] == "planned")
    assert planned["context"] == ["future"] and planned["event"] == ["CONSULT"]
    assert planned["recipient"][0]["code"] == "LBN" and planned["source"][0]["identifier_text"] == "France"
    meeting = next(r for r in rows if r["event_loc"])
    assert meeting["event_loc"] == {"name": "Beirut", "latitude": 33.9, "longitude": 35.5, "cc3": "LBN"}
    assert meeting["event_text"] == ["Lebanon", "Lebanon"] and meeting["text_info"]["sequence"] == 0
    assert {"id", "date", "enddate", "quad_code", "event_scale", "text", "cite_info"} <= set(meeting)


def test_parquet_is_readable_and_holds_the_same_events(store: Store, tmp_path: Path) -> None:
    assert export(store, "events", "parquet", tmp_path / "events.parquet") == 4
    table = pq.read_table(tmp_path / "events.parquet").to_pylist()
    assert [r["id"] for r in table] == [r["id"] for r in lines(store, "events", "jsonl")]
    assert {a["name"] for r in table for a in r["source"]} == {"Lebanon", "Israel", "United States", "France"}
    assert export(store, "actors", "parquet", tmp_path / "actors.parquet") == 4
    assert pq.read_table(tmp_path / "actors.parquet").num_rows == 4


def test_an_empty_store_exports_headers_and_nothing_else(tmp_path: Path) -> None:
    out = io.StringIO()
    assert export(Store(), "events", "icews", out) == 0 and out.getvalue() == "\t".join(ICEWS_COLUMNS) + "\n"
    assert export(Store(), "events", "parquet", tmp_path / "e.parquet") == 0
    assert pq.read_table(tmp_path / "e.parquet").num_rows == 0


@pytest.mark.parametrize(("what", "fmt"), [("actors", "icews"), ("actors", "plover"), ("events", "xml"),
                                           ("rows", "jsonl")])
def test_unknown_combinations_are_input_errors(what: str, fmt: str) -> None:
    with pytest.raises(InputError):
        export(Store(), what, fmt, io.StringIO())  # type: ignore[arg-type]


# --- Hypothesis: whatever was coded comes back out of the export, field for field ---------------------
WORDS = st.text(alphabet="abcdeé中 ", min_size=1, max_size=12)  # non-ASCII: offsets are characters
PRECISION = {"week": "day", "range": "day"}  # the contract's three precisions


@st.composite
def coded_articles(draw: st.DrawFn) -> Coded:
    sentences = draw(st.lists(WORDS, min_size=1, max_size=4))
    keys = [f"k{n}" for n in range(draw(st.integers(1, 3)))]
    actors = [Actor(k, draw(WORDS), draw(st.sampled_from(KINDS)), draw(st.sampled_from([None, "LBN", "IGO"])),
                    draw(st.sampled_from([None, "GOV"])), draw(st.sampled_from([None, "Envoy"])))
              for k in keys]
    doc = coded("h.txt", sentences, actors, [])
    events = [draw(_events(doc, keys)) for _ in range(draw(st.integers(0, 4)))]
    return Coded(doc.article, doc.sentences, (), doc.actors, tuple(events))


@st.composite
def _events(draw: st.DrawFn, doc: Coded, keys: list[str]) -> Event:
    s = draw(st.sampled_from(doc.sentences))
    start = draw(st.dates(date(1990, 1, 1), date(2030, 1, 1)))
    when = When(start, start + timedelta(days=draw(st.integers(0, 40))),
                draw(st.sampled_from(["day", "week", "month", "year", "range"])))
    place = Place(draw(WORDS), draw(st.sampled_from([None, "LBN"])), draw(st.floats(-90, 90)), None, "city")
    trigger = draw(st.integers(s.start, s.end))
    return Event(draw(st.sampled_from(["CONSULT", "ASSAULT"])), draw(st.sampled_from([None, "visit"])), "040",
                 draw(st.integers(1, 4)), draw(st.floats(-10, 10)),
                 draw(st.sampled_from(["asserted", "planned", "negated", "hypothetical"])),
                 tuple(draw(st.lists(st.sampled_from(keys), max_size=2, unique=True))),
                 tuple(draw(st.lists(st.sampled_from(keys), max_size=2, unique=True))),
                 s.index, s.start, s.end, (trigger, draw(st.integers(trigger, s.end))),
                 draw(st.none() | st.just(when)), draw(st.none() | st.just(place)), draw(st.floats(0, 1)))


def _expected(doc: Coded, e: Event) -> tuple[Any, ...]:
    actors = {a.key: a for a in doc.actors}
    side = [tuple((actors[k].name, actors[k].kind, actors[k].country, actors[k].role) for k in keys)
            for keys in (e.source, e.target)]
    when = e.date
    return (e.type, e.mode, e.cameo, e.quad_class, e.goldstein, e.factuality, *side,
            when and when.start.isoformat(), when and when.end.isoformat(),
            when and PRECISION.get(when.precision, when.precision),
            e.place and (e.place.name, e.place.country, e.place.lat), doc.article.text[e.start:e.end],
            e.start, e.end, e.sentence, e.trigger, e.confidence, doc.article.name)


def _exported(r: dict[str, Any]) -> tuple[Any, ...]:
    side = [tuple((a["name"], a["kind"], a["country"], a["role"]) for a in r[k])
            for k in ("source", "target")]
    place, (src,) = r["place"], r["sources"]
    return (r["type"], r["mode"], r["cameo"], r["quad_class"], r["goldstein"], r["factuality"], *side,
            r["date"], r["date_end"], r["date_precision"],
            place and (place["name"], place["country"], place["lat"]), src["sentence"], src["start"],
            src["end"], src["sentence_index"], tuple(src["trigger"]), r["confidence"], src["document"])


@settings(max_examples=40, deadline=None)
@given(coded_articles())
def test_what_is_coded_is_what_is_exported(doc: Coded) -> None:
    with Store() as store:
        store.add_coded(doc)
        rows = lines(store, "events", "jsonl")
    for row in rows:
        Draft202012Validator(EVENT_SCHEMA).validate(row)
    assert Counter(map(_exported, rows)) == Counter(_expected(doc, e) for e in doc.events)
