"""The real server over stdio, driven by pytest-lsp as VS Code and Neovim would drive it."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from .lsp_client import RawClient, apply_text_edits, edits_of, replace_change

SERVER = ClientServerConfig(server_command=[sys.executable, "-m", "pulumi_lint", "server"])
URI = "file:///tmp/pulumi-lint-tests/index.ts"

FLAWED = """\
import * as aws from '@pulumi/aws';
/* pulumi-lint-disable AWS005, AWS006 -- this fixture exercises AWS001 alone */

// 🚀 launch config: emoji before the finding shifts utf-16 columns
const fn = new aws.lambda.Function('api', {
  runtime: 'nodejs22.x',
  environment: { variables: { '🚀': 'x', AWS_REGION: 'eu-west-1' } },
});
export const arn = fn.arn;
"""
FINDING_LINE = next(i for i, line in enumerate(FLAWED.splitlines()) if "AWS_REGION" in line)


async def _start(client: LanguageClient, spec: str) -> None:
    await client.initialize_session(lsp.InitializeParams(capabilities=client_capabilities(spec)))


@pytest_lsp.fixture(config=SERVER)
async def vscode(lsp_client: LanguageClient) -> AsyncIterator[LanguageClient]:
    """VS Code 1.65: utf-16, push diagnostics, versioned document changes."""
    await _start(lsp_client, "visual-studio-code")
    yield lsp_client
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=SERVER)
async def neovim(lsp_client: LanguageClient) -> AsyncIterator[LanguageClient]:
    """Neovim 0.11: offers utf-8 first and pulls diagnostics."""
    await _start(lsp_client, "neovim@v0.11.0")
    yield lsp_client
    await lsp_client.shutdown_session()


def _open(client: LanguageClient, text: str, uri: str = URI, version: int = 1) -> None:
    client.text_document_did_open(
        lsp.DidOpenTextDocumentParams(
            text_document=lsp.TextDocumentItem(uri=uri, language_id="typescript", version=version, text=text)
        )
    )


async def _published(client: LanguageClient, version: int, uri: str = URI) -> lsp.PublishDiagnosticsParams:
    """The next publication for ``uri``; fails if a different version is published."""
    params: lsp.PublishDiagnosticsParams = await client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    while params.uri != uri:
        params = await client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert params.version == version
    return params


async def _pull(client: LanguageClient, uri: str = URI) -> list[lsp.Diagnostic]:
    report = await client.text_document_diagnostic_async(
        lsp.DocumentDiagnosticParams(text_document=lsp.TextDocumentIdentifier(uri=uri))
    )
    assert isinstance(report, lsp.RelatedFullDocumentDiagnosticReport)
    return list(report.items)


def _summary(diagnostics: list[lsp.Diagnostic]) -> list[tuple[object, ...]]:
    return sorted(
        (
            d.code,
            d.range.start.line,
            d.range.start.character,
            d.range.end.line,
            d.range.end.character,
            d.message,
        )
        for d in diagnostics
    )


async def test_open_publishes_diagnostics_with_codes_and_utf16_ranges(vscode: LanguageClient) -> None:
    _open(vscode, FLAWED)
    params = await _published(vscode, 1)
    [diagnostic] = params.diagnostics
    line = FLAWED.splitlines()[FINDING_LINE]
    # utf-16 column: the rocket emoji in the key before it counts as two units.
    expected_column = len(line[: line.index("AWS_REGION")].encode("utf-16-le")) // 2
    assert diagnostic.code == "AWS001"
    assert diagnostic.source == "pulumi-lint"
    assert diagnostic.severity == lsp.DiagnosticSeverity.Error
    assert diagnostic.code_description is not None
    assert diagnostic.code_description.href.endswith("/AWS001.md")
    assert (diagnostic.range.start.line, diagnostic.range.start.character) == (FINDING_LINE, expected_column)
    assert diagnostic.range.end.character == expected_column + len("AWS_REGION")
    assert "reserved" in diagnostic.message and "REGION" in diagnostic.message


async def test_utf8_client_gets_byte_columns_by_pull(neovim: LanguageClient) -> None:
    _open(neovim, FLAWED)
    [diagnostic] = await _pull(neovim)
    line = FLAWED.splitlines()[FINDING_LINE]
    expected_column = len(line[: line.index("AWS_REGION")].encode("utf-8"))
    assert diagnostic.code == "AWS001"
    assert diagnostic.range.start.character == expected_column
    assert diagnostic.range.end.character == expected_column + len("AWS_REGION")


@pytest.mark.parametrize("line_ending", ["\n", "\r\n"])
async def test_incremental_edits_match_a_fresh_open(vscode: LanguageClient, line_ending: str) -> None:
    text = FLAWED.replace("\n", line_ending)
    _open(vscode, text)
    await _published(vscode, 1)
    encoding = "utf-16"
    # Several changes in one notification, each relative to the text after the previous one.
    changes = []
    steps = [
        ("// 🚀 launch", "// 🚀🚀 launch"),
        ("'eu-west-1'", "'eu-west-1', AWS_SESSION_TOKEN: 'x'"),
        ("  runtime: 'nodejs22.x',", "  runtime: 'nodejs24.x', memorySize: 256,"),
        (line_ending + "export const arn", line_ending + "// ünïcödé" + line_ending + "export const arn"),
    ]
    current = text
    for old, new in steps:
        start = current.index(old)
        changes.append(replace_change(current, start, start + len(old), new, encoding))
        current = current[:start] + new + current[start + len(old) :]
    vscode.text_document_did_change(
        lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=URI, version=2),
            content_changes=changes,
        )
    )
    edited = await _published(vscode, 2)
    other = URI.replace("index.ts", "fresh.ts")
    _open(vscode, current, uri=other)
    fresh = await _published(vscode, 1, uri=other)
    assert [d.code for d in edited.diagnostics] == ["AWS001", "AWS001"]
    assert _summary(list(edited.diagnostics)) == _summary(list(fresh.diagnostics))


async def test_quick_fix_removes_its_diagnostic(vscode: LanguageClient) -> None:
    _open(vscode, FLAWED)
    [diagnostic] = (await _published(vscode, 1)).diagnostics
    actions = await vscode.text_document_code_action_async(
        lsp.CodeActionParams(
            text_document=lsp.TextDocumentIdentifier(uri=URI),
            range=diagnostic.range,
            context=lsp.CodeActionContext(diagnostics=[diagnostic]),
        )
    )
    assert actions is not None
    titles = [a.title for a in actions if isinstance(a, lsp.CodeAction)]
    assert "Rename AWS_REGION to REGION (AWS001, unsafe)" in titles
    assert "Disable AWS001 for this line" in titles
    rename = next(a for a in actions if isinstance(a, lsp.CodeAction) and a.title.startswith("Rename"))
    assert rename.kind == lsp.CodeActionKind.QuickFix
    assert rename.edit is not None and rename.edit.document_changes  # versioned edits for VS Code
    new_text = apply_text_edits(FLAWED, edits_of(rename.edit, URI), "utf-16")
    assert "REGION: 'eu-west-1'" in new_text and "AWS_REGION" not in new_text
    vscode.text_document_did_change(
        lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=URI, version=2),
            content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=new_text)],
        )
    )
    assert list((await _published(vscode, 2)).diagnostics) == []


async def test_disable_comment_action_suppresses_the_finding(neovim: LanguageClient) -> None:
    _open(neovim, FLAWED)
    [diagnostic] = await _pull(neovim)
    actions = await neovim.text_document_code_action_async(
        lsp.CodeActionParams(
            text_document=lsp.TextDocumentIdentifier(uri=URI),
            range=diagnostic.range,
            context=lsp.CodeActionContext(diagnostics=[diagnostic]),
        )
    )
    assert actions is not None
    disable = next(a for a in actions if isinstance(a, lsp.CodeAction) and a.title == "Disable AWS001 for this line")
    assert disable.edit is not None
    new_text = apply_text_edits(FLAWED, edits_of(disable.edit, URI), "utf-8")
    assert "  // pulumi-lint-disable-next-line AWS001\n  environment:" in new_text
    neovim.text_document_did_change(
        lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=URI, version=2),
            content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=new_text)],
        )
    )
    assert await _pull(neovim) == []


async def test_fix_all_applies_safe_fixes_only(vscode: LanguageClient) -> None:
    text = FLAWED.replace("export const arn = fn.arn;\n", "export const arn = fn.arn;")
    _open(vscode, text)
    before = (await _published(vscode, 1)).diagnostics
    actions = await vscode.text_document_code_action_async(
        lsp.CodeActionParams(
            text_document=lsp.TextDocumentIdentifier(uri=URI),
            range=lsp.Range(start=lsp.Position(line=0, character=0), end=lsp.Position(line=0, character=0)),
            context=lsp.CodeActionContext(diagnostics=[], only=["source.fixAll"]),
        )
    )
    assert actions is not None
    assert "TS005" in {d.code for d in before}, "the missing final newline has a safe fix"
    [fix_all] = [a for a in actions if isinstance(a, lsp.CodeAction)]
    assert fix_all.kind == "source.fixAll.pulumi-lint"
    # VS Code resolves edits lazily: the action comes bare and is filled in when picked.
    assert fix_all.edit is None
    resolved = await vscode.code_action_resolve_async(fix_all)
    assert resolved.edit is not None
    fixed = apply_text_edits(text, edits_of(resolved.edit, URI), "utf-16")
    assert fixed.endswith("\n")
    assert "AWS_REGION" in fixed, "unsafe fixes are not part of fix-all"


def test_fix_all_is_computed_only_when_asked_for_without_resolve() -> None:
    """A client that cannot resolve gets fix-all's edit when it asks for that kind, and only then."""
    with RawClient([sys.executable, "-m", "pulumi_lint", "server"]) as client:
        client.request("initialize", {"processId": None, "rootUri": None, "capabilities": {}})
        client.notify("initialized", {})
        text = FLAWED.replace("export const arn = fn.arn;\n", "export const arn = fn.arn;")
        client.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": URI, "languageId": "typescript", "version": 1, "text": text}},
        )
        client.next_notification("textDocument/publishDiagnostics")
        everywhere = {"start": {"line": 0, "character": 0}, "end": {"line": 9, "character": 0}}
        lightbulb = client.request(
            "textDocument/codeAction",
            {"textDocument": {"uri": URI}, "range": everywhere, "context": {"diagnostics": []}},
        )
        assert all(a["kind"] != "source.fixAll.pulumi-lint" for a in lightbulb["result"])
        asked = client.request(
            "textDocument/codeAction",
            {
                "textDocument": {"uri": URI},
                "range": everywhere,
                "context": {"diagnostics": [], "only": ["source.fixAll"]},
            },
        )
        [fix_all] = asked["result"]
        assert fix_all["edit"]["changes"][URI], "the edit comes with the action"


