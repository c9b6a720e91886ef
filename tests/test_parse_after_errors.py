"""After edits that leave syntax errors, the document's tree is node for node the tree of a fresh
parse of its text: the reparse that reuses the statements before an edit must not let error
recovery take another path than it takes from scratch.

benchmarks/parse_differential.py runs the same comparison over many thousands of edits.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from pulumi_lint import document as document_module
from pulumi_lint.document import Document, _statement_start, parse
from tree_sitter import Tree

ROOT = Path(__file__).parent
PROGRAMS = sorted((ROOT / "corpus" / "good-aws").glob("*.ts"))[:6] + sorted((ROOT / "rules").glob("*/bad.ts"))[:6]
FRAGMENTS = [
    "{",
    "}",
    "(",
    ")",
    "'",
    "`",
    ";",
    "${",
    "/*",
    "=>",
    "const x = ",
    'new aws.s3.Bucket("b", {',
    "});\n",
    "if (a) {",
    "function f() {\n",
    "class A extends B {\n",
    ": string",
    "return ",
]
DELIMITERS = b"{}()[]'\"`;,"


def _nodes(tree: Tree) -> Iterator[tuple[object, ...]]:
    cursor = tree.walk()
    while True:
        n = cursor.node
        assert n is not None
        yield (
            n.type,
            n.start_byte,
            n.end_byte,
            tuple(n.start_point),
            tuple(n.end_point),
            n.is_missing,
            n.is_error,
            n.has_error,
            n.is_named,
            n.child_count,
            cursor.field_name,
        )
        if cursor.goto_first_child():
            continue
        while not cursor.goto_next_sibling():
            if not cursor.goto_parent():
                return


def _assert_same_tree(tree: Tree, fresh: Tree, context: str) -> None:
    for ours, theirs in zip(_nodes(tree), _nodes(fresh), strict=True):
        assert ours == theirs, context


def _edit(rng: random.Random, source: bytes) -> tuple[int, int, bytes]:
    n = len(source)
    p = rng.randrange(0, n + 1)
    roll = rng.random()
    if roll < 0.3:
        return p, p, rng.choice("abcxyz_0 .").encode()
    if roll < 0.5:
        return p, min(n, p + 1), b""
    if roll < 0.75:
        spots = [i for i in range(n) if source[i] in DELIMITERS]
        q = rng.choice(spots)
        return q, q + 1, b""
    return p, p, rng.choice(FRAGMENTS).encode()


@pytest.mark.parametrize("path", PROGRAMS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_tree_after_error_edits_is_the_fresh_tree(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tails = 0
    reparse_tail = document_module._reparse_tail

    def counting(*args: object) -> Tree:
        nonlocal tails
        tails += 1
        return reparse_tail(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(document_module, "_reparse_tail", counting)
    rng = random.Random(path.name)
    original = path.read_bytes()
    document = Document(original, str(path))
    for step in range(30):
        # One edit, or a few before the tree is read, as a burst of keystrokes gives.
        for _ in range(1 if rng.random() < 0.6 else rng.randrange(2, 5)):
            document.apply_change(*_edit(rng, document.source))
        fresh = parse(document.source, document.language)
        _assert_same_tree(document.tree, fresh, f"{path} step {step}")
        if rng.random() < 0.3:
            document.replace(original)
    # The edits above are chosen to break the syntax; the check is empty if none took that path.
    assert tails >= 10


# Edits after which, with tree-sitter 0.26, reusing nodes of the edited tree gives another tree than a
# fresh parse: reusing the nodes after the error (a plain incremental parse) in the first, and
# reusing statements after an earlier error (a backquote deleted, so the next backquote inserted far
# below closes it) in the second.
KNOWN_DIVERGENCES = [
    ("rules/TS003/bad.fixed.ts", [(1163, 1164, b"")]),
    ("rules/AWS013/good.ts", [(439, 440, b""), (1950, 1950, b"x`y")]),
]


@pytest.mark.parametrize(("name", "edits"), KNOWN_DIVERGENCES, ids=[name for name, _ in KNOWN_DIVERGENCES])
def test_tree_after_edits_where_reuse_diverges_is_the_fresh_tree(
    name: str, edits: list[tuple[int, int, bytes]]
) -> None:
    path = ROOT / name
    document = Document(path.read_bytes(), str(path))
    for edit in edits:
        document.apply_change(*edit)
        fresh = parse(document.source, document.language)
        assert fresh.root_node.has_error
        _assert_same_tree(document.tree, fresh, f"{name} after {edit}")


def test_the_reparse_starts_at_the_statement_before_the_edited_one() -> None:
    source = b"const a = 1;\nconst b = 2;\nfunction f() {\n  const c = 3;\n  const d = 4;\n}\n"
    tree = parse(source)
    in_d = source.index(b"d = 4")
    assert _statement_start(tree, in_d) == source.index(b"const c")
    assert _statement_start(tree, source.index(b"b = 2")) == 0
    # Between two top-level statements: the one before and the one at the edit.
    assert _statement_start(tree, source.index(b"function")) == source.index(b"const b")
    assert _statement_start(tree, len(source)) == source.index(b"const b")


@pytest.mark.parametrize("path", PROGRAMS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_a_deferred_tree_is_the_fresh_tree_once_settled(path: Path) -> None:
    """The language server's documents keep the incremental tree of an edit that leaves an error
    and settle it when typing pauses: then, and whenever no settling is due, it is the fresh tree."""
    rng = random.Random("deferred " + path.name)
    document = Document(path.read_bytes(), str(path), deferred=True)
    deferred = settled = 0
    for step in range(40):
        for _ in range(1 if rng.random() < 0.6 else rng.randrange(2, 5)):
            document.apply_change(*_edit(rng, document.source))
        fresh = parse(document.source, document.language)
        tree = document.tree
        if document.needs_settling:
            deferred += 1
            assert tree.root_node.has_error, "only an edit that leaves an error defers"
            if rng.random() < 0.5:
                continue  # more edits first: what settling parses again reaches back to all of them
            assert document.settle()
            settled += 1
            assert not document.needs_settling
            tree = document.tree
        _assert_same_tree(tree, fresh, f"{path} step {step}")
    document.settle()
    _assert_same_tree(document.tree, parse(document.source, document.language), f"{path} at the end")
    # The edits are chosen to break the syntax: the check is empty if none deferred.
    assert deferred >= 5 and settled >= 3


def test_a_document_that_is_not_deferred_never_needs_settling() -> None:
    source = b"const a = f(1);\nconst b = 2;\n"
    document = Document(source)
    document.apply_change(source.index(b")"), source.index(b")") + 1, b"")
    assert document.tree.root_node.has_error
    assert not document.needs_settling
    assert not document.settle()


def test_an_edit_that_mends_the_error_makes_a_deferred_tree_exact() -> None:
    source = b"const a = f(1);\nconst b = 2;\n"
    document = Document(source, deferred=True)
    paren = source.index(b")")
    document.apply_change(paren, paren + 1, b"")
    assert document.tree.root_node.has_error and document.needs_settling
    document.apply_change(paren, paren, b")")
    assert not document.tree.root_node.has_error
    assert not document.needs_settling
    _assert_same_tree(document.tree, parse(source), "mended")
