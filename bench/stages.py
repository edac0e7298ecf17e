"""Time per stage of the route, by wrapping the functions each stage calls (single process).

Stages are *exclusive*: time spent in a wrapped function called from another wrapped function is
counted once, for the inner stage, so the shares add up to the whole. The wrapped names are the
ones ``dyad.pipeline`` calls today; a name that is gone is reported, not silently dropped.

>>> import math
>>> stages = Stages()
>>> f = stages.wrap("outer", lambda: stages.wrap("inner", math.sqrt)(4.0))
>>> f(), sorted(stages.seconds)
(2.0, ['inner', 'outer'])
"""

from __future__ import annotations

import functools
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from typing import Any
from unittest import mock

from spacy.language import Language

import dyad.parallel
import dyad.pipeline
from dyad.analyse.lexicon import Lexicon
from dyad.extract.events import EventExtractor
from dyad.store import Store

# (owner, attribute, stage). code_article itself is the outer stage: its own remainder is "other".
TARGETS: list[tuple[Any, str, str]] = [
    (dyad.pipeline, "iter_documents", "read + clean"),
    (dyad.pipeline, "code_article", "code: other"),
    (Language, "__call__", "analyse: tokenize + sentences"),
    (Lexicon, "hits", "analyse: lexicon"),
    (dyad.pipeline, "find_mentions", "analyse: mentions"),
    (dyad.pipeline, "resolve_actors", "resolve: actors"),
    (dyad.pipeline, "_dates", "resolve: dates"),
    (EventExtractor, "run", "extract: events"),
    (dyad.pipeline, "pack", "store"),  # rows for the store: what a worker does for the writer
    (Store, "add_packed_many", "store"),
    (dyad.pipeline, "link_documents", "link"),
]
# What the parent of a parallel run does itself: read, store (the single writer) and link.
PARENT_TARGETS: list[tuple[Any, str, str]] = [
    (dyad.parallel, "iter_documents", "read + clean"),
    (Store, "add_packed_many", "store"),
    (dyad.parallel, "link_documents", "link"),
]


class Stages:
    """Exclusive seconds per stage, accumulated by wrapped callables."""

    def __init__(self) -> None:
        self.seconds: Counter[str] = Counter()
        self._inner: list[float] = []  # time taken by inner stages, one slot per open call

    def wrap(self, stage: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(fn)
        def timed(*args: Any, **kwargs: Any) -> Any:
            self._inner.append(0.0)
            start = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                elapsed = time.perf_counter() - start
                self.seconds[stage] += elapsed - self._inner.pop()
                if self._inner:
                    self._inner[-1] += elapsed

        return timed

    def wrap_iter(self, stage: str, fn: Callable[..., Iterator[Any]]) -> Callable[..., Iterator[Any]]:
        """Time every step of the iterator ``fn`` returns (a generator does its work in ``next``)."""

        @functools.wraps(fn)
        def timed(*args: Any, **kwargs: Any) -> Iterator[Any]:
            step = self.wrap(stage, next)
            items = fn(*args, **kwargs)
            while True:
                try:
                    yield step(items)
                except StopIteration:
                    return

        return timed


@contextmanager
def timed_stages(stages: Stages, targets: list[tuple[Any, str, str]] = TARGETS) -> Iterator[list[str]]:
    """Wrap every target for the duration of the block; yields the targets that were missing."""
    missing = []
    with ExitStack() as stack:
        for owner, name, stage in targets:
            original = getattr(owner, name, None)
            if original is None:
                missing.append(f"{getattr(owner, '__name__', owner)}.{name}")
                continue
            wrap = stages.wrap_iter if name == "iter_documents" else stages.wrap
            stack.enter_context(mock.patch.object(owner, name, wrap(stage, original)))
        yield missing
