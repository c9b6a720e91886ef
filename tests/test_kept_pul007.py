"""PUL007's findings are kept per log group across edits: an edit of another statement that
changes which function a group's name matches (a function renamed, added or removed, a constant
its name reads changed) reports what a fresh open of the new text reports."""

from __future__ import annotations

from .kept_edits import edited_and_fresh

CODE = "PUL007"

HEADER = b"import * as aws from '@pulumi/aws';\n"
GROUP = b"const logs = new aws.cloudwatch.LogGroup('logs', { name: '/aws/lambda/api', retentionInDays: 7 });\n"
FUNCTION = b"const fn = new aws.lambda.Function('fn', { name: 'api', role: 'r' });\n"


def test_a_function_renamed_away_from_the_group_drops_the_finding() -> None:
    before, edited, fresh = edited_and_fresh(CODE, HEADER + GROUP + FUNCTION, b"name: 'api'", b"name: 'other'")
    assert len(before) == 1 and fresh == []
    assert edited == fresh


def test_a_function_added_with_the_group_s_name_is_reported() -> None:
    before, edited, fresh = edited_and_fresh(CODE, HEADER + GROUP + FUNCTION, b"name: 'api'", b"name: 'x'")
    assert before != [] and fresh == [] and edited == fresh
    source = HEADER + GROUP + FUNCTION.replace(b"'api'", b"'x'")
    added = FUNCTION.replace(b"const fn", b"const second").replace(b"'fn'", b"'second'")
    before, edited, fresh = edited_and_fresh(CODE, source + b"// end\n", b"// end\n", added)
    assert before == [] and len(fresh) == 1
    assert edited == fresh


def test_a_constant_the_function_s_name_reads_changing_is_followed() -> None:
    source = HEADER + b"const fnName = 'api';\n" + GROUP + FUNCTION.replace(b"name: 'api'", b"name: fnName")
    before, edited, fresh = edited_and_fresh(CODE, source, b"const fnName = 'api'", b"const fnName = 'other'")
    assert len(before) == 1 and fresh == []
    assert edited == fresh
    source = source.replace(b"const fnName = 'api'", b"const fnName = 'other'")
    before, edited, fresh = edited_and_fresh(CODE, source, b"const fnName = 'other'", b"const fnName = 'api'")
    assert before == [] and len(fresh) == 1
    assert edited == fresh


def test_a_group_added_elsewhere_orders_nothing_until_depended_on() -> None:
    source = HEADER + FUNCTION + b"// groups\n"
    before, edited, fresh = edited_and_fresh(CODE, source, b"// groups\n", GROUP)
    assert before == [] and len(fresh) == 1
    assert edited == fresh
