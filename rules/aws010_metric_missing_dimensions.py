"""## What it does
Reports a CloudWatch metric without dimensions: a metric of an `aws.cloudwatch.MetricAlarm`
(`namespace`/`metricName`, or a `metricQueries` metric) without `dimensions`, or a metric array of
an `aws.cloudwatch.Dashboard` body without dimension name/value pairs.

- Warning for namespaces whose metrics exist only per resource (`AWS/SQS` needs `QueueName`,
  `AWS/DynamoDB` `TableName`, `AWS/ApplicationELB` `LoadBalancer`, `AWS/Kinesis` `StreamName`, ...),
  and for a dashboard built in `.apply(([lambdaName, ...]) => ...)` whose matching parameter is never
  used: the name was fetched for the dimension and then forgotten.
- Information for other `AWS/Lambda` metrics: without `FunctionName` they aggregate every function
  of the account and region, which is valid but rarely what a stack's dashboard means.
- Nothing for account-level metrics (`ConcurrentExecutions`, `UnreservedConcurrentExecutions`,
  DynamoDB's `Account*` metrics) and custom namespaces.

A dashboard metric is `[namespace, metricName, dimName1, dimValue1, ..., { stat, label, ... }]`.
A `dimensions` key inside the options object (as some examples write it) is not part of the
dashboard format and is ignored by CloudWatch, so such a metric has no dimensions either.

## Why is this bad?
A metric of a per-resource namespace without its dimension does not exist: an alarm on it stays in
`INSUFFICIENT_DATA` forever and never fires, and a dashboard graph stays empty. A Lambda metric
without `FunctionName` graphs every function in the account, so the dashboard shows other stacks'
errors and an alarm fires for them.

## Example
```typescript
const dashboardBody = pulumi.all([fn.name, queue.name]).apply(([lambdaName, queueName]) =>
  JSON.stringify({
    widgets: [{
      type: 'metric',
      properties: {
        metrics: [['AWS/Lambda', 'Duration', { stat: 'Average' }]],
      },
    }],
  }),
);
```

## Use instead
```typescript
        metrics: [['AWS/Lambda', 'Duration', 'FunctionName', lambdaName, { stat: 'Average' }]],
```
and for an alarm, `dimensions: { FunctionName: fn.name }`.

## Fix safety
Safe where the metric as written cannot work: inserting the unused parameter as the dimension,
turning a dashboard options object's `dimensions` into name/value pairs, and adding `dimensions` to an
alarm in a per-resource namespace when exactly one matching resource is in the file. Unsafe for an
`AWS/Lambda` alarm without `FunctionName`: an account-wide alarm is valid, and may be meant.

## References
- Seed 001 §6 (whose "ideal" `dimensions` option is not valid dashboard JSON).
- Amazon CloudWatch User Guide, "Dashboard body structure and syntax" (metric widget `metrics`
  array) and the per-service metric and dimension pages.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache, partial

from pulumi_lint.aws_support import (
    add_member,
    literal_string,
    remove_member,
    resource_ref,
    style,
)
from pulumi_lint.derived import depend, derived, read_key
from pulumi_lint.findings import Applicability, Edit, Finding, Fix, Severity
from pulumi_lint.kept_findings import each
from pulumi_lint.model import Construction, Function, Program, Property, Value, per_program
from pulumi_lint.rule import Context, FixAvailability, RuleMeta

META = RuleMeta(
    code="AWS010",
    name="metric-missing-dimensions",
    severity=Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
)

ALARM = "aws.cloudwatch.MetricAlarm"
DASHBOARD = "aws.cloudwatch.Dashboard"


@dataclass(frozen=True)
class _Namespace:
    dimension: str
    # Metrics of the namespace that are published without dimensions.
    account_level: frozenset[str] = frozenset()
    # The resource types the dimension names, and the output that is the dimension's value.
    resources: tuple[str, ...] = ()
    output: str = "name"
    # Words in a parameter name that make it this namespace's dimension value.
    words: tuple[str, ...] = ()


# Namespaces whose metrics are published only with a resource dimension (from each service's
# "CloudWatch metrics" page of the AWS documentation).
PER_RESOURCE: dict[str, _Namespace] = {
    "AWS/SQS": _Namespace("QueueName", resources=("aws.sqs.Queue",), words=("queue",)),
    "AWS/DynamoDB": _Namespace(
        "TableName",
        frozenset(
            {
                "AccountMaxReads",
                "AccountMaxWrites",
                "AccountMaxTableLevelReads",
                "AccountMaxTableLevelWrites",
                "AccountProvisionedReadCapacityUtilization",
                "AccountProvisionedWriteCapacityUtilization",
                "MaxProvisionedTableReadCapacityUtilization",
                "MaxProvisionedTableWriteCapacityUtilization",
                "UserErrors",
            }
        ),
        resources=("aws.dynamodb.Table",),
        words=("table",),
    ),
    "AWS/ApplicationELB": _Namespace(
        "LoadBalancer", resources=("aws.lb.LoadBalancer", "aws.alb.LoadBalancer"), output="arnSuffix"
    ),
    "AWS/NetworkELB": _Namespace("LoadBalancer"),
    "AWS/ApiGateway": _Namespace("ApiName", resources=("aws.apigateway.RestApi",), words=("api",)),
    "AWS/Kinesis": _Namespace("StreamName", resources=("aws.kinesis.Stream",), words=("stream",)),
    "AWS/Firehose": _Namespace("DeliveryStreamName", resources=("aws.kinesis.FirehoseDeliveryStream",)),
    "AWS/ECS": _Namespace("ClusterName", resources=("aws.ecs.Cluster",), words=("cluster",)),
    "AWS/SNS": _Namespace(
        "TopicName",
        frozenset({"SMSMonthToDateSpentUSD", "SMSSuccessRate"}),
        resources=("aws.sns.Topic",),
        words=("topic",),
    ),
}
LAMBDA = _Namespace(
    "FunctionName",
    frozenset({"ConcurrentExecutions", "UnreservedConcurrentExecutions", "ClaimedAccountConcurrency"}),
    resources=("aws.lambda.Function", "aws.lambda.CallbackFunction"),
    words=("lambda", "function", "func", "fn"),
)
NAMESPACES = {**PER_RESOURCE, "AWS/Lambda": LAMBDA}
_GENERIC_WORDS = frozenset({"alarm", "metric", "queue", "table", "function", "lambda", "fn", "the", "aws"})


def check(ctx: Context) -> Iterator[Finding]:
    program = ctx.program
    for alarm in program.resources_of(ALARM):
        yield from each(ctx, alarm, _check_alarm)
    for dashboard in program.resources_of(DASHBOARD):
        yield from each(ctx, dashboard, _check_dashboard_resource)


# Alarms ----------------------------------------------------------------------------------------


def _check_alarm(ctx: Context, alarm: Construction) -> Iterator[Finding]:
    program = ctx.program
    args = program.resolve(alarm.args)
    if args is None or args.kind != "object":
        return
    queries = program.lookup(args, "metricQueries")
    if queries is not None:
        if queries.kind != "array":
            return
        for item in queries.items:
            metric = program.lookup(item, "metric")
            if metric is not None and metric.kind == "object":
                yield from _check_alarm_metric(ctx, alarm, metric)
        return
    yield from _check_alarm_metric(ctx, alarm, args)


def _check_alarm_metric(ctx: Context, alarm: Construction, holder: Value) -> Iterator[Finding]:
    program = ctx.program
    namespace_prop = program.property(holder, "namespace")
    metric_prop = program.property(holder, "metricName")
    if namespace_prop is None or metric_prop is None:
        return
    namespace = literal_string(program, namespace_prop.value)
    metric = literal_string(program, metric_prop.value)
    if namespace is None or metric is None:
        return
    dimensions = program.property(holder, "dimensions")
    if dimensions is not None:
        value = program.resolve(dimensions.value)
        if value is None or value.kind != "object" or program.object_properties(value) or value.spreads:
            return
    info = NAMESPACES.get(namespace)
    if info is None or metric in info.account_level:
        return
    per_resource = namespace in PER_RESOURCE
    if per_resource:
        message = (
            f"`{namespace}` `{metric}` is published only per {info.dimension}: without `dimensions` this "
            f"alarm never leaves INSUFFICIENT_DATA. Add `dimensions: {{ {info.dimension}: ... }}`."
        )
        severity = Severity.WARNING
    else:
        message = (
            f"`{namespace}` `{metric}` without `{info.dimension}` aggregates every function in the account "
            f"and region. Add `dimensions: {{ {info.dimension}: fn.name }}` unless that is meant."
        )
        severity = Severity.INFO
    # Made when asked for: which resource the alarm is about depends on every resource of the
    # namespace, and only the fix needs it (a kept finding's fixes come from checking it again).
    fixes = partial(_alarm_fixes, ctx, alarm, holder, dimensions, info, per_resource)
    yield ctx.finding(metric_prop, message, fixes=fixes, severity=severity)


def _alarm_fixes(
    ctx: Context, alarm: Construction, holder: Value, dimensions: Property | None, info: _Namespace, per_resource: bool
) -> list[Fix]:
    target = _single_resource(ctx, alarm, info)
    if target is None or (dimensions is not None and dimensions not in holder.properties):
        return []
    ref = f"{target}.{info.output}"
    style_ = style(ctx)
    if dimensions is None:
        edit = add_member(ctx, holder, f"{{ {info.dimension}: {ref} }}", "dimensions", style_)
    else:
        assert dimensions.value is not None
        edit = ctx.edit(dimensions.value.start, dimensions.value.end, f"{{ {info.dimension}: {ref} }}")
    applicability = Applicability.SAFE if per_resource else Applicability.UNSAFE
    return [ctx.fix(f"Add dimensions: {{ {info.dimension}: {ref} }}", [edit], applicability)]


@lru_cache(maxsize=4096)
def _words(text: str) -> frozenset[str]:
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", text)
    words = {w.lower() for w in re.split(r"[^A-Za-z0-9]+", spaced) if w}
    if {"dead", "letter"} <= words or "deadletter" in words:
        words.add("dlq")
    return frozenset(words - _GENERIC_WORDS)


@per_program
def _candidates(program: Program, info: _Namespace) -> list[tuple[Construction, str]]:
    """The file's resources of the namespace, with the expressions that name them."""
    found: list[tuple[Construction, str]] = []
    for construction in program.resources_of(*info.resources):
        if info.output == "arnSuffix":
            kind = literal_string(program, program.lookup(construction.args, "loadBalancerType"))
            if kind not in (None, "application"):
                continue
        ref = resource_ref(program, construction)
        if ref is not None:
            found.append((construction, ref))
    return found


