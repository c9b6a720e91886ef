"""## What it does
Reports an SQS queue used as a dead-letter target for which the project has no
`aws.cloudwatch.MetricAlarm` on its `ApproximateNumberOfMessagesVisible` metric.

A queue is a dead-letter target when the file gives it to a Lambda function's
`deadLetterConfig`, another queue's `redrivePolicy` (`deadLetterTargetArn`, also through
`aws.sqs.RedrivePolicy`), an `onFailure` destination, an EventBridge target's or SNS
subscription's dead-letter config, a component argument named like `deadLetterQueue`/`dlq`, or
when the queue itself has a `redriveAllowPolicy`. A queue that also receives regular messages
(an SNS subscription, an EventBridge target, an S3 notification) is not: its backlog alarm would
fire on normal traffic. An alarm matches when its `QueueName`
dimension reads the queue's name (or the same string); an alarm on the metric that the rule
cannot attribute (no dimensions, a parameter, another file) is assumed to match.

## Why is this bad?
A dead-letter queue is where failures go to be noticed. Without an alarm, messages sit there
unseen until the retention period deletes them (4 days by default), and the failure is found
when a user reports it.

## Example
```typescript
const dlq = new aws.sqs.Queue('orders-dlq', { messageRetentionSeconds: 1209600 });
const fn = new aws.lambda.Function('processor', {
  /* ... */
  deadLetterConfig: { targetArn: dlq.arn },
});
```

## Use instead
```typescript
const dlq = new aws.sqs.Queue('orders-dlq', { messageRetentionSeconds: 1209600 });
new aws.cloudwatch.MetricAlarm('orders-dlq-alarm', {
  comparisonOperator: 'GreaterThanThreshold',
  evaluationPeriods: 1,
  metricName: 'ApproximateNumberOfMessagesVisible',
  namespace: 'AWS/SQS',
  period: 300,
  statistic: 'Maximum',
  threshold: 0,
  dimensions: { QueueName: dlq.name },
  alarmDescription: 'Messages in the dead-letter queue',
  treatMissingData: 'notBreaching',
});
```

## Fix safety
Unsafe: it adds a resource (an alarm, billed monthly). It fires as soon as one message is in
the queue; it notifies nobody until `alarmActions` lists a topic, which the fix adds when one
SNS topic named for alerts is in scope.

## References
- Seed 003 §9. Amazon SQS Developer Guide, "Using dead-letter queues" and "Available
  CloudWatch metrics for Amazon SQS".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import partial

from pulumi_lint.aws_model import (
    METRIC_ALARM_TYPES,
    SQS_QUEUE_TYPES,
    array_items,
    constructions_of,
    constructions_read,
    physical_name,
    programs_in_scope,
    relation,
    resources_in,
    string_of,
    type_expression,
    values_where,
)
from pulumi_lint.findings import Applicability, Finding, Fix, Severity
from pulumi_lint.model import Construction, Program, Value
from pulumi_lint.rule import Context, FixAvailability, RuleMeta

from ._aws_edits import (
    derived_logical_name,
    indent_block,
    insert_after_statement,
    options_parent_text,
    reference_at,
    statement_bounds,
)

META = RuleMeta(
    code="AWS014",
    name="dlq-without-alarm",
    severity=Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
)

METRIC = "ApproximateNumberOfMessagesVisible"
# Property keys under which a queue is handed over as a dead-letter target.
DLQ_KEY = re.compile(r"dead.?letter|dlq|^redrivePolicy$|^onFailure$", re.IGNORECASE)
ALERT_TOPIC = re.compile(r"alarm|alert|notif|oncall|on-call|ops", re.IGNORECASE)


def check(ctx: Context) -> Iterator[Finding]:
    program = ctx.program
    queues = list(constructions_of(program, *SQS_QUEUE_TYPES))
    if not queues:
        return
    dead_letter = _dead_letter_queues(program, queues) - _regular_destinations(program, queues)
    if not dead_letter:
        return
    alarms = _queue_alarms(programs_in_scope(ctx))
    for queue in queues:
        if id(queue) not in dead_letter or _has_alarm(ctx, alarms, queue):
            continue
        message = (
            f"This queue receives failed messages but no CloudWatch alarm watches its `{METRIC}`: "
            "failures pile up unnoticed until retention deletes them. Add an "
            "aws.cloudwatch.MetricAlarm on it (namespace `AWS/SQS`, dimension `QueueName`)."
        )
        yield ctx.finding(queue.callee, message, fixes=partial(_fix, ctx, queue))


def _dead_letter_queues(program: Program, queues: list[Construction]) -> set[int]:
    found: set[int] = set()
    wanted = {id(q) for q in queues}
    for queue in queues:
        if program.property(queue.args, "redriveAllowPolicy") is not None:
            found.add(id(queue))
    for value in values_where(program, "AWS014.dlq-keys", _has_dlq_key):
        for prop in value.properties:
            if prop.key is None or prop.value is None or not DLQ_KEY.search(prop.key):
                continue
            found.update(id(c) for c in constructions_read(program, prop.value) if id(c) in wanted)
    return found


def _has_dlq_key(value: Value) -> bool:
    return value.kind == "object" and any(
        prop.key is not None and prop.value is not None and DLQ_KEY.search(prop.key) for prop in value.properties
    )


# Resources that send a queue its regular traffic: (type, path to the queue's ARN).
REGULAR_PRODUCERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("aws.sns.TopicSubscription", ("endpoint",)),
    ("aws.cloudwatch.EventTarget", ("arn",)),
    ("aws.s3.BucketNotification", ("queues",)),
    ("aws.pipes.Pipe", ("target",)),
)


def _regular_destinations(program: Program, queues: list[Construction]) -> set[int]:
    """Queues that also receive regular messages: an alarm on their backlog would fire on normal
    traffic, so they are not dead-letter queues in this rule's sense."""
    wanted = {id(q) for q in queues}
    found: set[int] = set()
    for resource_type, path in REGULAR_PRODUCERS:
        for producer in constructions_of(program, resource_type):
            value = program.lookup(producer.args, *path)
            found.update(id(c) for c in constructions_read(program, value) if id(c) in wanted)
    return found


