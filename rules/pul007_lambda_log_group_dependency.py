"""## What it does
Reports a Lambda function whose log group `/aws/lambda/<function name>` is created in the same
file, when the function's options do not list that log group in `dependsOn`.

## Why is this bad?
Pulumi creates resources in parallel unless one depends on the other. If the function is created
(and invoked, or writes its first log line) before the log group exists, Lambda creates the group
itself, without retention or encryption, and the program's `aws.cloudwatch.LogGroup` then fails
with `ResourceAlreadyExistsException`, or keeps fighting Lambda over it. `dependsOn: [logGroup]`
makes the order explicit.

The rule matches the group's name against the function's `name` (string literals, template
literals with the same substitutions, constants that hold them, `pulumi.interpolate` and
`pulumi.concat`), and against the function's own output (`` pulumi.interpolate`/aws/lambda/${fn.name}` ``,
`fn.name.apply(...)`). When the function has no `name`, Pulumi gives it a random suffix; a group
named after its logical name then never receives its logs, and the report says so.

It deliberately ignores functions whose `dependsOn` already lists the group, whose
`loggingConfig.logGroup` (or any other argument) reads the group (that already orders them),
and functions whose options are a variable or a spread it cannot see into.

## Example
```typescript
const logGroup = new aws.cloudwatch.LogGroup('api-logs', {
  name: `/aws/lambda/api-handler-${stack}`,
  retentionInDays: 14,
});
const fn = new aws.lambda.Function('api-handler', {
  name: `api-handler-${stack}`,
  ...
});
```

## Use instead
```typescript
const fn = new aws.lambda.Function('api-handler', {
  name: `api-handler-${stack}`,
  ...
}, { dependsOn: [logGroup] });
```

When the group's name reads the function's own output, `dependsOn` would be a cycle. The fix then
names the function explicitly (its `name:` if it has one, else its logical name), builds the group's
name from the same expression, moves the group's declaration before the function and adds
`dependsOn`. Configuring `loggingConfig: { logGroup: logGroup.name, logFormat: 'Text' }` on the
function is the other way out of the cycle; the docs mention it, the fix does not write it.

## Fix safety
Safe when it only adds `dependsOn` (or extends it). Unsafe when it also moves the group's
declaration, or names the function (its physical name loses Pulumi's random suffix: the function
is replaced).

## References
- Seed 000 §6. AWS Lambda Developer Guide, "Sending Lambda function logs to CloudWatch Logs".
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from pulumi_lint.derived import derived
from pulumi_lint.findings import Applicability, Edit, Finding, Fix, Severity
from pulumi_lint.kept_findings import each
from pulumi_lint.model import Concatenation, Construction, Program, Value, per_program
from pulumi_lint.rule import Context, FixAvailability, RuleMeta, one_fix

from ._pulumi import full_lines, indentation_at, newline, object_insert, statement_of, value_reads

META = RuleMeta(
    code="PUL007",
    name="lambda-log-group-dependency",
    severity=Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
)

LAMBDA_TYPES = ("aws.lambda.Function", "aws.lambda.CallbackFunction")
LOG_GROUP = "aws.cloudwatch.LogGroup"
PREFIX = "/aws/lambda/"
# Outputs of a Lambda function that hold its physical name.
NAME_OUTPUTS = frozenset({"name", "id"})

Part = tuple[str, str]  # ("s", literal text) or ("e", expression text)
Relation = Literal["named", "logical", "output"]


@dataclass(slots=True)
class Match:
    function: Construction
    group: Construction
    relation: Relation


def check(ctx: Context) -> Iterator[Finding]:
    program = ctx.program
    functions = _functions(ctx)
    if not functions.all:
        return
    for group in program.resources_of(LOG_GROUP):
        # The functions the group's name matches, worked out on every analysis and handed to the
        # group's check as its argument: their `new` expressions compare by identity, and one is
        # the same object exactly while its statement is unchanged. So the findings are kept
        # while the same functions match, whatever came, went or was edited elsewhere.
        matched = tuple((function.value, relation) for function, relation in _matches(ctx, group, functions))
        yield from each(ctx, group, _check_group, matched)


def _check_group(ctx: Context, group: Construction, matched: tuple[tuple[Value, Relation], ...]) -> Iterator[Finding]:
    for function, relation in _matches(ctx, group, _functions(ctx)):
        if not _ordered(ctx, function, group):
            yield _finding(ctx, Match(function, group, relation))


@dataclass(slots=True)
class _Functions:
    all: list[Construction]
    # Functions by the name their logs go to: one lookup per log group, not one comparison per pair.
    by_name: dict[tuple[Part, ...], list[tuple[Construction, Relation]]]


def _functions(ctx: Context) -> _Functions:
    program = ctx.program
    found: _Functions | None = program.memo.get("PUL007.functions")
    if found is None:
        first = next(program.resources_of(*LAMBDA_TYPES), None)
        if first is None:
            found = _Functions([], {})
        else:
            # Kept across edits while no function came, went or was edited and no name their names
            # resolve through changed (what building it recorded): with the first function's
            # statement, whose edits are among those.
            found = derived(program, first.value, "PUL007.functions", _index_functions, ctx)
        program.memo["PUL007.functions"] = found
    return found


def _index_functions(ctx: Context) -> _Functions:
    program = ctx.program
    functions = [f for f in program.resources_of(*LAMBDA_TYPES) if f.args is not None]
    by_name: dict[tuple[Part, ...], list[tuple[Construction, Relation]]] = {}
    for function in functions:
        relation, parts = derived(program, function.value, "PUL007.name", _function_name, ctx, function)
        if parts is not None:
            by_name.setdefault(tuple(parts), []).append((function, relation))
    return _Functions(functions, by_name)


def _matches(ctx: Context, group: Construction, functions: _Functions) -> list[tuple[Construction, Relation]]:
    target = derived(ctx.program, group.value, "PUL007.target", _target_of, ctx, group)
    if target is None:
        return []
    if target.output_of is not None:
        return [
            (function, "output")
            for function in functions.all
            if function.variable is not None and function.variable.name == target.output_of
        ]
    return functions.by_name.get(tuple(target.parts), [])


def _target_of(ctx: Context, group: Construction) -> Target | None:
    return _group_target(ctx, ctx.program.lookup(group.args, "name"))


def _function_name(ctx: Context, function: Construction) -> tuple[Relation, list[Part] | None]:
    """The function's name as parts, and whether it is written (``named``) or the logical name."""
    explicit = ctx.program.property(function.args, "name")
    if explicit is not None:
        return "named", _parts(ctx, explicit.value)
    return "logical", _parts(ctx, function.name_arg)


