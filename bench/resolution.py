"""Cross-document resolution time for 10k, 100k and 1M synthetic mentions through ``linking.cluster``.

    .venv/bin/python bench/resolution.py [--sizes 10000,100000,1000000] [--skew 1.0] [--max-seconds 600]

Each mention is one document actor (``DocActorRow``): 80% persons, 20% organisations. People are
drawn with realistic spelling variation (Ahmad/Ahmed, Mohamed/Mohammed/Muhammad, Abdel/Abdul,
al-/Al/El, doubled consonants, -a/-eh endings), one row in ten names the surname alone, and about
fifteen distinct people share each surname. How often each person is mentioned follows a Zipf law
with exponent ``--skew`` (1.0: a few heads of state in many documents, as in real news; 0: uniform).
Each size runs in its own process and is stopped after ``--max-seconds``.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import resource
import time
from itertools import accumulate

from dyad.resolve.linking import cluster
from dyad.store import DocActorRow
from dyad.types import Kind

GIVEN = [("Ahmad", "Ahmed"), ("Mohamed", "Mohammed", "Muhammad"), ("Abdel Rahman", "Abdul Rahman"),
         ("Khalid", "Khaled"), ("Youssef", "Yousef"), ("Hussein", "Husain"), ("Omar",), ("Ali",),
         ("Ibrahim",), ("Mahmoud", "Mahmud"), ("Saeed", "Said"), ("Fatima", "Fatma"), ("Leila", "Layla"),
         ("John",), ("Marie",), ("Pierre",), ("Sergei", "Sergey"), ("Elena",), ("Mehmet", "Mehmed")]
PREFIXES = ("", "al-", "Al ", "El ")
SYLLABLES = ("ha", "ja", "ra", "ka", "ma", "na", "sa", "ta", "ba", "da", "fa", "za", "qa", "la", "shi",
             "kha", "bi", "mu", "ri", "dou", "bei", "sou", "ta", "ghi")
COUNTRIES = ("SYR", "LBY", "LBN", "IRQ", "EGY", "TUR", "RUS", "FRA", "USA", "JOR", "YEM", "TUN")
ORGS = ("Ministry of Interior", "Ministry of Defence", "Red Crescent", "Central Bank", "National Army",
        "Electoral Commission", "Border Guard", "Oil Corporation")


def surname(rng: random.Random) -> str:
    """A made-up Arabic-like surname stem, e.g. 'Hajjar' (double consonants collapse in the skeleton)."""
    stem = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))
    return stem.capitalize() + rng.choice("rdbnlhk")


def spelled(stem: str, rng: random.Random) -> str:
    """One spelling of a surname: a prefix, a doubled consonant, an -eh ending."""
    word = stem
    if rng.random() < 0.3:
        i = rng.randrange(1, len(word) - 1)
        word = word[:i] + word[i] + word[i:] if word[i] not in "aeiou" else word
    if rng.random() < 0.2:
        word = word + "eh"
    return rng.choice(PREFIXES) + word


def rows(n: int, skew: float, seed: int = 7) -> tuple[list[DocActorRow], int]:
    """``n`` synthetic document actors (one per document and actor), and how many real entities they name."""
    rng = random.Random(seed)
    people = max(1, int(n * 0.8) // 8)
    stems = [surname(rng) for _ in range(max(1, people // 15))]
    persons = [(rng.choice(GIVEN), rng.choice(stems), rng.choice(COUNTRIES)) for _ in range(people)]
    weights = list(accumulate(1 / (rank + 1) ** skew for rank in range(people)))
    out: list[DocActorRow] = []
    entities: set[object] = set()
    for i in range(n):
        if i % 5 == 4:
            org, country = rng.choice(ORGS), rng.choice(COUNTRIES)
            out.append(_row(i, f"{country} {org}", "organization", country))
            entities.add((org, country))
            continue
        person = rng.choices(range(people), cum_weights=weights)[0]
        given, stem, country = persons[person]
        name = spelled(stem, rng) if rng.random() < 0.1 else f"{rng.choice(given)} {spelled(stem, rng)}"
        out.append(_row(i, name, "person", country if rng.random() < 0.7 else None))
        entities.add(person)
    return out, len(entities)


def _row(i: int, name: str, kind: Kind, country: str | None) -> DocActorRow:
    doc = f"d{i // 6:08d}"  # about six actors per document
    return DocActorRow(id=i + 1, document_id=doc, document_name=doc, key=f"k{i % 6}", name=name, kind=kind,
                       country=country, sector=None, role=None, aliases=(), actor_id=None, published=None)


def time_cluster(n: int, skew: float, out: multiprocessing.Queue[tuple[float, int, int, float, float]]) -> None:
    data, entities = rows(n, skew)
    before = _peak_mib()
    start = time.perf_counter()
    union = cluster(data)
    seconds = time.perf_counter() - start
    out.put((seconds, len({union.find(r.id) for r in data}), entities, before, _peak_mib()))


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--skew", type=float, default=1.0, help="Zipf exponent of mentions per person")
    parser.add_argument("--max-seconds", type=float, default=600)
    args = parser.parse_args()
    for n in (int(s) for s in args.sizes.split(",")):
        queue: multiprocessing.Queue[tuple[float, int, int, float, float]] = multiprocessing.Queue()
        worker = multiprocessing.Process(target=time_cluster, args=(n, args.skew, queue))
        worker.start()
        worker.join(args.max_seconds)
        if worker.is_alive():
            worker.kill()
            print(f"{n:>9} mentions (skew {args.skew}): stopped after {args.max_seconds:.0f} s")
            continue
        seconds, clusters, entities, rows_mib, peak_mib = queue.get()
        per_1k = 1000 * seconds / n
        print(f"{n:>9} mentions (skew {args.skew}): {seconds:8.2f} s, {per_1k:.3f} s per 1k mentions; "
              f"{clusters} clusters for {entities} real entities; peak memory {rows_mib:.0f} MiB with the "
              f"rows, {peak_mib:.0f} MiB after clustering")


if __name__ == "__main__":
    main()
