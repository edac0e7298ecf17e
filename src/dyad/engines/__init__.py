"""Engines: ways to run ``pack_batch`` over a stream of batches, results back in input order.

An engine is a generator ``(batches, workers, model, limits) → Iterator[list[Packed]]``: each batch of
articles comes back coded and packed into the rows the single writer stores. Every engine keeps at
most ``window`` batches in flight, so a 100k-article corpus never sits in memory at once: the reader
waits while the workers are busy, and the single writer drains results as soon as the oldest batch is
done. ``serial`` runs in the calling process (the reference every other engine must equal).

>>> from dyad.types import Article
>>> batches = [[Article("id1", "a.txt", "Syria and Lebanon held talks.")]]
>>> [len(result) for result in serial(batches)]
[1]
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from typing import Protocol, TypeVar, cast

from dyad.ingest import Limits
from dyad.pipeline import pack_batch
from dyad.store.rows import Packed
from dyad.types import Article

Batch = Sequence[Article]
T = TypeVar("T")
R = TypeVar("R", covariant=True)


class Pending(Protocol[R]):
    """What ``concurrent.futures.Future`` and ``distributed.Future`` have in common."""

    def result(self) -> R: ...


def in_order(submit: Callable[[T], Pending[R]], items: Iterable[T], window: int) -> Iterator[R]:
    """Submit ``items`` with at most ``window`` pending, yielding results in submission order.

    Waiting on the oldest submission (rather than whichever finishes first) is what keeps the
    store's row order, and so every id it assigns, independent of the number of workers.
    """
    pending: deque[Pending[R]] = deque()
    for item in items:
        if len(pending) >= window:
            yield pending.popleft().result()
        pending.append(submit(item))
    while pending:
        yield pending.popleft().result()


def head_start(items: Iterator[T], ready: Callable[[], bool], run: Callable[[T], R]) -> Iterator[R]:
    """``run`` each of ``items`` here, in order, while the engine is not ``ready`` yet; the items
    left in the iterator are the engine's.

    Starting an engine takes seconds (a fork server imports spaCy and loads the knowledge base, a
    Dask cluster starts its workers), while the calling process has the pipeline loaded already and
    would only wait. ``ready`` is asked before each item is taken, so none is taken twice or lost.
    """
    while not ready():
        item = next(items, _END)
        if item is _END:
            return
        yield run(cast(T, item))


_END = object()


def serial(
    batches: Iterable[Batch], model: str | None = None, limits: Limits = Limits()
) -> Generator[list[Packed], None, None]:
    """The reference engine: each batch coded in this process, one after another."""
    for batch in batches:
        yield pack_batch(batch, model, limits)
