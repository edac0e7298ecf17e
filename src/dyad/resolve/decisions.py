"""Users stay in control of resolution: merge, split and never-merge decisions.

A decision is recorded on *document actors* — ``"<document id>:<actor key>"``, which stay the
same when a document is ingested again, because both the content-hash id and the in-document
key are deterministic — not on canonical ids, which are recomputed. So a decision survives
re-ingest and every later re-linking:

* ``merge A B``: every document actor of A and of B is one entity;
* ``split A``: the document actors of A are no longer linked to each other automatically;
* ``never A B``: no document actor of A may ever share an entity with one of B.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from dyad.errors import NotFound
from dyad.store import DocActorRow, Store


def member_id(row: DocActorRow) -> str:
    return f"{row.document_id}:{row.key}"


@dataclass
class Decisions:
    """The decisions in force, as sets of document-actor identities."""

    merges: list[tuple[str, str]] = field(default_factory=list)
    split: set[str] = field(default_factory=set)
    never: list[tuple[str, str]] = field(default_factory=list)

    @classmethod
    def load(cls, store: Store) -> Decisions:
        found = cls()
        for kind, a, b in store.decisions():
            if kind == "merge":
                found.merges.extend((a_, b_) for a_ in a.split("|") for b_ in b.split("|"))
            elif kind == "split":
                found.split.update(a.split("|"))
            elif kind == "never":
                found.never.extend((a_, b_) for a_ in a.split("|") for b_ in b.split("|"))
        return found


def _members(store: Store, actor: str) -> list[DocActorRow]:
    """The document actors of a canonical actor, given its id or its exact name."""
    rows = store.doc_actor_rows()
    chosen = [r for r in rows if r.actor_id == actor] or [r for r in rows if r.name == actor]
    if not chosen:
        raise NotFound(f"no actor with id or name {actor!r}")
    ids = {r.actor_id for r in chosen}
    return [r for r in rows if r.actor_id in ids] if len(ids) == 1 else chosen


def _ids(rows: Iterable[DocActorRow]) -> str:
    return "|".join(sorted(member_id(r) for r in rows))


def merge_actors(store: Store, a: str, b: str) -> None:
    from dyad.resolve.linking import link_documents

    store.add_decision("merge", _ids(_members(store, a)), _ids(_members(store, b)))
    link_documents(store)


def split_actor(store: Store, a: str) -> None:
    from dyad.resolve.linking import link_documents

    store.add_decision("split", _ids(_members(store, a)), "")
    link_documents(store)


def never_merge(store: Store, a: str, b: str) -> None:
    from dyad.resolve.linking import link_documents

    store.add_decision("never", _ids(_members(store, a)), _ids(_members(store, b)))
    link_documents(store)
