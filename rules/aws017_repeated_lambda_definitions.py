"""## What it does
Reports three or more Lambda functions constructed in the same scope from the same set of
properties (the same keys, whatever their values): the shape of a definition copied and edited.
The number is the `min-repeats` option (default 3). The finding is on the first function of the
group and names the others.

Functions built in a loop or by a helper function are one construction in the source and are not
reported; neither are functions whose properties differ.

## Why is this bad?
Copies drift. A setting that should be the same everywhere (the runtime, the log retention, the
dead-letter queue, tracing, the role's policies) gets changed in one copy and forgotten in the
others, and every new function means another copy. A `pulumi.ComponentResource` (or a plain
function) that builds a function together with its log group, alarms and permissions defines the
shared part once and takes only what differs as arguments.

## Example
```typescript
const processor = new aws.lambda.Function('processor', {
  runtime: 'nodejs22.x', handler: 'processor.handler', memorySize: 512, role: role.arn, code,
});
const validator = new aws.lambda.Function('validator', {
  runtime: 'nodejs22.x', handler: 'validator.handler', memorySize: 512, role: role.arn, code,
});
const enricher = new aws.lambda.Function('enricher', {
  runtime: 'nodejs22.x', handler: 'enricher.handler', memorySize: 768, role: role.arn, code,
});
```

## Use instead
```typescript
interface LambdaArgs { handler: string; memorySize?: number }

class LambdaComponent extends pulumi.ComponentResource {
  public readonly function: aws.lambda.Function;
  constructor(name: string, args: LambdaArgs, opts?: pulumi.ComponentResourceOptions) {
    super('app:lambda:LambdaComponent', name, {}, opts);
    this.function = new aws.lambda.Function(name, {
      runtime: 'nodejs22.x', handler: args.handler, memorySize: args.memorySize ?? 512, role: role.arn, code,
    }, { parent: this });
    this.registerOutputs({ function: this.function });
  }
}
const processor = new LambdaComponent('processor', { handler: 'processor.handler' });
```

## Fix safety
No fix: how to split shared and varying settings is a design decision, and moving functions into a
component changes their URNs (they need `aliases` to keep their deployed identity).

## References
- Seed 003 §7.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from pulumi_lint.aws_support import LAMBDA_FUNCTION_TYPES, int_option
from pulumi_lint.findings import Finding, Severity
from pulumi_lint.model import Construction
from pulumi_lint.rule import Context, FixAvailability, RuleMeta

META = RuleMeta(
    code="AWS017",
    name="repeated-lambda-definitions",
    severity=Severity.INFO,
    fix=FixAvailability.NONE,
    options={"min-repeats": 3},
)


def check(ctx: Context) -> Iterator[Finding]:
    program = ctx.program
    threshold = max(2, int_option(ctx.options, "min-repeats", 3))
    groups: dict[tuple[str | None, int | None, str | None, frozenset[str]], list[Construction]]
    groups = defaultdict(list)
    for construction in program.resources_of(*LAMBDA_FUNCTION_TYPES):
        args = program.resolve(construction.args)
        if args is None or args.kind != "object":
            continue
        keys = [p.key for p in program.object_properties(args)]
        if not keys or None in keys:
            continue
        shape = frozenset(k for k in keys if k is not None)
        # Spreads that do not resolve hide keys: such definitions are not comparable.
        spreads = [program.resolve(spread) for spread in args.spreads]
        if any(spread is None or spread.kind != "object" for spread in spreads):
            continue
        scope = construction.function.span.start if construction.function is not None else None
        groups[(construction.resource_type, scope, construction.class_name, shape)].append(construction)
    for (_, _, _, shape), members in groups.items():
        if len(members) < threshold:
            continue
        names = [_label(ctx, c) for c in members]
        parts = ["This Lambda function", *names[1:4]] + ([f"{len(names) - 4} more"] if len(names) > 4 else [])
        shown = ", ".join(parts[:-1]) + f" and {parts[-1]}"
        listed = ", ".join(f"`{k}`" for k in sorted(str(k) for k in shape))
        # One finding per group, on its first function: a group of many copies is one suggestion.
        message = (
            f"{shown} are built from the same properties ({listed}). "
            "Define them once: a ComponentResource or a function that takes what differs."
        )
        yield ctx.finding(members[0].callee, message)


def _label(ctx: Context, construction: Construction) -> str:
    line = ctx.document.lines.line_of(construction.value.start) + 1
    if construction.variable is not None:
        return f"`{construction.variable.name}` (line {line})"
    return f"the function on line {line}"
