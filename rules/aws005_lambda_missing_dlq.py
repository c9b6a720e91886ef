"""## What it does
Reports a Lambda function that is invoked asynchronously but has neither a dead-letter queue
(`deadLetterConfig`) nor an `aws.lambda.FunctionEventInvokeConfig` with an `onFailure`
destination.

Asynchronous invocation is recognised in the project from: `aws.s3.BucketNotification`
(`lambdaFunctions`), `aws.sns.TopicSubscription`, `aws.cloudwatch.EventTarget`,
`aws.scheduler.Schedule`, `aws.cloudwatch.LogSubscriptionFilter`, the `onObjectCreated` /
`onEvent` helpers, and `aws.lambda.Permission` for the `s3`, `sns`, `events`, `logs`, `ses`,
`iot` and `config` service principals.

A function whose invocation the project does not show at all (an exported function, invoked by
code elsewhere) is reported at a lower severity (option `unseen-invocation-severity`, default
`info`; `off` silences it).

Not reported: functions invoked only synchronously (API Gateway integrations, ALB targets,
function URLs, `aws.lambda.Invocation`) or through an event source mapping (SQS, Kinesis,
DynamoDB streams): there failures return to the caller, or go to the mapping's or the queue's
own destination, and a function DLQ is never used.

## Why is this bad?
Lambda retries a failed asynchronous event twice and then discards it. Without a dead-letter
queue or an on-failure destination the event is lost without a trace: an order is never
processed, and nothing says so.

## Example
```typescript
const processor = new aws.lambda.Function('processor', { /* ... */ });
new aws.s3.BucketNotification('uploads', {
  bucket: bucket.id,
  lambdaFunctions: [{ lambdaFunctionArn: processor.arn, events: ['s3:ObjectCreated:*'] }],
});
```

## Use instead
```typescript
const processorDlq = new aws.sqs.Queue('processor-dlq', { messageRetentionSeconds: 1209600 });
const processor = new aws.lambda.Function('processor', {
  /* ... */
  deadLetterConfig: { targetArn: processorDlq.arn },
});
```

## Fix safety
Unsafe: it changes the deployed function and may add resources. When an SQS queue named like a
dead-letter queue (`dlq`, `dead-letter`) is in scope the fix points `deadLetterConfig` at it;
otherwise it creates one. Lambda refuses a dead-letter queue its execution role cannot send to,
so when the function's role is an `aws.iam.Role` of the file the fix also grants
`sqs:SendMessage` on the queue with an `aws.iam.RolePolicy` and makes the function depend on it.

## References
- Seed 003 §5. AWS Lambda Developer Guide, "Asynchronous invocation" (dead-letter queues,
  destinations) and "Lambda event source mappings".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial

from pulumi_lint.aws_model import (
    LAMBDA_FUNCTION_TYPES,
    RelationIndex,
    ValueFacts,
    array_items,
    construction_refs,
    constructions_of,
    function_name_keys,
    physical_name,
    programs_in_scope,
    reached_names,
    referenced_construction,
    resources_in,
    string_of,
    type_expression,
    value_facts,
    values_where,
)
from pulumi_lint.derived import ANY_TYPE, depend, derived, fact_key
from pulumi_lint.findings import Applicability, Edit, Finding, Fix, Severity
from pulumi_lint.kept_findings import each
from pulumi_lint.model import Construction, Program, Value, per_program
from pulumi_lint.model_builder import statement_parts
from pulumi_lint.rule import Context, FixAvailability, RuleMeta

from ._aws_edits import (
    add_depends_on,
    camel_identifier,
    derived_logical_name,
    indent_block,
    insert_before_statement,
    insert_property,
    literal_args,
    options_parent_text,
    reference_at,
    statement_bounds,
    unique_name,
)
from ._readers import Readers, depend_on_every_statement, reading_statements

META = RuleMeta(
    code="AWS005",
    name="lambda-missing-dlq",
    severity=Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
    options={"unseen-invocation-severity": "info"},
)

# Service principals that invoke Lambda asynchronously, and ones that invoke it synchronously.
# Source: AWS Lambda Developer Guide, "Invoking Lambda with events from other AWS services".
ASYNC_PRINCIPALS = frozenset(
    {"s3", "sns", "events", "logs", "ses", "iot", "config", "cloudformation", "codecommit", "codepipeline"}
)
SYNC_PRINCIPALS = frozenset({"apigateway", "elasticloadbalancing", "cognito-idp", "lex", "secretsmanager"})

# (resource type, path to the value that names the function)
ASYNC_INVOKERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("aws.s3.BucketNotification", ("lambdaFunctions", "*", "lambdaFunctionArn")),
    ("aws.sns.TopicSubscription", ("endpoint",)),
    ("aws.cloudwatch.EventTarget", ("arn",)),
    ("aws.scheduler.Schedule", ("target", "arn")),
    ("aws.cloudwatch.LogSubscriptionFilter", ("destinationArn",)),
)
SYNC_INVOKERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("aws.lambda.EventSourceMapping", ("functionName",)),
    ("aws.apigateway.Integration", ("uri",)),
    ("aws.apigatewayv2.Integration", ("integrationUri",)),
    ("aws.lambda.FunctionUrl", ("functionName",)),
    ("aws.lb.TargetGroupAttachment", ("targetId",)),
    ("aws.lambda.Invocation", ("functionName",)),
)
# Resources whose arguments name a function they invoke synchronously.
SYNC_MENTIONS = frozenset(
    {
        "aws.cloudfront.Distribution",
        "aws.cognito.UserPool",
        "aws.appsync.DataSource",
        "aws.sfn.StateMachine",
        "aws.apigateway.Authorizer",
        "aws.apigatewayv2.Authorizer",
    }
)
# Resources that read a function without invoking it.
OBSERVERS = frozenset(
    {
        "aws.cloudwatch.MetricAlarm",
        "aws.cloudwatch.Dashboard",
        "aws.cloudwatch.LogGroup",
        "aws.lambda.Alias",
        "aws.lambda.ProvisionedConcurrencyConfig",
        "aws.lambda.FunctionEventInvokeConfig",
        "aws.lambda.Permission",
        "aws.appautoscaling.Target",
        "aws.appautoscaling.Policy",
        "aws.iam.Role",
        "aws.iam.RolePolicy",
        "aws.iam.Policy",
        "aws.iam.RolePolicyAttachment",
        "aws.lambda.FunctionUrl",
        "aws.lambda.Function",
        "aws.lambda.CallbackFunction",
    }
)
# ``bucket.onObjectCreated('name', fn)``, ``rule.onEvent('name', fn)``, ``topic.onEvent(...)``.
ASYNC_EVENT_METHODS = frozenset({"onObjectCreated", "onObjectRemoved", "onEvent"})

DLQ_NAME = re.compile(r"dlq|dead[-_ ]?letter", re.IGNORECASE)
SEVERITIES = {s.value: s for s in Severity}

Invocation = str  # "async", "sync", "maybe", "none"


def check(ctx: Context) -> Iterator[Finding]:
    program = ctx.program
    functions = list(constructions_of(program, *LAMBDA_FUNCTION_TYPES))
    if not functions:
        return
    invokers = _invokers(ctx, programs_in_scope(ctx), functions[0])
    unseen = str(ctx.options.get("unseen-invocation-severity", "info")).lower()
    handlers = _handler_calls(program, functions[0])
    for fn in functions:
        # What the project's invokers say about the function, worked out on every analysis from
        # an index kept across edits, and handed to the function's check as its argument: compared
        # by value, so the findings are kept while it says the same, whatever invoker changed.
        # The ``onEvent`` calls of the file go along as they are: each is the same object exactly
        # while its statement is unchanged.
        evidence = _evidence(ctx, invokers, fn)
        yield from each(ctx, fn, _check_function, unseen, evidence, handlers)


def _check_function(
    ctx: Context, fn: Construction, unseen: str, evidence: _Evidence, handlers: tuple[Value, ...]
) -> Iterator[Finding]:
    program = ctx.program
    dlq = program.property(fn.args, "deadLetterConfig")
    if dlq is not None and dlq.value is not None and dlq.value.kind not in ("null", "undefined"):
        return
    has_destination, seen_async, seen_sync, seen_maybe = evidence
    if has_destination:
        return
    invocation = _invocation(ctx, fn, handlers, seen_async, seen_sync, seen_maybe)
    if invocation in ("sync", "maybe"):
        return
    if invocation == "async":
        severity = Severity.WARNING
        message = (
            "This function is invoked asynchronously but has no dead-letter queue or on-failure "
            "destination: events that still fail after Lambda's two retries are discarded. Add "
            "`deadLetterConfig: { targetArn: <queue>.arn }` or an "
            "aws.lambda.FunctionEventInvokeConfig with `destinationConfig.onFailure`."
        )
    else:
        if unseen == "off" or unseen not in SEVERITIES:
            return
        severity = SEVERITIES[unseen]
        message = (
            "This function has no dead-letter queue or on-failure destination, and the project "
            "does not show how it is invoked. If it is invoked asynchronously, failed events "
            "are discarded after two retries: add `deadLetterConfig: { targetArn: <queue>.arn }`."
        )
    yield ctx.finding(fn.callee, message, fixes=partial(_fix, ctx, fn), severity=severity)


def _values_at(program: Program, value: Value | None, path: tuple[str, ...]) -> list[Value]:
    if not path:
        return [value] if value is not None else []
    key, rest = path[0], path[1:]
    if key == "*":
        items = array_items(program, value)
        if items is None:
            return [value] if value is not None else []
        return [v for item in items for v in _values_at(program, item, rest)]
    return _values_at(program, program.lookup(value, key), rest)


def _names(program: Program, fn: Construction) -> tuple[str | None, frozenset[str]]:
    """The function's physical name and the names that refer to it in its file."""
    return derived(program, fn.value, "AWS005.names", _work_out_names, program, fn)