def _alarm_metric_values(program: Program, alarm: Construction) -> list[tuple[Value | None, Value | None]]:
    """(metric name, QueueName dimension) pairs of an alarm, including metric queries."""
    pairs = [
        (
            program.lookup(alarm.args, "metricName"),
            program.lookup(alarm.args, "dimensions", "QueueName"),
        )
    ]
    for query in array_items(program, program.lookup(alarm.args, "metricQueries")) or []:
        pairs.append(
            (
                program.lookup(query, "metric", "metricName"),
                program.lookup(query, "metric", "dimensions", "QueueName"),
            )
        )
    return pairs


Alarm = tuple[Program, Value | None]  # an alarm's program and its QueueName dimension


def _queue_alarms(programs: list[Program]) -> list[Alarm]:
    """The QueueName dimension of every alarm (or metric query) on the visible-messages metric."""
    alarms: list[Alarm] = []
    for program, alarm in resources_in(programs, *METRIC_ALARM_TYPES):
        for metric_value, queue_value in _alarm_metric_values(program, alarm):
            if string_of(program, metric_value) == METRIC:
                alarms.append((program, queue_value))
    return alarms


def _has_alarm(ctx: Context, alarms: list[Alarm], queue: Construction) -> bool:
    name = physical_name(ctx.program, queue)
    for program, queue_value in alarms:
        if queue_value is None:
            return True  # an alarm for no queue: AWS010 reports that one
        found = relation(
            program,
            queue_value,
            ctx.program,
            queue,
            types=SQS_QUEUE_TYPES,
            text_matches=lambda text: name is not None and text == name,
            source=ctx.source,
        )
        if found != "no":
            return True
    return False


def _fix(ctx: Context, queue: Construction) -> list[Fix]:
    program = ctx.program
    bounds = statement_bounds(ctx, queue)
    alarm_type = type_expression(program, "aws.cloudwatch.MetricAlarm")
    logical = derived_logical_name(ctx, queue.name_arg, "-alarm")
    if bounds is None or alarm_type is None or logical is None:
        return []
    queue_ref = reference_at(ctx, queue, bounds[1])
    if queue_ref is None:
        return []
    opts = options_parent_text(ctx, queue)
    tail = f", {opts}" if opts else ""
    actions = ""
    topics: list[str] = []
    for topic in constructions_of(program, "aws.sns.Topic"):
        variable = topic.variable.name if topic.variable else ""
        label = f"{variable} {ctx.text(topic.name_arg or topic.callee)}"
        ref = reference_at(ctx, topic, bounds[1])
        if ALERT_TOPIC.search(label) and ref is not None:
            topics.append(ref)
    if len(topics) == 1:
        actions = f"  alarmActions: [{topics[0]}.arn],\n"
    statement = (
        f"new {alarm_type}({logical}, {{\n"
        "  comparisonOperator: 'GreaterThanThreshold',\n"
        "  evaluationPeriods: 1,\n"
        f"  metricName: '{METRIC}',\n"
        "  namespace: 'AWS/SQS',\n"
        "  period: 300,\n"
        "  statistic: 'Maximum',\n"
        "  threshold: 0,\n"
        f"  dimensions: {{ QueueName: {queue_ref}.name }},\n"
        "  alarmDescription: 'Messages in the dead-letter queue',\n"
        "  treatMissingData: 'notBreaching',\n"
        f"{actions}"
        f"}}{tail});"
    )
    edit = insert_after_statement(ctx, bounds, indent_block(ctx, statement))
    return [ctx.fix(f"Add an alarm on {queue_ref}'s visible messages", [edit], Applicability.UNSAFE)]
