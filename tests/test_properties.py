"""Property tests that search for lost text, stale trees and findings that do not match the text.

Edits are generated the way an editor sends them: a range in the client's own text model
(tests/lsp_client.py, independent of the server's LineIndex) and a replacement string full of the
characters that break position arithmetic: multi-byte UTF-8, surrogate pairs in UTF-16, CRLF, a
lone CR, U+2028.
"""

from __future__ import annotations

import functools
import itertools
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lsprotocol import types as lsp
from pulumi_lint.config import LintConfig
from pulumi_lint.document import Document
from pulumi_lint.engine import Engine
from pulumi_lint.findings import Applicability, Edit, Finding, Fix, Severity
from pulumi_lint.fixes import (
    MAX_FIX_PASSES,
    FixResult,
    _overlaps,
    apply_edits,
    fix_all,
    select_fixes,
    well_formed,
)
from pulumi_lint.rules import all_rules
from pulumi_lint.text import LineIndex, Position
from tree_sitter import Node

from .lsp_client import RawClient, index_of, position_of
from .rule_examples import engine_for

EXAMPLES = Path(__file__).parent / "rules"
BAD_EXAMPLES = [p for p in sorted(EXAMPLES.glob("*/bad*.ts")) if ".fixed." not in p.name]
SEED_TEXTS = [p.read_text(encoding="utf-8") for p in BAD_EXAMPLES]

PIECES = [
    "x", "é", "🚀", "𝒳", "中文", "\n", "\r\n", "\r", "\u2028", " ", "  ", "'", '"', "`", "${", "}", "{",
    "(", ")", ";", "const a = 1;", "AWS_REGION", "new aws.s3.Bucket('b', {});", "// c", "/*", "*/",
    "\t", "\ufeff",
    "\ud83d",  # a lone surrogate: VS Code's UTF-16 buffers can hold one, JSON can carry it
]
texts = st.lists(st.sampled_from(PIECES), max_size=12).map("".join)
start_texts = st.one_of(st.sampled_from(SEED_TEXTS), texts)


@st.composite
def edit_scripts(draw: st.DrawFn) -> tuple[str, list[tuple[float, float, str]]]:
    text = draw(start_texts)
    steps = draw(
        st.lists(
            st.tuples(st.floats(0, 1), st.floats(0, 0.2), texts),
            min_size=1,
            max_size=12,
        )
    )
    return text, steps


def _apply_client(text: str, start: float, length: float, new: str, encoding: str) -> tuple[lsp.Range, str]:
    """A client-side edit: a range over ``text`` in ``encoding``, and the text after it."""
    a = int(start * len(text))
    b = min(len(text), a + int(length * len(text)))
    # An editor never splits a CRLF pair; positions are between characters.
    if 0 < a < len(text) and text[a - 1 : a + 1] == "\r\n":
        a -= 1
    if 0 < b < len(text) and text[b - 1 : b + 1] == "\r\n":
        b += 1
    b = max(a, b)
    rng = lsp.Range(start=position_of(text, a, encoding), end=position_of(text, b, encoding))
    # Recompute the indices from the positions, as the client would, to test the round trip too.
    a2 = index_of(text, rng.start, encoding)
    b2 = index_of(text, rng.end, encoding)
    assert (a2, b2) == (a, b)
    return rng, text[:a] + new + text[b:]


def _utf8(text: str) -> bytes:
    """What the server stores for a client's text (lone surrogates kept, as the server does)."""
    return text.encode("utf-8", errors="surrogatepass")


def _sexp(document: Document) -> str:
    return str(document.tree.root_node)


def _findings(engine: Engine, document: Document) -> list[tuple[str, int, int, str]]:
    return [(f.code, f.start, f.end, f.message) for f in engine.lint(document)]


ENGINE = Engine()


def _check_script(script: tuple[str, list[tuple[float, float, str]]], encoding: str, lint_every: int) -> None:
    text, steps = script
    document = Document(_utf8(text), "/tmp/index.ts")
    ENGINE.lint(document)
    for n, (start, length, new) in enumerate(steps):
        rng, text = _apply_client(text, start, length, new, encoding)
        lines = document.lines
        a = lines.offset(Position(rng.start.line, rng.start.character), encoding)  # type: ignore[arg-type]
        b = lines.offset(Position(rng.end.line, rng.end.character), encoding)  # type: ignore[arg-type]
        document.apply_change(a, b, _utf8(new))
        assert document.source == _utf8(text)
        if n % lint_every == 0:
            ENGINE.lint(document)  # exercise the statement cache between edits
    fresh = Document(_utf8(text), "/tmp/index.ts")
    assert _sexp(document) == _sexp(fresh)
    assert document.lines.starts == LineIndex(document.source).starts
    assert _findings(ENGINE, document) == _findings(ENGINE, fresh)


