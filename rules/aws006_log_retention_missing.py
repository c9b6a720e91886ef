"""## What it does
Reports log groups that keep their logs forever:
- an `aws.cloudwatch.LogGroup` without `retentionInDays`;
- a Lambda function with no log group `/aws/lambda/<function name>` in the project (and no
  `loggingConfig.logGroup`): Lambda then creates its log group itself, with no retention.

A log group matches a function when its `name` is `/aws/lambda/` followed by the function's
`name` (the same string, constant or expression), or reads the function's own `name` output.
When a log group's name is built from something the rule cannot follow (a parameter, another
file), it is assumed to match.

## Why is this bad?
CloudWatch Logs stores log data until it is deleted, at $0.03 per GB-month: logs of busy
functions pile up for years. Most logs are worth a few days or weeks; keep longer retention for
what audit rules require.

## Example
```typescript
const fn = new aws.lambda.Function('processor', {
  name: 'processor',
  runtime: 'nodejs22.x',
  handler: 'index.handler',
  role: role.arn,
});
```

## Use instead
```typescript
const processorLogGroup = new aws.cloudwatch.LogGroup('processor-logs', {
  name: '/aws/lambda/processor',
  retentionInDays: 7,
});
const fn = new aws.lambda.Function('processor', {
  name: 'processor',
  runtime: 'nodejs22.x',
  handler: 'index.handler',
  role: role.arn,
}, { dependsOn: [processorLogGroup] });
```

## Options
- `retention-days` (default 7): the retention the fixes write.

## Fix safety
Safe for a log group without `retentionInDays`: the fix adds the property. Unsafe for a function:
the fix adds a new log group resource. For a function with an explicit `name` it is named
`/aws/lambda/<name>` and the function `dependsOn` it, so Lambda never creates its own first (if a
log group of that name already exists in the account, deployment fails until it is imported). For
a function whose name Pulumi generates, the new group cannot know the name in advance, so the fix
points the function's `loggingConfig.logGroup` at it instead.

## References
- Seed 003 §6. Amazon CloudWatch Logs User Guide, "Change log data retention in CloudWatch
  Logs". AWS Lambda Developer Guide, "Sending Lambda function logs to CloudWatch Logs".
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial

from pulumi_lint.aws_model import (
    LAMBDA_FUNCTION_TYPES,
    LOG_GROUP_TYPES,
    Relation,
    construction_refs,
    constructions_of,
    is_type,
    mentioned_constructions,
    physical_name,
    programs_in_scope,
    pulumi_namespace,
    reached_names,
    referenced_construction,
    resources_in,
    static_text,
    type_expression,
)
from pulumi_lint.derived import derived
from pulumi_lint.findings import Applicability, Edit, Finding, Fix, Severity
from pulumi_lint.kept_findings import each
from pulumi_lint.model import Construction, Program, Value
from pulumi_lint.rule import Context, FixAvailability, RuleMeta

from ._aws_edits import (
    add_depends_on,
    camel_identifier,
    derived_logical_name,
    editable_object,
    indent_block,
    insert_before_statement,
    insert_property,
    literal_args,
    options_parent_text,
    statement_bounds,
    unique_name,
)

META = RuleMeta(
    code="AWS006",
    name="log-retention-missing",
    severity=Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
    options={"retention-days": 7},
)

LAMBDA_LOG_PREFIX = "/aws/lambda/"


def _retention(ctx: Context) -> int:
    try:
        return int(ctx.options.get("retention-days", 7))
    except (TypeError, ValueError):
        return 7


def check(ctx: Context) -> Iterator[Finding]:
    yield from _log_groups(ctx)
    yield from _functions(ctx)


# Log groups without retention -----------------------------------------------------------------


def _log_groups(ctx: Context) -> Iterator[Finding]:
    days = _retention(ctx)
    for group in constructions_of(ctx.program, *LOG_GROUP_TYPES):
        yield from each(ctx, group, _check_group, days)


def _check_group(ctx: Context, group: Construction, days: int) -> Iterator[Finding]:
    program = ctx.program
    args = group.args
    if args is not None:
        resolved = program.resolve(args)
        if resolved is None or resolved.kind != "object" or _opaque_spread(program, resolved):
            return
        if program.property(args, "retentionInDays") is not None:
            return
    message = (
        "This log group has no `retentionInDays`: it keeps logs forever and its storage is billed "
        f"indefinitely. Set a retention (e.g. `retentionInDays: {days}`)."
    )
    yield ctx.finding(group.callee, message, fixes=partial(_retention_fix, ctx, group, days))


def _opaque_spread(program: Program, obj: Value) -> bool:
    """A spread the rule cannot see into may carry the property."""
    for spread in obj.spreads:
        target = program.resolve(spread)
        if target is None or target.kind != "object" or _opaque_spread(program, target):
            return True
    return False


def _retention_fix(ctx: Context, group: Construction, days: int) -> list[Fix]:
    title = f"Set retentionInDays to {days}"
    if group.args is None:
        name_arg = group.name_arg
        if name_arg is None:
            return []
        edit = ctx.edit(name_arg.end, name_arg.end, f", {{ retentionInDays: {days} }}")
        return [ctx.fix(title, [edit], Applicability.SAFE)]
    target = editable_object(ctx.program, group.args)
    if target is None:
        return []
    return [ctx.fix(title, [insert_property(ctx, target, f"retentionInDays: {days}")], Applicability.SAFE)]


# Functions without a log group ----------------------------------------------------------------


def _functions(ctx: Context) -> Iterator[Finding]:
    functions = list(constructions_of(ctx.program, *LAMBDA_FUNCTION_TYPES))
    if not functions:
        return
    days = _retention(ctx)
    # What the log groups say is worked out on every analysis and handed to each function's check
    # as arguments: a function's finding is kept while they say the same, however many log groups
    # and functions came, went or were edited elsewhere.
    index = _log_groups_of(ctx, programs_in_scope(ctx))
    for fn in functions:
        yield from each(ctx, fn, _check_function, days, index.served, id(fn) in index.only)


def _check_function(ctx: Context, fn: Construction, days: int, served: _Served, only: bool) -> Iterator[Finding]:
    program = ctx.program
    if program.property(fn.args, "loggingConfig", "logGroup") is not None:
        return
    if only or served.may_serve(ctx, fn):
        return
    pattern = _function_log_pattern(ctx, program, fn)
    group_name = f"`{pattern}`" if pattern else f"`{LAMBDA_LOG_PREFIX}<function name>`"
    message = (
        f"No log group {group_name} is defined for this function: Lambda creates one on first "
        "invocation that keeps logs forever. Define an aws.cloudwatch.LogGroup with "
        f"`retentionInDays` (e.g. {days}) and make the function depend on it."
    )
    yield ctx.finding(fn.callee, message, fixes=partial(_function_fix, ctx, fn, days))


def _pattern(ctx: Context, value: Value) -> str:
    """The text a name expression stands for, comparable across resources: string and template
    contents as written, other expressions as ``${expression}``."""
    template = _interpolated(value)
    if template is not None:
        value = template
    text = ctx.text(value)
    if value.kind == "string" and value.string is not None:
        return value.string
    if value.kind == "template":
        start = text.find("`")
        if start >= 0 and text.endswith("`"):
            return text[start + 1 : -1]
    return "${" + text + "}"


@dataclass(frozen=True, slots=True)
class _GroupName:
    """What a log group's ``name`` says, whatever function it is compared with."""

    value: Value | None
    reads: frozenset[str]
    text: str | None
    pattern: str
    mentioned: tuple[Construction, ...]
    referenced: Construction | None


