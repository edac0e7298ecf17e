"""The Dask engine: the same ``pack_batch`` on a ``dask.distributed`` cluster.

With no scheduler address a ``LocalCluster`` of ``workers`` single-threaded processes is started
(and stopped) for the run; with an address (``tcp://host:8786``) the batches go to an existing
cluster whose workers have dyad installed. Only batches of articles travel to the workers and only
packed records (``dyad.store.rows.Packed``: the rows to store) travel back: the store never
leaves the client process.

>>> from dyad.types import Article
>>> batches = [[Article("id1", "a.txt", "Syria and Lebanon held talks.")]]
>>> [len(result) for result in dask_cluster(batches, workers=1)]
[1]
"""

from __future__ import annotations

from collections.abc import Generator, Iterable
from contextlib import ExitStack
from typing import Any

from dyad.engines import Batch, in_order
from dyad.errors import DyadError
from dyad.ingest import Limits
from dyad.pipeline import pack_batch
from dyad.store.rows import Packed


def _client(stack: ExitStack, workers: int, scheduler: str | None) -> Any:
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # the optional extra: pip install 'dyad[dask]'
        raise DyadError("the dask engine needs dask[distributed]: pip install 'dyad[dask]'") from exc
    if scheduler:
        return stack.enter_context(Client(scheduler))  # type: ignore[no-untyped-call]
    cluster = stack.enter_context(
        LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        )
    )
    return stack.enter_context(Client(cluster))  # type: ignore[no-untyped-call]


def dask_cluster(
    batches: Iterable[Batch],
    workers: int = 2,
    model: str | None = None,
    scheduler: str | None = None,
    window: int | None = None,
    limits: Limits = Limits(),
) -> Generator[list[Packed], None, None]:
    """Code ``batches`` on a Dask cluster, at most ``window`` (default 2 × workers) in flight."""
    with ExitStack() as stack:
        client = _client(stack, workers, scheduler)
        # pure=False: two batches with equal content are still two pieces of work to store.
        yield from in_order(
            lambda batch: client.submit(pack_batch, list(batch), model, limits, pure=False),
            batches,
            window or 2 * max(workers, len(client.nthreads())),
        )
