"""## What it does
Reports a `pulumi.ComponentResource` subclass whose constructor never calls
`this.registerOutputs(...)`.

## Why is this bad?
The Node SDK registers empty outputs by itself once `initialize` settles, so the component's
outputs never reach the stack state. `pulumi stack export`, the console and anything that reads
the state see a component with no outputs, and the step that marks the component complete runs
without them. Calling `this.registerOutputs({...})` at the end of the constructor records the
values the component exposes.

The rule deliberately ignores components that call `registerOutputs` anywhere in the class
(including through `super`), components that override `initialize` (its return value becomes the
outputs), abstract classes and classes that other classes of the file extend (their subclasses
register), and subclasses whose own base class registers.

## Example
```typescript
class Website extends pulumi.ComponentResource {
  public readonly url: pulumi.Output<string>;

  constructor(name: string, args: WebsiteArgs, opts?: pulumi.ComponentResourceOptions) {
    super('acme:web:Website', name, {}, opts);
    const bucket = new aws.s3.BucketV2(`${name}-bucket`, {}, { parent: this });
    this.url = bucket.bucketRegionalDomainName;
  }
}
```

## Use instead
```typescript
class Website extends pulumi.ComponentResource {
  public readonly url: pulumi.Output<string>;

  constructor(name: string, args: WebsiteArgs, opts?: pulumi.ComponentResourceOptions) {
    super('acme:web:Website', name, {}, opts);
    const bucket = new aws.s3.BucketV2(`${name}-bucket`, {}, { parent: this });
    this.url = bucket.bucketRegionalDomainName;
    this.registerOutputs({
      url: this.url,
    });
  }
}
```

The fix appends the call at the end of the constructor with every public readonly field the
constructor assigns.

## Fix safety
Safe: it records outputs in the state; no resource changes.

## References
- Seed 000 §3. Pulumi documentation, "Component resources: registering component outputs".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pulumi_lint.findings import Applicability, Finding, Fix, Severity
from pulumi_lint.model import Call, ClassInfo, Program, per_program
from pulumi_lint.rule import Context, FixAvailability, RuleMeta, one_fix

from ._component import last_statement_edit
from ._pulumi import class_kind, indent_unit

META = RuleMeta(
    code="PUL004",
    name="missing-register-outputs",
    severity=Severity.WARNING,
    fix=FixAvailability.ALWAYS,
)

_ABSTRACT = re.compile(rb"^(?:export\s+)?(?:default\s+)?(?:declare\s+)?abstract\b")


def check(ctx: Context) -> Iterator[Finding]:
    program = ctx.program
    extended = {(c.extends or "").split("<", 1)[0].strip() for c in program.classes}
    for cls in program.classes:
        if cls.constructor is None or cls.name in extended:
            continue
        if _ABSTRACT.match(ctx.source[cls.span.start : cls.span.end]):
            continue
        if class_kind(program, cls, ctx.project, ctx.document.path) != "component":
            continue
        if any(_registers(program, c) for c in _lineage(program, cls)):
            continue
        message = (
            f"Component `{cls.name}` never calls `this.registerOutputs(...)`: the Node SDK registers "
            "empty outputs by itself once `initialize` settles, so the component's outputs never "
            "reach the stack state. Call `this.registerOutputs({...})` at the end of the constructor."
        )
        yield ctx.finding(cls.name_span, message, fixes=one_fix(_fix, ctx, cls))


def _lineage(program: Program, cls: ClassInfo) -> Iterator[ClassInfo]:
    """The class and its base classes defined in the same file."""
    seen: set[str] = set()
    current: ClassInfo | None = cls
    while current is not None and current.name not in seen:
        seen.add(current.name)
        yield current
        base = (current.extends or "").split("<", 1)[0].strip()
        current = program.class_named(base) if base else None


def _registers(program: Program, cls: ClassInfo) -> bool:
    if "initialize" in cls.methods:
        return True
    return any(cls.body.encloses(call.value) for call in _register_calls(program))


@per_program
def _register_calls(program: Program) -> list[Call]:
    return [
        call
        for call in program.calls
        if call.value.name is not None and call.value.name.split(".")[-1] == "registerOutputs"
    ]


def _fix(ctx: Context, cls: ClassInfo) -> Fix | None:
    fn = cls.constructor
    if fn is None:
        return None
    assigned = {a.field for a in cls.this_assignments if a.in_constructor}
    names = [
        f.name for f in cls.fields if f.public and f.readonly and not f.static and f.name in assigned
    ]
    if names:
        unit = indent_unit(ctx.source)
        lines = ["this.registerOutputs({", *(f"{unit}{n}: this.{n}," for n in names), "});"]
    else:
        lines = ["this.registerOutputs({});"]
    edit = last_statement_edit(ctx, fn, lines)
    if edit is None:
        return None
    return ctx.fix("Register the component's outputs", [edit], Applicability.SAFE)