def _work_out_names(program: Program, fn: Construction) -> tuple[str | None, frozenset[str]]:
    return physical_name(program, fn), construction_refs(program, fn)


@dataclass(slots=True)
class _Invokers:
    """What the project says about invocations, whatever the function: worked out once, then
    related to each function."""

    failure_destinations: RelationIndex
    # "async" or "sync", for each value of ``invokers``
    invoker_kinds: list[str]
    invokers: RelationIndex
    # the principal, for each value of ``permissions``
    principals: list[str]
    permissions: RelationIndex
    # The resources the values read (the indexes know them by identity): held so that none is
    # freed, and its identity taken by another, while the index is kept.
    others: tuple[Construction, ...]


def _invokers(ctx: Context, programs: list[Program], first: Construction) -> _Invokers:
    program = ctx.program
    if len(programs) == 1:
        # Kept across edits while no construction of the types it reads came, went or was edited
        # and no name its values resolve through changed (what building it recorded): with the
        # first function's statement, whose edits are among those.
        return derived(program, first.value, "AWS005.invokers", _index_invokers, ctx, programs)
    # The project's other files are no statement of this one: worked out once per analysis.
    key = ("AWS005.invokers", tuple(id(p) for p in programs))
    cached: _Invokers | None = program.memo.get(key)
    if cached is None:
        cached = program.memo[key] = _index_invokers(ctx, programs)
    return cached