def _name_facts(ctx: Context, program: Program, group: Construction, same_file: bool) -> _GroupName:
    name_value = program.lookup(group.args, "name")
    if name_value is None:
        return _GroupName(None, frozenset(), None, "", (), None)
    text = static_text(program, name_value, ctx.source if same_file else None)
    if not same_file or text is not None:
        return _GroupName(name_value, reached_names(program, name_value), text, "", (), None)
    return _GroupName(
        name_value,
        reached_names(program, name_value),
        None,
        _pattern(ctx, name_value),
        tuple(mentioned_constructions(program, name_value)),
        referenced_construction(program, name_value, *LAMBDA_FUNCTION_TYPES),
    )


def _function_name(ctx: Context, fn: Construction) -> str | None:
    program = ctx.program
    fn_name = physical_name(program, fn)
    if fn_name is None:
        # A name built from constants (`${prefix}-x`) is as static as a literal.
        written = program.property(fn.args, "name")
        if written is not None and written.value is not None:
            fn_name = static_text(program, written.value, ctx.source)
    return fn_name


def _log_group_relation(ctx: Context, program: Program, group: Construction, fn: Construction) -> Relation:
    same_file = program is ctx.program
    name = derived(program, group.value, ("AWS006.group", same_file), _name_facts, ctx, program, group, same_file)
    if name.value is None:
        return "no"  # a generated name is never /aws/lambda/...
    if same_file and not construction_refs(program, fn).isdisjoint(name.reads):
        return "yes"
    if name.text is not None:
        fn_name = derived(ctx.program, fn.value, "AWS006.function-name", _function_name, ctx, fn)
        return "yes" if fn_name is not None and name.text == LAMBDA_LOG_PREFIX + fn_name else "no"
    if not same_file:
        return "maybe"
    pattern = name.pattern
    if not pattern.startswith(LAMBDA_LOG_PREFIX):
        return "no"
    if pattern == _function_log_pattern(ctx, program, fn):
        return "yes"
    if any(other is not fn for other in _functions_by_pattern(ctx, program).get(pattern, ())):
        return "no"
    for other in name.mentioned:
        if other is not fn and is_type(other, *LAMBDA_FUNCTION_TYPES):
            return "no"
    if name.referenced not in (None, fn):
        return "no"
    return "maybe"


