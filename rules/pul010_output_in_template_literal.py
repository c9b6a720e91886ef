"""## What it does
Reports an output of a resource constructed in the same file (`bucket.arn`, `role.name`,
`site.url`, ...) used inside a plain template literal or a string concatenation.

## Why is this bad?
An `Output<T>` is not a string. At run time the template gets the text "Calling [toString] on an
[Output<T>] is not supported. To get the value of an Output<T> as an Output<string> consider ..."
instead of the ARN or name: the SDK throws only when `PULUMI_ERROR_OUTPUT_STRING` is set, so the
program deploys an IAM policy, URL or environment variable that silently contains that sentence.
`pulumi.interpolate` (or `.apply`) waits for the value.

The rule follows constants (`const arn = bucket.arn`) and fields a component assigns from a
resource (`this.bucket.arn`). It deliberately ignores templates tagged with `pulumi.interpolate`
(or any other tag), templates and concatenations inside `.apply(...)` callbacks (including
`pulumi.all([...]).apply(...)`), where the values are plain, and values it cannot tie to a resource
of the file (function parameters, imports).

## Example
```typescript
const policy = new aws.iam.RolePolicy('read', {
  role: role.id,
  policy: {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: `${bucket.arn}/*` }],
  },
});
```

## Use instead
```typescript
    Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: pulumi.interpolate`${bucket.arn}/*` }],
```

String concatenation (`bucket.arn + '/*'`) is rewritten the same way when it is simple: its
terms are string literals, template literals, names and property accesses, and one of its first
two terms is a string (so that `+` concatenates from the start).

## Fix safety
Safe: the value becomes the `Output<string>` the resource argument accepts. No fix is offered when
the string is an argument of a function call that wants plain values (`JSON.stringify`,
`console.log`; calls that take Inputs, such as `pulumi.jsonStringify` and `aws.*Output` functions,
are fine), a resource's logical name, or the value a function declared to return a plain type
returns: an Output there needs `.apply` or `pulumi.jsonStringify`, which the message suggests.

## References
- Pulumi documentation, "Inputs and outputs: outputs and strings". Seen across the seed corpus.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from itertools import accumulate

from pulumi_lint.derived import depend, derived, fact_key
from pulumi_lint.findings import Applicability, Edit, Finding, Fix, Severity
from pulumi_lint.kept_findings import each
from pulumi_lint.model import Concatenation, Construction, Located, Program, Template, Value, per_program
from pulumi_lint.rule import Context, FixAvailability, RuleMeta, one_fix

from ._pulumi import canonical, class_kind, constructs_resource, pulumi_member

META = RuleMeta(
    code="PUL010",
    name="output-in-template-literal",
    severity=Severity.ERROR,
    fix=FixAvailability.SOMETIMES,
)

INPUT_CALLS = frozenset(
    {"pulumi.jsonStringify", "pulumi.output", "pulumi.secret", "pulumi.all", "pulumi.unsecret"}
)
_RETURN_TYPE = re.compile(r"\)\s*:\s*([^=]+?)\s*(?:=>)?\s*$")
_OUTPUT_TEXT = '"Calling [toString] on an [Output<T>] is not supported"'


def check(ctx: Context) -> Iterator[Finding]:
    program = ctx.program
    for template in program.templates:
        if template.tag is None:
            yield from each(ctx, template, _check_one)
    for concatenation in program.concatenations:
        yield from each(ctx, concatenation, _check_one)


def _check_one(ctx: Context, where: Template | Concatenation) -> Iterator[Finding]:
    """The finding about one untagged template or one concatenation.

    What it reads besides its own statement: the ``pulumi.interpolate`` templates around it (in the
    same statement), and the resources its substitutions name (names resolved, recorded).
    """
    if _in_callback(where.in_callback_of):
        return
    program = ctx.program
    if _interpolated(program).encloses(where.value):
        return
    operands = where.value.substitutions if isinstance(where, Template) else where.operands
    outputs = [o for o in operands if _output(ctx, o)]
    if outputs:
        yield _finding(ctx, where, outputs)


@per_program
def _interpolated(program: Program) -> _Enclosing:
    """The ``pulumi.interpolate`` templates of the file. A template enclosing another lies in the
    same top-level statement, so a kept finding depends on no other statement through this."""
    return _Enclosing([t.value for t in program.templates if t.tag is not None and _is_interpolate(program, t.tag)])


@per_program
def _constructions(program: Program) -> dict[int, Construction]:
    """Each construction by its ``new`` value: read only for values reached by names resolved."""
    return {id(c.value): c for c in program.constructions}


class _Enclosing:
    """Whether any of a set of ranges encloses a given one, by bisection rather than a scan."""

    def __init__(self, ranges: list[Value]) -> None:
        spans = sorted((r.start, r.end) for r in ranges)
        self.starts = [start for start, _ in spans]
        # The furthest end among the ranges starting at or before each one.
        self.reach = list(accumulate((end for _, end in spans), max))

    def encloses(self, value: Value) -> bool:
        index = bisect_right(self.starts, value.start)
        return index > 0 and self.reach[index - 1] >= value.end


def _in_callback(callees: list[str]) -> bool:
    return any(callee.split(".")[-1] == "apply" for callee in callees)


def _is_interpolate(program: Program, tag: str | None) -> bool:
    return tag is not None and canonical(program, tag) == "pulumi.interpolate"


def _output(ctx: Context, value: Value) -> str | None:
    """The text of ``value`` when it is an output of a resource constructed in this file."""
    program = ctx.program
    found = derived(program, value, "PUL010.source", _source_of, program, value)
    if found is None:
        return None
    construction, name = found
    if not construction.is_resource:
        # Whether an instance of a class is a resource, and which of its fields are Outputs,
        # rests on the class declarations of the file, wherever they are.
        depend(program, fact_key("classes"))
    if not constructs_resource(construction, program, ctx.project, ctx.document.path):
        return None
    if not construction.is_resource and not _is_output_member(ctx, construction, name.split(".")):
        return None
    return ctx.text(value)


def _source_of(program: Program, value: Value) -> tuple[Construction, str] | None:
    """The construction whose member ``value`` reads (``bucket.arn``, ``this.bucket.arn``), and
    the member's dotted name."""
    resolved = program.resolve(value)
    if resolved is None or resolved.kind != "member" or not resolved.name:
        return None
    head, _, rest = resolved.name.partition(".")
    if not rest:
        return None
    if head == "this":
        field, _, member = rest.partition(".")
        if not member:
            return None
        source = program.resolve(_field_source(program, resolved, field))
    else:
        source = program.resolve(_identifier(resolved))
    if source is None or source.kind != "new":
        return None
    construction = _constructions(program).get(id(source))
    return (construction, resolved.name) if construction is not None else None


