"""The full route over FA-KES (or N copies of it): throughput, memory, stages and a tokenizer baseline.

    .venv/bin/python bench/run.py [--repeat N] [--workers N] [--limit N] [--sizes 1000,10000,100000]

Every run writes a fresh SQLite store in a temporary folder. Printed: articles/s and sentences/s
end to end (read, code on ``--workers`` processes, store, link), peak resident memory, the parent's
own time (read, store, link), time per stage from a separate single-process pass, and the
throughput of spaCy's blank English tokenizer + sentencizer alone on the same text (one process),
with the ratio end-to-end / tokenizer-only. ``--sizes`` prints time per article at each corpus size.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import tempfile
import time
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

import spacy
from corpus import FAKES, FAKES_OPTIONS, write_corpus
from memory import PeakTree, rusage_mib
from stages import PARENT_TARGETS, Stages, timed_stages

from dyad.ingest import article_from_text, iter_documents
from dyad.knowledge.built import cache_folder
from dyad.parallel import ingest_parallel
from dyad.pipeline import code_article, ingest
from dyad.store import Store
from dyad.types import Article, IngestSummary


@dataclass(frozen=True)
class Run:
    articles: int
    sentences: int
    seconds: float
    peak_mib: float
    parent: dict[str, float]
    cpu: tuple[float, float]  # (parent, workers) CPU seconds: robust to a busy machine
    pss_mib: float = 0.0
    first: tuple[float, int] = (0.0, 0)  # (seconds, articles) when the first batch was stored

    def steady(self) -> str:
        """Throughput after the first stored batch: what a long run converges to, start-up excluded."""
        seconds, done = self.first
        if not done or self.articles <= done or self.seconds <= seconds:
            return "n/a"
        per_article = self.sentences / self.articles
        rate = (self.articles - done) * per_article / (self.seconds - seconds)
        return f"{rate:.0f} sentences/s after the first batch (stored at {seconds:.1f} s)"

    def line(self) -> str:
        s = self.seconds
        return (f"{self.articles} articles, {self.sentences} sentences in {s:.1f} s: "
                f"{self.articles / s:.1f} articles/s, {self.sentences / s:.0f} sentences/s, "
                f"{1000 * s / self.articles:.1f} ms/article, peak RSS (tree) {self.peak_mib:.0f} MiB, "
                f"peak PSS (tree) {self.pss_mib:.0f} MiB")


def cpu_seconds() -> tuple[float, float]:
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, kids.ru_utime + kids.ru_stime


def end_to_end(corpus: Path, db: Path, args: argparse.Namespace) -> Run:
    """One full parallel ingest into a fresh store."""
    parent = Stages()
    cpu_before = cpu_seconds()
    first: list[tuple[float, int]] = []

    def progress(summary: IngestSummary) -> None:
        if summary.new and not first:
            first.append((time.perf_counter() - start, summary.new))

    with Store(db) as store, PeakTree() as peak, timed_stages(parent, PARENT_TARGETS):
        start = time.perf_counter()
        summary = ingest_parallel([str(corpus)], store, workers=args.workers, engine=args.engine,
                                  csv=FAKES_OPTIONS, batch_size=args.batch_size, progress=progress)
        seconds = time.perf_counter() - start
        sentences = int(store.conn.execute("SELECT COUNT(*) FROM sentences").fetchone()[0])
    own = cpu_seconds()[0] - cpu_before[0]
    return Run(summary.new, sentences, seconds, peak.mib, dict(parent.seconds), (own, peak.descendants_cpu),
               peak.pss_mib, first[0] if first else (0.0, 0))


def tokenizer_only(corpus: Path, limit: int) -> tuple[int, float]:
    """(sentences, seconds) of spaCy's blank English tokenizer + sentencizer on the cleaned texts."""
    items = islice(iter_documents([str(corpus)], csv=FAKES_OPTIONS), limit)
    texts = [item.text for item in items if isinstance(item, Article)]
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    start = time.perf_counter()
    sentences = sum(len(list(doc.sents)) for doc in nlp.pipe(texts, batch_size=64))
    return sentences, time.perf_counter() - start


def baseline(corpus: Path, limit: int) -> tuple[int, float]:
    """``tokenizer_only`` in a fresh process, so the run's memory figures never include its pipeline."""
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        sentences, seconds = pool.apply(tokenizer_only, (corpus, limit))
    return sentences, seconds


def start_up_cache() -> str:
    """Whether the workers' start-up will build the knowledge base and lexicon or read them back."""
    folder = cache_folder()
    if folder is None:
        return "start-up cache: off (DYAD_CACHE_DIR=off): every coding process builds knowledge and lexicon"
    kept = sorted(p.name.split("-")[0] for p in folder.glob("*.pickle")) if folder.is_dir() else []
    state = f"holds {', '.join(kept)} (read back if still current)" if kept else "empty: the first process builds"
    return f"start-up cache: {folder}, {state}"


