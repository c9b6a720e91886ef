"""Answers kept across edits never go stale: after every edit, an edited document reports what a
fresh open of the same text reports, fixes included.

The edits are the ones that change what names and resources mean to each other: a declaration
deleted or renamed, a constant's string changed, a statement duplicated under a new name, two
statements swapped, an identifier pointed at another one, an import changed. They run on the
realistic programs of the good corpora and the rule examples, with every rule enabled.
"""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest
from pulumi_lint.config import LintConfig
from pulumi_lint.document import Document
from pulumi_lint.engine import Engine
from pulumi_lint.findings import Finding
from tree_sitter import Node

ROOT = Path(__file__).parent
PROGRAMS = sorted(
    [*(ROOT / "corpus" / "good-aws-b").glob("*.ts"), *(ROOT / "corpus" / "good-aws").glob("*.ts")]
    + [p for p in (ROOT / "rules").glob("*/bad*.ts") if not p.name.endswith(".fixed.ts")]
    + [p for p in (ROOT / "rules").glob("*/good*.ts")]
)
ENGINE = Engine(LintConfig(extend_select=["AWS013", "PLN001"]))
# More steps for a longer search: PULUMI_LINT_INCREMENTAL_STEPS=400.
EDITS_PER_PROGRAM = int(os.environ.get("PULUMI_LINT_INCREMENTAL_STEPS", "40"))


def _summary(findings: list[Finding]) -> list[tuple[object, ...]]:
    return [
        (
            f.code,
            f.start,
            f.end,
            f.severity.value,
            f.message,
            tuple((fix.title, fix.applicability.value, fix.edits) for fix in f.fixes),
        )
        for f in findings
    ]


def _nodes(node: Node, kinds: set[str]) -> list[Node]:
    found: list[Node] = []
    stack = [node]
    while stack:
        current = stack.pop()
        if current.type in kinds:
            found.append(current)
        stack.extend(current.children)
    return found


def _edit(document: Document, rng: random.Random, step: int) -> None:
    root = document.tree.root_node
    statements = [child for child in root.children if child.type != "comment"]
    source = document.source
    choice = rng.randrange(9)
    if choice == 0 and statements:  # delete a statement
        node = rng.choice(statements)
        document.apply_change(node.start_byte, node.end_byte, b"")
    elif choice == 1 and statements:  # duplicate a statement, renaming what it declares
        node = rng.choice(statements)
        text = source[node.start_byte : node.end_byte]
        names = [n for n in _nodes(node, {"variable_declarator"}) if n.child_by_field_name("name") is not None]
        for declarator in names[:1]:
            name_node = declarator.child_by_field_name("name")
            assert name_node is not None
            old = source[name_node.start_byte : name_node.end_byte]
            text = text.replace(old, old + b"Copy")
        document.apply_change(node.end_byte, node.end_byte, b"\n" + text)
    elif choice == 2:  # change a string
        strings = _nodes(root, {"string_fragment"})
        if strings:
            node = rng.choice(strings)
            document.apply_change(node.start_byte, node.end_byte, rng.choice([b"x", b"dlq", b"/aws/lambda/x", b"*"]))
    elif choice == 3:  # point an identifier at another name of the file
        identifiers = _nodes(root, {"identifier"})
        if len(identifiers) > 1:
            node, other = rng.sample(identifiers, 2)
            document.apply_change(node.start_byte, node.end_byte, source[other.start_byte : other.end_byte])
    elif choice == 4 and len(statements) > 1:  # swap two neighbouring statements
        index = rng.randrange(len(statements) - 1)
        first, second = statements[index], statements[index + 1]
        a = source[first.start_byte : first.end_byte]
        b = source[second.start_byte : second.end_byte]
        between = source[first.end_byte : second.start_byte]
        document.apply_change(first.start_byte, second.end_byte, b + between + a)
    elif choice == 5:  # rename an import binding or a namespace
        imports = [n for n in statements if n.type == "import_statement"]
        if imports:
            node = rng.choice(imports)
            names = _nodes(node, {"identifier"})
            if names:
                name = rng.choice(names)
                document.apply_change(name.start_byte, name.end_byte, source[name.start_byte : name.end_byte] + b"2")
    elif choice in (6, 7) and statements:  # give a resource another name: an alias, a component field
        names = [
            n.child_by_field_name("name")
            for statement in statements
            for n in _nodes(statement, {"variable_declarator"})
            if statement.type == "lexical_declaration"
        ]
        names = [n for n in names if n is not None and n.type == "identifier"]
        if names:
            chosen = rng.choice(names)
            name = source[chosen.start_byte : chosen.end_byte].decode()
            target = rng.choice(statements)
            text = (
                f"\nconst alias{step} = {name};\n"
                if choice == 6
                else f"\nclass Holder{step} {{ constructor() {{ this.held = {name}; }} }}\n"
            )
            document.apply_change(target.end_byte, target.end_byte, text.encode())
    else:  # a keystroke anywhere
        offset = rng.randrange(len(source) + 1)
        document.apply_change(offset, offset, rng.choice([b" ", b"x", b"\n", b"'", b"}"]))


@pytest.mark.parametrize("path", PROGRAMS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_an_edited_document_reports_what_a_fresh_open_reports(path: Path) -> None:
    rng = random.Random(path.name)
    document = Document(path.read_bytes(), str(path))
    ENGINE.analyse(document)
    for step in range(EDITS_PER_PROGRAM):
        _edit(document, rng, step)
        edited = _summary(ENGINE.analyse(document).findings)
        fresh = _summary(ENGINE.analyse(Document(document.source, str(path))).findings)
        assert edited == fresh, f"step {step}: {document.source.decode(errors='replace')}"
