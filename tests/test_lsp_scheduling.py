"""Scheduling in the server: a background analysis gives way to waiting messages, and what a request
describes is always the document's current version."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types as lsp
from pulumi_lint.lsp import server as server_module
from pulumi_lint.lsp.server import OpenDocument, PulumiLintServer, did_change, did_open, hover
from pulumi_lint.lsp.transport import _EOF, Dispatcher
from pygls.workspace import Workspace

EXAMPLE = Path(__file__).parent / "rules" / "AWS001" / "bad.ts"
BASE = "file:///tmp/pulumi-lint-scheduling/"


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


def _insert_line(server: PulumiLintServer, item: OpenDocument, text: str) -> None:
    change = lsp.TextDocumentContentChangePartial(range=lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0)), text=text)
    did_change(
        server,
        lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=item.uri, version=item.document.version + 1),
            content_changes=[change],
        ),
    )


def _summary(item: OpenDocument) -> list[tuple[object, ...]]:
    return [(d.code, d.range.start.line, d.range.start.character, d.message) for d in item.diagnostics]


def test_a_waiting_request_stops_the_background_analysis_and_the_document_stays_to_do() -> None:
    server = _server()
    first = _open(server, "first.ts", EXAMPLE.read_text())
    second = _open(server, "second.ts", EXAMPLE.read_text())
    before = _summary(first)
    assert before, "the example has findings"
    _insert_line(server, first, "// a new first line\n")
    _insert_line(server, second, "// a new first line\n")

    server.flush(lambda: True, lambda: True)  # a request is waiting: nothing may be analysed now
    assert first.dirty and second.dirty
    assert first.analysis is not None and first.analysis.version == 1 and first.document.version == 2
    assert _summary(first) == before  # not replaced by a half-done analysis

    # Once nothing waits, both are analysed in full: as a fresh open of the same text.
    server.flush()
    assert not first.dirty and not second.dirty
    assert first.analysis is not None and first.analysis.version == 2
    fresh = _open(server, "fresh.ts", first.document.source.decode())
    assert _summary(first) == _summary(fresh)
    assert [d.range.start.line for d in first.diagnostics] == [line + 1 for _, line, _, _ in before]


def test_a_request_after_a_stopped_analysis_describes_the_current_version() -> None:
    server = _server()
    item = _open(server, "doc.ts", EXAMPLE.read_text())
    finding = item.diagnostics[0]
    _insert_line(server, item, "\n\n")
    server.flush(lambda: True, lambda: True)
    assert item.analysis is not None and item.analysis.version != item.document.version

    # The finding moved two lines down: a hover at its new place finds it, at its old place not.
    moved = lsp.Position(finding.range.start.line + 2, finding.range.start.character)
    doc = lsp.TextDocumentIdentifier(uri=item.uri)
    answer = hover(server, lsp.HoverParams(text_document=doc, position=moved))
    assert item.analysis.version == item.document.version == 2
    assert answer is not None and answer.range is not None and answer.range.start == moved
    assert str(finding.code) in str(answer.contents.value)  # type: ignore[union-attr]


def test_without_a_request_an_analysis_gives_way_only_after_its_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    server = _server()
    item = _open(server, "doc.ts", EXAMPLE.read_text())
    _insert_line(server, item, "// one\n")
    # A notification waits, but the analysis has not run for its budget yet: it finishes.
    monkeypatch.setattr(server_module, "GIVE_WAY_AFTER", 3600.0)
    server.flush(lambda: True, lambda: False)
    assert not item.dirty and item.analysis is not None and item.analysis.version == 2

    _insert_line(server, item, "// two\n")
    monkeypatch.setattr(server_module, "GIVE_WAY_AFTER", -1.0)  # the budget is spent at once
    server.flush(lambda: True, lambda: False)
    assert item.dirty and item.analysis.version == 2
    server.flush()
    assert not item.dirty and item.analysis is not None and item.analysis.version == 3


def test_the_dispatcher_knows_a_request_waits_before_it_takes_it() -> None:
    dispatcher = Dispatcher(_server().protocol, lambda pending, request: None)
    change = {"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {}}
    request = {"jsonrpc": "2.0", "id": 7, "method": "textDocument/hover", "params": {}}
    answer = {"jsonrpc": "2.0", "id": 3, "result": None}  # an answer to one of ours is no request
    for message in (change, answer):
        dispatcher.arrived(message)
    assert dispatcher.pending() and not dispatcher.request_pending()
    dispatcher.arrived(request)
    assert dispatcher.request_pending()
    for message in (change, answer, request):
        dispatcher._took(message)
    assert not dispatcher.pending() and not dispatcher.request_pending()
    dispatcher.arrived(_EOF)
    assert dispatcher.pending() and not dispatcher.request_pending()