PROPERTY = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(edit_scripts(), st.integers(1, 3))
def test_incremental_edits_utf16_equal_a_fresh_document(
    script: tuple[str, list[tuple[float, float, str]]], lint_every: int
) -> None:
    _check_script(script, "utf-16", lint_every)


@PROPERTY
@given(edit_scripts(), st.integers(1, 3))
def test_incremental_edits_utf8_equal_a_fresh_document(
    script: tuple[str, list[tuple[float, float, str]]], lint_every: int
) -> None:
    _check_script(script, "utf-8", lint_every)


# Fixes ------------------------------------------------------------------------------------------
# Variations of every rule's bad examples: the rule must still fix them without breaking the parse,
# idempotently, and without touching text outside its edits. Sentinel statements inserted between
# top-level statements stand for the user's other code: each must survive fix-all unchanged.

ALL_CODES = tuple(rule.code for rule in all_rules())


def _sentinel(n: int) -> str:
    return f"const keep{n}Sentinel = {n}; // keep {n}"


@st.composite
def variations(draw: st.DrawFn) -> tuple[Path, bytes, list[str]]:
    path = draw(st.sampled_from(BAD_EXAMPLES))
    text = path.read_text(encoding="utf-8")
    tree = Document(text.encode(), str(path)).tree
    root = tree.root_node
    # Rename a local identifier everywhere it occurs as an identifier (never inside strings).
    names = sorted({_node_text(n) for n in _identifiers(root.children)})
    source = text.encode()
    if names and draw(st.booleans()):
        name = draw(st.sampled_from(names))
        spots = [n for n in _identifiers(root.children) if _node_text(n) == name]
        for node in sorted(spots, key=lambda n: n.start_byte, reverse=True):
            source = source[: node.start_byte] + (name + "Ren").encode() + source[node.end_byte :]
    text = source.decode()
    tree = Document(source, str(path)).tree
    # Sentinel statements before some top-level statements.
    starts = [c.start_byte for c in tree.root_node.children if c.type != "comment"]
    picked = draw(st.lists(st.sampled_from(starts), max_size=4)) if starts else []
    chosen = sorted(set(picked), reverse=True)
    sentinels: list[str] = []
    for n, at in enumerate(chosen):
        sentinels.append(_sentinel(n))
        source = source[:at] + (_sentinel(n) + "\n").encode() + source[at:]
    if draw(st.booleans()):
        sentinels.append(_sentinel(99))
        source = source + ("\n" + _sentinel(99) + "\n").encode()
    text = source.decode()
    indent = draw(st.sampled_from(["", "    ", "\t", " "]))
    if indent:
        text = "\n".join(_reindent(line, indent) for line in text.split("\n"))
    eol = draw(st.sampled_from(["\n", "\r\n"]))
    text = text.replace("\n", eol)
    return path, text.encode(), sentinels


def _identifiers(nodes: list[Node]) -> list[Node]:
    found: list[Node] = []
    stack = list(nodes)
    while stack:
        node = stack.pop()
        if node.type == "identifier":
            found.append(node)
        stack.extend(node.children)
    return found


def _node_text(node: Node) -> str:
    return (node.text or b"").decode()


def _reindent(line: str, unit: str) -> str:
    stripped = line.lstrip(" ")
    depth = (len(line) - len(stripped)) // 2
    return unit * depth + stripped


def _parses(source: bytes, path: Path) -> bool:
    return not Document(source, str(path)).tree.root_node.has_error


@functools.cache
def _engine(code: str | None, folder: Path) -> Engine:
    if code is not None:
        return engine_for(code, folder)
    options_file = folder / "options.json"
    options = json.loads(options_file.read_text()) if options_file.exists() else {}
    return Engine(LintConfig(select=ALL_CODES, options={folder.name: options}, unsafe_fixes=True))


def _fix_all(engine: Engine, source: bytes, path: Path) -> FixResult:
    return fix_all(
        source,
        lambda text: engine.lint(Document(text, str(path))),
        lambda text: _parses(text, path),
        unsafe=True,
    )


def _check_fixes(engine: Engine, path: Path, source: bytes, sentinels: list[str]) -> None:
    parsed = _parses(source, path)
    # Every single quick fix keeps the file parsing and leaves the sentinels alone.
    for finding in engine.lint(Document(source, str(path))):
        for fix in finding.fixes:
            fixed = apply_edits(source, fix.edits)
            if parsed:
                assert _parses(fixed, path), (finding.code, fix.title, fixed.decode(errors="replace"))
            for sentinel in sentinels:
                assert fixed.count(sentinel.encode()) == 1, (finding.code, fix.title, sentinel)
    result = _fix_all(engine, source, path)
    assert result.passes < MAX_FIX_PASSES, "fix-all did not settle"
    if parsed:
        assert _parses(result.source, path), result.source.decode(errors="replace")
    for sentinel in sentinels:
        assert result.source.count(sentinel.encode()) == 1, sentinel
    again = _fix_all(engine, result.source, path)
    assert again.source == result.source, "fix-all is not idempotent"
    assert again.applied == 0


