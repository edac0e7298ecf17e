"""Shared fixtures: the knowledge base (loaded once), paths to ../shared, and a coder helper."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyad.knowledge.loader import Knowledge

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