def _single_resource(ctx: Context, alarm: Construction, info: _Namespace) -> str | None:
    """The one resource in the file the alarm can be about, as the expression that names it."""
    candidates = _candidates(ctx.program, info)
    if len(candidates) == 1:
        return candidates[0][1]
    alarm_words = _words(ctx.text(alarm.name_arg) if alarm.name_arg is not None else "")
    if alarm.variable is not None:
        alarm_words |= _words(alarm.variable.name)
    matching = [ref for c, ref in candidates if alarm_words & _words(ref)]
    return matching[0] if len(matching) == 1 else None


# Dashboards ------------------------------------------------------------------------------------


def _check_dashboard_resource(ctx: Context, dashboard: Construction) -> Iterator[Finding]:
    body = ctx.program.property(dashboard.args, "dashboardBody")
    if body is not None and body.value is not None:
        yield from _check_dashboard(ctx, body.value)


def _check_dashboard(ctx: Context, body: Value) -> Iterator[Finding]:
    program = ctx.program
    for metric, callback in _metric_arrays(program, body):
        yield from _check_dashboard_metric(ctx, metric, callback)


def _children(value: Value) -> list[Value]:
    children = [p.value for p in value.properties if p.value is not None]
    children.extend(value.spreads)
    children.extend(value.items)
    children.extend(value.args)
    children.extend(value.substitutions)
    if value.callee is not None:
        children.append(value.callee)
    return children