@dataclass(frozen=True, slots=True)
class _Served:
    """What the project's log groups say about the functions they may serve, for any function:
    a value (compared by value, not identity) so that a function's check can take it as argument."""

    everyone: bool  # a group that may serve any function
    reads: frozenset[str]  # names read by same-file groups' names
    texts: frozenset[str]  # static names
    patterns: frozenset[str]  # same-file name patterns

    def may_serve(self, ctx: Context, fn: Construction) -> bool:
        """Whether a group may serve ``fn``, unless one serves it alone (``_LogGroups.only``)."""
        program = ctx.program
        if self.everyone:
            return True
        if not construction_refs(program, fn).isdisjoint(self.reads):
            return True
        if self.texts:
            fn_name = derived(program, fn.value, "AWS006.function-name", _function_name, ctx, fn)
            if fn_name is not None and LAMBDA_LOG_PREFIX + fn_name in self.texts:
                return True
        return _function_log_pattern(ctx, program, fn) in self.patterns


class _LogGroups:
    """The project's log groups, indexed so that finding one for a function is a few lookups.

    ``may_serve(fn)`` is whether :func:`_log_group_relation` is not ``no`` for some group.
    """

    def __init__(self, ctx: Context, programs: list[Program]) -> None:
        everyone = False
        reads: set[str] = set()
        texts: set[str] = set()
        patterns: set[str] = set()
        self.only: set[int] = set()  # functions a group may serve and no other may
        # Not the memoised index: worked out here, every function's pattern is recorded as what
        # this index depends on (see _log_groups_of).
        by_pattern: dict[str, list[Construction]] = {}
        for fn in constructions_of(ctx.program, *LAMBDA_FUNCTION_TYPES):
            pattern = _function_log_pattern(ctx, ctx.program, fn)
            if pattern is not None:
                by_pattern.setdefault(pattern, []).append(fn)
        for program, group in resources_in(programs, *LOG_GROUP_TYPES):
            same_file = program is ctx.program
            kind = ("AWS006.group", same_file)
            name = derived(program, group.value, kind, _name_facts, ctx, program, group, same_file)
            if name.value is None:
                continue
            if same_file:
                reads.update(name.reads)
            if name.text is not None:
                texts.add(name.text)
            elif not same_file:
                everyone = True
            elif name.pattern.startswith(LAMBDA_LOG_PREFIX):
                patterns.add(name.pattern)
                if by_pattern.get(name.pattern):
                    continue  # claimed by the functions of that pattern
                lambdas = {id(o) for o in name.mentioned if is_type(o, *LAMBDA_FUNCTION_TYPES)}
                if name.referenced is not None:
                    lambdas.add(id(name.referenced))
                if not lambdas:
                    everyone = True
                elif len(lambdas) == 1:
                    self.only.update(lambdas)
        self.served = _Served(everyone, frozenset(reads), frozenset(texts), frozenset(patterns))

    def may_serve(self, ctx: Context, fn: Construction) -> bool:
        return id(fn) in self.only or self.served.may_serve(ctx, fn)


def _log_groups_of(ctx: Context, programs: list[Program]) -> _LogGroups:
    program = ctx.program
    key = ("AWS006.log-groups", tuple(id(p) for p in programs))
    found: _LogGroups | None = program.memo.get(key)
    if found is None:
        first = next(constructions_of(program, *LAMBDA_FUNCTION_TYPES), None)
        if first is not None and len(programs) == 1:
            # Kept across edits while no log group or function came, went or was edited and no
            # name their names resolve through changed (what building it recorded): with the
            # first function's statement, whose edits are among those. Other files' groups are
            # not recorded that way, so with them it is built on each analysis.
            found = derived(program, first.value, "AWS006.log-groups", _LogGroups, ctx, programs)
        else:
            found = _LogGroups(ctx, programs)
        program.memo[key] = found
    return found


