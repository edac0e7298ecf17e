"""Peak resident memory of a run: this process and all its children (worker processes included).

``getrusage`` gives two numbers: the peak of this process, and the peak of the *largest* waited-for
child (not a sum). ``PeakTree`` samples the whole process tree with psutil (installed with the dask
extra) every 0.1 s and keeps the peak of the sum, which is what the machine must actually hold.

>>> with PeakTree() as peak:
...     block = bytearray(50 * 2**20)
>>> peak.mib > 0
True
"""

from __future__ import annotations

import resource
import threading
from types import TracebackType
from typing import Any


def rusage_mib() -> tuple[float, float]:
    """(peak RSS of this process, peak RSS of its largest finished child) in MiB (Linux: kB units)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, child


class PeakTree:
    """Context manager sampling the summed RSS of this process and its descendants."""

    def __init__(self, interval: float = 0.1) -> None:
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    @property
    def mib(self) -> float:
        return self.peak / 2**20

    def __enter__(self) -> PeakTree:
        self._thread.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        try:
            import psutil
        except ImportError:  # no sampling: the rusage figures still stand
            return
        me = psutil.Process()
        while True:
            self.peak = max(self.peak, _tree_rss(me, psutil))
            if self._stop.wait(self.interval):
                break


def _tree_rss(process: Any, psutil: Any) -> int:
    total = 0
    for proc in (process, *process.children(recursive=True)):
        try:
            total += proc.memory_info().rss
        except psutil.Error:  # a worker that exited between listing and reading
            continue
    return int(total)
