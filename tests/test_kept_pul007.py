"""PUL007's findings are kept per log group across edits: an edit of another statement that
changes which function a group's name matches (a function renamed, added or removed, a constant
its name reads changed) reports what a fresh open of the new text reports."""

from __future__ import annotations

from pulumi_lint.config import LintConfig
from pulumi_lint.document import Document
from pulumi_lint.engine import Engine
from pulumi_lint.findings import Finding

CONFIG = LintConfig(select=["PUL007"])

HEADER = b"import * as aws from '@pulumi/aws';\n"
GROUP = b"const logs = new aws.cloudwatch.LogGroup('logs', { name: '/aws/lambda/api', retentionInDays: 7 });\n"
FUNCTION = b"const fn = new aws.lambda.Function('fn', { name: 'api', role: 'r' });\n"


def _summary(findings: list[Finding]) -> list[tuple[object, ...]]:
    return [
        (f.code, f.start, f.end, f.message, tuple((x.title, x.edits) for x in f.fixes)) for f in findings
    ]


def _edited_and_fresh(source: bytes, old: bytes, new: bytes) -> tuple[list[tuple[object, ...]], ...]:
    """The findings after replacing ``old`` by ``new`` in a document analysed before, and those of a
    fresh document of the new text; also the findings before the edit."""
    engine = Engine(CONFIG)
    document = Document(source, "index.ts")
    before = _summary(engine.analyse(document).findings)
    at = source.index(old)
    document.apply_change(at, at + len(old), new)
    edited = _summary(engine.analyse(document).findings)
    fresh = _summary(Engine(CONFIG).analyse(Document(document.source, "index.ts")).findings)
    return before, edited, fresh


def test_a_function_renamed_away_from_the_group_drops_the_finding() -> None:
    before, edited, fresh = _edited_and_fresh(HEADER + GROUP + FUNCTION, b"name: 'api'", b"name: 'other'")
    assert len(before) == 1 and fresh == []
    assert edited == fresh


def test_a_function_added_with_the_group_s_name_is_reported() -> None:
    before, edited, fresh = _edited_and_fresh(HEADER + GROUP + FUNCTION, b"name: 'api'", b"name: 'x'")
    assert before != [] and fresh == [] and edited == fresh
    source = HEADER + GROUP + FUNCTION.replace(b"'api'", b"'x'")
    added = FUNCTION.replace(b"const fn", b"const second").replace(b"'fn'", b"'second'")
    before, edited, fresh = _edited_and_fresh(source + b"// end\n", b"// end\n", added)
    assert before == [] and len(fresh) == 1
    assert edited == fresh


def test_a_constant_the_function_s_name_reads_changing_is_followed() -> None:
    source = HEADER + b"const fnName = 'api';\n" + GROUP + FUNCTION.replace(b"name: 'api'", b"name: fnName")
    before, edited, fresh = _edited_and_fresh(source, b"const fnName = 'api'", b"const fnName = 'other'")
    assert len(before) == 1 and fresh == []
    assert edited == fresh
    source = source.replace(b"const fnName = 'api'", b"const fnName = 'other'")
    before, edited, fresh = _edited_and_fresh(source, b"const fnName = 'other'", b"const fnName = 'api'")
    assert before == [] and len(fresh) == 1
    assert edited == fresh


def test_a_group_added_elsewhere_orders_nothing_until_depended_on() -> None:
    source = HEADER + FUNCTION + b"// groups\n"
    before, edited, fresh = _edited_and_fresh(source, b"// groups\n", GROUP)
    assert before == [] and len(fresh) == 1
    assert edited == fresh
