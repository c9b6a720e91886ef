"""## What it does
Reports each explicit `any` type: in annotations (`event: any`), return types
(`Promise<any>`), type arguments (`new Map<string, any>()`), assertions (`x as any`), type
aliases and interfaces.

It deliberately ignores types that are `any` only by inference (an unannotated parameter under
`noImplicitAny: false`): those are the compiler's business, and nothing in the source says `any`.

## Why is this bad?
`any` switches type checking off for everything that flows through it. In a Pulumi program the
handler code and the values passed to resources lose the checks that catch a misspelt property
or an `Output<string>` used as a plain string; `@typescript-eslint/no-explicit-any` fails the
lint gate on it.

## Example
```typescript
async function sendToDeadLetterQueue(event: any, error: string): Promise<void> {
  await sqs.sendMessage({ QueueUrl: queueUrl, MessageBody: JSON.stringify({ event, error }) });
}
```

## Use instead
```typescript
interface DlqEvent {
  [key: string]: unknown;
}

async function sendToDeadLetterQueue(event: DlqEvent, error: string): Promise<void> {
  await sqs.sendMessage({ QueueUrl: queueUrl, MessageBody: JSON.stringify({ event, error }) });
}
```

## Fix safety
Unsafe: the fix writes `unknown`, which keeps the value opaque but makes the compiler demand a
check or a narrowing before each use, so code that used the value freely stops compiling until
it gets a real type (the seed's fix: an interface describing the value).

## References
- Seed 002 §4. typescript-eslint `no-explicit-any` (its `fixToUnknown` option).
"""

from __future__ import annotations

from collections.abc import Iterator

from pulumi_lint.findings import Applicability, Finding, Severity
from pulumi_lint.rule import Context, FixAvailability, RuleMeta

META = RuleMeta(
    code="TS003",
    name="explicit-any",
    severity=Severity.WARNING,
    fix=FixAvailability.ALWAYS,
)


def check(ctx: Context) -> Iterator[Finding]:
    for span in ctx.program.any_types:
        yield ctx.finding(
            span,
            "Explicit `any` turns type checking off; describe the value with an interface, or use "
            "`unknown` and narrow it.",
            fixes=[
                ctx.fix("Use `unknown`", [ctx.edit(span.start, span.end, "unknown")], Applicability.UNSAFE)
            ],
        )
