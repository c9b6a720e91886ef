"""The server's collector policy (server/lsp/heap.py): survivors of an analysis are frozen out of
the collector's generations, and a full collection still runs every ``full_every`` analyses."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest
from pulumi_lint.lsp.heap import Heap


@pytest.fixture
def unfrozen() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_an_analysis_freezes_what_survived_it(unfrozen: None) -> None:
    Heap().analysed()
    assert gc.get_freeze_count() > 0


def test_a_cycle_frozen_by_an_analysis_waits_for_the_next_full_collection(unfrozen: None) -> None:
    heap = Heap(full_every=3)
    cycle = _Cycle()
    ref = weakref.ref(cycle)
    heap.analysed()  # alive: frozen with everything else
    del cycle
    gc.collect()
    assert ref() is not None, "a frozen cycle is out of the collector's reach"
    heap.analysed()
    assert ref() is not None
    heap.analysed()  # the third: unfreeze, collect, freeze again
    assert ref() is None