def _identifier(member: Value) -> Value | None:
    current: Value | None = member
    while current is not None and current.kind == "member":
        current = current.callee
    return current if current is not None and current.kind == "identifier" else None


def _field_source(program: Program, value: Value, field: str) -> Value | None:
    cls = next((c for c in program.classes if c.body.encloses(value)), None)
    if cls is None:
        return None
    assigned = [a.value for a in cls.this_assignments if a.field == field]
    return assigned[-1] if len(assigned) == 1 else None


def _is_output_member(ctx: Context, construction: Construction, path: list[str]) -> bool:
    """For an instance of a class of the file: whether the field read is declared an Output."""
    program = ctx.program
    cls = program.class_named(construction.value.name or "")
    if cls is None or class_kind(program, cls, ctx.project, ctx.document.path) != "component":
        return False
    member = path[2] if path[0] == "this" else path[1]
    field = next((f for f in cls.fields if f.name == member), None)
    return field is not None and field.type_text is not None and "Output" in field.type_text


def _finding(ctx: Context, where: Template | Concatenation, outputs: list[Value]) -> Finding:
    names = ", ".join(f"`{ctx.text(o)}`" for o in outputs)
    kind = "template literal" if isinstance(where, Template) else "string concatenation"
    message = (
        f"{names} {'is an Output' if len(outputs) == 1 else 'are Outputs'}: in a {kind} it becomes the "
        f"text {_OUTPUT_TEXT}, not its value. Use pulumi.interpolate`...` (or `.apply`, or "
        "`pulumi.jsonStringify` for JSON)."
    )
    return ctx.finding(outputs[0], message, fixes=one_fix(_fix, ctx, where))


