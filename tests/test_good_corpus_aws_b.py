"""Correct programs in the usual public Pulumi AWS style draw no finding from AWS008-AWS017.

The corpus is a Pulumi project (Pulumi.yaml, two stacks with `aws:defaultTags`, a package.json on
@pulumi/aws v7). Without the stacks' default tags its resources are untagged, and AWS013 says so:
that is checked too, so the silence is the rule's reading of the project, not blindness.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pulumi_lint.config import LintConfig
from pulumi_lint.document import Document
from pulumi_lint.engine import Engine

CORPUS = Path(__file__).parent / "corpus" / "good-aws-b"
CODES = ("AWS008", "AWS009", "AWS010", "AWS011", "AWS012", "AWS013", "AWS015", "AWS016", "AWS017")
PROGRAMS = sorted(CORPUS.glob("*.ts"))


@pytest.mark.parametrize("path", PROGRAMS, ids=[p.name for p in PROGRAMS])
def test_good_program_draws_no_finding(path: Path) -> None:
    document = Document(path.read_bytes(), str(path))
    assert not document.tree.root_node.has_error
    findings = Engine(LintConfig(select=CODES)).lint(document)
    assert [(f.code, document.lines.position(f.start, "utf-16").line + 1, f.message) for f in findings] == []


def test_corpus_is_large_enough_to_mean_something() -> None:
    assert len(PROGRAMS) >= 8
    resources = 0
    engine = Engine(LintConfig(select=CODES))
    for path in PROGRAMS:
        resources += sum(1 for _ in engine.analyse(Document(path.read_bytes(), str(path))).program.resources())
    assert resources >= 100


def test_without_stack_default_tags_the_untagged_resources_are_reported(tmp_path: Path) -> None:
    copy = tmp_path / "project"
    shutil.copytree(CORPUS, copy)
    for stack in copy.glob("Pulumi.*.yaml"):
        stack.unlink()
    engine = Engine(LintConfig(select=("AWS013",)))
    path = copy / "queue-worker.ts"
    findings = engine.lint(Document(path.read_bytes(), str(path)))
    assert {f.code for f in findings} == {"AWS013"}
    assert len(findings) >= 5


def test_rules_never_fail_on_text_being_typed() -> None:
    # Every example and corpus file, cut short and with a slice removed at many points, as an editor
    # sees it while someone types: the rules may report or not, but must never raise.
    engine = Engine(LintConfig(select=CODES, unsafe_fixes=True))
    files = sorted((Path(__file__).parent / "rules").glob("AWS0*/*.ts")) + PROGRAMS
    checked = 0
    for path in files:
        source = path.read_bytes()
        for cut in range(0, len(source), 1531):
            for variant in (source[:cut], source[:cut] + source[cut + 17 :]):
                analysis = engine.analyse(Document(variant, str(path)))
                assert analysis.failures == [], (path.name, cut, analysis.failures)
                checked += 1
    assert checked > 100
