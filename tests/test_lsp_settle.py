"""A keystroke that leaves a syntax error is answered from the incremental tree; once typing pauses
the server makes the tree a fresh parse's, analyses again and shows what that changes."""

from __future__ import annotations

import asyncio
from pathlib import Path

from lsprotocol import types as lsp
from pulumi_lint.document import parse
from pulumi_lint.lsp import server as server_module
from pulumi_lint.lsp.server import OpenDocument, PulumiLintServer, did_change, did_open
from pulumi_lint.lsp.transport import _EOF, Dispatcher
from pygls.workspace import Workspace

from .lsp_client import position_of
from .test_parse_after_errors import _assert_same_tree

BASE = "file:///tmp/pulumi-lint-settle/"
# An edit after which tree-sitter 0.26's incremental parse recovers from the error otherwise than a
# fresh parse does (tests/test_parse_after_errors.py, KNOWN_DIVERGENCES).
DIVERGING = Path(__file__).parent / "rules" / "TS003" / "bad.fixed.ts"
DIVERGING_EDIT = (1163, 1164)


def _server() -> PulumiLintServer:
    server = PulumiLintServer()
    server.protocol._workspace = Workspace(None)  # what initialize would set up
    server.protocol.client_capabilities = lsp.ClientCapabilities()
    server.pull = True  # analyse in flush without publishing (there is no client)
    return server


def _open(server: PulumiLintServer, name: str, text: str) -> OpenDocument:
    uri = BASE + name
    item = lsp.TextDocumentItem(uri=uri, language_id="typescript", version=1, text=text)
    did_open(server, lsp.DidOpenTextDocumentParams(text_document=item))
    server.flush()
    return server.open[uri]


def _delete(server: PulumiLintServer, item: OpenDocument, start: int, end: int) -> None:
    text = item.document.source.decode()
    assert text.isascii()  # byte offsets are str indexes
    change = lsp.TextDocumentContentChangePartial(
        range=lsp.Range(position_of(text, start, "utf-16"), position_of(text, end, "utf-16")), text=""
    )
    did_change(
        server,
        lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=item.uri, version=item.document.version + 1),
            content_changes=[change],
        ),
    )


def _summary(item: OpenDocument) -> list[tuple[object, ...]]:
    return [(d.code, d.range.start.line, d.range.start.character, d.message) for d in item.diagnostics]


def test_a_tree_kept_from_an_error_edit_is_settled_and_analysed_again() -> None:
    server = _server()
    item = _open(server, "doc.ts", DIVERGING.read_text())
    assert server.settle_delay() is None
    _delete(server, item, *DIVERGING_EDIT)
    server.flush()
    document = item.document
    assert document.tree.root_node.has_error
    assert document.needs_settling
    assert server.settle_delay() == server_module.SETTLE_AFTER

    server.settle(lambda: False, lambda: False)
    assert not document.needs_settling
    assert server.settle_delay() is None
    assert not item.dirty and item.analysis is not None and item.analysis.version == document.version
    _assert_same_tree(document.tree, parse(document.source), "settled")
    fresh = _open(server, "fresh.ts", document.source.decode())
    assert _summary(item) == _summary(fresh)


def test_settling_gives_way_to_a_waiting_message() -> None:
    server = _server()
    item = _open(server, "doc.ts", DIVERGING.read_text())
    _delete(server, item, *DIVERGING_EDIT)
    server.flush()
    server.settle(lambda: True, lambda: True)
    assert item.document.needs_settling  # left for the next pause


def test_the_dispatcher_does_idle_work_only_after_a_quiet_delay() -> None:
    calls: list[str] = []
    due = [True]

    def idle_delay() -> float | None:
        return 0.05 if due[0] else None

    def on_idle(pending: object, request: object) -> None:
        calls.append("idle")
        due[0] = False

    async def scenario() -> None:
        dispatcher = Dispatcher(_server().protocol, lambda pending, request: calls.append("batch"), idle_delay, on_idle)
        task = asyncio.ensure_future(dispatcher.run())
        note = {"jsonrpc": "2.0", "method": "$/unknownNotification", "params": {}}
        for _ in range(3):  # messages closer together than the delay: no idle work between them
            dispatcher.arrived(note)
            dispatcher.queue.put_nowait(note)
            await asyncio.sleep(0.01)
        await asyncio.sleep(0.2)  # quiet: the idle work runs once, then nothing is due
        dispatcher.arrived(_EOF)
        dispatcher.queue.put_nowait(_EOF)
        await task

    asyncio.run(scenario())
    assert "idle" in calls and calls.count("idle") == 1
    assert calls.index("idle") > calls.index("batch")