def _fix(ctx: Context, where: Template | Concatenation) -> Fix | None:
    if _in_call_argument(ctx.program, where.value) or _returned_as_plain(ctx, where.value):
        return None
    interpolate, import_edits = pulumi_member(ctx, "interpolate")
    if isinstance(where, Template):
        edit = Edit(where.value.start, where.value.start, interpolate)
    else:
        text = _as_template(ctx, where)
        if text is None:
            return None
        edit = Edit(where.value.start, where.value.end, f"{interpolate}{text}")
    return ctx.fix("Use pulumi.interpolate", [*import_edits, edit], Applicability.SAFE)


def _in_call_argument(program: Program, target: Located) -> bool:
    """Whether ``target`` is (part of) an argument of a call or of a non-resource ``new``."""
    arguments: list[Value] = [a for c in program.calls if not _takes_inputs(program, c.value) for a in c.value.args]
    for construction in program.constructions:
        # A resource's logical name must be a plain string; its other arguments take Inputs.
        args = construction.value.args if not construction.is_resource else construction.value.args[:1]
        arguments.extend(args)
    return any(arg.encloses(target) and _reaches(arg, target) for arg in arguments)


def _takes_inputs(program: Program, call: Value) -> bool:
    """Calls whose arguments are Inputs: an Output there is waited for, not printed."""
    name = canonical(program, call.name)
    return name is not None and (name in INPUT_CALLS or (name.startswith("aws.") and name.endswith("Output")))


def _returned_as_plain(ctx: Context, target: Value) -> bool:
    """``return `...``` in a function declared to return something other than an Output/Input."""
    source = ctx.source
    before = source[max(0, target.start - 16) : target.start].rstrip()
    if not before.endswith(b"return") and not before.endswith(b"=>"):
        return False
    enclosing = [f for f in ctx.program.functions if f.body is not None and f.span.encloses(target)]
    if not enclosing:
        return False
    fn = max(enclosing, key=lambda f: f.span.start)
    assert fn.body is not None
    header = source[fn.span.start : fn.body.start].decode("utf-8", errors="replace")
    match = _RETURN_TYPE.search(header)
    return match is not None and not any(word in match.group(1) for word in ("Output", "Input", "any"))


def _reaches(value: Value, target: Located) -> bool:
    """Whether ``target`` sits in ``value`` without crossing into a function body."""
    stack = [value]
    while stack:
        current = stack.pop()
        if current.start == target.start and current.end == target.end:
            return True
        if current.kind == "function":
            continue
        children = [p.value for p in current.properties if p.value is not None]
        children += [*current.spreads, *current.items, *current.args, *current.substitutions]
        stack.extend(c for c in children if c.encloses(target))
    return False


def _as_template(ctx: Context, concatenation: Concatenation) -> str | None:
    operands = concatenation.operands
    if len(operands) < 2 or not any(o.kind in ("string", "template") for o in operands[:2]):
        return None
    parts: list[str] = []
    for operand in operands:
        text = ctx.text(operand)
        if operand.kind == "string":
            quote = text[0]
            body = text[1:-1].replace("\\" + quote, quote) if quote in "'\"" else text[1:-1]
            parts.append(body.replace("`", "\\`").replace("${", "\\${"))
        elif operand.kind == "template":
            parts.append(text[1:-1])
        elif operand.kind in ("identifier", "member") and _is_plain(ctx.source[operand.start : operand.end]):
            parts.append(f"${{{text}}}")
        else:
            return None
    return "`" + "".join(parts) + "`"


def _is_plain(text: bytes) -> bool:
    return b"`" not in text and b"\n" not in text
