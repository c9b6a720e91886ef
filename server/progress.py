"""A progress bar on stderr for long ``check`` runs, drawn only where someone watches it.

It draws when stderr is a terminal (not a pipe, a file or CI's log), the terminal is not
``TERM=dumb``, and the run has enough files to take a noticeable time. It redraws only when the
bar would change, and erases itself before the results are printed.
"""

from __future__ import annotations

import os
import shutil
from typing import TextIO

# Below this many files a run is over before a bar would be worth reading.
PROGRESS_MIN_FILES = 40
BAR_WIDTH = 24


def wanted(stream: TextIO, total: int) -> bool:
    if total < PROGRESS_MIN_FILES or os.environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # closed or unusual streams
        return False


class ProgressBar:
    def __init__(self, stream: TextIO, total: int, *, enabled: bool | None = None) -> None:
        self.stream = stream
        self.total = total
        self.enabled = wanted(stream, total) if enabled is None else enabled
        self.done = 0
        self.drawn = -1
        self.width = 0

    def advance(self, path: str) -> None:
        if not self.enabled:
            return
        self.done += 1
        filled = self.done * BAR_WIDTH // max(self.total, 1)
        percent = self.done * 100 // max(self.total, 1)
        if percent == self.drawn and self.done != self.total:
            return
        self.drawn = percent
        columns = shutil.get_terminal_size(fallback=(80, 24)).columns
        text = f"[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {self.done}/{self.total} {path}"
        text = text[: max(columns - 1, 10)]
        # Pad over what the previous, longer line left behind.
        self.stream.write("\r" + text.ljust(self.width))
        self.width = len(text)
        self.stream.flush()

    def close(self) -> None:
        if self.enabled and self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()
            self.width = 0