def _index_invokers(ctx: Context, programs: list[Program]) -> _Invokers:
    def facts(program: Program, value: Value | None) -> ValueFacts:
        return value_facts(program, value, ctx.program, source=ctx.source)

    destinations = [
        facts(program, program.lookup(config.args, "functionName"))
        for program, config in resources_in(programs, "aws.lambda.FunctionEventInvokeConfig")
        if program.property(config.args, "destinationConfig", "onFailure") is not None
    ]
    values: list[tuple[str, ValueFacts]] = []
    for kind, invokers in (("async", ASYNC_INVOKERS), ("sync", SYNC_INVOKERS)):
        for resource_type, path in invokers:
            for program, invoker in resources_in(programs, resource_type):
                values.extend((kind, facts(program, value)) for value in _values_at(program, invoker.args, path))
    permissions = [
        (
            facts(program, program.lookup(permission.args, "function")),
            string_of(program, program.lookup(permission.args, "principal")) or "",
        )
        for program, permission in resources_in(programs, "aws.lambda.Permission")
    ]
    every = [*destinations, *(value for _, value in values), *(function for function, _ in permissions)]
    return _Invokers(
        _index(destinations),
        [kind for kind, _ in values],
        _index([value for _, value in values]),
        [principal for _, principal in permissions],
        _index([function for function, _ in permissions]),
        tuple(facts.other for facts in every if facts.other is not None),
    )


def _index(values: list[ValueFacts]) -> RelationIndex:
    return RelationIndex(values, function_name_keys)


# (an on-failure destination is configured, invoked asynchronously, synchronously, maybe)
_Evidence = tuple[bool, bool, bool, bool]


def _evidence(ctx: Context, invokers: _Invokers, fn: Construction) -> _Evidence:
    name, refs = _names(ctx.program, fn)
    yes, maybe = invokers.failure_destinations.outcomes(fn, refs, name)
    if yes or maybe:
        return (True, False, False, False)
    yes, maybe = invokers.invokers.outcomes(fn, refs, name)
    seen_async = any(invokers.invoker_kinds[i] == "async" for i in yes)
    seen_sync = any(invokers.invoker_kinds[i] == "sync" for i in yes)
    seen_maybe = bool(maybe)
    yes, maybe = invokers.permissions.outcomes(fn, refs, name)
    seen_maybe |= bool(maybe)
    for index in yes:
        principal = invokers.principals[index]
        service = principal.split(".", 1)[0]
        if not principal:
            seen_maybe = True
        elif service in ASYNC_PRINCIPALS:
            seen_async = True
        elif service in SYNC_PRINCIPALS:
            seen_sync = True
        else:
            seen_maybe = True
    return (False, seen_async, seen_sync, seen_maybe)


