"""A crawl sets the garbage collector aside for its long-lived objects, and gives them back after."""

from __future__ import annotations

import gc

from crawler.heap import YOUNG_COLLECTION_THRESHOLD, settled_heap


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
