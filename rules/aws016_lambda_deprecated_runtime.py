"""## What it does
Reports a Lambda function whose `runtime` AWS has deprecated, or is about to: a runtime string
(`'nodejs18.x'`) or an `aws.lambda.Runtime` member (`aws.lambda.Runtime.NodeJS18dX`), also when it
comes from a constant.

It is an error once AWS blocks updates of functions on that runtime, a warning once the runtime is
deprecated, and information in the 90 days before the deprecation date. The dates come from a table
of AWS's "Lambda runtimes" page (runtime, deprecation, block function create, block function update),
not from the SDK's `@deprecated` marks, which lag behind AWS.

## Why is this bad?
A deprecated runtime no longer gets security patches or support. Some time after deprecation
Lambda refuses to create functions on it, then to update them: from that day every deployment that
touches the function's configuration or code fails, usually when an urgent fix has to ship.

## Example
```typescript
const fn = new aws.lambda.Function('api', {
  runtime: aws.lambda.Runtime.NodeJS18dX,
  handler: 'index.handler',
  role: role.arn,
  code: new pulumi.asset.FileArchive('./app'),
});
```

## Use instead
```typescript
const fn = new aws.lambda.Function('api', {
  runtime: aws.lambda.Runtime.NodeJS24dX,
  handler: 'index.handler',
  role: role.arn,
  code: new pulumi.asset.FileArchive('./app'),
});
```

## Fix safety
Unsafe: the fix moves the function to the newest runtime of the same family, which changes the
language version the code runs on (and for `go1.x`, the OS-only runtime needs the binary named
`bootstrap`). Test the function on the new runtime before deploying.

## References
- Seed 004 §6. AWS Lambda Developer Guide, "Lambda runtimes" (supported and deprecated runtimes).
- tflint-ruleset-aws, rule `aws_lambda_function_deprecated_runtime`.
"""

from __future__ import annotations

from collections.abc import Iterator

from pulumi_lint.aws_schema import schema
from pulumi_lint.aws_support import LAMBDA_FUNCTION_TYPES, aws_major, canonical
from pulumi_lint.aws_tables import runtime_status
from pulumi_lint.findings import Applicability, Finding, Fix, Severity
from pulumi_lint.kept_findings import each
from pulumi_lint.model import Construction, Value
from pulumi_lint.rule import Context, FixAvailability, RuleMeta

META = RuleMeta(
    code="AWS016",
    name="lambda-deprecated-runtime",
    severity=Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
)


RUNTIME_ENUM = "aws.lambda.Runtime."
_SEVERITY = {"error": Severity.ERROR, "warning": Severity.WARNING, "info": Severity.INFO}


def check(ctx: Context) -> Iterator[Finding]:
    major, _ = aws_major(ctx)
    for construction in ctx.program.resources_of(*LAMBDA_FUNCTION_TYPES):
        # The date each runtime's status depends on is part of the kept findings' scope.
        yield from each(ctx, construction, _check_function, major)


def _check_function(ctx: Context, construction: Construction, major: int) -> Iterator[Finding]:
    program = ctx.program
    prop = program.property(construction.args, "runtime")
    if prop is None or prop.value is None:
        return
    written = prop.value
    literal = program.resolve(written)
    if literal is None:
        return
    runtime, member = _runtime_of(ctx, literal, major)
    if runtime is None:
        return
    level, row = runtime_status(runtime, ctx.today)
    if level is None or row is None:
        return
    successor = row.successor
    if level == "error":
        state = (
            f"Lambda blocks updates of functions on `{runtime}` since {row.block_update}: "
            "every deployment that changes this function fails"
        )
    elif level == "warning":
        blocked = f"; updates are blocked from {row.block_update}" if row.block_update else ""
        state = f"`{runtime}` is deprecated since {row.deprecation} and no longer patched{blocked}"
    else:
        state = f"`{runtime}` is deprecated on {row.deprecation}"
    message = f"{state}. Move the function to `{successor}`."
    fixes = [] if successor == runtime else [_upgrade(ctx, literal, member, successor, major)]
    yield ctx.finding(written, message, fixes=fixes, severity=_SEVERITY[level])


def _runtime_of(ctx: Context, value: Value, major: int) -> tuple[str | None, bool]:
    """The runtime string a value names, and whether it is written as an enum member."""
    if value.kind in ("string", "template"):
        return value.string, False
    if value.kind == "member":
        path = canonical(ctx.program, value.name)
        if path and path.startswith(RUNTIME_ENUM):
            member = path[len(RUNTIME_ENUM) :]
            return schema().lambda_runtime_for_member(member, major), True
    return None, False


def _upgrade(ctx: Context, value: Value, member: bool, successor: str, major: int) -> Fix:
    title = f"Use runtime {successor}"
    if member:
        name = schema().lambda_runtime_member_for(successor, major)
        text = ctx.text(value)
        if name is not None:
            head = text.rpartition(".")[0]
            return ctx.fix(title, [ctx.edit(value.start, value.end, f"{head}.{name}")], Applicability.UNSAFE)
        quote = next((imp.quote for imp in ctx.program.imports), "'")
        return ctx.fix(title, [ctx.edit(value.start, value.end, f"{quote}{successor}{quote}")], Applicability.UNSAFE)
    text = ctx.text(value)
    quote = text[0] if text and text[0] in "'\"`" else "'"
    return ctx.fix(title, [ctx.edit(value.start, value.end, f"{quote}{successor}{quote}")], Applicability.UNSAFE)
