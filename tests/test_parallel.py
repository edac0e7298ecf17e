"""Parallel ingest codes exactly what the single-process route codes, whatever the engine or worker count."""

from __future__ import annotations

import csv
import gc
import shutil
import sys
from dataclasses import replace
from itertools import count
from pathlib import Path
from typing import Any

import pytest

from dyad import pipeline
from dyad.engines import head_start, in_order, processes, serial
from dyad.errors import DyadError, StoreError
from dyad.ingest import CsvOptions, article_from_text
from dyad.parallel import ingest_parallel
from dyad.store import Store
from dyad.store.queries import EventFilter, find_actors, find_events
from dyad.types import IngestSummary

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
FAKES = SHARED / "external" / "fakes" / "FA-KES-Dataset.csv"
FAKES_OPTIONS = CsvOptions(text_col="article_content", title_col="article_title", date_col="date",
                           id_col="unit_id", date_format="%m/%d/%Y")
SLICE = 24  # FA-KES articles: enough for several batches on each worker, fast enough for the suite


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The five seeds plus the first FA-KES articles, as a folder and one CSV."""
    if not FAKES.exists():
        pytest.skip("../shared (seeds and FA-KES) is not beside the checkout")
    root = tmp_path_factory.mktemp("corpus")
    shutil.copytree(SHARED / "seeds", root / "seeds")
    csv.field_size_limit(sys.maxsize)
    with FAKES.open(encoding="utf-8", newline="") as src, (root / "fakes.csv").open("w", newline="") as dst:
        rows = csv.reader(src)
        csv.writer(dst).writerows(row for _, row in zip(range(SLICE + 1), rows, strict=False))
    return root


Result = tuple[IngestSummary, list[dict[str, Any]], list[dict[str, Any]]]


def run(corpus: Path, db: Path, **options: Any) -> Result:
    paths = [str(corpus / "seeds"), str(corpus / "fakes.csv")]
    with Store(db) as store:
        summary = ingest_parallel(paths, store, csv=FAKES_OPTIONS, batch_size=4, **options)
        events = find_events(store, EventFilter(limit=None))
        actors = find_actors(store, limit=100_000)
    return summary, events, actors


@pytest.fixture(scope="module")
def one_worker(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[IngestSummary, Any, Any]:
    return run(corpus, tmp_path_factory.mktemp("one") / "one.db", workers=1)


def accounting(summary: IngestSummary) -> tuple[int, int, int, int, int]:
    return summary.read, summary.new, summary.duplicate, len(summary.rejected), summary.events


@pytest.mark.parametrize("with_head_start", [True, False], ids=["head-start", "pool-only"])
def test_two_workers_store_the_same_events_and_actors_as_one(
    corpus: Path, tmp_path: Path, one_worker: tuple[IngestSummary, Any, Any], monkeypatch: pytest.MonkeyPatch,
    with_head_start: bool,
) -> None:
    # With a head start, how much of this small slice the pool codes depends on whether an earlier
    # test left the fork server warm; the hand-over itself is pinned by the test further down.
    if not with_head_start:
        monkeypatch.setattr(processes, "head_start", lambda items, ready, run: iter(()))
    summary, events, actors = run(corpus, tmp_path / "two.db", workers=2)
    assert summary.new == SLICE + 5 - summary.duplicate
    assert events, "the corpus has events: an empty comparison would prove nothing"
    assert (accounting(summary), events, actors) == (accounting(one_worker[0]), one_worker[1], one_worker[2])


def test_a_dask_local_cluster_stores_the_same_as_one_process(
    corpus: Path, tmp_path: Path, one_worker: tuple[IngestSummary, Any, Any]
) -> None:
    pytest.importorskip("distributed", reason="the dask extra is not installed")
    summary, events, actors = run(corpus, tmp_path / "dask.db", workers=2, engine="dask")
    assert (accounting(summary), events, actors) == (accounting(one_worker[0]), one_worker[1], one_worker[2])


def test_the_single_process_route_stores_the_same_as_the_engines(
    corpus: Path, tmp_path: Path, one_worker: tuple[IngestSummary, Any, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "STORE_BATCH", 4)  # several transactions, as on a real corpus
    paths = [str(corpus / "seeds"), str(corpus / "fakes.csv")]
    with Store(tmp_path / "serial.db") as store:
        summary = pipeline.ingest(paths, store, csv=FAKES_OPTIONS)
        events, actors = find_events(store, EventFilter(limit=None)), find_actors(store, limit=100_000)
    assert (accounting(summary), events, actors) == (accounting(one_worker[0]), one_worker[1], one_worker[2])


def test_a_text_twice_in_one_pending_batch_is_stored_once(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):  # a and c: the same text, both coded before any store
        text = "Syria and Lebanon held talks." if name != "b.txt" else "Iraq and Iran held talks."
        (tmp_path / "in" / name).write_text(text)
    with Store(tmp_path / "p.db") as store:
        summary = pipeline.ingest([str(tmp_path / "in")], store)
        assert store.conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 2
    assert (summary.read, summary.new, summary.duplicate) == (3, 2, 1)


def texts(folder: Path, n: int) -> list[str]:
    folder.mkdir()
    countries = ["Syria", "Iraq", "Iran", "Egypt", "Jordan", "Libya"]
    for i in range(n):
        (folder / f"{i}.txt").write_text(f"{countries[i]} and Lebanon held talks on Sunday.")
    return [str(folder)]


def test_an_error_keeps_every_document_coded_before_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = pipeline.code_article

    def failing(article: Any, *args: Any) -> Any:
        if article.name.startswith("3"):
            raise RuntimeError("the coder broke")
        return real(article, *args)

    monkeypatch.setattr(pipeline, "code_article", failing)
    with Store(tmp_path / "e.db") as store:
        with pytest.raises(RuntimeError, match="the coder broke"):
            pipeline.ingest(texts(tmp_path / "in", 5), store)
        stored = [r[0] for r in store.conn.execute("SELECT name FROM documents ORDER BY name")]
    assert stored == ["0.txt", "1.txt", "2.txt"]  # one commit each before the batch: none lost


def test_a_record_that_cannot_be_stored_keeps_those_before_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = pipeline.pack

    def broken(coded: Any) -> Any:
        packed = real(coded)
        return replace(packed, error="a record the writer refuses") if coded.article.name == "2.txt" else packed

    monkeypatch.setattr(pipeline, "pack", broken)
    with Store(tmp_path / "s.db") as store:
        with pytest.raises(StoreError, match="the writer refuses"):
            pipeline.ingest(texts(tmp_path / "in", 4), store)
        stored = [r[0] for r in store.conn.execute("SELECT name FROM documents ORDER BY name")]
    assert stored == ["0.txt", "1.txt"]


def test_duplicates_in_the_run_and_in_the_store_are_counted_not_coded(tmp_path: Path) -> None:
    if not (SHARED / "seeds").exists():
        pytest.skip("../shared/seeds is not beside the checkout")
    seed = sorted((SHARED / "seeds").glob("*.txt"))[0]
    (tmp_path / "in").mkdir()
    for name in ("a.txt", "b.txt"):  # the same text under two names: one document
        shutil.copy(seed, tmp_path / "in" / name)
    with Store(tmp_path / "d.db") as store:
        first = ingest_parallel([str(tmp_path / "in")], store, workers=1)
        again = ingest_parallel([str(tmp_path / "in")], store, workers=1)
    assert (first.read, first.new, first.duplicate) == (2, 1, 1)
    assert (again.read, again.new, again.duplicate) == (2, 0, 2)


def test_an_unreadable_document_is_stored_as_a_rejection_and_counted(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_text("")
    (tmp_path / "in" / "talks.txt").write_text("Syria and Lebanon held talks in Beirut on Sunday.")
    with Store(tmp_path / "r.db") as store:
        summary = ingest_parallel([str(tmp_path / "in")], store, workers=1)
        stored = store.rejections()
    assert (summary.read, summary.new, len(summary.rejected)) == (2, 1, 1)
    assert [r.name or r.origin for r in stored] == [r.name or r.origin for r in summary.rejected]
    assert "empty" in stored[0].reason


def test_progress_sees_every_offered_document(tmp_path: Path) -> None:
    if not (SHARED / "seeds").exists():
        pytest.skip("../shared/seeds is not beside the checkout")
    seen: list[int] = []
    with Store(tmp_path / "p.db") as store:
        summary = ingest_parallel([str(SHARED / "seeds")], store, workers=1, batch_size=2,
                                  progress=lambda s: seen.append(s.offered))
    assert summary.offered == summary.read == 5
    assert seen[-1] == 5 and seen == sorted(seen)


def test_the_writer_collects_garbage_less_often_while_storing_and_restores_the_threshold(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Syria and Lebanon held talks on Sunday.", encoding="utf-8")
    during: list[tuple[int, int, int]] = []
    before = gc.get_threshold()
    with Store(tmp_path / "g.db") as store:
        ingest_parallel([str(tmp_path)], store, workers=1, progress=lambda _: during.append(gc.get_threshold()))
        assert during and during[-1][0] == 20_000 and gc.get_threshold() == before
        with pytest.raises(RuntimeError):  # restored when storing fails too
            ingest_parallel([str(tmp_path / "a.txt")], Broken(store), workers=1)
    assert gc.get_threshold() == before


class Broken:
    """A store whose writes fail."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def __getattr__(self, name: str) -> Any:
        return getattr(self.store, name)

    def has_document(self, doc_id: str) -> bool:
        return False

    def add_packed_many(self, batch: Any) -> Any:
        raise RuntimeError("disk full")


