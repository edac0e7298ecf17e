"""Write events or actors in the formats researchers load: JSONL, CSV, Parquet, PLOVER and ICEWS.

Every format is rendered from the same stream of contract dicts (``dyad.store.queries``), one
batch in memory at a time. JSONL is the public contract itself; CSV flattens it (several actors
joined with ``;``); Parquet keeps its nesting, with dates as the same ISO strings.

Two formats cannot say that an event did *not* happen, so they leave such events out: ``plover``
writes asserted events and, with PLOVER's ``context`` of ``future`` or ``hypothetical``, planned and
hypothetical ones, but no negated event; ``icews`` writes asserted events only.

>>> import io
>>> from dyad.store import Store
>>> export(Store(), "events", "icews", io.StringIO())
0
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from itertools import islice
from pathlib import Path
from typing import IO, Any, Literal

from dyad import __version__
from dyad.errors import InputError
from dyad.knowledge.loader import DATA
from dyad.store import Store
from dyad.store.queries import EventFilter, iter_actors, iter_events

What = Literal["events", "actors"]
Format = Literal["jsonl", "csv", "parquet", "plover", "icews"]
Dict = dict[str, Any]

ICEWS_COLUMNS = [
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text", "CAMEO Code",
    "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID", "Sentence Number",
    "Publisher", "City", "District", "Province", "Country", "Latitude", "Longitude",
]
EVENT_COLUMNS = [
    "id", "date", "date_end", "date_precision", "type", "mode", "cameo", "quad_class", "goldstein",
    "factuality", "confidence", *(f"{side}_{field}" for side in ("source", "target")
                                  for field in ("ids", "names", "countries", "sectors", "roles")),
    "place_name", "place_country", "lat", "lon", "n_sources", "documents", "sentence",
]
ACTOR_COLUMNS = ["id", "name", "kind", "country", "sector", "aliases", "roles", "documents"]
FORMATS = ("jsonl", "csv", "parquet", "plover", "icews")


def export(store: Store, what: What, fmt: Format, out: Path | str | IO[Any]) -> int:
    """Write every ``what`` ("events" or "actors") of ``store`` to ``out`` as ``fmt``; return rows written.

    ``out`` is a path or an open file (text; binary for Parquet).
    """
    if what not in ("events", "actors"):
        raise InputError(f"export writes events or actors, not {what!r}")
    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r}: one of {', '.join(FORMATS)}")
    if fmt in ("plover", "icews") and what != "events":
        raise InputError(f"the {fmt} format holds events only")
    records = iter_events(store, EventFilter(limit=None)) if what == "events" else iter_actors(store)
    if fmt == "parquet":
        return write_parquet(records, what, out)
    with _text(out) as handle:
        return _WRITERS[fmt](records, what, handle)


def _write_jsonl(records: Iterator[Dict], what: What, handle: IO[str]) -> int:
    return _jsonl(records, handle)


def _write_plover(records: Iterator[Dict], what: What, handle: IO[str]) -> int:
    return _jsonl((plover_record(e) for e in records if e["factuality"] != "negated"), handle)


def _write_csv(records: Iterator[Dict], what: What, handle: IO[str]) -> int:
    if what == "events":
        return _delimited(map(flat_event, records), EVENT_COLUMNS, handle, ",")
    return _delimited(map(flat_actor, records), ACTOR_COLUMNS, handle, ",")


def _write_icews(records: Iterator[Dict], what: What, handle: IO[str]) -> int:
    names = Names.load()
    rows = (row for e in records if e["factuality"] == "asserted" for row in icews_rows(e, names))
    return _delimited(rows, ICEWS_COLUMNS, handle, "\t")


_WRITERS: dict[str, Callable[[Iterator[Dict], What, IO[str]], int]] = {
    "jsonl": _write_jsonl, "plover": _write_plover, "csv": _write_csv, "icews": _write_icews,
}


@contextmanager
def _text(out: Path | str | IO[Any]) -> Iterator[IO[str]]:
    if isinstance(out, str | Path):
        with open(out, "w", encoding="utf-8", newline="") as handle:
            yield handle
    else:
        yield out


def _jsonl(records: Iterable[Dict], handle: IO[str]) -> int:
    n = 0
    for record in records:
        handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        n += 1
    return n


def _delimited(rows: Iterable[Dict | list[Any]], columns: list[str], handle: IO[str], delimiter: str) -> int:
    """CSV or TSV with a header; rows are dicts keyed by column, or lists in column order."""
    writer = csv.writer(handle, delimiter=delimiter, lineterminator="\n")
    writer.writerow(columns)
    n, stream = 0, iter(rows)
    while batch := list(islice(stream, 1000)):
        writer.writerows([r.get(c) for c in columns] if isinstance(r, dict) else r for r in batch)
        n += len(batch)
    return n


# --- CSV ------------------------------------------------------------------------------------------
def _joined(actors: list[Dict], field: str) -> str:
    return ";".join(str(a.get(field) or "") for a in actors)


def flat_event(e: Dict) -> Dict:
    """One CSV row per event; actors' names, countries, … joined with ``;`` in the same order."""
    place = e["place"] or {}
    row = {k: e[k] for k in EVENT_COLUMNS if k in e and not isinstance(e[k], list | dict)}
    for side in ("source", "target"):
        for field, key in (("ids", "id"), ("names", "name"), ("countries", "country"), ("sectors", "sector"),
                           ("roles", "role")):
            row[f"{side}_{field}"] = _joined(e[side], key)
    row |= {"place_name": place.get("name"), "place_country": place.get("country"), "lat": place.get("lat"),
            "lon": place.get("lon"), "sentence": e["sources"][0]["sentence"] if e["sources"] else None,
            "documents": ";".join(dict.fromkeys(s["document"] for s in e["sources"]))}
    return row


