"""How the server keeps Python's cyclic garbage collector from pausing a keystroke.

The open documents' program models are hundreds of thousands of long-lived objects. Left in the
collector's generations, a full collection rescans them all whenever enough new objects have
survived: 100 ms or more for a few large files, in the middle of whatever edit triggered it. An
analysis leaves no reference cycles behind (a test checks it), so after each one the survivors are
frozen out of the collector's reach; young objects are still collected as usual. Now and then,
every ``full_every`` analyses, the frozen objects are collected once, in case something outside
the analysis (the protocol library, a failed request) left a cycle behind.
"""

from __future__ import annotations

import gc


class Heap:
    __slots__ = ("full_every", "since_full")

    def __init__(self, full_every: int = 5000) -> None:
        self.full_every = full_every
        self.since_full = 0

    def analysed(self) -> None:
        """After an analysis: its results stay, so take them out of the collector's scans."""
        self.since_full += 1
        if self.since_full >= self.full_every:
            self.since_full = 0
            gc.unfreeze()
            gc.collect()
        gc.freeze()
