"""Client-side helpers for the LSP tests: a text model independent of the server's."""

from __future__ import annotations

import json
import re
import subprocess
from typing import Any

from lsprotocol import types as lsp

_BREAK = re.compile(r"\r\n|\r|\n")


def _line_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in _BREAK.finditer(text))]


def _units(ch: str, encoding: str) -> int:
    if encoding == "utf-8":
        return len(ch.encode("utf-8"))
    if encoding == "utf-32":
        return 1
    return 2 if ord(ch) > 0xFFFF else 1


def index_of(text: str, position: lsp.Position, encoding: str) -> int:
    """The str index of an LSP position, computed the way a client does."""
    starts = _line_starts(text)
    if position.line >= len(starts):
        return len(text)
    index = starts[position.line]
    units = 0
    while units < position.character and index < len(text) and text[index] not in "\r\n":
        units += _units(text[index], encoding)
        index += 1
    return index


def position_of(text: str, index: int, encoding: str) -> lsp.Position:
    starts = _line_starts(text)
    line = max(i for i, s in enumerate(starts) if s <= index)
    character = sum(_units(ch, encoding) for ch in text[starts[line] : index])
    return lsp.Position(line=line, character=character)


def apply_text_edits(text: str, edits: list[lsp.TextEdit], encoding: str) -> str:
    resolved = sorted(
        ((index_of(text, e.range.start, encoding), index_of(text, e.range.end, encoding), e.new_text) for e in edits),
        reverse=True,
    )
    for start, end, new in resolved:
        text = text[:start] + new + text[end:]
    return text


def edits_of(edit: lsp.WorkspaceEdit, uri: str) -> list[lsp.TextEdit]:
    if edit.document_changes:
        found: list[lsp.TextEdit] = []
        for change in edit.document_changes:
            assert isinstance(change, lsp.TextDocumentEdit)
            assert change.text_document.uri == uri
            found.extend(e for e in change.edits if isinstance(e, lsp.TextEdit))
        return found
    assert edit.changes is not None
    return list(edit.changes[uri])


def replace_change(text: str, start: int, end: int, new: str, encoding: str) -> lsp.TextDocumentContentChangePartial:
    """The incremental change that replaces ``text[start:end]`` with ``new``."""
    return lsp.TextDocumentContentChangePartial(
        range=lsp.Range(start=position_of(text, start, encoding), end=position_of(text, end, encoding)),
        text=new,
    )


class RawClient:
    """A bare JSON-RPC client over a server's stdio, for messages typed clients refuse to send."""

    def __init__(self, command: list[str]) -> None:
        self.command = command
        self.next_id = 0
        self.pending: list[dict[str, Any]] = []

    def __enter__(self) -> RawClient:
        self.process = subprocess.Popen(
            self.command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            self.request("shutdown", None)
            self.notify("exit", None)
            self.process.wait(timeout=10)
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()

    def _send(self, message: dict[str, Any]) -> None:
        assert self.process.stdin is not None
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def _receive(self) -> dict[str, Any]:
        assert self.process.stdout is not None
        length = -1
        while True:
            line = self.process.stdout.readline()
            if not line:
                raise EOFError("the server closed its output")
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":", 1)[1])
            elif line == b"\r\n" and length >= 0:
                break
        message: dict[str, Any] = json.loads(self.process.stdout.read(length))
        return message

    def notify(self, method: str, params: Any) -> None:
        self._send({"method": method, "params": params})

    def request(self, method: str, params: Any) -> dict[str, Any]:
        self.next_id += 1
        self._send({"id": self.next_id, "method": method, "params": params})
        while True:
            message = self._receive()
            if message.get("id") == self.next_id and "method" not in message:
                return message
            self.pending.append(message)

    def next_notification(self, method: str) -> Any:
        while True:
            for index, message in enumerate(self.pending):
                if message.get("method") == method:
                    return self.pending.pop(index)["params"]
            self.pending.append(self._receive())