FIX_PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FIX_PROPERTY
@given(variations())
def test_each_rule_fixes_variations_of_its_examples_safely(variation: tuple[Path, bytes, list[str]]) -> None:
    path, source, sentinels = variation
    _check_fixes(_engine(path.parent.name, path.parent), path, source, sentinels)


@FIX_PROPERTY
@given(variations())
def test_all_rules_together_fix_variations_safely(variation: tuple[Path, bytes, list[str]]) -> None:
    path, source, sentinels = variation
    _check_fixes(_engine(None, path.parent), path, source, sentinels)


# Choosing fixes: chosen fixes never overlap, and every fix left out overlaps a chosen one.
spans = st.tuples(st.integers(0, 60), st.integers(0, 8)).map(lambda p: (p[0], p[0] + p[1]))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(spans, min_size=1, max_size=3), max_size=12))
def test_selected_fixes_do_not_overlap_and_none_is_left_out_needlessly(
    fix_spans: list[list[tuple[int, int]]],
) -> None:
    findings = [
        Finding(
            code="T000",
            name="test",
            message="m",
            start=min(s for s, _ in edits),
            end=max(e for _, e in edits),
            severity=Severity.WARNING,
            fixes=(Fix(f"fix {n}", tuple(Edit(s, e, "x") for s, e in edits), Applicability.SAFE),),
        )
        for n, edits in enumerate(fix_spans)
    ]
    chosen = select_fixes(findings, unsafe=False)
    taken: list[tuple[int, int]] = []
    for fix in chosen:
        assert not any(_overlaps(e, taken) for e in fix.edits)
        taken.extend((e.start, e.end) for e in fix.edits)
    source = bytes(range(48, 48 + 70))
    apply_edits(source, [e for fix in chosen for e in fix.edits])  # raises if two overlap
    for finding in findings:
        fix = finding.fixes[0]
        if fix not in chosen:
            assert not well_formed(fix) or any(_overlaps(e, taken) for e in fix.edits)


# End to end: the same random edits through the real server over stdio --------------------------

SERVER_COMMAND = [sys.executable, "-m", "pulumi_lint", "server"]


def _published(client: RawClient, uri: str, version: int) -> list[dict[str, Any]]:
    """The diagnostics published for ``uri`` at ``version`` (earlier versions are skipped)."""
    while True:
        params = client.next_notification("textDocument/publishDiagnostics")
        if params["uri"] == uri and params.get("version") == version:
            diagnostics: list[dict[str, Any]] = params["diagnostics"]
            return diagnostics


@pytest.fixture(scope="module", params=["utf-16", "utf-8"])
def stdio_server(request: pytest.FixtureRequest) -> Iterator[tuple[RawClient, str]]:
    encoding: str = request.param
    with RawClient(SERVER_COMMAND) as client:
        reply = client.request(
            "initialize",
            {"processId": None, "capabilities": {"general": {"positionEncodings": [encoding]}}},
        )
        assert reply["result"]["capabilities"]["positionEncoding"] == encoding
        client.notify("initialized", {})
        yield client, encoding


_counter = itertools.count()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edit_scripts(), st.integers(1, 4))
def test_server_over_stdio_matches_a_fresh_open(
    stdio_server: tuple[RawClient, str], script: tuple[str, list[tuple[float, float, str]]], per_message: int
) -> None:
    client, encoding = stdio_server
    n = next(_counter)
    uri = f"file:///tmp/pulumi-lint-props/edited{n}.ts"
    text, steps = script
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "typescript", "version": 1, "text": text}},
    )
    version = 1
    # Several changes per notification, each relative to the text after the previous one.
    for first in range(0, len(steps), per_message):
        changes = []
        for start, length, new in steps[first : first + per_message]:
            rng, text = _apply_client(text, start, length, new, encoding)
            changes.append({"range": _json_range(rng), "text": new})
        version += 1
        identifier = {"uri": uri, "version": version}
        client.notify("textDocument/didChange", {"textDocument": identifier, "contentChanges": changes})
    edited = _published(client, uri, version)
    fresh_uri = f"file:///tmp/pulumi-lint-props/fresh{n}.ts"
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": fresh_uri, "languageId": "typescript", "version": 7, "text": text}},
    )
    fresh = _published(client, fresh_uri, 7)
    assert edited == fresh
    for closing in (uri, fresh_uri):
        client.notify("textDocument/didClose", {"textDocument": {"uri": closing}})


def _json_range(rng: lsp.Range) -> dict[str, Any]:
    return {
        "start": {"line": rng.start.line, "character": rng.start.character},
        "end": {"line": rng.end.line, "character": rng.end.character},
    }
