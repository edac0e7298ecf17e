"""Parallel ingest: read in one process, code on many, store through one writer.

``ingest_parallel`` is ``pipeline.ingest`` with the coding step fanned out. The parent reads
documents as a stream, drops the ones already stored (or already seen in this run), and sends
batches of ``Article``s to ``pipeline.pack_batch`` on an engine (``code_batch``, each record then
packed into the rows the store writes); results come back in input order and the parent stores
them, then links actors across documents once. The store, its ids and every exported event and
actor are therefore the same for 1, 2 or 200 workers.

    >>> summary = ingest_parallel(["corpus/"], Store("corpus.db"), workers=2)     # doctest: +SKIP

Engines
    ``processes`` (default): a local pool of worker processes; ``workers=1`` codes in the calling
    process. The workers are forked from a fork server that loads the knowledge base and the phrase
    lexicon once (1-2 s, ``dyad.engines.processes``); until the first worker is up, the calling
    process codes batches itself. As with any pool of fresh processes, a script that calls
    ``ingest_parallel`` must do so under ``if __name__ == "__main__":``.

    ``dask``: a ``dask.distributed`` cluster (``pip install 'dyad[dask]'``). Without a scheduler
    address dyad starts a ``LocalCluster`` for the run. For a real cluster, start a
    scheduler and workers on machines where the *same* dyad version is installed (workers import
    ``dyad.pipeline`` and load its knowledge files locally; only articles and results travel)::

        dask scheduler                                          # on host, port 8786
        dask worker tcp://host:8786 --nworkers 8 --nthreads 1   # on every machine
        dyad ingest corpus/ --db corpus.db --engine dask --scheduler tcp://host:8786

    Use single-threaded workers: the coding is pure Python under the GIL, so threads do not help.

How the store is written
    Exactly one writer, in the client process. SQLite admits one writer at a time; several writers
    would only queue on its lock, and stored order would then depend on timing — and the store's
    row ids (hence canonical actor ids and event order) with it. Measured here (bench/README.md),
    the writer reads and stores an article in about 0.9 ms of CPU (workers send it rows, see
    ``dyad.store.rows``) while a worker codes one in 2.3-3.5 ms, so one writer keeps up with
    three or four workers. Beyond what one machine and one writer can take, the alternative is for
    each worker to write its batch's records as a Parquet partition (``part-<batch>.parquet``) and
    to merge the partitions afterwards. That removes the network round trip of results and the
    writer bottleneck, but the merge must then do what the single writer does for free: drop
    duplicate documents across partitions, assign ids, and run cross-document actor linking over
    the whole set; partitions of retried tasks must be de-duplicated too, and nothing is queryable
    until the merge ends.

Other engines
    Any engine that maps a function over batches can call ``pack_batch`` (or ``code_batch``) the
    same way, e.g. Spark's ``mapInPandas`` or Ray Data's ``map_batches``. A sketch, not shipped code
    (``frames_of`` would turn the rows of ``Packed`` records, one tuple per table row, into frames)::

        def code_frames(frames):  # pandas frames of article fields in, frames of table rows out
            for frame in frames:
                yield frames_of(pack_batch([Article(**r) for r in frame.to_dict("records")]))
        spark_articles.mapInPandas(code_frames, schema=CODED_SCHEMA)
        ray_articles.map_batches(lambda f: next(code_frames([f])), batch_format="pandas")

    Their results then go through one writer, or into Parquet partitions (see above).
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from itertools import islice
from typing import Literal

from dyad.collector import fewer_collections
from dyad.engines import Batch, serial
from dyad.errors import DyadError
from dyad.ingest import CsvOptions, Limits, iter_documents
from dyad.pipeline import new_articles, store_batch
from dyad.resolve.linking import link_documents
from dyad.store import Store
from dyad.store.rows import Packed
from dyad.types import Article, IngestSummary

Engine = Literal["processes", "dask"]
Progress = Callable[[IngestSummary], None]


def ingest_parallel(
    paths: Sequence[str],
    store: Store,
    *,
    workers: int = 2,
    engine: Engine = "processes",
    scheduler: str | None = None,
    csv: CsvOptions | None = None,
    model: str | None = None,
    batch_size: int = 64,
    progress: Progress | None = None,
    limits: Limits = Limits(),
) -> IngestSummary:
    """Read, code on ``workers`` processes and store every document under ``paths``; the documents
    that hit a limit (and were still stored) are listed in ``IngestSummary.limited``."""
    if workers < 1 or batch_size < 1:
        raise DyadError(f"workers and batch size must be at least 1 (got {workers} and {batch_size})")
    summary = IngestSummary()
    articles = new_articles(iter_documents(paths, csv, limits), store, summary, progress)
    results = _run(engine, _batched(articles, batch_size), workers, model, scheduler, limits)
    try:
        # Unpickling results makes thousands of objects a batch, all kept until stored; the block
        # also holds reading (and, with one worker, coding in this process): its garbage waits longer.
        with fewer_collections():
            new_ids = _store_in_order(results, store, summary, progress)
    finally:
        results.close()  # stops the engine's workers even when storing failed
    if new_ids:
        link_documents(store, new_ids)
    return summary


def _run(
    engine: Engine, batches: Iterator[Batch], workers: int, model: str | None, scheduler: str | None,
    limits: Limits,
) -> Generator[list[Packed], None, None]:
    if engine == "dask":
        from dyad.engines.cluster import dask_cluster

        return dask_cluster(batches, workers, model, scheduler, limits=limits)
    if engine != "processes":
        raise DyadError(f"unknown engine {engine!r}: use 'processes' or 'dask'")
    if workers == 1:
        return serial(batches, model, limits)
    from dyad.engines.processes import processes

    return processes(batches, workers, model, limits=limits)


def _batched(articles: Iterator[Article], size: int) -> Iterator[Batch]:
    while batch := list(islice(articles, size)):
        yield batch


def _store_in_order(
    results: Iterable[list[Packed]], store: Store, summary: IngestSummary, progress: Progress | None
) -> list[str]:
    """The single writer: one transaction per batch, in input order."""
    new_ids: list[str] = []
    for batch in results:
        new_ids += store_batch(batch, store, summary)
        if progress is not None:
            progress(summary)
    return new_ids