def _handler_calls(program: Program, first: Construction | None = None) -> tuple[Value, ...]:
    """The program's ``x.onObjectCreated('name', handler)`` calls (their values), in file order."""
    parts = statement_parts(program)
    if parts is None or first is None:
        return _handlers_in(program)
    # Kept with the first function's statement while no statement with calls came, went or was
    # edited: most edits touch none, and there are a thousand statements to look through.
    return derived(program, first.value, "AWS005.handlers", _handlers_of_parts, program, parts)


def _handlers_of_parts(program: Program, parts: list[Program]) -> tuple[Value, ...]:
    depend(program, fact_key("calls"))
    return tuple(value for part in parts if part.calls for value in _handlers_in(part))


@per_program
def _handlers_in(program: Program) -> tuple[Value, ...]:
    return tuple(
        call.value for call in program.calls if (call.value.name or "").rsplit(".", 1)[-1] in ASYNC_EVENT_METHODS
    )


def _handled(
    ctx: Context, handlers: tuple[Value, ...], fn: Construction, refs: frozenset[str], name: str | None
) -> bool:
    """Whether an ``onEvent``-style call of the project names the function as its handler."""
    handled: list[ValueFacts] = []
    for program in programs_in_scope(ctx):
        # The file's own calls are the check's argument; the project's others are in its scope.
        for call in handlers if program is ctx.program else _handler_calls(program):
            handled.extend(value_facts(program, arg, ctx.program, source=ctx.source) for arg in call.args[1:])
    return bool(handled) and bool(_index(handled).outcomes(fn, refs, name)[0])


def _invocation(
    ctx: Context, fn: Construction, handlers: tuple[Value, ...], seen_async: bool, seen_sync: bool, seen_maybe: bool
) -> Invocation:
    program = ctx.program
    name, refs = _names(program, fn)
    if not seen_async and _handled(ctx, handlers, fn, refs, name):
        seen_async = True
    readers = _Readers(program, fn.value, refs)
    if not (seen_async or seen_sync):
        seen_sync = _read_by_sync_invoker(program, refs, readers)
    if seen_async:
        return "async"
    if seen_sync:
        return "sync"
    if seen_maybe or _read_elsewhere(program, refs, readers):
        return "maybe"
    return "none"


class _Readers:
    """The statements that can read the function (see :func:`reading_statements`), looked up once
    if at all."""

    __slots__ = ("program", "subject", "refs", "_found", "_done")

    def __init__(self, program: Program, subject: Value, refs: frozenset[str]) -> None:
        self.program = program
        self.subject = subject
        self.refs = refs
        self._found: Readers | None = None
        self._done = False

    def get(self) -> Readers | None:
        if not self._done:
            self._found = reading_statements(self.program, self.subject, self.refs)
            self._done = True
        return self._found


def _read_by_sync_invoker(program: Program, refs: frozenset[str], readers: _Readers) -> bool:
    """``fn.invokeArn`` (only API Gateway integrations use it) or ``fn.qualifiedArn`` in a
    CloudFront distribution or Cognito trigger, read anywhere in the file."""
    if not refs:
        return False
    found = readers.get()
    if found is None:
        depend_on_every_statement(program)
    statements = [program] if found is None else found.statements
    if any(not refs.isdisjoint(_invoke_arn_bases(statement)) for statement in statements):
        return True
    # A statement that starts or stops mentioning the function constructs one of these types.
    for construction in constructions_of(program, *SYNC_MENTIONS):
        if (
            construction.resource_type in SYNC_MENTIONS
            and construction.args is not None
            and not refs.isdisjoint(reached_names(program, construction.args))
        ):
            return True
    return False


@per_program
def _invoke_arn_bases(program: Program) -> frozenset[str]:
    """What ``X`` reads ``X.invokeArn`` in the program (one statement's facts, or a whole file's)."""
    return frozenset(
        value.name[: -len(_INVOKE_ARN)]
        for value in values_where(program, "AWS005.invokeArn", _reads_invoke_arn)
        if value.name
    )


_INVOKE_ARN = ".invokeArn"


def _reads_invoke_arn(value: Value) -> bool:
    return value.kind == "member" and bool(value.name) and (value.name or "").endswith(_INVOKE_ARN)


