"""Peak resident memory of a run: this process and all its children (worker processes included).

``getrusage`` gives two numbers: the peak of this process, and the peak of the *largest* waited-for
child (not a sum). ``PeakTree`` samples the whole process tree with psutil (installed with the dask
extra) and keeps two peaks of the sum: resident memory (RSS, every 0.2 s), which counts a page shared
by forked workers once per process, and proportional memory (PSS, every second), which splits each
shared page between the processes that map it — what the machine must actually hold. PSS is read
less often because it is costly: the kernel walks every page of every process to give it. Read every
0.1 s from three processes of 300 MiB, it took 1.7 s of CPU in 10 s — a sixth of a core taken from
the run being measured; sampled as now, 0.36 s. It also keeps the CPU
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

    def __init__(self, interval: float = 0.2, pss_every: int = 5) -> None:
        self.interval = interval
        self.pss_every = pss_every  # PSS on every n-th sample
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
        count = 0
        while True:
            stopping = self._stop.is_set()
            rss, pss = _tree_memory(me, psutil, self.cpu, with_pss=stopping or count % self.pss_every == 0)
            self.peak, self.pss_peak = max(self.peak, rss), max(self.pss_peak, pss or 0)
            count += 1
            if stopping:
                break
            self._stop.wait(self.interval)


def _tree_memory(process: Any, psutil: Any, cpu: dict[int, float], with_pss: bool = True) -> tuple[int, int | None]:
    """(RSS, PSS) summed over the tree (PSS None unless ``with_pss``); records each descendant's CPU seconds."""
    rss = pss = 0
    for proc in (process, *process.children(recursive=True)):
        try:
            info = proc.memory_full_info() if with_pss else proc.memory_info()
            if proc.pid != process.pid:
                times = proc.cpu_times()
                cpu[proc.pid] = times.user + times.system
        except psutil.Error:  # a worker that exited between listing and reading
            continue
        rss, pss = rss + info.rss, pss + getattr(info, "pss", info.rss)
    return int(rss), int(pss) if with_pss else None
