"""The server and the project around a file: stack files on disk, Pulumi.yaml documents."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

SERVER = ClientServerConfig(server_command=[sys.executable, "-m", "pulumi_lint", "server"])

PROGRAM = """\
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

const config = new pulumi.Config();
const bucketName = config.get('bucket_name') ?? 'data';

export const bucket = new aws.s3.Bucket('data', { bucket: bucketName, tags: { Team: 'data' } });
"""
WRONG_NAMESPACE = "config:\n  other-project:bucket_name: data-dev\n"
RIGHT_NAMESPACE = "config:\n  shop:bucket_name: data-dev\n"


def _project(root: Path, stack: str) -> Path:
    (root / "Pulumi.yaml").write_text("name: shop\nruntime: nodejs\n")
    (root / "Pulumi.dev.yaml").write_text(stack)
    (root / "package.json").write_text('{ "name": "shop", "dependencies": { "@pulumi/aws": "^7.0.0" } }\n')
    program = root / "index.ts"
    program.write_text(PROGRAM)
    return program


@pytest_lsp.fixture(config=SERVER)
async def vscode(lsp_client: LanguageClient) -> AsyncIterator[LanguageClient]:
    await lsp_client.initialize_session(
        lsp.InitializeParams(capabilities=client_capabilities("visual-studio-code"))
    )
    yield lsp_client
    await lsp_client.shutdown_session()


def _open(client: LanguageClient, path: Path, language_id: str = "typescript") -> str:
    uri = path.as_uri()
    client.text_document_did_open(
        lsp.DidOpenTextDocumentParams(
            text_document=lsp.TextDocumentItem(uri=uri, language_id=language_id, version=1, text=path.read_text())
        )
    )
    return uri


async def _codes(client: LanguageClient, uri: str) -> list[str]:
    while True:
        params: lsp.PublishDiagnosticsParams = await client.wait_for_notification(
            lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS
        )
        if params.uri == uri:
            return sorted(str(d.code) for d in params.diagnostics)


async def test_stack_file_changed_on_disk_updates_the_program(vscode: LanguageClient, tmp_path: Path) -> None:
    program = _project(tmp_path, WRONG_NAMESPACE)
    uri = _open(vscode, program)
    assert "PUL009" in await _codes(vscode, uri)

    stack = tmp_path / "Pulumi.dev.yaml"
    stack.write_text(RIGHT_NAMESPACE)
    vscode.workspace_did_change_watched_files(
        lsp.DidChangeWatchedFilesParams(
            changes=[lsp.FileEvent(uri=stack.as_uri(), type=lsp.FileChangeType.Changed)]
        )
    )
    assert "PUL009" not in await _codes(vscode, uri)

    stack.write_text(WRONG_NAMESPACE)
    vscode.workspace_did_change_watched_files(
        lsp.DidChangeWatchedFilesParams(
            changes=[lsp.FileEvent(uri=stack.as_uri(), type=lsp.FileChangeType.Changed)]
        )
    )
    assert "PUL009" in await _codes(vscode, uri)


async def test_stack_document_shows_the_key_under_the_wrong_namespace(
    vscode: LanguageClient, tmp_path: Path
) -> None:
    _project(tmp_path, WRONG_NAMESPACE)
    uri = _open(vscode, tmp_path / "Pulumi.dev.yaml", language_id="yaml")
    params: lsp.PublishDiagnosticsParams = await vscode.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    while params.uri != uri:
        params = await vscode.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    [diagnostic] = params.diagnostics
    assert diagnostic.code == "PUL009"
    assert diagnostic.range.start.line == 1
    assert "shop" in diagnostic.message


async def test_pulumi_yaml_main_pointing_nowhere(vscode: LanguageClient, tmp_path: Path) -> None:
    _project(tmp_path, RIGHT_NAMESPACE)
    pulumi_yaml = tmp_path / "Pulumi.yaml"
    pulumi_yaml.write_text("name: shop\nruntime: nodejs\nmain: src/missing.ts\n")
    uri = _open(vscode, pulumi_yaml, language_id="yaml")
    params: lsp.PublishDiagnosticsParams = await vscode.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    while params.uri != uri:
        params = await vscode.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    codes = [d.code for d in params.diagnostics]
    assert "PRJ001" in codes
    prj = next(d for d in params.diagnostics if d.code == "PRJ001")
    assert prj.range.start.line == 2  # the main: line


async def test_malformed_stack_file_is_a_diagnostic_not_a_crash(vscode: LanguageClient, tmp_path: Path) -> None:
    _project(tmp_path, "config:\n  shop:bucket_name: [unclosed\n")
    uri = _open(vscode, tmp_path / "Pulumi.dev.yaml", language_id="yaml")
    params: lsp.PublishDiagnosticsParams = await vscode.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    while params.uri != uri:
        params = await vscode.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert params.diagnostics, "the malformed file is reported on itself"
    assert all(d.code is None for d in params.diagnostics)
    # The server is still serving: the program file next to it gets its diagnostics.
    program_uri = _open(vscode, tmp_path / "index.ts")
    assert isinstance(await _codes(vscode, program_uri), list)
