"""The default engine: ``pack_batch`` on a pool of local worker processes.

Workers are not forked from the caller: it may be running a progress display thread and holds an
open SQLite connection, neither of which survives a fork safely. They are forked from a *fork
server*, a fresh single-threaded interpreter that first imports ``dyad.engines.warm`` and so loads
the knowledge base, the spaCy pipeline and the phrase lexicon once. Every worker starts warm,
within milliseconds, and shares those pages instead of holding its own copy. (With a
``--spacy-model`` or non-default limits, each worker builds that pipeline once for itself.)

>>> from dyad.types import Article
>>> batches = [[Article("id1", "a.txt", "Syria and Lebanon held talks.")]]
>>> [len(result) for result in processes(batches, workers=2)]
[1]
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Generator, Iterable
from concurrent.futures import Future, ProcessPoolExecutor

from dyad.engines import Batch, in_order
from dyad.ingest import Limits
from dyad.pipeline import pack_batch
from dyad.store.rows import Packed


def processes(
    batches: Iterable[Batch],
    workers: int = 2,
    model: str | None = None,
    window: int | None = None,
    limits: Limits = Limits(),
) -> Generator[list[Packed], None, None]:
    """Code ``batches`` on ``workers`` processes, at most ``window`` (default 2 × workers) in flight."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["dyad.engines.warm"])  # read when the fork server starts
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)

    def submit(batch: Batch) -> Future[list[Packed]]:
        return pool.submit(pack_batch, list(batch), model, limits)  # Limits is a small picklable value

    try:
        yield from in_order(submit, batches, window or 2 * workers)
    finally:
        # On an error in the writer, drop the queued batches instead of coding them for nothing.
        pool.shutdown(wait=True, cancel_futures=True)
