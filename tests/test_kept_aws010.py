"""AWS010's findings are kept per alarm and per dashboard across edits: an edit of another
statement that changes a finding (the dashboard body built elsewhere, the resources an alarm's fix
names) reports what a fresh open of the new text reports, fixes included."""

from __future__ import annotations

from .kept_edits import edited_and_fresh

CODE = "AWS010"

HEADER = b"import * as aws from '@pulumi/aws';\nimport * as pulumi from '@pulumi/pulumi';\n"
FUNCTION = b"const fn = new aws.lambda.Function('fn', { role: 'r' });\n"
BODY = (
    b"const body = fn.name.apply((lambdaName) => JSON.stringify({ widgets: [{ type: 'metric', "
    b"properties: { metrics: [['AWS/Lambda', 'Errors', { stat: 'Sum' }]], title: 'x' } }] }));\n"
)
DASHBOARD = b"const dashboard = new aws.cloudwatch.Dashboard('d', { dashboardBody: body });\n"
QUEUE = b"const orders = new aws.sqs.Queue('orders', {});\n"
ALARM = (
    b"const backlog = new aws.cloudwatch.MetricAlarm('orders-backlog', { comparisonOperator: 'GreaterThanThreshold', "
    b"evaluationPeriods: 1, metricName: 'ApproximateNumberOfMessagesVisible', namespace: 'AWS/SQS', period: 60, "
    b"statistic: 'Maximum', threshold: 1 });\n"
)


def test_a_dashboard_body_built_in_another_statement_is_followed() -> None:
    source = HEADER + FUNCTION + BODY + DASHBOARD
    fixed = b"['AWS/Lambda', 'Errors', 'FunctionName', lambdaName, { stat: 'Sum' }]"
    before, edited, fresh = edited_and_fresh(CODE, source, b"['AWS/Lambda', 'Errors', { stat: 'Sum' }]", fixed)
    assert len(before) == 1 and fresh == []
    assert edited == fresh


def test_the_parameter_read_elsewhere_in_the_callback_is_followed() -> None:
    source = HEADER + FUNCTION + BODY + DASHBOARD
    before, edited, fresh = edited_and_fresh(CODE, source, b"title: 'x'", b"title: lambdaName")
    assert before != fresh and len(fresh) == 1, "no longer `fetched but never used`"
    assert edited == fresh


def test_an_alarm_s_fix_follows_the_resources_added_elsewhere() -> None:
    source = HEADER + QUEUE + ALARM + b"// more\n"
    before, edited, fresh = edited_and_fresh(CODE, source, b"// more\n", QUEUE.replace(b"orders", b"ordersCopy"))
    assert [len(f[4]) for f in before] == [1], "the one queue is the dimension"
    assert [len(f[4]) for f in fresh] == [0], "two queues match the alarm's name"
    assert edited == fresh