def flat_actor(a: Dict) -> Dict:
    roles = dict.fromkeys(r["role"] for r in a["roles"] if r["role"])
    return {k: a[k] for k in ("id", "name", "kind", "country", "sector")} | {
        "aliases": ";".join(a["aliases"]), "roles": ";".join(roles), "documents": ";".join(a["documents"])}


# --- PLOVER ---------------------------------------------------------------------------------------
_CONTEXT = {"planned": ["future"], "hypothetical": ["hypothetical"]}  # PLOVER's context values


def _plover_actor(a: Dict) -> Dict:
    return {"code": a["country"], "sector": a["sector"], "actor_text": a["name"], "identifier_id": a["id"],
            "identifier_text": a["name"], "office": a["role"], "kind": a["kind"]}


def _trigger_text(s: Dict) -> str:
    start, end = s["trigger"]
    return str(s["sentence"] or "")[start - s["start"]:end - s["start"]]


def plover_record(e: Dict) -> Dict:
    """An event under the PLOVER data format's field names; dyad's own fields are kept beside them."""
    place, first = e["place"], (e["sources"] or [{}])[0]
    return {
        "id": e["id"], "date": e["date"], "enddate": e["date_end"],
        "source": [_plover_actor(a) for a in e["source"]],
        "recipient": [_plover_actor(a) for a in e["target"]],
        "event": [e["type"]], "mode": [e["mode"]] if e["mode"] else [],
        "context": _CONTEXT.get(e["factuality"], []),
        "quad_code": e["quad_class"], "event_scale": e["goldstein"],
        "event_loc": None if place is None else {"name": place["name"], "latitude": place["lat"],
                                                 "longitude": place["lon"], "cc3": place["country"]},
        "event_text": [_trigger_text(s) for s in e["sources"]],
        "text": first.get("sentence"),
        "text_info": {"sequence": first.get("sentence_index"), "start": first.get("start"),
                      "end": first.get("end")},
        "cite_info": {"title": first.get("title"), "url": first.get("url"),
                      "publication": first.get("publisher"), "citation": first.get("document"),
                      "coder": f"dyad {__version__}", "codebook": "PLOVER"},
        "coder": f"dyad {__version__}",
        "cameo": e["cameo"], "factuality": e["factuality"], "date_precision": e["date_precision"],
        "confidence": e["confidence"], "sources": e["sources"],
    }