def _function_log_pattern(ctx: Context, program: Program, fn: Construction) -> str | None:
    return derived(program, fn.value, "AWS006.pattern", _log_pattern, ctx, program, fn)


def _log_pattern(ctx: Context, program: Program, fn: Construction) -> str | None:
    name = program.property(fn.args, "name")
    return None if name is None or name.value is None else LAMBDA_LOG_PREFIX + _pattern(ctx, name.value)


def _functions_by_pattern(ctx: Context, program: Program) -> dict[str, list[Construction]]:
    """The file's functions by the log group name pattern each one's ``name`` gives."""
    memo = program.memo
    index: dict[str, list[Construction]] | None = memo.get("AWS006.by-pattern")
    if index is None:
        index = {}
        for fn in constructions_of(program, *LAMBDA_FUNCTION_TYPES):
            pattern = _function_log_pattern(ctx, program, fn)
            if pattern is not None:
                index.setdefault(pattern, []).append(fn)
        memo["AWS006.by-pattern"] = index
    return index


def _function_fix(ctx: Context, fn: Construction, days: int) -> list[Fix]:
    program = ctx.program
    args = literal_args(program, fn)
    bounds = statement_bounds(ctx, fn)
    group_type = type_expression(program, "aws.cloudwatch.LogGroup")
    logical = derived_logical_name(ctx, fn.name_arg, "-logs")
    if args is None or bounds is None or group_type is None or logical is None:
        return []
    base = fn.variable.name if fn.variable is not None else None
    if base is None:
        shown = static_text(program, fn.name_arg, ctx.source) or "function"
        variable = unique_name(program, camel_identifier(shown, "LogGroup"))
    else:
        variable = unique_name(program, f"{base}LogGroup")
    opts = options_parent_text(ctx, fn)
    tail = f", {opts}" if opts else ""
    edits: list[Edit] = []
    name_prop = program.property(args, "name")
    if name_prop is not None and name_prop.value is not None:
        group_name = _group_name(ctx, name_prop.value)
        if group_name is None:
            return []
        statement = (
            f"const {variable} = new {group_type}({logical}, {{\n"
            f"  name: {group_name},\n"
            f"  retentionInDays: {days},\n"
            f"}}{tail});"
        )
        depends = add_depends_on(ctx, fn, variable)
        if depends is None:
            return []
        edits.extend(depends)
        title = f"Add log group {variable} with {days}-day retention and depend on it"
    else:
        statement = f"const {variable} = new {group_type}({logical}, {{ retentionInDays: {days} }}{tail});"
        logging = args.get("loggingConfig")
        if logging is None:
            if program.property(args, "loggingConfig") is not None:
                return []
            config = f"loggingConfig: {{ logFormat: 'Text', logGroup: {variable}.name }}"
            edits.append(insert_property(ctx, args, config))
        elif logging.value is not None and logging.value.kind == "object":
            edits.append(insert_property(ctx, logging.value, f"logGroup: {variable}.name"))
        else:
            return []
        title = f"Add log group {variable} with {days}-day retention and log to it"
    edits.append(insert_before_statement(ctx, bounds, indent_block(ctx, statement)))
    return [ctx.fix(title, edits, Applicability.UNSAFE)]


def _group_name(ctx: Context, value: Value) -> str | None:
    """``/aws/lambda/<name>`` written from the function's ``name`` expression."""
    program = ctx.program
    text = ctx.text(value)
    if value.kind == "string" and value.string is not None:
        quote = value.quote or "'"
        return f"{quote}{LAMBDA_LOG_PREFIX}{text[1:-1]}{quote}"
    if value.kind == "template" and text.startswith("`"):
        return f"`{LAMBDA_LOG_PREFIX}{text[1:]}"
    if static_text(program, value, ctx.source) is not None:
        return f"`{LAMBDA_LOG_PREFIX}${{{text}}}`"
    namespace = pulumi_namespace(program)
    if namespace is None:
        return None
    template = _interpolated(value)
    if template is not None:
        return f"{namespace}.interpolate`{LAMBDA_LOG_PREFIX}{ctx.text(template)[1:]}"
    return f"{namespace}.interpolate`{LAMBDA_LOG_PREFIX}${{{text}}}`"


def _interpolated(value: Value) -> Value | None:
    """The template of ``pulumi.interpolate`...```, whatever the SDK is imported as."""
    if value.kind == "call" and (value.name or "").endswith(".interpolate") and value.args:
        template = value.args[0]
        if template.kind == "template":
            return template
    return None