def _metric_arrays(program: Program, body: Value) -> list[tuple[Value, Function | None]]:
    """Every `metrics: [[...], ...]` entry reachable from a dashboard body, with its callback."""
    return derived(program, body, "AWS010.metric-arrays", _find_metric_arrays, program, body)


@per_program
def _functions_at(program: Program) -> dict[tuple[int, int], Function]:
    return {(f.span.start, f.span.end): f for f in program.functions}


def _find_metric_arrays(program: Program, body: Value) -> list[tuple[Value, Function | None]]:
    functions = _functions_at(program)
    found: list[tuple[Value, Function | None]] = []
    seen: set[int] = set()
    stack: list[tuple[Value, Function | None]] = [(body, None)]
    while stack:
        value, callback = stack.pop()
        resolved = program.resolve(value)
        if resolved is None or id(resolved) in seen:
            continue
        seen.add(id(resolved))
        if resolved.kind == "function":
            callback = functions.get((resolved.start, resolved.end), callback)
        if resolved.kind == "object":
            metrics = program.lookup(resolved, "metrics")
            if metrics is not None and metrics.kind == "array":
                for item in metrics.items:
                    entry = program.resolve(item)
                    if entry is not None and entry.kind == "array":
                        found.append((entry, callback))
        stack.extend((child, callback) for child in reversed(_children(resolved)))
    return found