def _finding(ctx: Context, match: Match) -> Finding:
    group = match.group
    fn_name = f"`{match.function.variable.name}`" if match.function.variable else "This function"
    if match.relation == "output":
        detail = (
            f" The group's name reads {fn_name}'s own output, so `dependsOn` alone would be a cycle: "
            "name the function explicitly and build the group's name from the same value."
        )
    elif match.relation == "logical":
        detail = (
            f" {fn_name} has no `name`, so Pulumi adds a random suffix and its logs go to another "
            "group: set `name` to the value the group uses."
        )
    else:
        detail = ""
    if group.variable is not None:
        subject = f"`{group.variable.name}`, its log group"
        advice = f"Add `dependsOn: [{group.variable.name}]`."
    else:
        subject = "its log group"
        advice = "Bind the log group to a constant and add it to `dependsOn`."
    message = (
        f"{fn_name} may be created before {subject}: Lambda then creates the group itself and the "
        f"program's log group fails or loses its settings. {advice}" + detail
    )
    return ctx.finding(match.function.callee, message, fixes=one_fix(_fix, ctx, match))


# Names ------------------------------------------------------------------------------------------


def _parts(ctx: Context, value: Value | None, depth: int = 0) -> list[Part] | None:
    """A name as literal and expression parts, following constants; None when it is opaque."""
    program = ctx.program
    value = program.resolve(value)
    if value is None or depth > 6:
        return None
    if value.kind == "string" and value.string is not None:
        return [("s", value.string)]
    if value.kind == "template":
        return _template_parts(ctx, value, depth)
    if value.kind == "call" and value.name:
        last = value.name.split(".")[-1]
        if last == "interpolate" and value.args:
            return _parts(ctx, value.args[0], depth + 1)
        if last == "concat":
            return _join([_parts(ctx, a, depth + 1) for a in value.args])
        return [("e", ctx.text(value))]
    concatenation = _concatenations(program).get(id(value))
    if concatenation is not None:
        return _join([_parts(ctx, a, depth + 1) for a in concatenation.operands])
    if value.kind in ("identifier", "member"):
        return [("e", ctx.text(value))]
    return None


