"""The web pages: server-rendered HTML over the same queries as the API and the CLI.

Templates are Jinja2 with autoescape on, so article text and actor names — which come from
outside sources and may contain markup — always show as text. Charts are inline SVG from
``charts``; nothing is loaded from the internet.

>>> marked("Syria met Lebanon.", [(0, 5, "m"), (0, 18, "hl")])
[('Syria', 'hl m', 'hl'), (' met Lebanon.', 'hl', None)]
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Annotated, Any

import jinja2
from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from dyad.errors import InputError, NotFound
from dyad.serve import charts
from dyad.serve.api import FACTUALITY, Conf, EventQuery, parse_filter, plover_types
from dyad.store import Store, queries
from dyad.store.queries import EventFilter

TEMPLATES = Jinja2Templates(env=jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"), autoescape=True))
TEMPLATES.env.globals |= {"quads": charts.QUADS, "factualities": FACTUALITY}
router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
WHOLE = 5000  # events drawn at most on the network and the map (a laptop corpus fits; a hint says when cut)
Page = Annotated[EventQuery, Query()]


def render(request: Request, name: str, code: int = 200, **context: Any) -> HTMLResponse:
    return TEMPLATES.TemplateResponse(request, name, context, status_code=code)


def marked(text: str, spans: Iterable[tuple[int, int, str]]) -> list[tuple[str, str, str | None]]:
    """Cut ``text`` at every span edge; each piece carries the classes of the spans that cover it.

    The third item is an anchor id on the first piece of a highlighted (``hl``) span, so the
    event page can scroll to its sentence.
    """
    spans = [(s, e, c) for s, e, c in spans if 0 <= s < e <= len(text)]
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    pieces, anchored = [], False
    for a, b in zip(cuts, cuts[1:], strict=False):
        classes = sorted({c for s, e, c in spans if s <= a and b <= e})
        anchor = "hl" if "hl" in classes and not anchored else None
        anchored = anchored or anchor is not None
        pieces.append((text[a:b], " ".join(classes), anchor))
    return pieces


def mention_spans(doc: Mapping[str, Any]) -> list[tuple[int, int, str]]:
    return [(m["start"], m["end"], f"m m-{m['label']}") for m in doc.get("mentions", [])]


@router.get("/")
def home(request: Request, settings: Conf) -> HTMLResponse:
    with settings.open() as store:
        numbers = queries.stats(store)
        recent = queries.find_events(store, EventFilter(limit=10))
    tallies = {key.replace("_", " "): charts.bar_chart(_tally(key, value))
               for key, value in numbers.items() if isinstance(value, Mapping)}
    return render(request, "home.html", stats=numbers, tallies=tallies, events=recent)


def _tally(key: str, counts: Mapping[str, int]) -> list[tuple[str, int, int | None]]:
    """A stats breakdown as bars; the quad-class breakdown in the quad colours."""
    by_quad = key.endswith("quad_class")
    return [(label, int(n), int(label) if by_quad and label.isdigit() else None)
            for label, n in counts.items()]


@router.get("/events")
def events(request: Request, settings: Conf, q: Page) -> HTMLResponse:
    try:
        f = parse_filter(q)
    except InputError as exc:
        return render(request, "events.html", 422, q=q, error=str(exc), events=[], total=0,
                      types=plover_types(), prev=None, next=None)
    with settings.open() as store:
        rows, total = queries.find_events(store, f), queries.count_events(store, f)
    return render(request, "events.html", q=q, error=None, events=rows, total=total, types=plover_types(),
                  prev=_page(request, f.offset - (f.limit or 0)) if f.offset > 0 else None,
                  next=_page(request, f.offset + len(rows)) if f.offset + len(rows) < total else None)


def _page(request: Request, offset: int) -> str:
    return str(request.url.include_query_params(offset=max(0, offset)))


@router.get("/events/{event_id}")
def event(request: Request, event_id: str, settings: Conf) -> HTMLResponse:
    with settings.open() as store:
        found = queries.get_event(store, event_id)
        if found is None:
            raise NotFound(f"no event with id {event_id!r}")
        sources = [(s, _source_text(store, s)) for s in found.get("sources", [])]
    return render(request, "event.html", event=found, sources=sources)


def _source_text(store: Store, source: Mapping[str, Any]) -> list[tuple[str, str, str | None]]:
    """The source article with the event's sentence highlighted and its trigger underlined."""
    doc = queries.get_document(store, source.get("document_id") or source["document"])
    if doc is None:
        return []
    spans = [*mention_spans(doc), (source["start"], source["end"], "hl")]
    if source.get("trigger"):
        spans.append((source["trigger"][0], source["trigger"][1], "trigger"))
    return marked(doc["text"], spans)


@router.get("/actors")
def actors(request: Request, settings: Conf, q: str | None = None,
           offset: Annotated[int, Query(ge=0)] = 0) -> HTMLResponse:
    with settings.open() as store:
        rows = queries.find_actors(store, q.strip() if q else None, limit=100, offset=offset)
    return render(request, "actors.html", q=q, actors=rows, offset=offset,
                  next=_page(request, offset + 100) if len(rows) == 100 else None)