@pytest.mark.parametrize("options", [{"workers": 0}, {"batch_size": 0}, {"engine": "spark"}])
def test_impossible_settings_are_refused(tmp_path: Path, options: dict[str, Any]) -> None:
    with Store(tmp_path / "x.db") as store, pytest.raises(DyadError):
        ingest_parallel([str(tmp_path)], store, **options)


class Ready:
    """A finished future holding ``value``, logging when its result is collected."""

    def __init__(self, value: int, log: list[str]) -> None:
        self.value, self.log = value, log

    def result(self) -> int:
        self.log.append(f"done {self.value}")
        return self.value


def test_in_order_keeps_input_order_with_a_bounded_number_in_flight() -> None:
    log: list[str] = []

    def submit(item: int) -> Ready:
        log.append(f"submit {item}")
        return Ready(item * 10, log)

    assert list(in_order(submit, range(5), window=2)) == [0, 10, 20, 30, 40]
    in_flight = [sum(1 if e.startswith("submit") else -1 for e in log[: i + 1]) for i in range(len(log))]
    assert max(in_flight) == 2


def test_a_head_start_codes_here_until_the_engine_is_ready_and_leaves_the_rest() -> None:
    answers = iter([False, False, True])
    items = iter(range(5))
    assert list(head_start(items, lambda: next(answers), lambda n: n * 10)) == [0, 10]
    assert list(items) == [2, 3, 4]  # nothing taken twice, nothing lost


