"""A crawl sets the garbage collector aside for its long-lived objects, and gives them back after."""

from __future__ import annotations

import gc

from crawler.runtime.heap import YOUNG_COLLECTION_THRESHOLD, collector_paused, settled_heap


def test_a_crawl_freezes_the_heap_and_restores_the_collector_after() -> None:
    before = gc.get_threshold()
    frozen_before = gc.get_freeze_count()
    with settled_heap():
        assert gc.get_freeze_count() > frozen_before  # the import-time objects are set aside
        assert gc.get_threshold()[0] >= YOUNG_COLLECTION_THRESHOLD
    assert gc.get_freeze_count() == 0  # back to the collector: later garbage among them is freed
    assert gc.get_threshold() == before


def test_garbage_made_before_a_crawl_is_still_collected_after_it() -> None:
    class Node:
        pass

    cycle = Node()
    cycle.self = cycle  # reachable only through itself once dropped
    marker = id(cycle)
    with settled_heap():
        pass
    del cycle
    gc.collect()
    assert all(id(obj) != marker for obj in gc.get_objects() if isinstance(obj, Node))


def test_imports_run_without_cyclic_collections_and_the_collector_comes_back() -> None:
    collections_seen: list[str] = []

    def callback(phase: str, info: dict) -> None:
        collections_seen.append(phase)

    gc.callbacks.append(callback)
    try:
        with collector_paused():
            assert not gc.isenabled()
            kept = [[] for _ in range(50_000)]  # far past the young generation's threshold
            assert collections_seen == []
        assert gc.isenabled()
        assert len(kept) == 50_000
    finally:
        gc.callbacks.remove(callback)


def test_a_collector_switched_off_on_purpose_stays_off() -> None:
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
