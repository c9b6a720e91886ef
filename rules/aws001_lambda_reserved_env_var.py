"""## What it does
Reports a Lambda function environment variable whose name the Lambda runtime reserves, such as
`AWS_REGION`, `AWS_LAMBDA_FUNCTION_NAME` or `_HANDLER`.

## Why is this bad?
Lambda sets these variables itself. A function that tries to set one fails to deploy with
`InvalidParameterValueException: Lambda was unable to configure your environment variables
because the environment variables you have provided contains reserved keys`. The value the
program wanted is usually already there: handler code can read `process.env.AWS_REGION` without
setting it.

The rule follows values through constants in the same file (`const vars = { AWS_REGION: region }`
used as `variables: vars`) and spreads of such objects. It deliberately ignores user-settable
names such as `AWS_LAMBDA_EXEC_WRAPPER`, `AWS_LAMBDA_NODEJS_*`, `NODE_OPTIONS` and `TZ`, and reads
of reserved names through `process.env` in handler code.

## Example
```typescript
const fn = new aws.lambda.Function('api', {
  runtime: 'nodejs22.x',
  environment: { variables: { AWS_REGION: region } },
});
```

## Use instead
```typescript
const fn = new aws.lambda.Function('api', {
  runtime: 'nodejs22.x',
  environment: { variables: { REGION: region } },
});
```

## Fix safety
Unsafe: renaming the key changes the name handler code must read (`process.env.REGION`), and
this rule cannot see the handler's code.

## References
- Seed 002 §1. AWS Lambda Developer Guide, "Defined runtime environment variables".
"""

from __future__ import annotations

from collections.abc import Iterator

from pulumi_lint.aws_model import constructions_of
from pulumi_lint.aws_tables import LAMBDA_RESERVED_ENV_VARS, suggested_env_var_name
from pulumi_lint.findings import Applicability, Finding, Fix, Severity
from pulumi_lint.kept_findings import each
from pulumi_lint.model import Construction, Property
from pulumi_lint.rule import Context, FixAvailability, RuleMeta

META = RuleMeta(
    code="AWS001",
    name="lambda-reserved-env-var",
    severity=Severity.ERROR,
    fix=FixAvailability.SOMETIMES,
)

LAMBDA_FUNCTION_TYPES = frozenset({"aws.lambda.Function", "aws.lambda.CallbackFunction"})


def check(ctx: Context) -> Iterator[Finding]:
    for construction in constructions_of(ctx.program, *LAMBDA_FUNCTION_TYPES):
        yield from each(ctx, construction, _check_function)


def _check_function(ctx: Context, construction: Construction) -> Iterator[Finding]:
    # Everything read here is the function's statement and the constants it names.
    program = ctx.program
    props = program.object_properties(program.lookup(construction.args, "environment", "variables"))
    keys = {p.key for p in props}
    for prop in props:
        if prop.key is None or prop.key not in LAMBDA_RESERVED_ENV_VARS:
            continue
        new_name = suggested_env_var_name(prop.key)
        message = (
            f"`{prop.key}` is reserved by the Lambda runtime: deployment fails with "
            f"InvalidParameterValueException. Rename it (e.g. `{new_name}`) or read the "
            "runtime's own value in the handler."
        )
        fixes = [] if new_name in keys else [_rename(ctx, prop, new_name)]
        yield ctx.finding(prop.key_span, message, fixes=fixes)


def _rename(ctx: Context, prop: Property, new_name: str) -> Fix:
    key = prop.key_span
    if prop.shorthand:
        text = f"{new_name}: {ctx.text(key)}"
    elif prop.quoted:
        quote = ctx.text(key)[0]
        text = f"{quote}{new_name}{quote}"
    else:
        text = new_name
    return ctx.fix(
        f"Rename {prop.key} to {new_name}",
        [ctx.edit(key.start, key.end, text)],
        Applicability.UNSAFE,
    )