def _param_names(function: Function) -> list[str]:
    names: list[str] = []
    for param in function.params:
        text = re.sub(r":[^,\]}]*", "", param.name)  # drop type annotations in patterns
        names.extend(re.findall(r"[A-Za-z_$][\w$]*", text))
    return names


def _unused_param(ctx: Context, callback: Function | None, info: _Namespace) -> str | None:
    if callback is None or not info.words:
        return None
    program = ctx.program
    for name in _param_names(callback):
        lowered = name.lower()
        if not any(word in lowered for word in info.words):
            continue
        if "name" not in lowered and lowered not in info.words:
            continue
        # Who reads the name: a reverse lookup, which resolving names does not record.
        depend(program, read_key(name))
        reads = [s for s in program.reads.get(name, []) if callback.span.contains(s.start)]
        if not reads:
            return name
    return None


def _check_dashboard_metric(ctx: Context, metric: Value, callback: Function | None) -> Iterator[Finding]:
    program = ctx.program
    items = metric.items
    if len(items) < 2:
        return
    namespace = literal_string(program, items[0])
    name = literal_string(program, items[1])
    if namespace is None or name is None or namespace in (".", "..."):
        return
    options = items[-1] if items[-1].kind == "object" else None
    pairs = [item for item in items[2:] if item is not options]
    if pairs:
        return
    info = NAMESPACES.get(namespace)
    option_dimensions = options.get("dimensions") if options is not None else None
    if info is not None and name in info.account_level and option_dimensions is None:
        return
    if info is None and option_dimensions is None:
        return
    style_ = style(ctx)
    fixes: list[Fix] = []
    severity = Severity.WARNING
    if option_dimensions is not None and options is not None:
        message = (
            f"Dashboard metric `{namespace}` `{name}` has no dimensions: a `dimensions` key in the options "
            "object is not part of the dashboard format and is ignored. Write the dimensions as name/value "
            "pairs after the metric name."
        )
        pairs_text = _pairs_from_options(ctx, option_dimensions, style_.quote)
        if pairs_text is not None:
            edits = [
                ctx.edit(items[1].end, items[1].end, pairs_text),
                remove_member(ctx, options, option_dimensions),
            ]
            fixes.append(ctx.fix("Write the dimensions as name/value pairs", edits, Applicability.SAFE))
    else:
        assert info is not None
        unused = _unused_param(ctx, callback, info)
        if unused is not None:
            message = (
                f"Dashboard metric `{namespace}` `{name}` has no {info.dimension} dimension, and "
                f"`{unused}` is fetched for it but never used. Add `{style_.string(info.dimension)}, "
                f"{unused}` after the metric name."
            )
            text = f", {style_.string(info.dimension)}, {unused}"
            fixes.append(
                ctx.fix(
                    f"Add the {info.dimension} dimension from `{unused}`",
                    [Edit(items[1].end, items[1].end, text)],
                    Applicability.SAFE,
                )
            )
        elif namespace in PER_RESOURCE:
            message = (
                f"Dashboard metric `{namespace}` `{name}` is published only per {info.dimension}: without "
                f"that dimension the graph stays empty. Add `{style_.string(info.dimension)}, <value>` after "
                "the metric name."
            )
        else:
            severity = Severity.INFO
            message = (
                f"Dashboard metric `{namespace}` `{name}` has no {info.dimension} dimension: it "
                "aggregates every function in the account and region. Add "
                f"`{style_.string(info.dimension)}, <name>` after the metric name unless that is meant."
            )
    yield ctx.finding(metric, message, fixes=fixes, severity=severity)


def _pairs_from_options(ctx: Context, prop: Property, quote: str) -> str | None:
    program = ctx.program
    value = program.resolve(prop.value)
    if value is None or value.kind != "object" or value.spreads:
        return None
    parts: list[str] = []
    for dim in value.properties:
        if dim.key is None or dim.value is None:
            return None
        parts.append(f"{quote}{dim.key}{quote}, {ctx.text(dim.value)}")
    return ", " + ", ".join(parts) if parts else None
