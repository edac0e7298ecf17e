"""The default engine: ``pack_batch`` on a pool of local worker processes.

Workers are not forked from the caller: it may be running a progress display thread and holds an
open SQLite connection, neither of which survives a fork safely. They are forked from a *fork
server*, a fresh single-threaded interpreter that first imports ``dyad.engines.warm`` and so loads
the knowledge base, the spaCy pipeline and the phrase lexicon once. Every worker starts warm,
within milliseconds, and shares those pages instead of holding its own copy. (With a
``--spacy-model`` or non-default limits, each worker builds that pipeline once for itself.)

The fork server's warm-up takes 1-2 s, mostly imports, and the first worker cannot be forked
before it ends. The calling process has imported the pipeline already and reads its knowledge
back from the start-up cache in a few tenths of a second, so it codes the first batches itself
meanwhile (``head_start``), then hands the rest to the pool: on a corpus of a few hundred articles
that is a third of the run. The results and their order are the same either way.

>>> from dyad.types import Article
>>> batches = [[Article("id1", "a.txt", "Syria and Lebanon held talks.")]]
>>> [len(result) for result in processes(batches, workers=2)]
[1]
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Generator, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import chain

from dyad.engines import Batch, head_start, in_order
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
    rest = iter(batches)
    first = next(rest, None)
    if first is None:
        return  # nothing new to code (an empty folder, a re-ingest): no fork server to start and wait for
    rest = chain([first], rest)
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["dyad.engines.warm"])  # read when the fork server starts
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)

    def submit(batch: Batch) -> Future[list[Packed]]:
        return pool.submit(pack_batch, list(batch), model, limits)  # Limits is a small picklable value

    def here(batch: Batch) -> list[Packed]:
        return pack_batch(batch, model, limits)

    start = _FirstWorker(pool)
    try:
        yield from head_start(rest, start.ready, here)
        yield from in_order(submit, rest, window or 2 * workers)
    finally:
        # On an error in the writer, drop the queued batches instead of coding them for nothing.
        pool.shutdown(wait=True, cancel_futures=True)
        start.join()


class _FirstWorker:
    """Start the pool's first worker on a thread of its own.

    Forking it blocks until the fork server's warm-up has ended; meanwhile this process codes.
    ``ready`` is true once that worker has run a task. If starting it failed, ``ready`` raises the
    error: a pool that cannot start is reported instead of this process quietly coding the whole
    corpus alone. (A corpus coded in full before the pool was needed is simply done.)
    """

    def __init__(self, pool: ProcessPoolExecutor) -> None:
        self.error: BaseException | None = None
        self._thread = threading.Thread(target=self._start, args=(pool,), name="dyad-first-worker", daemon=True)
        self._thread.start()

    def _start(self, pool: ProcessPoolExecutor) -> None:
        try:
            pool.submit(_nothing).result()
        except BaseException as exc:  # handed to the coding thread by ``ready``
            self.error = exc

    def ready(self) -> bool:
        if self._thread.is_alive():
            return False
        if self.error is not None:
            raise self.error
        return True

    def join(self) -> None:
        self._thread.join()


def _nothing() -> None:
    """The first worker's first task: it only proves the worker is up."""
