"""Hover over diagnostics and over the codes in suppression comments, through the real server."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator

import pytest_lsp
from lsprotocol import types as lsp
from pulumi_lint.rule import docs_url
from pulumi_lint.rules import rule_by_code
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from .lsp_client import position_of

SERVER = ClientServerConfig(server_command=[sys.executable, "-m", "pulumi_lint", "server"])
URI = "file:///tmp/pulumi-lint-hover-tests/index.ts"

SOURCE = """\
import * as aws from '@pulumi/aws';

// 🚀 an emoji before the finding shifts utf-16 columns
const fn = new aws.lambda.Function('api', {
  runtime: 'nodejs22.x',
  environment: { variables: { '🚀': 'x', AWS_REGION: 'eu-west-1' } },
});
export const arn = fn.arn;
// pulumi-lint-disable-next-line TS003, XYZ123 -- legacy payloads
export const payload: any = {};
"""


@pytest_lsp.fixture(config=SERVER)
async def vscode(lsp_client: LanguageClient) -> AsyncIterator[LanguageClient]:
    result = await lsp_client.initialize_session(
        lsp.InitializeParams(capabilities=client_capabilities("visual-studio-code"))
    )
    lsp_client.initialize_result = result  # type: ignore[attr-defined]
    yield lsp_client
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=SERVER)
async def plaintext(lsp_client: LanguageClient) -> AsyncIterator[LanguageClient]:
    """A client that renders hovers as plain text only."""
    capabilities = lsp.ClientCapabilities(
        text_document=lsp.TextDocumentClientCapabilities(
            hover=lsp.HoverClientCapabilities(content_format=[lsp.MarkupKind.PlainText]),
            publish_diagnostics=lsp.PublishDiagnosticsClientCapabilities(),
        ),
        general=lsp.GeneralClientCapabilities(position_encodings=[lsp.PositionEncodingKind.Utf16]),
    )
    await lsp_client.initialize_session(lsp.InitializeParams(capabilities=capabilities))
    yield lsp_client
    await lsp_client.shutdown_session()


async def _open(client: LanguageClient, text: str = SOURCE) -> list[lsp.Diagnostic]:
    client.text_document_did_open(
        lsp.DidOpenTextDocumentParams(
            text_document=lsp.TextDocumentItem(uri=URI, language_id="typescript", version=1, text=text)
        )
    )
    params: lsp.PublishDiagnosticsParams = await client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert params.uri == URI
    return list(params.diagnostics)


async def _hover(client: LanguageClient, index: int, text: str = SOURCE) -> lsp.Hover | None:
    return await client.text_document_hover_async(
        lsp.HoverParams(text_document=lsp.TextDocumentIdentifier(uri=URI), position=position_of(text, index, "utf-16"))
    )


def _markdown(hover: lsp.Hover | None) -> str:
    assert hover is not None
    assert isinstance(hover.contents, lsp.MarkupContent)
    assert hover.contents.kind == lsp.MarkupKind.Markdown
    return hover.contents.value


async def test_server_advertises_hover(vscode: LanguageClient) -> None:
    result: lsp.InitializeResult = vscode.initialize_result  # type: ignore[attr-defined]
    assert result.capabilities.hover_provider


async def test_hover_over_a_diagnostic_explains_its_rule(vscode: LanguageClient) -> None:
    diagnostics = await _open(vscode)
    [diagnostic] = [d for d in diagnostics if d.code == "AWS001"]
    # The middle of `AWS_REGION`, after the emoji: the client's utf-16 position must map back exactly.
    hover = await _hover(vscode, SOURCE.index("AWS_REGION") + 4)
    text = _markdown(hover)
    rule = rule_by_code("AWS001")
    assert rule is not None
    assert text.splitlines()[0] == "**AWS001** lambda-reserved-env-var"
    assert diagnostic.message in text
    assert text.index(diagnostic.message) < text.index("## What it does")
    assert rule.docs in text
    assert f"({docs_url('AWS001')})" in text
    assert hover is not None and hover.range == diagnostic.range


async def test_hover_at_either_end_of_the_range_still_explains(vscode: LanguageClient) -> None:
    await _open(vscode)
    start = SOURCE.index("AWS_REGION")
    for index in (start, start + len("AWS_REGION")):
        assert _markdown(await _hover(vscode, index)).startswith("**AWS001**")


async def test_hover_over_a_code_in_a_suppression_comment(vscode: LanguageClient) -> None:
    await _open(vscode)
    index = SOURCE.index("TS003, XYZ123")
    hover = await _hover(vscode, index + 2)
    text = _markdown(hover)
    rule = rule_by_code("TS003")
    assert rule is not None
    assert text.splitlines()[0] == f"**TS003** {rule.name}"
    assert rule.docs in text
    assert hover is not None and hover.range == lsp.Range(
        start=position_of(SOURCE, index, "utf-16"), end=position_of(SOURCE, index + len("TS003"), "utf-16")
    )


async def test_hover_over_an_unknown_code_says_so(vscode: LanguageClient) -> None:
    await _open(vscode)
    text = _markdown(await _hover(vscode, SOURCE.index("XYZ123") + 1))
    assert text.startswith("**XYZ123**") and "No rule has this code" in text


async def test_hover_elsewhere_returns_nothing(vscode: LanguageClient) -> None:
    await _open(vscode)
    # Inside the suppression comment but not on a code, and on plain code without a finding.
    for anchor in ("-- legacy payloads", "export const arn"):
        assert await _hover(vscode, SOURCE.index(anchor) + 3) is None


async def test_plaintext_client_gets_plaintext(plaintext: LanguageClient) -> None:
    await _open(plaintext)
    hover = await _hover(plaintext, SOURCE.index("AWS_REGION"))
    assert hover is not None and isinstance(hover.contents, lsp.MarkupContent)
    assert hover.contents.kind == lsp.MarkupKind.PlainText
    value = hover.contents.value
    assert value.splitlines()[0] == "AWS001 lambda-reserved-env-var"
    assert f"AWS001 documentation: {docs_url('AWS001')}" in value
    assert "**" not in value.split("## What it does")[0]


def test_overlapping_findings_are_all_explained_once_per_rule() -> None:
    from pulumi_lint.findings import Finding, Severity
    from pulumi_lint.lsp.hover import hover_text
    from pulumi_lint.rules import all_rules

    rules = {rule.code: rule for rule in all_rules()}
    findings = [
        Finding("TS003", "explicit-any", "first any", 10, 30, Severity.WARNING),
        Finding("TS003", "explicit-any", "second any", 12, 20, Severity.WARNING),
        Finding("TS004", "line-too-long", "too long", 0, 40, Severity.WARNING),
        Finding("AWS001", "lambda-reserved-env-var", "elsewhere", 50, 60, Severity.ERROR),
    ]
    found = hover_text(15, findings, [], rules, None)
    assert found is not None
    text, span = found
    assert span == (12, 20)  # the narrowest range under the cursor
    ts003, ts004 = text.split("\n\n---\n\n**")
    assert ts003.startswith("**TS003** explicit-any\n\nfirst any\n\nsecond any\n\n---")
    assert ts004.startswith("TS004** line-too-long\n\ntoo long")
    assert "AWS001" not in text and text.count(rules["TS003"].docs) == 1
