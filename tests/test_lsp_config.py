"""The server with pulumi-lint.toml files and client settings: discovery, watching, layering."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

SERVER = ClientServerConfig(server_command=[sys.executable, "-m", "pulumi_lint", "server"])
SOURCE = "export const x: any = 1;\n"


@pytest_lsp.fixture(config=SERVER)
async def vscode(lsp_client: LanguageClient) -> AsyncIterator[LanguageClient]:
    # tests/conftest.py records the server's dynamic registrations on the client.
    await lsp_client.initialize_session(
        lsp.InitializeParams(capabilities=client_capabilities("visual-studio-code"))
    )
    yield lsp_client
    await lsp_client.shutdown_session()


def _open(client: LanguageClient, path: Path) -> str:
    uri = path.as_uri()
    client.text_document_did_open(
        lsp.DidOpenTextDocumentParams(
            text_document=lsp.TextDocumentItem(uri=uri, language_id="typescript", version=1, text=SOURCE)
        )
    )
    return uri


async def _next(client: LanguageClient, uri: str) -> list[lsp.Diagnostic]:
    while True:
        params: lsp.PublishDiagnosticsParams = await asyncio.wait_for(
            client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), 30
        )
        if params.uri == uri:
            return list(params.diagnostics)


def _summary(diagnostics: list[lsp.Diagnostic]) -> list[tuple[Any, Any]]:
    return [(d.code, d.severity) for d in diagnostics]


def _changed(client: LanguageClient, path: Path, kind: lsp.FileChangeType) -> None:
    client.workspace_did_change_watched_files(
        lsp.DidChangeWatchedFilesParams(changes=[lsp.FileEvent(uri=path.as_uri(), type=kind)])
    )


async def test_config_file_changes_relint_open_documents(vscode: LanguageClient, tmp_path: Path) -> None:
    uri = _open(vscode, tmp_path / "src" / "index.ts")
    assert _summary(await _next(vscode, uri)) == [("TS003", lsp.DiagnosticSeverity.Warning)]
    # The watcher is registered in answer to `initialized`, which may be handled after the first
    # analysis of a document opened at once: wait for it (up to 10 s) rather than for an order.
    watched: list[lsp.Registration] = []
    for _ in range(200):
        registrations: list[lsp.Registration] = getattr(vscode, "registrations", [])
        watched = [r for r in registrations if r.method == lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES]
        if watched:
            break
        await asyncio.sleep(0.05)
    assert len(watched) == 1
    patterns = {w["globPattern"] for w in watched[0].register_options["watchers"]}
    assert {"**/pulumi-lint.toml", "**/.pulumi-lint.toml"} <= patterns

    config = tmp_path / "pulumi-lint.toml"
    config.write_text('[severity]\nTS003 = "error"\n')
    _changed(vscode, config, lsp.FileChangeType.Created)
    assert _summary(await _next(vscode, uri)) == [("TS003", lsp.DiagnosticSeverity.Error)]

    # A partly invalid file: the valid part applies, the problem is shown once with file and line.
    config.write_text('ignore = ["TS003"]\ncolour = "blue"\n')
    _changed(vscode, config, lsp.FileChangeType.Changed)
    assert await _next(vscode, uri) == []
    shown = [m.message for m in vscode.messages if "invalid configuration" in m.message]
    assert len(shown) == 1
    assert f"{config}:2: colour: unknown key" in shown[0]

    config.unlink()
    _changed(vscode, config, lsp.FileChangeType.Deleted)
    assert _summary(await _next(vscode, uri)) == [("TS003", lsp.DiagnosticSeverity.Warning)]


async def test_client_settings_layer_above_the_file(vscode: LanguageClient, tmp_path: Path) -> None:
    (tmp_path / "pulumi-lint.toml").write_text(
        '[severity]\nTS003 = "error"\n[rules.TS004]\nmax-line-length = 10\n'
    )
    uri = _open(vscode, tmp_path / "index.ts")
    assert _summary(await _next(vscode, uri)) == [
        ("TS004", lsp.DiagnosticSeverity.Warning),
        ("TS003", lsp.DiagnosticSeverity.Error),
    ]
    vscode.set_configuration({"severity": {"TS003": "hint", "TS004": "off"}}, section="pulumiLint")
    vscode.workspace_did_change_configuration(lsp.DidChangeConfigurationParams(settings=None))
    assert _summary(await _next(vscode, uri)) == [("TS003", lsp.DiagnosticSeverity.Hint)]


async def test_excluded_files_get_no_diagnostics(vscode: LanguageClient, tmp_path: Path) -> None:
    (tmp_path / "pulumi-lint.toml").write_text('exclude = ["generated"]\n')
    uri = _open(vscode, tmp_path / "generated" / "index.ts")
    assert await _next(vscode, uri) == []
