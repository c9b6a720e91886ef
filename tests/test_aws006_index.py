"""AWS006 looks a function's log group up in an index; the pairwise relation is its definition.

For every function of every example and corpus program, the index must say a log group may
serve it exactly when the pairwise relation says so for some group.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pulumi_lint.aws_model import LAMBDA_FUNCTION_TYPES, LOG_GROUP_TYPES, constructions_of
from pulumi_lint.document import Document
from pulumi_lint.model_builder import build_program
from pulumi_lint.rule import Context
from pulumi_lint.rules import aws006_log_retention_missing as aws006
from pulumi_lint.rules import rule_by_code

ROOT = Path(__file__).parent
PROGRAMS = sorted(
    p
    for folder in ("rules/AWS006", "rules/PUL007", "rules/AWS005", "corpus/good-aws", "corpus/good-aws-b")
    for p in (ROOT / folder).glob("*.ts")
)


@pytest.mark.parametrize("path", PROGRAMS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_index_agrees_with_the_pairwise_relation(path: Path) -> None:
    document = Document(path.read_bytes(), str(path))
    program = build_program(document.tree, document.source, document.statements)
    rule = rule_by_code("AWS006")
    assert rule is not None
    ctx = Context(document, program, rule, dict(rule.meta.options))
    groups = list(constructions_of(program, *LOG_GROUP_TYPES))
    index = aws006._log_groups_of(ctx, [program])
    functions = list(constructions_of(program, *LAMBDA_FUNCTION_TYPES))
    for fn in functions:
        pairwise = any(aws006._log_group_relation(ctx, program, group, fn) != "no" for group in groups)
        assert index.may_serve(ctx, fn) == pairwise, ctx.text(fn.value)[:80]


def test_the_comparison_covers_both_outcomes() -> None:
    served = unserved = 0
    for path in PROGRAMS:
        document = Document(path.read_bytes(), str(path))
        program = build_program(document.tree, document.source, document.statements)
        rule = rule_by_code("AWS006")
        assert rule is not None
        ctx = Context(document, program, rule, dict(rule.meta.options))
        index = aws006._log_groups_of(ctx, [program])
        for fn in constructions_of(program, *LAMBDA_FUNCTION_TYPES):
            if index.may_serve(ctx, fn):
                served += 1
            else:
                unserved += 1
    assert served >= 5 and unserved >= 5
