"""Terminal rendering for the CLI: tables, the ingest progress bar and summary, marked documents."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from dyad.types import IngestSummary

console = Console()
_STYLES = {"PERSON": "bold cyan", "ORG": "bold magenta", "COUNTRY": "bold green", "GROUP": "yellow",
           "PLACE": "blue", "DESC": "cyan"}


@contextmanager
def ingest_progress() -> Iterator[Callable[[IngestSummary], None]]:
    """A live line: documents read, new, duplicate, rejected, events — on stderr."""
    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("reading", total=None)

        def update(s: IngestSummary) -> None:
            bar.update(task, description=f"read {s.read} · new {s.new} · duplicate {s.duplicate} · "
                                         f"rejected {len(s.rejected)} · events {s.events}")

        yield update


def print_summary(s: IngestSummary) -> None:
    """The counts, then the first rejected documents and those stored although a limit was hit."""
    table = Table(title="ingest", show_header=False)
    for label, value in (("read", s.read), ("new", s.new), ("duplicate", s.duplicate),
                         ("rejected", len(s.rejected)), ("events found", s.events),
                         ("stored, limit hit", len(s.limited))):
        table.add_row(label, str(value))
    console.print(table)
    _listed("[red]rejected[/red]", [(r.origin, r.reason) for r in s.rejected], "dyad rejections")
    _listed("[yellow]limit hit[/yellow]", s.limited, "dyad show DOCUMENT lists its notes")


def _listed(label: str, items: Sequence[tuple[str, str]], more: str, shown: int = 20) -> None:
    # Names and reasons come from the user's files: escape them, or "[x]" in a file name is markup.
    for name, reason in items[:shown]:
        console.print(f"{label} {escape(name)}: {escape(reason)}", soft_wrap=True)
    if len(items) > shown:
        console.print(f"… and {len(items) - shown} more ({more})")


def _names(actors: Sequence[Mapping[str, Any]]) -> str:
    return "; ".join(f"{a['name']} ({a.get('country') or '?'}{a.get('sector') or ''})" for a in actors)


def render_events(events: list[dict[str, Any]], fmt: str) -> None:
    if fmt == "json":
        for e in events:
            sys.stdout.write(json.dumps(e, ensure_ascii=False) + "\n")
        return
    if fmt == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(
            ["id", "date", "type", "cameo", "factuality", "source", "target", "place", "n_sources", "document"]
        )
        for e in events:
            place = (e.get("place") or {}).get("name", "")
            writer.writerow([e["id"], e["date"], e["type"], e["cameo"], e["factuality"], _names(e["source"]),
                             _names(e["target"]), place, len(e["sources"]), e["sources"][0]["document"]])
        return
    table = Table(title=f"{len(events)} events")
    for col in ("date", "type", "source", "target", "place", "fact.", "src", "document"):
        table.add_column(col)
    for e in events:
        place = e.get("place") or {}
        table.add_row(e["date"] or "", f"{e['type']} {e['cameo']}", _names(e["source"]), _names(e["target"]),
                      f"{place.get('name', '')} {place.get('country') or ''}".strip(), e["factuality"],
                      str(len(e["sources"])), e["sources"][0]["document"])
    console.print(table)


def render_actors(actors: list[dict[str, Any]], fmt: str) -> None:
    if fmt == "json":
        for a in actors:
            sys.stdout.write(json.dumps(a, ensure_ascii=False) + "\n")
        return
    table = Table(title=f"{len(actors)} actors")
    for col in ("name", "kind", "country", "sector", "aliases", "roles", "documents"):
        table.add_column(col)
    for a in actors:
        named = [r.get("role") if isinstance(r, dict) else r for r in a.get("roles", [])]
        roles = "; ".join(str(r) for r in named if r)
        table.add_row(a["name"], a["kind"], a.get("country") or "", a.get("sector") or "",
                      "; ".join(a.get("aliases", [])[:5]), roles[:60], str(len(a.get("documents", []))))
    console.print(table)


def render_document(doc: Mapping[str, Any]) -> None:
    """The stored text with mentions coloured by kind and event sentences underlined."""
    text = Text(doc["text"])
    for e in doc.get("events", []):
        for s in e.get("sources", []):
            if s.get("document") in (doc.get("name"), doc.get("id")):
                text.stylize("underline", s["start"], s["end"])
    for m in doc.get("mentions", []):
        text.stylize(_STYLES.get(m["label"], "bold"), m["start"], m["end"])
    console.rule(f"{doc.get('name')}  ·  {doc.get('published') or 'no date'}  ·  dateline {doc.get('dateline') or '-'}")
    for note in doc.get("notes", []):  # what reading and coding had to do: decoding fallbacks, limits hit
        console.print(f"[dim]note:[/dim] {escape(note)}", soft_wrap=True)
    console.print(text)
    console.rule("events")
    render_events(list(doc.get("events", [])), "table")