def warm_up() -> float:
    """Seconds to load the knowledge base and build the lexicon: paid once by every process that codes."""
    start = time.perf_counter()
    code_article(article_from_text("Syria and Lebanon held talks.", "warm-up.txt"))
    return time.perf_counter() - start


def stage_pass(corpus: Path, db: Path) -> tuple[Stages, float, list[str]]:
    """The single-process route with every stage timed, after the one-off warm-up."""
    print(f"warm-up of a coding process (knowledge, lexicon): {warm_up():.1f} s")
    stages = Stages()
    with Store(db) as store, timed_stages(stages) as missing:
        start = time.perf_counter()
        ingest([str(corpus)], store, csv=FAKES_OPTIONS)
        total = time.perf_counter() - start
    return stages, total, missing


def report_main(run: Run, baselines: list[tuple[int, float]], workers: int) -> None:
    own, _ = rusage_mib()
    print(f"end to end ({workers} workers): {run.line()}")
    print(f"  steady state: {run.steady()}")
    print(f"  rusage peak of the parent: {own:.0f} MiB")
    print(f"  CPU: parent {run.cpu[0]:.1f} s, worker processes {run.cpu[1]:.1f} s; "
          f"load average {os.getloadavg()[0]:.1f} (other work on the machine skews wall-clock figures)")
    print("  parent's own time: " + ", ".join(f"{k} {v:.1f} s" for k, v in sorted(run.parent.items())))
    # The machine's speed drifts (by a fifth within minutes, here): the baseline is taken just before
    # and just after the run, and the ratio is against their mean.
    rates = [sentences / seconds for sentences, seconds in baselines]
    rate = sum(rates) / len(rates)
    print(f"tokenizer + sentencizer only (1 process, before and after the run): {baselines[0][0]} sentences, "
          + " and ".join(f"{r:.0f}" for r in rates) + f" sentences/s, mean {rate:.0f}")
    print(f"ratio end-to-end / tokenizer-only: {run.sentences / run.seconds / rate:.1%}")


def report_stages(stages: Stages, total: float, missing: list[str]) -> None:
    print(f"stages (single process, {total:.1f} s in all):")
    for stage, seconds in sorted(stages.seconds.items(), key=lambda kv: -kv[1]):
        print(f"  {stage:<32} {seconds:8.2f} s  {seconds / total:6.1%}")
    rest = total - sum(stages.seconds.values())
    print(f"  {'(untimed: dedup, rejections)':<32} {rest:8.2f} s  {rest / total:6.1%}")
    if missing:
        print("  not found, not timed: " + ", ".join(missing))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="copies of FA-KES (distinct ids and text)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--limit", type=int, default=None, help="at most this many articles")
    parser.add_argument("--sizes", default=None, help="comma-separated corpus sizes, e.g. 1000,10000")
    parser.add_argument("--engine", choices=["processes", "dask"], default="processes")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--stage-limit", type=int, default=804, help="articles in the stage pass (0: none)")
    parser.add_argument("--baseline-limit", type=int, default=20_000, help="articles for the tokenizer only")
    args = parser.parse_args()
    print(f"corpus: {FAKES.name} x {args.repeat}" + (f", limit {args.limit}" if args.limit else ""))
    print(start_up_cache())
    with tempfile.TemporaryDirectory() as tmp:
        if args.sizes:
            return run_sizes(Path(tmp), args)
        corpus = Path(tmp) / "corpus.csv"
        write_corpus(corpus, args.repeat, args.limit)
        before = baseline(corpus, args.baseline_limit)
        run = end_to_end(corpus, Path(tmp) / "bench.db", args)
        report_main(run, [before, baseline(corpus, args.baseline_limit)], args.workers)
        if args.stage_limit:
            sample = Path(tmp) / "sample.csv"
            write_corpus(sample, 1, args.stage_limit)
            report_stages(*stage_pass(sample, Path(tmp) / "stages.db"))


def run_sizes(tmp: Path, args: argparse.Namespace) -> None:
    """Time per article at each corpus size: it should stay about flat."""
    for size in (int(s) for s in args.sizes.split(",")):
        corpus = tmp / f"corpus-{size}.csv"
        write_corpus(corpus, 1, size)
        run = end_to_end(corpus, tmp / f"bench-{size}.db", args)
        link = run.parent.get("link", 0.0)
        print(f"size {size:>7}: {run.line()}; link {link:.1f} s ({1000 * link / run.articles:.2f} ms/art.); "
              f"parent peak so far {rusage_mib()[0]:.0f} MiB")
        corpus.unlink()


if __name__ == "__main__":
    main()