def test_code_action_without_diagnostic_ranges_is_answered() -> None:
    """Neovim 0.7 sends the diagnostics of a code action request without their range."""
    with RawClient([sys.executable, "-m", "pulumi_lint", "server"]) as client:
        client.request("initialize", {"processId": None, "rootUri": None, "capabilities": {}})
        client.notify("initialized", {})
        client.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": URI, "languageId": "typescript", "version": 1, "text": FLAWED}},
        )
        published = client.next_notification("textDocument/publishDiagnostics")
        [diagnostic] = published["diagnostics"]
        result = client.request(
            "textDocument/codeAction",
            {
                "textDocument": {"uri": URI},
                "range": {
                    "start": {"line": FINDING_LINE, "character": 0},
                    "end": {"line": FINDING_LINE, "character": 200},
                },
                "context": {"diagnostics": [{"message": diagnostic["message"], "code": "AWS001", "severity": 1}]},
            },
        )
        assert "error" not in result
        titles = [action["title"] for action in result["result"]]
        assert any(t.startswith("Rename AWS_REGION to REGION") for t in titles)


async def test_close_clears_diagnostics(vscode: LanguageClient) -> None:
    _open(vscode, FLAWED)
    assert (await _published(vscode, 1)).diagnostics
    vscode.text_document_did_close(lsp.DidCloseTextDocumentParams(text_document=lsp.TextDocumentIdentifier(uri=URI)))
    params: lsp.PublishDiagnosticsParams = await vscode.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert params.uri == URI and list(params.diagnostics) == []


async def test_line_separator_inside_a_string_does_not_shift_lines(vscode: LanguageClient) -> None:
    """U+2028 is not a line break in LSP: edits after it must land on the right line."""
    text = "const note = 'a\u2028b';\n" + FLAWED
    _open(vscode, text)
    first = (await _published(vscode, 1)).diagnostics
    start = text.index("AWS_REGION")
    change = replace_change(text, start, start, "X", "utf-16")
    vscode.text_document_did_change(
        lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=URI, version=2),
            content_changes=[change],
        )
    )
    assert first and list((await _published(vscode, 2)).diagnostics) == []  # XAWS_REGION is not reserved
