"""The AWS rules stay silent on a corpus of correct programs (tests/corpus/good-aws)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pulumi_lint.config import LintConfig
from pulumi_lint.document import Document
from pulumi_lint.engine import Engine

CORPUS = Path(__file__).parent / "corpus" / "good-aws"
FILES = sorted(p for p in CORPUS.rglob("*.ts"))
# AWS013's required tags are a project's choice; every other AWS rule must find nothing.
CONFIG = LintConfig(select=("AWS",), ignore=("AWS013",))


def test_the_corpus_is_there() -> None:
    assert len(FILES) >= 10


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(CORPUS)) for p in FILES])
def test_no_aws_finding_on_correct_programs(path: Path) -> None:
    document = Document(path.read_bytes(), str(path))
    assert not document.tree.root_node.has_error, "corpus programs must be valid TypeScript"
    analysis = Engine(CONFIG).analyse(document)
    assert analysis.failures == []
    lines = document.lines
    shown = [f"{f.code} {lines.position(f.start, 'utf-16').line + 1}: {f.message}" for f in analysis.findings]
    assert shown == []