def _template_parts(ctx: Context, value: Value, depth: int) -> list[Part] | None:
    source = ctx.source
    cursor = value.start + 1
    pieces: list[list[Part] | None] = []
    for sub in value.substitutions:
        opener = source.rfind(b"${", cursor, sub.start)
        closer = source.find(b"}", sub.end)
        if opener < 0 or closer < 0:
            return None
        pieces.append([("s", _unescape(source[cursor:opener]))])
        inner = _parts(ctx, sub, depth + 1)
        pieces.append(inner if inner is not None else [("e", ctx.text(sub))])
        cursor = closer + 1
    pieces.append([("s", _unescape(source[cursor : value.end - 1]))])
    return _join(pieces)


def _unescape(raw: bytes) -> str:
    return raw.decode("utf-8", errors="replace").replace("\\`", "`").replace("\\$", "$")


def _join(pieces: list[list[Part] | None]) -> list[Part] | None:
    result: list[Part] = []
    for piece in pieces:
        if piece is None:
            return None
        for kind, text in piece:
            if kind == "s" and not text:
                continue
            if kind == "s" and result and result[-1][0] == "s":
                result[-1] = ("s", result[-1][1] + text)
            else:
                result.append((kind, text))
    return result


@per_program
def _concatenations(program: Program) -> dict[int, Concatenation]:
    return {id(c.value): c for c in program.concatenations}


@dataclass(slots=True)
class Target:
    parts: list[Part]  # the name after /aws/lambda/
    output_of: str | None  # the variable whose output the name reads, if any


def _group_target(ctx: Context, name: Value | None) -> Target | None:
    if name is None:
        return None
    resolved = ctx.program.resolve(name)
    # fn.name.apply(n => `/aws/lambda/${n}`)
    if resolved is not None and resolved.kind == "call" and resolved.name and resolved.name.endswith(".apply"):
        path = resolved.name.split(".")
        body = resolved.args[0] if resolved.args else None
        if len(path) == 3 and path[1] in NAME_OUTPUTS and body is not None and PREFIX in ctx.text(body):
            return Target([("e", f"{path[0]}.{path[1]}")], path[0])
        return None
    parts = _parts(ctx, name)
    if not parts or parts[0][0] != "s" or not parts[0][1].startswith(PREFIX):
        return None
    rest = parts[0][1][len(PREFIX) :]
    parts = ([("s", rest)] if rest else []) + parts[1:]
    output_of = None
    if len(parts) == 1 and parts[0][0] == "e":
        head, _, member = parts[0][1].partition(".")
        if member in NAME_OUTPUTS:
            output_of = head
    return Target(parts, output_of) if parts else None


def _ordered(ctx: Context, function: Construction, group: Construction) -> bool:
    """Whether something already orders the function after the group, or may: then stay quiet."""
    program = ctx.program
    variable = group.variable
    if variable is None:
        return False
    if value_reads(function.args, variable.name, program):
        return True  # loggingConfig.logGroup or any other argument that reads the group
    opts = program.resolve(function.opts)
    if opts is None:
        return False
    if opts.kind != "object":
        return True  # options built elsewhere: they may well list it
    depends = opts.get("dependsOn")
    if depends is None:
        return bool(opts.spreads)
    raw = depends.value
    if raw is None or (raw.kind in ("identifier", "member") and raw.name == variable.name):
        return True
    target = program.resolve(raw)
    if target is None:
        return True
    if target.kind == "array":
        if target.spreads or any(i.kind not in ("identifier", "member") for i in target.items):
            return True
        return any(i.name == variable.name for i in target.items)
    # One other resource (`dependsOn: role`) does not order the group; anything else may.
    return target.kind != "new"


# Fixes ------------------------------------------------------------------------------------------


def _fix(ctx: Context, match: Match) -> Fix | None:
    group, function = match.group, match.function
    if group.variable is None:
        return None
    depends = _depends_on_edit(ctx, function, group.variable.name)
    if depends is None:
        return None
    edits: list[Edit] = [depends]
    group_statement = statement_of(ctx, group)
    function_statement = statement_of(ctx, function)
    if group_statement is None or function_statement is None:
        return None
    group_first = group_statement[0] < function_statement[0]
    if match.relation == "named" and group_first:
        return ctx.fix(f"Add {group.variable.name} to dependsOn", edits, Applicability.SAFE)
    rename: Edit | None = None
    if match.relation in ("output", "logical"):
        naming = _naming_edits(ctx, function, group, rebuild_group=match.relation == "output")
        if naming is None:
            return None
        name_edit, rename = naming
        if name_edit is not None:
            edits.append(name_edit)
    if not group_first:
        move = _move_before(ctx, group, group_statement, function_statement, function, rename)
        if move is None:
            return None
        edits.extend(move)
    elif rename is not None:
        edits.append(rename)
    title = f"Name the function, order {group.variable.name} first and add it to dependsOn"
    return ctx.fix(title, edits, Applicability.UNSAFE)


