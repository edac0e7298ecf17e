"""Shared fixtures: the knowledge base (loaded once), paths to ../shared, and a coder helper."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from dyad.knowledge.loader import Knowledge

# Built knowledge and lexicons go to a cache folder of the test run (unless one is given), so the
# tests never read or evict the user's own cache; subprocesses (CLI tests) inherit it.
if "DYAD_CACHE_DIR" not in os.environ:
    os.environ["DYAD_CACHE_DIR"] = _cache = tempfile.mkdtemp(prefix="dyad-test-cache-")
    atexit.register(shutil.rmtree, _cache, ignore_errors=True)

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def knowledge() -> Knowledge:
    return Knowledge.load()


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.exists():
        pytest.skip("../shared is not beside the checkout")
    return SHARED
