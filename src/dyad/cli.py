"""The ``dyad`` command: each command is a few lines over a library function.

Library code raises typed ``DyadError``s; only this layer turns them into messages and exit
codes. Heavy imports (spaCy, the knowledge base) happen inside the commands that need them, so
``dyad --help`` and ``dyad events`` start fast.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from dyad.errors import DyadError

app = typer.Typer(help="dyad: political event data from news text — who did what to whom, when and where.",
                  no_args_is_help=True, add_completion=False)

DbOption = Annotated[Path | None, typer.Option("--db", help="SQLite store (default: $DYAD_DB or ./dyad.db)")]


def _db_path(db: Path | None) -> Path:
    return db or Path(os.environ.get("DYAD_DB", "dyad.db"))


def _open(db: Path | None) -> Any:
    from dyad.store import Store

    return Store(_db_path(db))


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders or - for standard input")],
    db: DbOption = None,
    text_col: Annotated[str, typer.Option(help="CSV column with the article text")] = "text",
    title_col: Annotated[str | None, typer.Option(help="CSV column with the headline")] = "title",
    date_col: Annotated[str | None, typer.Option(help="CSV column with the publication date")] = "published",
    id_col: Annotated[str | None, typer.Option(help="CSV column with a document id")] = "id",
    date_format: Annotated[str | None, typer.Option(help="strptime format of the CSV dates, e.g. %m/%d/%Y")] = None,
    spacy_model: Annotated[
        str | None, typer.Option(help="An installed spaCy pipeline whose NER feeds mentions")
    ] = None,
    workers: Annotated[int, typer.Option(help="Processes that code documents (one writer stores them)")] = 1,
    engine: Annotated[str, typer.Option(help="processes or dask")] = "processes",
    scheduler: Annotated[str | None, typer.Option(help="Dask scheduler address, e.g. tcp://host:8786")] = None,
    max_bytes: Annotated[str, typer.Option(
        help="Reject documents bigger than this, with the limit in the reason: bytes, or 50MB, 2GiB")] = "20MB",
    max_sentence_tokens: Annotated[int, typer.Option(
        min=1, help="Cut longer sentences (text with no breaks); the summary lists the documents cut")] = 200,
) -> None:
    """Read, code and store documents; print what was read, new, duplicate, rejected and cut at a limit."""
    from dyad.cli_render import ingest_progress, print_summary
    from dyad.ingest import CsvOptions

    if engine not in ("processes", "dask"):
        raise typer.BadParameter("--engine is processes or dask")
    limits = _limits(max_bytes, max_sentence_tokens)
    csv = CsvOptions(text_col=text_col, title_col=title_col, date_col=date_col, id_col=id_col, date_format=date_format)
    with _open(db) as store, ingest_progress() as progress:
        if workers == 1 and engine == "processes":
            from dyad.pipeline import ingest as run_ingest

            summary = run_ingest(paths, store, csv=csv, model=spacy_model, progress=progress, limits=limits)
        else:
            from dyad.parallel import ingest_parallel

            summary = ingest_parallel(paths, store, workers=workers, engine=engine,  # type: ignore[arg-type]
                                      scheduler=scheduler, csv=csv, model=spacy_model, progress=progress,
                                      limits=limits)
    print_summary(summary)


def _limits(max_bytes: str, max_sentence_tokens: int) -> Any:
    from dyad.ingest import Limits, parse_size

    try:
        size = parse_size(max_bytes)
    except DyadError as exc:
        raise typer.BadParameter(str(exc), param_hint="--max-bytes") from exc
    if size < 1:
        raise typer.BadParameter("the limit must be at least 1 byte", param_hint="--max-bytes")
    return Limits(max_bytes=size, max_sentence_tokens=max_sentence_tokens)


@app.command()
def events(
    db: DbOption = None,
    actor: Annotated[str | None, typer.Option(help="Actor name or alias")] = None,
    country: Annotated[str | None, typer.Option(help="ISO 3166 alpha-3 code of any participant")] = None,
    type: Annotated[str | None, typer.Option("--type", help="PLOVER event type, e.g. CONSULT")] = None,
    since: Annotated[str | None, typer.Option(help="YYYY-MM-DD")] = None,
    until: Annotated[str | None, typer.Option(help="YYYY-MM-DD")] = None,
    dyad: Annotated[str | None, typer.Option("--dyad", help="A:B, two countries or actor names")] = None,
    document: Annotated[str | None, typer.Option(help="Document name or id")] = None,
    limit: Annotated[int, typer.Option(help="At most this many events")] = 50,
    fmt: Annotated[str, typer.Option("--format", help="table, json or csv")] = "table",
) -> None:
    """List coded events with filters."""
    from dyad.cli_render import render_events
    from dyad.store.queries import EventFilter, find_events

    pair = tuple(dyad.split(":", 1)) if dyad else None
    if pair is not None and len(pair) != 2:
        raise typer.BadParameter("--dyad takes A:B")
    filt = EventFilter(actor=actor, country=country, type=type.upper() if type else None,
                       since=_date(since, "--since"), until=_date(until, "--until"),
                       dyad=pair, document=document, limit=limit)  # type: ignore[arg-type]
    with _open(db) as store:
        render_events(find_events(store, filt), fmt)


@app.command()
def actors(
    words: Annotated[list[str] | None, typer.Argument(
        help="QUERY to search; or: merge A B | split A | never A B (A, B: actor ids or names)")] = None,
    db: DbOption = None,
    limit: Annotated[int, typer.Option(help="At most this many actors")] = 50,
    fmt: Annotated[str, typer.Option("--format", help="table or json")] = "table",
) -> None:
    """List canonical actors; or record a merge, split or never-merge decision that survives re-ingest."""
    from dyad.cli_render import render_actors
    from dyad.store.queries import find_actors

    words = words or []
    with _open(db) as store:
        if words and words[0] in ("merge", "split", "never"):
            _decide(store, words)
            return
        render_actors(find_actors(store, " ".join(words) or None, limit=limit), fmt)


def _decide(store: Any, words: list[str]) -> None:
    from dyad.resolve.decisions import merge_actors, never_merge, split_actor

    action, names = words[0], words[1:]
    if len(names) != (1 if action == "split" else 2):
        raise typer.BadParameter("use: dyad actors merge A B | split A | never A B")
    if action == "merge":
        merge_actors(store, names[0], names[1])
    elif action == "never":
        never_merge(store, names[0], names[1])
    else:
        split_actor(store, names[0])
    typer.echo(f"{action}: recorded; actors re-linked")


@app.command()
def show(doc: Annotated[str, typer.Argument(help="Document name or id")], db: DbOption = None) -> None:
    """Show a document's text with its mentions and events marked."""
    from dyad.cli_render import render_document
    from dyad.errors import NotFound
    from dyad.store.queries import get_document

    with _open(db) as store:
        found = get_document(store, doc)
        if found is None:
            raise NotFound(f"no document named or with id {doc!r}")
        render_document(found)