def _depends_on_edit(ctx: Context, function: Construction, group_name: str) -> Edit | None:
    program = ctx.program
    source = ctx.source
    opts = function.opts
    if opts is None:
        last = function.args
        if last is None:
            return None
        multiline = b"\n" in source[function.value.start : last.start]
        if multiline:
            indent = indentation_at(source, last.start)
            return Edit(last.end, last.end, f",{newline(source)}{indent}{{ dependsOn: [{group_name}] }}")
        return Edit(last.end, last.end, f", {{ dependsOn: [{group_name}] }}")
    if opts.kind != "object":
        return None
    depends = opts.get("dependsOn")
    if depends is None:
        return object_insert(ctx, opts, f"dependsOn: [{group_name}]")
    value = depends.value
    if value is None:
        return None
    if value.kind == "array":
        if not value.items:
            return Edit(value.start, value.end, f"[{group_name}]")
        return Edit(value.items[-1].end, value.items[-1].end, f", {group_name}")
    resolved = program.resolve(value)
    if value.kind in ("identifier", "member") and resolved is not None and resolved.kind == "new":
        return Edit(value.start, value.end, f"[{ctx.text(value)}, {group_name}]")
    return None


def _naming_edits(
    ctx: Context, function: Construction, group: Construction, *, rebuild_group: bool
) -> tuple[Edit | None, Edit | None] | None:
    """Name the function (unless it has a name) and, when asked, build the group's name from it."""
    program = ctx.program
    explicit = program.property(function.args, "name")
    name_edit: Edit | None = None
    if explicit is not None and explicit.value is not None:
        expression: Value | None = explicit.value
    else:
        expression = function.name_arg
        args = function.args
        if expression is None or expression.kind not in ("string", "template", "identifier", "member"):
            return None
        if args is None or args.kind != "object":
            return None
        name_edit = object_insert(ctx, args, f"name: {ctx.text(expression)}", first=True)
    if expression is None or value_reads(expression, function.variable.name if function.variable else "\0"):
        return None
    if not rebuild_group:
        return name_edit, None
    group_name = program.property(group.args, "name")
    new_name = _prefixed(ctx, expression)
    if group_name is None or group_name.value is None or new_name is None:
        return None
    return name_edit, Edit(group_name.value.start, group_name.value.end, new_name)


def _prefixed(ctx: Context, expression: Value) -> str | None:
    text = ctx.text(expression)
    if expression.kind == "string" and expression.string is not None:
        quote = text[0]
        return f"{quote}{PREFIX}{text[1:]}"
    if expression.kind == "template":
        return f"`{PREFIX}{text[1:]}"
    if expression.kind in ("identifier", "member"):
        return f"`{PREFIX}${{{text}}}`"
    return None


def _move_before(
    ctx: Context,
    group: Construction,
    group_statement: tuple[int, int],
    function_statement: tuple[int, int],
    function: Construction,
    rename: Edit | None,
) -> list[Edit] | None:
    """Move the group's statement to just before the function's, carrying the rename along."""
    program = ctx.program
    source = ctx.source
    start, end = full_lines(source, *group_statement)
    if rename is not None and not (start <= rename.start and rename.end <= end):
        return None
    if function.variable is not None and value_reads(_without(group, rename), function.variable.name):
        return None
    # Everything the group reads must already exist where it moves to.
    for value in (group.name_arg, _without(group, rename)):
        for item in value.walk() if value is not None else ():
            if item.kind != "identifier" or not item.name:
                continue
            declaration = program.variable(item.name, item.start)
            if declaration is not None and declaration.declarator.start >= function_statement[0]:
                return None
    text = source[start:end]
    if rename is not None:
        text = text[: rename.start - start] + rename.text.encode() + text[rename.end - start :]
    if not text.endswith((b"\n", b"\r")):
        text += newline(source).encode()
    insert_at = function_statement[0]
    return [
        Edit(start, end, ""),
        Edit(insert_at, insert_at, text.decode("utf-8", errors="replace")),
    ]


def _without(group: Construction, rename: Edit | None) -> Value | None:
    """The group's arguments, less its name when the fix replaces it."""
    if rename is None:
        return group.args
    args = group.args
    if args is None or args.kind != "object":
        return args
    remaining = Value(args.anchor, args.start, args.end, "object")
    remaining.properties = [p for p in args.properties if p.key != "name"]
    remaining.spreads = list(args.spreads)
    return remaining
