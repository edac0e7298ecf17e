"""``fewer_collections``: a larger threshold inside the block, the old one back after it, errors included."""

from __future__ import annotations

import gc

import pytest

from dyad.collector import fewer_collections


def test_the_threshold_is_raised_inside_and_restored_after_even_on_an_error() -> None:
    before = gc.get_threshold()
    with pytest.raises(ValueError), fewer_collections(5_000):
        assert gc.get_threshold() == (5_000, *before[1:])
        raise ValueError("boom")
    assert gc.get_threshold() == before


def test_a_nested_block_keeps_the_larger_threshold() -> None:
    with fewer_collections(30_000):
        with fewer_collections(2_000):
            assert gc.get_threshold()[0] == 30_000
        assert gc.get_threshold()[0] == 30_000
