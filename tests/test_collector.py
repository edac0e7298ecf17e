"""``fewer_collections``: a larger threshold inside the block, the old one back after it, errors included."""

from __future__ import annotations

import gc
import sys
import threading

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


def test_blocks_that_overlap_without_nesting_still_restore_the_threshold() -> None:
    before = gc.get_threshold()
    first, second = fewer_collections(), fewer_collections()
    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)  # closed before the one opened after it, as two threads may
    assert gc.get_threshold()[0] == 20_000
    second.__exit__(None, None, None)
    assert gc.get_threshold() == before


def test_threads_entering_and_leaving_at_random_leave_the_threshold_as_it_was() -> None:
    before = gc.get_threshold()

    def work() -> None:
        for _ in range(300):
            with fewer_collections():
                pass

    switch = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible
    try:
        threads = [threading.Thread(target=work) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        sys.setswitchinterval(switch)
    assert gc.get_threshold() == before


def test_automatic_collection_turned_off_stays_off() -> None:
    before = gc.get_threshold()
    gc.set_threshold(0)
    try:
        with fewer_collections():
            assert gc.get_threshold()[0] == 0
        assert gc.get_threshold()[0] == 0
    finally:
        gc.set_threshold(*before)
