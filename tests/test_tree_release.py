"""Documents not in use give up their syntax tree; parsing it again later changes no finding."""

from __future__ import annotations

import random
from pathlib import Path

from lsprotocol import types as lsp
from pulumi_lint.document import Document
from pulumi_lint.engine import Engine
from pulumi_lint.lsp.server import HOT_TREES, OpenDocument, PulumiLintServer, did_change, did_close, did_open
from pygls.workspace import Workspace

EXAMPLES = sorted((Path(__file__).parent / "rules").glob("*/bad*.ts"))
BASE = "file:///tmp/pulumi-lint-trees/"


def _summary(engine: Engine, document: Document) -> list[tuple[str, int, int, str]]:
    return [(f.code, f.start, f.end, f.message) for f in engine.lint(document)]


def test_edits_of_a_released_tree_give_the_findings_of_a_fresh_document() -> None:
    rng = random.Random(11)
    engine = Engine()
    snippets = ["x", "\n", "const q = 1;\n", "'", "AWS_", "{", "}", "é", ""]
    for path in EXAMPLES[:10]:
        source = path.read_bytes()
        document = Document(source, str(path))
        engine.lint(document)
        text = source.decode()
        for _ in range(10):
            if rng.random() < 0.5:
                document.release_tree()
                assert not document.has_tree
            start = rng.randrange(len(text) + 1)
            end = min(len(text), start + rng.choice([0, 1, 3, 12]))
            new = rng.choice(snippets)
            document.apply_change(len(text[:start].encode()), len(text[:end].encode()), new.encode())
            text = text[:start] + new + text[end:]
            assert document.source == text.encode()
            fresh = Document(text.encode(), str(path))
            assert str(document.tree.root_node) == str(fresh.tree.root_node)
            assert _summary(engine, document) == _summary(engine, fresh), path.name


def _server() -> PulumiLintServer:
    server = PulumiLintServer()
    server.protocol._workspace = Workspace(None)  # what initialize would set up
    server.pull = True  # analyse in flush without publishing (there is no client)
    return server


def _open(server: PulumiLintServer, name: str, text: str) -> OpenDocument:
    uri = BASE + name
    item = lsp.TextDocumentItem(uri=uri, language_id="typescript", version=1, text=text)
    did_open(server, lsp.DidOpenTextDocumentParams(text_document=item))
    server.flush()
    return server.open[uri]


def _summary_of(item: OpenDocument) -> list[tuple[object, ...]]:
    return [(d.code, d.range.start.line, d.range.start.character, d.message) for d in item.diagnostics]


def test_the_server_keeps_the_trees_of_the_documents_in_use_only() -> None:
    server = _server()
    texts = [path.read_text() for path in EXAMPLES[: HOT_TREES + 2]]
    items = [_open(server, f"doc{i}.ts", text) for i, text in enumerate(texts)]
    assert [item.document.has_tree for item in items] == [False, False] + [True] * HOT_TREES

    # Edit the least recently used document: its new text is parsed and it becomes hot again.
    first = items[0]
    changed = "// edited\n" + texts[0]
    change = lsp.TextDocumentContentChangePartial(
        range=lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0)), text="// edited\n"
    )
    did_change(
        server,
        lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=first.uri, version=2),
            content_changes=[change],
        ),
    )
    server.flush()
    assert first.document.has_tree
    assert first.document.source == changed.encode()
    fresh = _open(server, "fresh.ts", changed)
    assert _summary_of(first) == _summary_of(fresh)
    assert first.diagnostics, "the example has findings"

    did_close(server, lsp.DidCloseTextDocumentParams(text_document=lsp.TextDocumentIdentifier(uri=first.uri)))
    assert first.uri not in server.recent


def test_a_released_document_drops_its_kept_answers_and_findings_but_not_its_facts() -> None:
    engine = Engine()
    path = Path(__file__).parent / "rules" / "AWS005" / "bad.ts"
    document = Document(path.read_bytes(), str(path))
    before = _summary(engine, document)
    parts = list(document.statements.parts)
    assert any(part.memo for part in parts), "an analysis keeps answers with the statements"
    document.release_tree()
    assert all(a is b for a, b in zip(document.statements.parts, parts, strict=True)), "the facts stay"
    assert not any(part.memo for part in parts)
    assert _summary(engine, document) == before
    assert all(a is b for a, b in zip(document.statements.parts, parts, strict=True))
    assert any(part.memo for part in parts), "worked out again, with the same statements"
