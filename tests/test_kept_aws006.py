"""AWS006's findings are kept per log group and per function across edits: an edit of another
statement that changes whether a log group serves a function (a group added, removed or renamed,
a constant its name reads changed, another function claiming its name) reports what a fresh open
of the new text reports."""

from __future__ import annotations

from .kept_edits import edited_and_fresh

CODE = "AWS006"

HEADER = b"import * as aws from '@pulumi/aws';\nimport * as pulumi from '@pulumi/pulumi';\n"
GROUP = b"const logs = new aws.cloudwatch.LogGroup('logs', { name: '/aws/lambda/api', retentionInDays: 7 });\n"
FUNCTION = b"const fn = new aws.lambda.Function('fn', { name: 'api', role: 'r' });\n"


def _messages(findings: list[tuple[object, ...]]) -> list[str]:
    return [str(f[2]) for f in findings]


def test_a_log_group_added_or_removed_elsewhere_is_followed() -> None:
    source = HEADER + FUNCTION + b"// groups\n"
    before, edited, fresh = edited_and_fresh(CODE, source, b"// groups\n", GROUP)
    assert len(before) == 1 and fresh == []
    assert edited == fresh
    before, edited, fresh = edited_and_fresh(CODE, source.replace(b"// groups\n", GROUP), GROUP, b"")
    assert before == [] and len(fresh) == 1
    assert edited == fresh


def test_a_log_group_renamed_away_is_followed() -> None:
    before, edited, fresh = edited_and_fresh(CODE, HEADER + GROUP + FUNCTION, b"/aws/lambda/api", b"/aws/lambda/other")
    assert before == [] and len(fresh) == 1
    assert edited == fresh


def test_a_constant_the_group_s_name_reads_changing_is_followed() -> None:
    group = GROUP.replace(b"'/aws/lambda/api'", b"groupName")
    source = HEADER + b"const groupName = '/aws/lambda/api';\n" + group + FUNCTION
    before, edited, fresh = edited_and_fresh(CODE, source, b"'/aws/lambda/api'", b"'/aws/lambda/b'")
    assert before == [] and len(fresh) == 1
    assert edited == fresh


def test_another_function_claiming_a_group_s_pattern_is_followed() -> None:
    # `/aws/lambda/${prefix}-api` may serve any function until one is named `${prefix}-api`.
    group = GROUP.replace(b"'/aws/lambda/api'", b"`/aws/lambda/${prefix}-api`")
    other = b"const other = new aws.lambda.Function('other', { name: 'other', role: 'r' });\n"
    source = HEADER + b"const prefix = pulumi.getStack();\n" + group + other + FUNCTION.replace(b"'api'", b"'x'")
    before, edited, fresh = edited_and_fresh(CODE, source, b"name: 'x'", b"name: `${prefix}-api`")
    assert before == [] and len(fresh) == 1, "`other` is no longer served by the group"
    assert edited == fresh


def test_a_group_whose_name_reads_one_function_serves_only_it() -> None:
    group = GROUP.replace(b"'/aws/lambda/api'", b"pulumi.interpolate`/aws/lambda/${fn.name}`")
    other = b"const other = new aws.lambda.Function('other', { role: 'r' });\n"
    source = HEADER + FUNCTION + group + other
    before, edited, fresh = edited_and_fresh(CODE, source, b"${fn.name}", b"${other.name}")
    assert _messages(before) != _messages(fresh) and len(fresh) == 1
    assert edited == fresh