# --- ICEWS ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Names:
    """CAMEO code → event text, ISO 3166 alpha-3 → country name, from the reviewed data files."""

    cameo: dict[str, str]
    countries: dict[str, str]

    @staticmethod
    @cache
    def load(data: Path = DATA) -> Names:
        return Names(_two_columns(data / "cameo.tsv"), _two_columns(data / "countries.tsv"))

    def country(self, code: str | None) -> str:
        return self.countries.get(code or "", code or "")  # IGO, NGO, … pass through


def _two_columns(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return {r[0].strip(): r[1].strip() for r in rows if len(r) > 1 and not r[0].startswith("#")}


Pair = tuple[Dict | None, Dict | None]


def actor_pairs(source: list[Dict], target: list[Dict]) -> list[Pair]:
    """ICEWS rows are one source and one target. A reciprocal event (several sources, no target:
    a meeting) becomes each ordered pair, as ICEWS writes a meeting as A→B and B→A."""
    sources: list[Dict | None] = list(source) or [None]
    if target:
        return [(s, t) for s in sources for t in target]
    if len(source) > 1:
        return [(s, t) for s in source for t in source if s is not t]
    return [(s, None) for s in sources]


def _icews_actor(a: Dict | None, names: Names) -> list[Any]:
    return ["", "", ""] if a is None else [a["name"], a["sector"] or "", names.country(a["country"])]


def _icews_place(place: Dict | None, names: Names) -> list[Any]:
    if place is None:
        return ["", "", "", "", "", ""]
    city = place["name"] if place.get("kind") in ("city", "landmark", None) else ""
    province = place["name"] if place.get("kind") == "region" else ""
    return [city, "", province, names.country(place["country"]), place["lat"], place["lon"]]


def icews_rows(e: Dict, names: Names) -> Iterator[list[Any]]:
    """One row per (source actor, target actor, reporting sentence), as ICEWS does."""
    text = names.cameo.get(e["cameo"], e["type"])
    where = _icews_place(e["place"], names)
    for s, t in actor_pairs(e["source"], e["target"]):
        for src in e["sources"] or [{}]:
            # ICEWS counts sentences from 1.
            story = [src.get("document", ""), src["sentence_index"] + 1 if src else "",
                     src.get("publisher") or ""]
            yield [e["id"], e["date"] or "", *_icews_actor(s, names), text, e["cameo"], e["goldstein"],
                   *_icews_actor(t, names), *story, *where]


# --- Parquet --------------------------------------------------------------------------------------
def parquet_schema(what: What) -> Any:
    """The contract's nesting as Arrow types; dates stay ISO strings, exactly as in JSONL."""
    import pyarrow as pa

    s, i, f = pa.string(), pa.int64(), pa.float64()
    if what == "actors":
        role = pa.struct([(k, s) for k in ("role", "country", "sector", "date", "document", "document_id")])
        return pa.schema([("id", s), ("name", s), ("aliases", pa.list_(s)), ("kind", s), ("country", s),
                          ("sector", s), ("roles", pa.list_(role)), ("documents", pa.list_(s))])
    actor = pa.struct([("id", s), ("name", s), ("aliases", pa.list_(s)), ("kind", s), ("country", s),
                       ("sector", s), ("role", s)])
    source = pa.struct([("document", s), ("sentence", s), ("start", i), ("end", i), ("sentence_index", i),
                        ("document_id", s), ("trigger", pa.list_(i)), ("title", s), ("published", s),
                        ("url", s), ("publisher", s)])
    place = pa.struct([("name", s), ("country", s), ("lat", f), ("lon", f), ("kind", s)])
    return pa.schema([
        ("id", s), ("type", s), ("mode", s), ("cameo", s), ("quad_class", i), ("goldstein", f),
        ("factuality", s), ("date", s), ("date_end", s), ("date_precision", s), ("source", pa.list_(actor)),
        ("target", pa.list_(actor)), ("place", place), ("sources", pa.list_(source)), ("n_sources", i),
        ("confidence", f),
    ])


def write_parquet(records: Iterator[Dict], what: What, out: Path | str | IO[Any]) -> int:
    """Row groups of 1000 records, so memory stays flat however big the store."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema(what)
    writer = pq.ParquetWriter(str(out) if isinstance(out, Path) else out, schema)
    n, stream = 0, iter(records)
    try:
        while batch := list(islice(stream, 1000)):
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
    finally:
        writer.close()
    return n
