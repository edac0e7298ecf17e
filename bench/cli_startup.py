"""How long the ``dyad`` command takes to answer: ``dyad --help`` and ``dyad events --limit 5``.

Each command runs as a fresh subprocess (what a user waits for at the shell), five times; the
median is printed. ``events`` reads a store made once, untimed, from the seed articles.

    .venv/bin/python bench/cli_startup.py [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
DYAD = Path(sys.executable).with_name("dyad")


def seconds(args: list[str], runs: int) -> list[float]:
    """Wall-clock seconds of ``runs`` fresh runs of ``dyad args``."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([str(DYAD), *args], check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "seeds.db")
        source = [str(SEEDS)] if SEEDS.exists() else []
        if source:
            subprocess.run([str(DYAD), "ingest", *source, "--db", db], check=True, capture_output=True)
        commands = {"dyad --help": ["--help"],
                    "dyad events --limit 5": ["events", "--db", db, "--limit", "5"]}
        for label, args in commands.items():
            times = seconds(args, runs)
            median = statistics.median(times)
            spread = f"min {min(times):.3f}, max {max(times):.3f}, n={runs}"
            print(f"{label:<24} median {median:.3f} s  ({spread})")


if __name__ == "__main__":
    main()
