"""## What it does
Reports a Lambda function whose `memorySize` is at or above a threshold (option
`max-memory-mb`, default 3008 MB). The value is followed through constants in the file.

## Why is this bad?
Lambda bills duration in proportion to the memory configured, whatever the function uses: at
3008 MB a function costs 5.9 times what it costs at 512 MB for the same run time. Large sizes are
usually copied from an example or set "to be safe", not measured. Size functions from their
CloudWatch `Max Memory Used` (or AWS Lambda Power Tuning) and raise the threshold for the few
that need it.

## Example
```typescript
const fn = new aws.lambda.Function('processor', {
  runtime: 'nodejs22.x',
  handler: 'index.handler',
  memorySize: 3008,
});
```

## Use instead
```typescript
const fn = new aws.lambda.Function('processor', {
  runtime: 'nodejs22.x',
  handler: 'index.handler',
  memorySize: 512,
});
```

## Options
- `max-memory-mb` (default 3008): sizes at or above it are reported.
- `fix-memory-mb` (default 512): the size the fix writes.

## Fix safety
Unsafe: less memory also means less CPU, so a function that needs it runs slower or runs out of
memory. Check the function's measured memory use before applying it.

## References
- Seed 003 §4. AWS Lambda Developer Guide, "Configure Lambda function memory".
"""

from __future__ import annotations

from collections.abc import Iterator

from pulumi_lint.aws_model import LAMBDA_FUNCTION_TYPES, constructions_of, number_of
from pulumi_lint.findings import Applicability, Finding, Severity
from pulumi_lint.kept_findings import each
from pulumi_lint.model import Construction
from pulumi_lint.rule import Context, FixAvailability, RuleMeta

META = RuleMeta(
    code="AWS004",
    name="lambda-memory-overprovisioned",
    severity=Severity.WARNING,
    fix=FixAvailability.ALWAYS,
    options={"max-memory-mb": 3008, "fix-memory-mb": 512},
)


def _option(ctx: Context, key: str) -> int:
    value = ctx.options.get(key, META.options[key])
    try:
        return int(value)
    except (TypeError, ValueError):
        return int(META.options[key])


def check(ctx: Context) -> Iterator[Finding]:
    threshold = _option(ctx, "max-memory-mb")
    target = _option(ctx, "fix-memory-mb")
    reported: set[tuple[int, int]] = set()
    for fn in constructions_of(ctx.program, *LAMBDA_FUNCTION_TYPES):
        for finding in each(ctx, fn, _check_function, threshold, target):
            # A shared options object spread into several functions is reported once.
            if (finding.start, finding.end) not in reported:
                reported.add((finding.start, finding.end))
                yield finding


def _check_function(ctx: Context, fn: Construction, threshold: int, target: int) -> Iterator[Finding]:
    program = ctx.program
    prop = program.property(fn.args, "memorySize")
    if prop is None or prop.value is None:
        return
    size = number_of(program, prop.value)
    if size is None or size < threshold or size <= target:
        return
    message = (
        f"`memorySize: {size:g}` is at or above {threshold} MB: Lambda bills duration in proportion "
        f"to configured memory ({size / target:.1f}x the cost of {target} MB). Size it from the "
        "function's measured memory use."
    )
    fix = ctx.fix(
        f"Set memorySize to {target}",
        [ctx.edit(prop.value.start, prop.value.end, str(target))],
        Applicability.UNSAFE,
    )
    yield ctx.finding(prop.value, message, fixes=[fix])