def test_a_head_start_ends_with_the_items() -> None:
    assert list(head_start(iter(range(3)), lambda: False, str)) == ["0", "1", "2"]


def batches_of(n: int) -> list[list[Any]]:
    texts = ["Syria and Lebanon held talks in Beirut on Sunday.", "Iraq and Iran met in Baghdad.",
             "Jordan and Egypt met in Amman on Monday."]
    return [[article_from_text(f"{texts[k % 3]} Report {k}.", f"{k}.txt")] for k in range(n)]


def test_a_forced_hand_over_codes_the_first_batches_here_and_the_rest_on_the_pool(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    batches, asked, here = batches_of(10), count(), []
    real_ready, real_head_start = processes._FirstWorker.ready, processes.head_start

    def ready(self: Any) -> bool:  # not ready for three batches, then wait for the real first worker
        if next(asked) < 3:
            return False
        self.join()
        return real_ready(self)

    def counted(items: Any, ready: Any, run: Any) -> Any:
        return real_head_start(items, ready, lambda batch: here.append(batch) or run(batch))

    monkeypatch.setattr(processes._FirstWorker, "ready", ready)
    monkeypatch.setattr(processes, "head_start", counted)
    assert list(processes.processes(batches, workers=2)) == list(serial(batches))
    assert here == batches[:3]


def test_a_pool_whose_first_worker_cannot_start_reports_why(monkeypatch: pytest.MonkeyPatch) -> None:
    submit = processes.ProcessPoolExecutor.submit

    def no_first_worker(self: Any, fn: Any, *args: Any, **kwargs: Any) -> Any:
        if fn is processes._nothing:  # only the start fails: coding batches on the pool would still work
            raise OSError("no fork server")
        return submit(self, fn, *args, **kwargs)

    monkeypatch.setattr(processes.ProcessPoolExecutor, "submit", no_first_worker)
    results = processes.processes(batches_of(50), workers=2)
    with pytest.raises(OSError, match="no fork server"):
        for _ in results:
            pass


def test_nothing_to_code_starts_no_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(processes, "ProcessPoolExecutor", None)  # any use of it would raise
    assert list(processes.processes([], workers=2)) == []
