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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import partial

from pulumi_lint.aws_model import (
    METRIC_ALARM_TYPES,
    SQS_QUEUE_TYPES,
    RelationIndex,
    ValueFacts,
    array_items,
    canonical_type,
    construction_refs,
    constructions_of,
    constructions_read,
    physical_name,
    programs_in_scope,
    resources_in,
    string_of,
    type_expression,
    value_facts,
    values_where,
)
from pulumi_lint.derived import depend, derived, untracked
from pulumi_lint.findings import Applicability, Finding, Fix, Severity
from pulumi_lint.kept_findings import each
from pulumi_lint.model import Construction, Program, Value, per_program
from pulumi_lint.rule import Context, FixAvailability, RuleMeta

from ._aws_edits import (
    derived_logical_name,
    indent_block,
    insert_after_statement,
    options_parent_text,
    reference_at,
    statement_bounds,
)
from ._readers import Readers, depend_on_every_statement, reading_statements

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
    for queue in constructions_of(ctx.program, *SQS_QUEUE_TYPES):
        yield from each(ctx, queue, _check_queue)


def _check_queue(ctx: Context, queue: Construction) -> Iterator[Finding]:
    program = ctx.program
    readers = _Readers(program, queue)
    if not _is_dead_letter(program, queue, readers) or _is_regular_destination(program, queue, readers):
        return
    if _has_alarm(ctx, queue):
        return
    message = (
        f"This queue receives failed messages but no CloudWatch alarm watches its `{METRIC}`: "
        "failures pile up unnoticed until retention deletes them. Add an "
        "aws.cloudwatch.MetricAlarm on it (namespace `AWS/SQS`, dimension `QueueName`)."
    )
    yield ctx.finding(queue.callee, message, fixes=partial(_fix, ctx, queue))


class _Readers:
    """The statements that can read the queue (see :func:`reading_statements`), looked up once if
    at all."""

    __slots__ = ("program", "queue", "_found", "_done")

    def __init__(self, program: Program, queue: Construction) -> None:
        self.program = program
        self.queue = queue
        self._found: Readers | None = None
        self._done = False

    def get(self) -> Readers | None:
        if not self._done:
            refs = construction_refs(self.program, self.queue)
            self._found = reading_statements(self.program, self.queue.value, refs)
            self._done = True
        return self._found


def _is_dead_letter(program: Program, queue: Construction, found: _Readers) -> bool:
    """The queue allows redrives into it, or a value reads it under a dead-letter key."""
    if program.property(queue.args, "redriveAllowPolicy") is not None:
        return True
    readers = found.get()
    if readers is None:
        depend_on_every_statement(program)
        values = values_where(program, "AWS014.dlq-keys", _has_dlq_key)
    else:
        values = [value for statement in readers.statements for value in _dlq_key_values(statement)]
    for value in values:
        for prop in value.properties:
            if prop.key is None or prop.value is None or not DLQ_KEY.search(prop.key):
                continue
            # A value that holds no read of the queue's names cannot reach it; not looked up
            # (a lookup records every name it resolves).
            if readers is not None and not readers.within(prop.value):
                continue
            if any(c is queue for c in constructions_read(program, prop.value)):
                return True
    return False


@per_program
def _dlq_key_values(program: Program) -> list[Value]:
    """The object values with a dead-letter key of one statement (its facts)."""
    return values_where(program, "AWS014.dlq-keys", _has_dlq_key)


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


def _is_regular_destination(program: Program, queue: Construction, found: _Readers) -> bool:
    """The queue also receives regular messages: an alarm on its backlog would fire on normal
    traffic, so it is not a dead-letter queue in this rule's sense."""
    readers = found.get()
    if readers is None:
        producers: Iterable[Construction] = (
            producer for resource_type in _PRODUCER_PATHS for producer in constructions_of(program, resource_type)
        )
    else:
        # A producer that reads the queue, directly or through a constant, reads one of the names
        # the readers are found by: it is one of their constructions.
        producers = (
            construction
            for statement in readers.statements
            for construction in statement.constructions
            if canonical_type(construction.resource_type) in _PRODUCER_PATHS
        )
    for producer in producers:
        path = _PRODUCER_PATHS[canonical_type(producer.resource_type) or ""]
        value = program.lookup(producer.args, *path)
        if value is None or readers is not None and not readers.within(value):
            continue
        if any(c is queue for c in constructions_read(program, value)):
            return True
    return False


_PRODUCER_PATHS = {canonical_type(resource_type) or resource_type: path for resource_type, path in REGULAR_PRODUCERS}


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


@dataclass(slots=True)
class _Alarms:
    """The QueueName dimension of every alarm (or metric query) on the visible-messages metric,
    related to each queue through one index."""

    # An alarm on the metric that names no queue (AWS010 reports that one): every queue has one.
    unscoped: bool
    index: RelationIndex
    # The queues the dimensions read (the index knows them by identity): held so that none is
    # freed, and its identity taken by another, while the index is kept.
    others: tuple[Construction, ...]


def _queue_alarms(ctx: Context) -> _Alarms:
    program = ctx.program
    programs = programs_in_scope(ctx)
    if len(programs) == 1:
        # Kept across edits while no alarm came, went or was edited and no name the dimensions
        # resolve through changed (recorded by building it, and by every check that reads it):
        # with the first queue's statement, which one is first being no dependency of a check.
        first: Construction = untracked(program, _first_queue, program)
        return derived(program, first.value, "AWS014.alarms", _index_alarms, ctx, programs)
    # The project's other files are no statement of this one: worked out once per analysis, and
    # what it looked up in this file recorded by every check that reads it.
    key = ("AWS014.alarms", tuple(id(p) for p in programs))
    cached: tuple[_Alarms, frozenset[str]] | None = program.memo.get(key)
    if cached is None:
        program.tracking.append(set())
        try:
            alarms = _index_alarms(ctx, programs)
        finally:
            names = frozenset(program.tracking.pop())
        cached = program.memo[key] = (alarms, names)
    depend(program, *cached[1])
    return cached[0]


def _first_queue(program: Program) -> Construction:
    return next(constructions_of(program, *SQS_QUEUE_TYPES))


def _index_alarms(ctx: Context, programs: list[Program]) -> _Alarms:
    unscoped = False
    values: list[ValueFacts] = []
    for program, alarm in resources_in(programs, *METRIC_ALARM_TYPES):
        for metric_value, queue_value in _alarm_metric_values(program, alarm):
            if string_of(program, metric_value) != METRIC:
                continue
            if queue_value is None:
                unscoped = True
            else:
                values.append(value_facts(program, queue_value, ctx.program, types=SQS_QUEUE_TYPES, source=ctx.source))
    others = tuple(facts.other for facts in values if facts.other is not None)
    return _Alarms(unscoped, RelationIndex(values, _exact_name), others)


def _exact_name(text: str) -> tuple[str]:
    # A dimension names the queue when its text is the queue's physical name.
    return (text,)


def _has_alarm(ctx: Context, queue: Construction) -> bool:
    """Whether an alarm's dimension names the queue or may (``relation`` is not ``no``)."""
    alarms = _queue_alarms(ctx)
    if alarms.unscoped:
        return True
    program = ctx.program
    yes, maybe = alarms.index.outcomes(queue, construction_refs(program, queue), physical_name(program, queue))
    return bool(yes or maybe)


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
