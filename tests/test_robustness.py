"""Hostile input and protocol abuse: the server keeps the text, publishes only what is true, lives."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from pulumi_lint.document import Document
from pulumi_lint.engine import Engine
from pulumi_lint.findings import Finding, Severity
from pulumi_lint.lsp.server import OpenDocument, PulumiLintServer
from pulumi_lint.rule import Context, Rule, RuleMeta
from pulumi_lint.rules import rule_by_code
from pygls.workspace import Workspace

from .lsp_client import RawClient

COMMAND = [sys.executable, "-m", "pulumi_lint", "server"]
BASE = "file:///tmp/pulumi-lint-robust/"
FLAWED = """\
import * as aws from '@pulumi/aws'; /* pulumi-lint-disable AWS005, AWS006 -- this fixture exercises AWS001 alone */

const fn = new aws.lambda.Function('api', {
  environment: { variables: { AWS_REGION: 'eu-west-1' } },
});
export const arn = fn.arn;
"""


def _start(options: dict[str, Any] | None = None) -> RawClient:
    client = RawClient(COMMAND).__enter__()
    params: dict[str, Any] = {"processId": None, "capabilities": {}}
    if options is not None:
        params["initializationOptions"] = {"pulumiLint": options}
    assert "result" in client.request("initialize", params)
    client.notify("initialized", {})
    return client


@pytest.fixture
def client() -> Iterator[RawClient]:
    c = _start()
    yield c
    c.__exit__(None, None, None)


def _open(client: RawClient, name: str, text: str, version: int = 1, language: str = "typescript") -> str:
    uri = BASE + name
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": language, "version": version, "text": text}},
    )
    return uri


def _change(client: RawClient, uri: str, version: int, changes: list[dict[str, Any]]) -> None:
    identifier = {"uri": uri, "version": version}
    client.notify("textDocument/didChange", {"textDocument": identifier, "contentChanges": changes})


def _published(client: RawClient, uri: str, version: int | None = None) -> list[dict[str, Any]]:
    while True:
        params = client.next_notification("textDocument/publishDiagnostics")
        if params["uri"] == uri and (version is None or params.get("version") == version):
            diagnostics: list[dict[str, Any]] = params["diagnostics"]
            return diagnostics


def _fresh(client: RawClient, name: str, text: str) -> list[dict[str, Any]]:
    uri = _open(client, name, text, version=99)
    return _published(client, uri, 99)


def _alive(client: RawClient) -> None:
    """The server still answers, and still lints."""
    assert _fresh(client, "alive.ts", FLAWED)[0]["code"] == "AWS001"
    client.notify("textDocument/didClose", {"textDocument": {"uri": BASE + "alive.ts"}})


def _range(l1: int, c1: int, l2: int, c2: int) -> dict[str, Any]:
    return {"start": {"line": l1, "character": c1}, "end": {"line": l2, "character": c2}}


# Hostile files --------------------------------------------------------------------------------


def test_binary_file_is_not_linted_and_the_user_is_told_once(client: RawClient) -> None:
    text = "\x00\x01\x02PK\x03\x04" + "".join(chr(c) for c in range(1, 2000)) + "\x00"
    uri = _open(client, "blob.ts", text)
    message = client.next_notification("window/showMessage")
    assert "binary" in message["message"] and "blob.ts" in message["message"]
    _change(client, uri, 2, [{"range": _range(0, 0, 0, 0), "text": "x"}])
    _alive(client)
    assert not [m for m in client.pending if m.get("method") == "window/showMessage"], "told twice"
    assert not [m for m in client.pending if m.get("params", {}).get("uri") == uri]


def test_message_that_is_not_utf8_is_ignored(client: RawClient) -> None:
    body = b'{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"'
    body += BASE.encode()
    body += b'bad.ts","languageId":"typescript","version":1,"text":"\xff\xfe\xc3("}}}'
    assert client.process.stdin is not None
    client.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    client.process.stdin.flush()
    _alive(client)


def test_lone_surrogate_keeps_columns(client: RawClient) -> None:
    text = FLAWED.replace("environment:", "/* \ud83d */ environment:")
    [diagnostic] = _fresh(client, "surrogate.ts", text)
    line = text.splitlines()[3]
    assert diagnostic["range"]["start"]["character"] == line.index("AWS_REGION")  # one unit for the surrogate


def test_file_over_the_size_limit_is_not_linted_until_it_shrinks() -> None:
    client = _start({"maxFileSize": 100_000})
    try:
        big = FLAWED + "// " + "x" * 120_000 + "\n"
        uri = _open(client, "big.ts", big)
        message = client.next_notification("window/showMessage")
        assert "too large" in message["message"] and "big.ts" in message["message"]
        _change(client, uri, 2, [{"range": _range(0, 0, 0, 0), "text": "// more\n"}])
        _alive(client)
        assert not [m for m in client.pending if m.get("method") == "window/showMessage"], "told twice"
        assert not [m for m in client.pending if m.get("params", {}).get("uri") == uri], "published for it"
        # Deleting the long comment brings it under the limit: linted again, at the right place.
        _change(client, uri, 3, [{"range": _range(7, 0, 8, 0), "text": ""}])
        assert [d["code"] for d in _published(client, uri, 3)] == ["AWS001"]
    finally:
        client.__exit__(None, None, None)


def test_ten_megabyte_file_leaves_the_server_responsive(client: RawClient) -> None:
    big = FLAWED + ("const padding = 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx';\n" * 180_000)
    assert len(big) > 10_000_000
    uri = _open(client, "huge.ts", big)
    assert "too large" in client.next_notification("window/showMessage")["message"]
    _alive(client)
    assert not [m for m in client.pending if m.get("params", {}).get("uri") == uri]


@pytest.mark.parametrize("opening, closing", [("(", ")"), ("[", "]"), ("{a:", "}"), ("f(", ")")])
def test_deeply_nested_expressions(client: RawClient, opening: str, closing: str) -> None:
    text = FLAWED + "const deep = " + opening * 10_000 + "1" + closing * 10_000 + ";\n"
    # TS004 (a long line) fires too; the point is that the analysis completes with its findings.
    assert {d["code"] for d in _fresh(client, "deep.ts", text)} == {"AWS001", "TS004"}
    _alive(client)


def test_thousands_of_findings_are_capped_with_a_note() -> None:
    functions = "".join(
        f"new aws.lambda.Function('f{i}', {{ environment: {{ variables: {{ AWS_REGION: 'x' }} }} }});\n"
        for i in range(1500)
    )
    text = "import * as aws from '@pulumi/aws'; /* pulumi-lint-disable AWS005, AWS006, AWS017 */\n" + functions
    client = _start()
    try:
        diagnostics = _fresh(client, "many.ts", text)
        assert len(diagnostics) == 1001
        note = diagnostics[-1]
        assert note["severity"] == 3 and "500 more problems" in note["message"]
        assert all(d.get("code") == "AWS001" for d in diagnostics[:-1])
    finally:
        client.__exit__(None, None, None)
    client = _start({"maxDiagnostics": 10})
    try:
        diagnostics = _fresh(client, "many.ts", text)
        assert len(diagnostics) == 11 and "1490 more problems" in diagnostics[-1]["message"]
    finally:
        client.__exit__(None, None, None)


# Odd sequences of document notifications -------------------------------------------------------


def test_language_change_and_rename(client: RawClient) -> None:
    tsx = FLAWED + "export const view = <div className='x'>{arn}</div>;\n"
    uri = _open(client, "view.tsx", tsx, language="typescriptreact")
    assert [d["code"] for d in _published(client, uri, 1)] == ["AWS001"]
    client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    assert _published(client, uri) == []
    # The same file reopened as TypeScript: JSX is a syntax error there, but the server lints it.
    as_ts = tsx.replace("<div className='x'>{arn}</div>", "arn")
    uri = _open(client, "view.tsx", as_ts, language="typescript")
    assert [d["code"] for d in _published(client, uri, 1)] == ["AWS001"]
    client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    assert _published(client, uri) == []
    renamed = _open(client, "renamed.ts", FLAWED)
    assert [d["code"] for d in _published(client, renamed, 1)] == ["AWS001"]


def test_open_twice_takes_the_second_text(client: RawClient) -> None:
    uri = _open(client, "twice.ts", FLAWED)
    _open(client, "twice.ts", FLAWED.replace("AWS_REGION", "REGION"), version=5)
    assert _published(client, uri, 5) == []


def test_change_to_a_document_that_is_not_open(client: RawClient) -> None:
    _change(client, BASE + "ghost.ts", 2, [{"range": _range(0, 0, 0, 0), "text": "x"}])
    _alive(client)


def test_positions_past_the_end_are_clamped(client: RawClient) -> None:
    uri = _open(client, "clamp.ts", FLAWED)
    _published(client, uri, 1)
    # Past the end of line 0: clamped to the end of that line; past the last line: end of file.
    _change(client, uri, 2, [{"range": _range(0, 500, 0, 900), "text": " // tail"}])
    _change(client, uri, 3, [{"range": _range(400, 0, 500, 0), "text": "\nexport const z = 1;\n"}])
    text = FLAWED.replace("'@pulumi/aws';", "'@pulumi/aws'; // tail", 1) + "\nexport const z = 1;\n"
    assert _published(client, uri, 3) == _fresh(client, "clamp-fresh.ts", text)


def test_version_going_backwards_keeps_the_text(client: RawClient) -> None:
    uri = _open(client, "back.ts", FLAWED, version=10)
    _published(client, uri, 10)
    column = FLAWED.splitlines()[3].index("AWS_REGION")
    _change(client, uri, 3, [{"range": _range(3, column, 3, column + 4), "text": ""}])
    assert _published(client, uri, 3) == []  # REGION: not reserved


# Protocol ---------------------------------------------------------------------------------------


def test_unknown_and_malformed_requests_get_errors(client: RawClient) -> None:
    assert client.request("pulumiLint/unknown", {})["error"]["code"] == -32601
    client.notify("pulumiLint/unknownNotification", {"x": 1})
    malformed = client.request("textDocument/codeAction", {"textDocument": 3})
    assert malformed["error"]["code"] == -32602
    closed = client.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": BASE + "closed.ts"},
            "range": _range(0, 0, 0, 0),
            "context": {"diagnostics": []},
        },
    )
    assert closed["result"] is None
    report = client.request("textDocument/diagnostic", {"textDocument": {"uri": BASE + "closed.ts"}})
    assert report["result"]["items"] == []
    _alive(client)


def test_request_cancelled_in_the_same_batch_is_not_run(client: RawClient) -> None:
    uri = _open(client, "cancel.ts", FLAWED)
    _published(client, uri, 1)
    request = {
        "jsonrpc": "2.0",
        "id": 4242,
        "method": "textDocument/codeAction",
        "params": {"textDocument": {"uri": uri}, "range": _range(0, 0, 9, 0), "context": {"diagnostics": []}},
    }
    cancel = {"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": 4242}}
    payload = b""
    for message in (request, cancel):
        body = json.dumps(message).encode()
        payload += b"Content-Length: %d\r\n\r\n" % len(body) + body
    assert client.process.stdin is not None
    client.process.stdin.write(payload)  # one write: the dispatcher sees both in one batch
    client.process.stdin.flush()
    while True:
        reply = client._receive()
        if reply.get("id") == 4242:
            break
    assert reply["error"]["code"] == -32800
    _alive(client)


def test_rapid_changes_end_with_the_last_version(client: RawClient) -> None:
    uri = _open(client, "rapid.ts", FLAWED)
    text = FLAWED
    line = 3
    column = FLAWED.splitlines()[line].index("AWS_REGION")
    for version in range(2, 502):
        # Type and delete a character in front of AWS_REGION: the finding comes and goes.
        if version % 2 == 0:
            _change(client, uri, version, [{"range": _range(line, column, line, column), "text": "X"}])
        else:
            _change(client, uri, version, [{"range": _range(line, column, line, column + 1), "text": ""}])
    text = FLAWED.replace("AWS_REGION", "XAWS_REGION") if 501 % 2 == 0 else FLAWED
    last = _published(client, uri, 501)
    assert last == _fresh(client, "rapid-fresh.ts", text)
    assert [d["code"] for d in last] == ["AWS001"]


def _exit_code(messages: list[dict[str, Any]]) -> int:
    process = subprocess.Popen(
        COMMAND, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    )
    payload = b""
    for message in messages:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        payload += b"Content-Length: %d\r\n\r\n" % len(body) + body
    process.communicate(payload, timeout=30)
    return process.returncode


def test_shutdown_then_exit_exits_with_zero() -> None:
    init = {"id": 1, "method": "initialize", "params": {"capabilities": {}}}
    assert _exit_code([init, {"id": 2, "method": "shutdown"}, {"method": "exit"}]) == 0


def test_exit_without_shutdown_exits_with_one() -> None:
    init = {"id": 1, "method": "initialize", "params": {"capabilities": {}}}
    assert _exit_code([init, {"method": "exit"}]) == 1


# A rule that raises ----------------------------------------------------------------------------


def _boom(ctx: Context) -> Iterator[Finding]:
    raise RuntimeError("rule bug")
    yield


BOOM = Rule(
    meta=RuleMeta(code="ZZZ999", name="always-raises", severity=Severity.ERROR),
    docs="A rule with a bug.",
    check=_boom,
    module=__name__,
)


def test_a_rule_that_raises_does_not_stop_the_others() -> None:
    aws001 = rule_by_code("AWS001")
    assert aws001 is not None
    engine = Engine(rules=[BOOM, aws001])
    analysis = engine.analyse(Document(FLAWED.encode(), "/tmp/x.ts"))
    assert [f.code for f in analysis.findings] == ["AWS001"]
    assert [f.code for f in analysis.failures] == ["ZZZ999"]


def test_a_failing_analysis_leaves_no_stale_diagnostics() -> None:
    server = PulumiLintServer()
    server.protocol._workspace = Workspace(None)  # what initialize would set up
    item = OpenDocument("file:///tmp/x.ts", Document(FLAWED.encode(), "/tmp/x.ts", version=1), "typescript")
    server.analyse(item)
    assert [d.code for d in item.diagnostics] == ["AWS001"]

    class Broken(Engine):
        def analyse(self, document: Document, project: Any = None) -> Any:
            raise RuntimeError("model bug")

    server.engine = Broken(rules=[])
    server.engines.clear()  # engines are cached per config file
    item.document.apply_change(0, 0, b"// edited\n")
    item.document.version = 2
    item.dirty = True
    analysis = server.analyse(item)
    assert analysis.findings == [] and item.diagnostics == []
    assert analysis.version == 2


def test_change_answered_by_a_request_in_the_same_batch_is_still_published(client: RawClient) -> None:
    """VS Code asks for code actions right after each change; that must not swallow the publication."""
    uri = _open(client, "batch.ts", FLAWED)
    _published(client, uri, 1)
    column = FLAWED.splitlines()[3].index("AWS_REGION")
    change = {
        "jsonrpc": "2.0",
        "method": "textDocument/didChange",
        "params": {
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": [{"range": _range(3, column, 3, column), "text": "X"}],
        },
    }
    request = {
        "jsonrpc": "2.0",
        "id": 777,
        "method": "textDocument/codeAction",
        "params": {"textDocument": {"uri": uri}, "range": _range(3, 0, 3, 0), "context": {"diagnostics": []}},
    }
    payload = b""
    for message in (change, request):
        body = json.dumps(message).encode()
        payload += b"Content-Length: %d\r\n\r\n" % len(body) + body
    assert client.process.stdin is not None
    client.process.stdin.write(payload)
    client.process.stdin.flush()
    assert _published(client, uri, 2) == []
