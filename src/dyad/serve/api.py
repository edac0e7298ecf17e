"""The JSON API and its CSV twins, over the same query functions the CLI uses.

Every list endpoint answers JSON, or CSV with a ``.csv`` suffix or ``?format=csv``; both come
from one call to ``dyad.store.queries`` (one query, many renderers). Reads open a fresh ``Store``
per request, so SQLite connections never cross threads; writes need a token and are serialised.

>>> parse_filter(EventQuery(country="lbn", dyad="LBN:ISR")).dyad
('LBN', 'ISR')
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Annotated, Any, Literal, TypeVar

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from dyad.errors import InputError, NotFound
from dyad.serve import exports
from dyad.serve.security import MAX_LIMIT, Settings, bounded_body, require_writer
from dyad.store import queries
from dyad.store.queries import EventFilter
from dyad.types import Factuality

router = APIRouter(prefix="/api", tags=["api"])
M = TypeVar("M", bound=BaseModel)
FACTUALITY: tuple[str, ...] = Factuality.__args__  # type: ignore[attr-defined]


def settings_of(request: Request) -> Settings:
    return request.app.state.settings  # type: ignore[no-any-return]


Conf = Annotated[Settings, Depends(settings_of)]
Writer = Annotated[Settings, Depends(require_writer)]
Body = Annotated[bytes, Depends(bounded_body)]
Format = Annotated[Literal["json", "csv"], Query(description="json (default) or csv")]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"page size, at most {MAX_LIMIT}")]
Offset = Annotated[int, Query(ge=0, description="rows to skip")]


class EventQuery(BaseModel):
    """The filters of ``dyad events``, as query parameters (empty form fields count as absent)."""

    actor: str | None = Field(None, description="actor id, name or alias")
    country: str | None = Field(None, description="ISO 3166 alpha-3 code of any participant")
    type: str | None = Field(None, description="PLOVER event type, e.g. CONSULT")
    since: str | None = Field(None, description="YYYY-MM-DD")
    until: str | None = Field(None, description="YYYY-MM-DD")
    dyad: str | None = Field(None, description="A:B, two countries or actors")
    document: str | None = Field(None, description="document name or id")
    factuality: str | None = Field(None, description=" | ".join(FACTUALITY))
    limit: int = Field(100, ge=1, le=MAX_LIMIT, description=f"page size, at most {MAX_LIMIT}")
    offset: int = Field(0, ge=0, description="rows to skip")


def parse_filter(q: EventQuery) -> EventFilter:
    """Check every filter and build the ``EventFilter``; a bad value raises ``InputError`` (→ 422)."""
    since, until = _date(q.since, "since"), _date(q.until, "until")
    if since and until and since > until:
        raise InputError(f"since ({since}) is after until ({until})")
    return EventFilter(
        actor=_blank(q.actor), country=_country(q.country), type=_plover(q.type), since=since, until=until,
        dyad=_dyad(q.dyad), document=_blank(q.document), factuality=_factuality(q.factuality),
        limit=q.limit, offset=q.offset,
    )


def event_filter(q: Annotated[EventQuery, Query()]) -> EventFilter:
    return parse_filter(q)


Filter = Annotated[EventFilter, Depends(event_filter)]


# --- reads ------------------------------------------------------------------------------------
@router.get("/events", summary="Events matching the filters, ordered by date", response_model=None)
@router.get("/events.csv", include_in_schema=False, response_model=None)
def events(request: Request, settings: Conf, f: Filter, format: Format = "json") -> Response:
    with settings.open() as store:
        rows, total = queries.find_events(store, f), queries.count_events(store, f)
    if _wants_csv(request, format):
        return csv_response(map(exports.flat_event, rows), "events", exports.EVENT_COLUMNS)
    return _json({"total": total, "limit": f.limit, "offset": f.offset, "events": rows})


@router.get("/events/{event_id}", summary="One event with its sources")
def event(event_id: str, settings: Conf) -> Response:
    with settings.open() as store:
        return _json(_found(queries.get_event(store, event_id), f"no event with id {event_id!r}"))


@router.get("/actors", summary="Canonical actors, searched by name or alias", response_model=None)
@router.get("/actors.csv", include_in_schema=False, response_model=None)
def actors(request: Request, settings: Conf, q: str | None = None, limit: Limit = 100, offset: Offset = 0,
           format: Format = "json") -> Response:
    with settings.open() as store:
        rows = queries.find_actors(store, _blank(q), limit=limit, offset=offset)
    if _wants_csv(request, format):
        return csv_response(map(exports.flat_actor, rows), "actors", exports.ACTOR_COLUMNS)
    return _json({"actors": rows})


@router.get("/actors/{actor_id}", summary="One actor: aliases, roles over time, counterparts")
def actor(actor_id: str, settings: Conf) -> Response:
    with settings.open() as store:
        return _json(_found(queries.get_actor(store, actor_id), f"no actor with id {actor_id!r}"))


@router.get("/documents", summary="Stored documents", response_model=None)
@router.get("/documents.csv", include_in_schema=False, response_model=None)
def documents(request: Request, settings: Conf, limit: Limit = 100, offset: Offset = 0,
              format: Format = "json") -> Response:
    with settings.open() as store:
        rows = queries.list_documents(store, limit, offset)
    return csv_response(rows, "documents") if _wants_csv(request, format) else _json({"documents": rows})


@router.get("/documents/{ref}", summary="One document's text with its mentions and event spans")
def document(ref: str, settings: Conf) -> Response:
    with settings.open() as store:
        return _json(_found(queries.get_document(store, ref), f"no document named or with id {ref!r}"))


@router.get("/dyads", summary="Monthly counts by PLOVER type and quad class between A and B",
            response_model=None)
@router.get("/dyads.csv", include_in_schema=False, response_model=None)
def dyads(request: Request, settings: Conf, a: Annotated[str, Query(min_length=1)],
          b: Annotated[str, Query(min_length=1)], format: Format = "json") -> Response:
    with settings.open() as store:
        rows = queries.dyad_counts(store, a.strip(), b.strip())
    if _wants_csv(request, format):
        return csv_response(rows, "dyads")
    return _json({"a": a, "b": b, "months": rows})


@router.get("/stats", summary="What the store holds")
def store_stats(settings: Conf) -> Response:
    with settings.open() as store:
        return _json(queries.stats(store))


# --- writes (token needed) --------------------------------------------------------------------
class NewDocument(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str = Field(min_length=1)
    title: str | None = None
    published: date | None = None
    name: str | None = None


class MergeBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    a: str = Field(min_length=1, description="actor id or exact name")
    b: str = Field(min_length=1, description="actor id or exact name")


class SplitBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    actor: str = Field(min_length=1, description="actor id or exact name")


@router.post("/documents", status_code=201,
             summary="Code and store one article (JSON: text, title?, published?, name?)")
def add_document(request: Request, settings: Writer, body: Body) -> Response:
    doc = _parse(NewDocument, body)  # before the heavy imports: a bad body is answered at once
    from dyad.ingest import article_from_text
    from dyad.pipeline import code_article, store_all

    article = article_from_text(doc.text, doc.name or "api", "api", title=doc.title, published=doc.published)
    coded = code_article(article)  # the slow part runs outside the write lock
    with request.app.state.write_lock, settings.open() as store:
        duplicate = store.has_document(article.id)
        if not duplicate:
            store_all([coded], store)
    result = {"id": article.id, "name": article.name, "duplicate": duplicate, "events": len(coded.events),
              "url": f"/api/documents/{article.id}"}
    return _json(result, 200 if duplicate else 201)


@router.post("/actors/merge", summary="Record that actors a and b are one entity (JSON: a, b)")
def merge(request: Request, settings: Writer, body: Body) -> Response:
    from dyad.resolve.decisions import merge_actors

    pair = _parse(MergeBody, body)
    with request.app.state.write_lock, settings.open() as store:
        merge_actors(store, pair.a, pair.b)
    return _json({"decision": "merge", "a": pair.a, "b": pair.b})


@router.post("/actors/split", summary="Record that an actor's documents must not be linked (JSON: actor)")
def split(request: Request, settings: Writer, body: Body) -> Response:
    from dyad.resolve.decisions import split_actor

    one = _parse(SplitBody, body)
    with request.app.state.write_lock, settings.open() as store:
        split_actor(store, one.actor)
    return _json({"decision": "split", "actor": one.actor})


def _parse(model: type[M], body: bytes) -> M:
    """Validate a JSON body by hand (FastAPI would read it unbounded); errors become one clear 422."""
    try:
        return model.model_validate_json(body)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "body"
        raise InputError(f"{where}: {first['msg']}") from None


# --- rendering ----------------------------------------------------------------------------------
def csv_response(rows: Iterable[Mapping[str, Any]], name: str, columns: Sequence[str] = ()) -> Response:
    """Rows as CSV (events and actors in the columns of ``dyad export``); nested values become JSON,
    and text a spreadsheet would run as a formula is quoted."""
    rows = list(rows)
    columns = columns or list(dict.fromkeys(k for r in rows for k in r))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    writer.writerows([_cell(r.get(c)) for c in columns] for r in rows)
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'inline; filename="{name}.csv"'})


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r") and not _is_number(value):
        return "'" + value  # CSV injection: a cell starting with '=' would run in a spreadsheet
    return value


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _json(payload: Any, status: int = 200) -> JSONResponse:
    return JSONResponse(jsonable_encoder(payload), status_code=status)


def _found(value: Any, message: str) -> Any:
    if value is None:
        raise NotFound(message)
    return value


def _wants_csv(request: Request, format: str) -> bool:
    return format == "csv" or request.url.path.endswith(".csv")


# --- filter checks ------------------------------------------------------------------------------
def _blank(text: str | None) -> str | None:
    return text.strip() if text and text.strip() else None


def _date(text: str | None, name: str) -> date | None:
    if not _blank(text):
        return None
    try:
        return date.fromisoformat(str(text).strip())
    except ValueError:
        raise InputError(f"{name} takes a date as YYYY-MM-DD, not {text!r}") from None


def _country(text: str | None) -> str | None:
    code = _blank(text)
    if code is not None and not (len(code) == 3 and code.isalpha()):
        raise InputError(f"country takes an ISO 3166 alpha-3 code such as LBN, not {text!r}")
    return code.upper() if code else None


def _plover(text: str | None) -> str | None:
    name = _blank(text)
    if name is None:
        return None
    if name.upper() not in plover_types():
        raise InputError(f"unknown PLOVER type {text!r}; one of: {', '.join(sorted(plover_types()))}")
    return name.upper()


def _dyad(text: str | None) -> tuple[str, str] | None:
    if not _blank(text):
        return None
    a, sep, b = str(text).partition(":")
    if not sep or not a.strip() or not b.strip() or ":" in b:
        raise InputError(f"dyad takes A:B (two countries or actors), not {text!r}")
    return a.strip(), b.strip()


def _factuality(text: str | None) -> str | None:
    value = _blank(text)
    if value is not None and value.lower() not in FACTUALITY:
        raise InputError(f"factuality is one of {', '.join(FACTUALITY)}, not {text!r}")
    return value.lower() if value else None


def plover_types() -> frozenset[str]:
    """The PLOVER types dyad codes, read from the reviewed CAMEO→PLOVER table (cached by the loader)."""
    from dyad.knowledge.loader import Knowledge

    return frozenset(code.plover for code in Knowledge.load().codes.values())
