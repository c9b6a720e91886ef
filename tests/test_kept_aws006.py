"""AWS006's findings are kept per log group and per function across edits: an edit of another
statement that changes whether a log group serves a function (a group added, removed or renamed,
a constant its name reads changed, another function claiming its name) reports what a fresh open
of the new text reports."""

from __future__ import annotations

from pulumi_lint.config import LintConfig
from pulumi_lint.document import Document
from pulumi_lint.engine import Engine
from pulumi_lint.findings import Finding

CONFIG = LintConfig(select=["AWS006"])

HEADER = b"import * as aws from '@pulumi/aws';\nimport * as pulumi from '@pulumi/pulumi';\n"
GROUP = b"const logs = new aws.cloudwatch.LogGroup('logs', { name: '/aws/lambda/api', retentionInDays: 7 });\n"
FUNCTION = b"const fn = new aws.lambda.Function('fn', { name: 'api', role: 'r' });\n"


def _summary(findings: list[Finding]) -> list[tuple[object, ...]]:
    return [
        (f.code, f.start, f.end, f.message, tuple((x.title, x.edits) for x in f.fixes)) for f in findings
    ]


def _edited_and_fresh(source: bytes, old: bytes, new: bytes) -> tuple[list[tuple[object, ...]], ...]:
    """The findings before replacing ``old`` by ``new`` in an analysed document, after it, and
    those of a fresh document of the new text."""
    engine = Engine(CONFIG)
    document = Document(source, "index.ts")
    before = _summary(engine.analyse(document).findings)
    at = source.index(old)
    document.apply_change(at, at + len(old), new)
    edited = _summary(engine.analyse(document).findings)
    fresh = _summary(Engine(CONFIG).analyse(Document(document.source, "index.ts")).findings)
    return before, edited, fresh


def _messages(findings: list[tuple[object, ...]]) -> list[str]:
    return [str(f[3]) for f in findings]


def test_a_log_group_added_or_removed_elsewhere_is_followed() -> None:
    source = HEADER + FUNCTION + b"// groups\n"
    before, edited, fresh = _edited_and_fresh(source, b"// groups\n", GROUP)
    assert len(before) == 1 and fresh == []
    assert edited == fresh
    before, edited, fresh = _edited_and_fresh(source.replace(b"// groups\n", GROUP), GROUP, b"")
    assert before == [] and len(fresh) == 1
    assert edited == fresh


def test_a_log_group_renamed_away_is_followed() -> None:
    before, edited, fresh = _edited_and_fresh(HEADER + GROUP + FUNCTION, b"/aws/lambda/api", b"/aws/lambda/other")
    assert before == [] and len(fresh) == 1
    assert edited == fresh


def test_a_constant_the_group_s_name_reads_changing_is_followed() -> None:
    group = GROUP.replace(b"'/aws/lambda/api'", b"groupName")
    source = HEADER + b"const groupName = '/aws/lambda/api';\n" + group + FUNCTION
    before, edited, fresh = _edited_and_fresh(source, b"'/aws/lambda/api'", b"'/aws/lambda/b'")
    assert before == [] and len(fresh) == 1
    assert edited == fresh


def test_another_function_claiming_a_group_s_pattern_is_followed() -> None:
    # `/aws/lambda/${prefix}-api` may serve any function until one is named `${prefix}-api`.
    group = GROUP.replace(b"'/aws/lambda/api'", b"`/aws/lambda/${prefix}-api`")
    other = b"const other = new aws.lambda.Function('other', { name: 'other', role: 'r' });\n"
    source = HEADER + b"const prefix = pulumi.getStack();\n" + group + other + FUNCTION.replace(b"'api'", b"'x'")
    before, edited, fresh = _edited_and_fresh(source, b"name: 'x'", b"name: `${prefix}-api`")
    assert before == [] and len(fresh) == 1, "`other` is no longer served by the group"
    assert edited == fresh


def test_a_group_whose_name_reads_one_function_serves_only_it() -> None:
    group = GROUP.replace(b"'/aws/lambda/api'", b"pulumi.interpolate`/aws/lambda/${fn.name}`")
    other = b"const other = new aws.lambda.Function('other', { role: 'r' });\n"
    source = HEADER + FUNCTION + group + other
    before, edited, fresh = _edited_and_fresh(source, b"${fn.name}", b"${other.name}")
    assert _messages(before) != _messages(fresh) and len(fresh) == 1
    assert edited == fresh
