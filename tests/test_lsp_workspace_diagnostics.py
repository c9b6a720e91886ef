"""``workspace/diagnostic``: the whole workspace linted from disk, with work-done progress."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from .test_cli import CLEAN, LAMBDA, write

SERVER = ClientServerConfig(server_command=[sys.executable, "-m", "pulumi_lint", "server"])


def make_workspace(root: Path) -> None:
    write(root / "index.ts", LAMBDA)
    write(root / "clean.ts", CLEAN)
    write(root / "sub" / "deep.ts", LAMBDA)
    # Skipped as `pulumi-lint check` skips them: dependencies, declarations, excluded paths.
    write(root / "node_modules" / "pkg" / "index.ts", LAMBDA)
    write(root / "types.d.ts", LAMBDA)
    write(root / "generated" / "gen.ts", LAMBDA)
    write(root / "pulumi-lint.toml", 'exclude = ["generated"]\n')
    write(root / "notes.md", "# not TypeScript\n")


@pytest_lsp.fixture(config=SERVER)
async def client(lsp_client: LanguageClient, request: pytest.FixtureRequest) -> AsyncIterator[LanguageClient]:
    root: Path = request.getfixturevalue("tmp_path") / "ws"
    make_workspace(root)
    result = await lsp_client.initialize_session(
        lsp.InitializeParams(
            capabilities=client_capabilities("neovim@v0.11.0"),
            workspace_folders=[lsp.WorkspaceFolder(uri=root.as_uri(), name="ws")],
        )
    )
    lsp_client.initialize_result = result  # type: ignore[attr-defined]
    lsp_client.root = root  # type: ignore[attr-defined]
    yield lsp_client
    await lsp_client.shutdown_session()


def _root(client: LanguageClient) -> Path:
    root: Path = client.root  # type: ignore[attr-defined]
    return root


async def _workspace(
    client: LanguageClient, token: str | None = None, previous: list[lsp.PreviousResultId] | None = None
) -> dict[str, lsp.WorkspaceDocumentDiagnosticReport]:
    if token is not None:
        client.progress_reports[token] = []  # the client created it: the server reports under it
    report = await client.workspace_diagnostic_async(
        lsp.WorkspaceDiagnosticParams(previous_result_ids=previous or [], work_done_token=token)
    )
    return {item.uri: item for item in report.items}


def _relative(client: LanguageClient, uri: str) -> str:
    return Path(uri.removeprefix("file://")).relative_to(_root(client)).as_posix()


async def test_server_advertises_workspace_diagnostics(client: LanguageClient) -> None:
    result: lsp.InitializeResult = client.initialize_result  # type: ignore[attr-defined]
    provider = result.capabilities.diagnostic_provider
    assert isinstance(provider, lsp.DiagnosticOptions) and provider.workspace_diagnostics


async def test_every_workspace_file_is_linted_with_progress(client: LanguageClient) -> None:
    items = await _workspace(client, token="lint-ws")
    assert {_relative(client, uri) for uri in items} == {"index.ts", "clean.ts", "sub/deep.ts"}
    by_name = {_relative(client, uri): item for uri, item in items.items()}
    for name in ("index.ts", "sub/deep.ts"):
        report = by_name[name]
        assert isinstance(report, lsp.WorkspaceFullDocumentDiagnosticReport)
        assert [d.code for d in report.items] == ["AWS001"]
        assert report.version is None  # read from disk, not an open document
    clean = by_name["clean.ts"]
    assert isinstance(clean, lsp.WorkspaceFullDocumentDiagnosticReport) and not clean.items

    progress = client.progress_reports["lint-ws"]
    assert isinstance(progress[0], lsp.WorkDoneProgressBegin)
    assert progress[0].title == "pulumi-lint" and progress[0].message == "Linting 3 files"
    assert isinstance(progress[-1], lsp.WorkDoneProgressEnd)
    assert progress[-1].message == "3 files linted"
    reports = [p for p in progress[1:-1] if isinstance(p, lsp.WorkDoneProgressReport)]
    assert len(reports) == len(progress) - 2 and reports
    percentages = [p.percentage for p in reports]
    assert percentages == sorted(percentages) and percentages[-1] == 100


async def test_no_progress_without_a_token(client: LanguageClient) -> None:
    items = await _workspace(client)
    assert len(items) == 3
    assert client.progress_reports == {}


async def test_unchanged_files_are_reported_unchanged(client: LanguageClient) -> None:
    first = await _workspace(client)
    previous = [lsp.PreviousResultId(uri=uri, value=item.result_id or "") for uri, item in first.items()]
    second = await _workspace(client, previous=previous)
    assert set(second) == set(first)
    assert all(isinstance(item, lsp.WorkspaceUnchangedDocumentDiagnosticReport) for item in second.values())

    write(_root(client) / "clean.ts", LAMBDA)  # the file changes on disk
    third = await _workspace(client, previous=previous)
    changed = {_relative(client, uri): item for uri, item in third.items()}
    assert isinstance(changed["clean.ts"], lsp.WorkspaceFullDocumentDiagnosticReport)
    assert [d.code for d in changed["clean.ts"].items] == ["AWS001"]
    assert isinstance(changed["index.ts"], lsp.WorkspaceUnchangedDocumentDiagnosticReport)


async def test_open_documents_are_reported_from_the_editor_text(client: LanguageClient) -> None:
    uri = (_root(client) / "index.ts").as_uri()
    client.text_document_did_open(
        lsp.DidOpenTextDocumentParams(
            text_document=lsp.TextDocumentItem(uri=uri, language_id="typescript", version=7, text=CLEAN)
        )
    )
    items = await _workspace(client)
    report = items[uri]
    # The unsaved text is clean although the file on disk is not.
    assert isinstance(report, lsp.WorkspaceFullDocumentDiagnosticReport)
    assert report.version == 7 and not report.items
