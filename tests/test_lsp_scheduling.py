"""Scheduling in the server: a background analysis gives way to waiting messages, what a request
describes is always the document's current version, and trees kept from keystrokes that left a
syntax error are settled once typing pauses."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from lsprotocol import types as lsp
from pulumi_lint.document import parse
from pulumi_lint.engine import Engine
from pulumi_lint.findings import Finding, Severity
from pulumi_lint.lsp import server as server_module
from pulumi_lint.lsp.server import OpenDocument, PulumiLintServer, did_change, did_open, hover
from pulumi_lint.lsp.transport import _EOF, Dispatcher
from pulumi_lint.rule import Context, Rule, RuleMeta
from pygls.workspace import Workspace

from .lsp_client import position_of
from .test_parse_after_errors import _assert_same_tree

EXAMPLE = Path(__file__).parent / "rules" / "AWS001" / "bad.ts"
BASE = "file:///tmp/pulumi-lint-scheduling/"
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


def _settling_probe() -> Rule:
    """A rule whose finding says whether the document waits to be settled: findings that hang on
    how the parser recovered from an error, as a rare edit gives them, on every such edit."""

    def check(ctx: Context) -> Iterator[Finding]:
        if ctx.document.needs_settling:
            yield ctx.finding((0, 1), "the tree may not be a fresh parse's")

    return Rule(RuleMeta(code="TST001", name="settling-probe", severity=Severity.INFO), "", check, "probe")


def test_settling_asks_a_pulling_client_to_refresh_only_when_diagnostics_changed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    server = _server()
    server.protocol.client_capabilities = lsp.ClientCapabilities(
        workspace=lsp.WorkspaceClientCapabilities(diagnostics=lsp.DiagnosticWorkspaceClientCapabilities(refresh_support=True))
    )
    refreshed: list[object] = []
    monkeypatch.setattr(server, "workspace_diagnostic_refresh", refreshed.append)
    engine = Engine(rules=[_settling_probe()])
    monkeypatch.setattr(server, "engine_for", lambda item: engine)
    item = _open(server, "doc.ts", "const a = f(1);\nconst b = 2;\n")
    assert item.diagnostics == []

    paren = item.document.source.index(b")")
    _delete(server, item, paren, paren + 1)
    server.flush()
    assert [d.code for d in item.diagnostics] == ["TST001"]
    server.settle(lambda: False, lambda: False)
    assert item.diagnostics == [] and refreshed == [None]

    # Settling that changes no diagnostic asks for nothing.
    quiet = Engine(rules=[])
    monkeypatch.setattr(server, "engine_for", lambda item: quiet)
    semicolon = item.document.source.index(b";")
    _delete(server, item, semicolon, semicolon + 1)
    server.flush()
    assert item.document.needs_settling and item.diagnostics == []
    server.settle(lambda: False, lambda: False)
    assert not item.document.needs_settling
    assert refreshed == [None]
