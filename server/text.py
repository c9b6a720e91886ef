"""UTF-8 text with an LSP line index, and conversions between byte offsets and positions.

Everything inside pulumi-lint works on byte offsets into the UTF-8 source. LSP clients speak in
(line, character) where lines break only on ``\\n``, ``\\r\\n`` and ``\\r`` (never on U+2028 or the
other characters ``str.splitlines`` breaks on) and characters count in the negotiated encoding.
This module is the one place where the two meet.
"""

from __future__ import annotations

import bisect
import re
from array import array
from dataclasses import dataclass
from typing import Literal

Encoding = Literal["utf-8", "utf-16", "utf-32"]

_LINE_BREAK = re.compile(rb"\r\n|\r|\n")


@dataclass(frozen=True, slots=True)
class Position:
    """A zero-based LSP position: line and character in some encoding."""

    line: int
    character: int


def line_starts(source: bytes) -> array[int]:
    """Byte offsets at which each LSP line begins (the first is always 0).

    An array of machine integers, not a list of int objects: an open document keeps one, and a
    list would cost four times the memory.
    """
    starts = array("q", [0])
    starts.extend(m.end() for m in _LINE_BREAK.finditer(source))
    return starts


def _decode(segment: bytes) -> tuple[str, str]:
    """``segment`` as text and the error handler that encodes it back to the same bytes.

    A lone surrogate (a client's UTF-16 text can hold one; the server stores it with
    "surrogatepass") must stay one character, or every column after it on the line shifts.
    """
    try:
        return segment.decode("utf-8", errors="surrogatepass"), "surrogatepass"
    except UnicodeDecodeError:
        return segment.decode("utf-8", errors="surrogateescape"), "surrogateescape"


def _units(segment: bytes, encoding: Encoding) -> int:
    # Most code is ASCII: one byte, one unit in every encoding, and the test runs in C.
    if encoding == "utf-8" or segment.isascii():
        return len(segment)
    text, _ = _decode(segment)
    if encoding == "utf-32":
        return len(text)
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


class LineIndex:
    """Maps byte offsets to LSP positions and back for one immutable source."""

    __slots__ = ("source", "starts")

    def __init__(self, source: bytes) -> None:
        self.source = source
        self.starts = line_starts(source)

    @property
    def line_count(self) -> int:
        return len(self.starts)

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1

    def line_end(self, line: int, *, include_break: bool = False) -> int:
        """Byte offset of the end of ``line`` (before its line break unless asked)."""
        if line + 1 < len(self.starts):
            end = self.starts[line + 1]
            if include_break:
                return end
            if self.source[end - 1 : end] == b"\n" and self.source[end - 2 : end] == b"\r\n":
                return end - 2
            return end - 1
        return len(self.source)

    def line_text(self, line: int) -> bytes:
        return self.source[self.starts[line] : self.line_end(line)]

    def position(self, offset: int, encoding: Encoding = "utf-16") -> Position:
        offset = max(0, min(offset, len(self.source)))
        line = self.line_of(offset)
        start = self.starts[line]
        # An offset inside a \r\n pair belongs to the end of the line, not to the next one.
        return Position(line, _units(self.source[start:offset], encoding))

    def offset(self, position: Position, encoding: Encoding = "utf-16") -> int:
        """Byte offset of an LSP position, clamped to the line's end as LSP asks."""
        if position.line < 0:
            return 0
        if position.line >= len(self.starts):
            return len(self.source)
        start = self.starts[position.line]
        end = self.line_end(position.line)
        if position.character <= 0:
            return start
        if encoding == "utf-8":
            target = min(start + position.character, end)
            # Never split a multi-byte character: back up to its first byte.
            while target > start and target < end and (self.source[target] & 0xC0) == 0x80:
                target -= 1
            return target
        text, errors = _decode(self.source[start:end])
        units = 0
        consumed = 0
        for ch in text:
            width = 1 if encoding == "utf-32" or ord(ch) <= 0xFFFF else 2
            if units + width > position.character:
                break
            units += width
            consumed += len(ch.encode("utf-8", errors))
        return start + consumed


def tree_sitter_point(source: bytes, offset: int) -> tuple[int, int]:
    """tree-sitter point of ``offset`` in ``source`` (rows break on ``\\n`` only)."""
    row = source.count(b"\n", 0, offset)
    last = source.rfind(b"\n", 0, offset)
    return row, offset - (last + 1)