@router.get("/actors/{actor_id}")
def actor(request: Request, actor_id: str, settings: Conf) -> HTMLResponse:
    with settings.open() as store:
        found = queries.get_actor(store, actor_id)
        if found is None:
            raise NotFound(f"no actor with id {actor_id!r}")
        rows = queries.find_events(store, EventFilter(actor=actor_id, limit=WHOLE))
    timeline = [{"month": e["date"], "quad_class": e["quad_class"], "count": 1} for e in rows if e["date"]]
    return render(request, "actor.html", actor=found, events=rows[:200], n_events=len(rows),
                  timeline=charts.monthly_chart(timeline), types=charts.bar_chart(type_counts(rows)))


def type_counts(rows: Iterable[Mapping[str, Any]]) -> list[tuple[str, int, int | None]]:
    """(PLOVER type, count, quad class) — most frequent first; rows are events or dyad month counts."""
    counts: Counter[tuple[str, int]] = Counter()
    for r in rows:
        counts[(str(r["type"]), int(r["quad_class"]))] += int(r.get("count", 1))
    return [(t, n, q) for (t, q), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


@router.get("/documents")
def documents(request: Request, settings: Conf, offset: Annotated[int, Query(ge=0)] = 0) -> HTMLResponse:
    with settings.open() as store:
        rows = queries.list_documents(store, 100, offset)
    return render(request, "documents.html", documents=rows, offset=offset,
                  next=_page(request, offset + 100) if len(rows) == 100 else None)


@router.get("/documents/{ref}")
def document(request: Request, ref: str, settings: Conf) -> HTMLResponse:
    with settings.open() as store:
        doc = queries.get_document(store, ref)
    if doc is None:
        raise NotFound(f"no document named or with id {ref!r}")
    spans = mention_spans(doc) + [(s["start"], s["end"], "ev") for e in doc.get("events", [])
                                  for s in e.get("sources", []) if s.get("document_id") == doc["id"]]
    return render(request, "document.html", doc=doc, pieces=marked(doc["text"], spans))


@router.get("/dyads")
def dyad(request: Request, settings: Conf, a: str = "", b: str = "") -> HTMLResponse:
    a, b = a.strip(), b.strip()
    if not (a and b):
        return render(request, "dyad.html", a=a, b=b, months=[], events=[], chart=None, types=None)
    with settings.open() as store:
        months = queries.dyad_counts(store, a, b)
        rows = queries.find_events(store, EventFilter(dyad=(a, b), limit=200))
    return render(request, "dyad.html", a=a, b=b, months=months, events=rows,
                  chart=charts.monthly_chart(months), types=charts.bar_chart(type_counts(months)))


@router.get("/network")
def network(request: Request, settings: Conf, q: Page) -> HTMLResponse:
    rows = _everything(settings, q)
    net = charts.Network.from_events(rows, max_nodes=40)
    return render(request, "network.html", q=q, chart=charts.network_chart(net), n_events=len(rows),
                  cut=len(rows) >= WHOLE, types=plover_types())


@router.get("/map")
def world(request: Request, settings: Conf, q: Page) -> HTMLResponse:
    rows = _everything(settings, q)
    spots = charts.places(rows)
    chart = charts.map_chart(spots, capitals())
    return render(request, "map.html", q=q, chart=chart, spots=spots, n_events=len(rows),
                  cut=len(rows) >= WHOLE, types=plover_types())


@cache
def capitals() -> tuple[charts.Landmark, ...]:
    """Capitals from the gazetteer, drawn faintly on the map so a reader knows where they are."""
    from dyad.knowledge.loader import Knowledge

    geo = Knowledge.load().geo
    found = [geo.resolve(info.capital) for info in geo.countries.infos.values() if info.capital]
    return tuple((p.name, p.lat, p.lon) for p in found
                 if p is not None and p.lat is not None and p.lon is not None)


def _everything(settings: Any, q: EventQuery) -> list[dict[str, Any]]:
    f = dataclasses.replace(parse_filter(q), limit=WHOLE, offset=0)
    with settings.open() as store:
        return queries.find_events(store, f)


@router.get("/search")
def search(request: Request, settings: Conf, q: str = "") -> HTMLResponse:
    needle = q.strip().lower()
    with settings.open() as store:
        found = queries.find_actors(store, q.strip(), limit=100) if needle else []
        docs = [d for d in queries.list_documents(store, WHOLE, 0) if needle and _matches(d, needle)]
    return render(request, "search.html", q=q, actors=found, documents=docs[:100])


def _matches(doc: Mapping[str, Any], needle: str) -> bool:
    return any(needle in str(doc.get(k) or "").lower() for k in ("name", "title", "id", "source", "dateline"))


@router.get("/docs")
def api_docs(request: Request) -> HTMLResponse:
    """The API described from its own OpenAPI schema, rendered here (FastAPI's page needs a CDN)."""
    schema = request.app.openapi()
    routes = [(path, verb.upper(), op) for path, ops in schema["paths"].items() for verb, op in ops.items()]
    return render(request, "docs.html", routes=routes, writable=request.app.state.settings.writable)


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    return render(request, "error.html", status, status=status, message=message)