def _read_elsewhere(program: Program, refs: frozenset[str], readers: _Readers) -> bool:
    """Another resource of the file reads the function (a state machine, an IoT rule, ...) in
    a way the rule does not classify: how it is invoked cannot be told."""
    if not refs:
        return False
    found = readers.get()
    if found is None:
        depend(program, ANY_TYPE)
    # Functions are observers, so the function itself is never one of the readers. Arguments
    # that hold no read of the names cannot reach the function, and are not walked (a walk
    # records every name it resolves).
    return any(
        construction.is_resource
        and construction.resource_type not in OBSERVERS
        and construction.args is not None
        and (found is None or found.within(construction.args))
        and not refs.isdisjoint(reached_names(program, construction.args))
        for statement in ([program] if found is None else found.statements)
        for construction in statement.constructions
    )


# The fix ------------------------------------------------------------------------------------


def _fix(ctx: Context, fn: Construction) -> list[Fix]:
    program = ctx.program
    args = literal_args(program, fn)
    if args is None or program.property(args, "deadLetterConfig") is not None and args.get(
        "deadLetterConfig"
    ) is None:
        return []
    bounds = statement_bounds(ctx, fn)
    queue_ref = _existing_queue(ctx, fn)
    statements: list[str] = []
    fn_name = fn.variable.name if fn.variable is not None else None
    base = fn_name or camel_identifier(physical_name(program, fn) or "function", "")
    if queue_ref is None:
        if bounds is None:
            return []
        queue_type = type_expression(program, "aws.sqs.Queue")
        logical = derived_logical_name(ctx, fn.name_arg, "-dlq")
        if queue_type is None or logical is None:
            return []
        queue_ref = unique_name(program, f"{base}Dlq")
        opts = options_parent_text(ctx, fn)
        tail = f", {opts}" if opts else ""
        statements.append(
            f"const {queue_ref} = new {queue_type}({logical}, {{ messageRetentionSeconds: 1209600 }}{tail});"
        )
    edits: list[Edit] = [insert_property(ctx, args, f"deadLetterConfig: {{ targetArn: {queue_ref}.arn }}")]
    title = f"Send failed events to {queue_ref}"
    role = referenced_construction(program, program.lookup(fn.args, "role"), "aws.iam.Role")
    role_ref = reference_at(ctx, role, fn.value.start) if role is not None else None
    policy_type = type_expression(program, "aws.iam.RolePolicy")
    if role_ref is not None and bounds is not None and policy_type is not None:
        logical = derived_logical_name(ctx, fn.name_arg, "-dlq-send")
        if logical is not None:
            policy_ref = unique_name(program, f"{base}DlqPolicy")
            opts = options_parent_text(ctx, fn)
            tail = f", {opts}" if opts else ""
            statements.append(
                indent_block(
                    ctx,
                    f"const {policy_ref} = new {policy_type}({logical}, {{\n"
                    f"  role: {role_ref}.id,\n"
                    "  policy: {\n"
                    "    Version: '2012-10-17',\n"
                    "    Statement: [{ Effect: 'Allow', Action: 'sqs:SendMessage', "
                    f"Resource: {queue_ref}.arn }}],\n"
                    "  },\n"
                    f"}}{tail});",
                )
            )
            depends = add_depends_on(ctx, fn, policy_ref)
            if depends is None:
                return []
            edits.extend(depends)
    else:
        title += " (grant its role sqs:SendMessage on the queue)"
    if statements:
        assert bounds is not None
        edits.append(insert_before_statement(ctx, bounds, "\n".join(statements)))
    return [ctx.fix(title, edits, Applicability.UNSAFE)]


def _existing_queue(ctx: Context, fn: Construction) -> str | None:
    found: list[str] = []
    for queue in _dlq_named_queues(ctx):
        ref = reference_at(ctx, queue, fn.value.start)
        if ref is not None:
            found.append(ref)
    return found[0] if len(found) == 1 else None


def _dlq_named_queues(ctx: Context) -> list[Construction]:
    """The file's queues whose variable, logical or physical name says dead-letter queue."""
    program = ctx.program
    cached: list[Construction] | None = program.memo.get("AWS005.dlq-queues")
    if cached is not None:
        return cached
    queues: list[Construction] = []
    for queue in constructions_of(program, "aws.sqs.Queue"):
        names = [
            queue.variable.name if queue.variable is not None else "",
            string_of(program, queue.name_arg) or ctx.text(queue.name_arg) if queue.name_arg else "",
            physical_name(program, queue) or "",
        ]
        if any(DLQ_NAME.search(n) for n in names if n):
            queues.append(queue)
    program.memo["AWS005.dlq-queues"] = queues
    return queues
