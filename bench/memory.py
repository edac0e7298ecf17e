"""Peak resident memory of a run: this process and all its children (worker processes included).

``getrusage`` gives two numbers: the peak of this process, and the peak of the *largest* waited-for
child (not a sum). ``PeakTree`` samples the whole process tree with psutil (installed with the dask
extra) every 0.1 s and keeps two peaks of the sum: resident memory (RSS), which counts a page shared
by forked workers once per process, and proportional memory (PSS), which splits each shared page
between the processes that map it — what the machine must actually hold. It also keeps the CPU
seconds of every descendant as last seen (workers forked by a fork server are grandchildren, which
``getrusage`` never counts).

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
        self.pss_peak = 0
        self.cpu: dict[int, float] = {}  # pid -> CPU seconds, descendants only
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    @property
    def mib(self) -> float:
        return self.peak / 2**20

    @property
    def pss_mib(self) -> float:
        return self.pss_peak / 2**20

    @property
    def descendants_cpu(self) -> float:
        return sum(self.cpu.values())

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
            rss, pss = _tree_memory(me, psutil, self.cpu)
            self.peak, self.pss_peak = max(self.peak, rss), max(self.pss_peak, pss)
            if self._stop.wait(self.interval):
                break


def _tree_memory(process: Any, psutil: Any, cpu: dict[int, float]) -> tuple[int, int]:
    """(RSS, PSS) summed over the tree; records each descendant's CPU seconds in ``cpu``."""
    rss = pss = 0
    for proc in (process, *process.children(recursive=True)):
        try:
            info = proc.memory_full_info()
            if proc.pid != process.pid:
                times = proc.cpu_times()
                cpu[proc.pid] = times.user + times.system
        except psutil.Error:  # a worker that exited between listing and reading
            continue
        rss, pss = rss + info.rss, pss + getattr(info, "pss", info.rss)
    return int(rss), int(pss)