@app.command()
def export(
    what: Annotated[str, typer.Option(help="events or actors")] = "events",
    fmt: Annotated[str, typer.Option("--format", help="jsonl, csv, parquet, plover or icews")] = "jsonl",
    out: Annotated[Path | None, typer.Option(help="Output file (default: standard output)")] = None,
    db: DbOption = None,
) -> None:
    """Write events or actors in a research format."""
    from dyad.serve.exports import export as run_export

    if what not in ("events", "actors"):
        raise typer.BadParameter("--what is events or actors")
    with _open(db) as store:
        if out is None and fmt == "parquet":
            raise typer.BadParameter("parquet needs --out FILE")
        target: Any = out if out is not None else sys.stdout
        rows = run_export(store, what, fmt, target)  # type: ignore[arg-type]
    if out is not None:
        typer.echo(f"wrote {rows} rows to {out}", err=True)


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Interface to listen on (loopback by default)")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port")] = 8765,
    token: Annotated[str | None, typer.Option(envvar="DYAD_TOKEN", help="Allow writes with this bearer token")] = None,
) -> None:
    """Explore events, actors and dyads in a browser; JSON/CSV API under /api."""
    from dyad.serve.app import serve as run

    run(_db_path(db), host=host, port=port, token=token)


@app.command()
def rejections(db: DbOption = None) -> None:
    """Documents that could not be stored, with the reason."""
    with _open(db) as store:
        for r in store.rejections():
            typer.echo(f"{r.origin}\t{r.name}\t{r.reason}")


@app.command(name="eval")
def evaluate(
    gold: Annotated[Path, typer.Argument(help="A dyad-gold/1 file")],
    docs: Annotated[Path | None, typer.Option(help="Folder of the gold's documents (default: beside the gold)")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON")] = False,
) -> None:
    """Code the gold's documents in a fresh in-memory store and score them against the gold."""
    from dyad.evaluate import render_text, report_json
    from dyad.evaluation_run import run_eval

    report = run_eval(gold, docs)
    typer.echo(json.dumps(report_json(report), indent=1) if as_json else render_text(report))


def _date(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise typer.BadParameter(f"{option} takes YYYY-MM-DD, not {text!r}") from exc


def main() -> None:
    try:
        app()
    except DyadError as exc:
        typer.echo(f"dyad: {exc}", err=True)
        raise SystemExit(2) from exc
