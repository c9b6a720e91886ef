"""## What it does
Inside a class that extends `pulumi.ComponentResource` (under any import alias, as a named
import `ComponentResource`, or through another component class of the same file), reports a
resource construction whose options do not set `parent`. The range is the constructed class
(`aws.lambda.LayerVersion` in `new aws.lambda.LayerVersion(...)`). Child components of the same
file (`new Child(name, args, opts)`) count as resources too.

It deliberately ignores options that set `parent` to anything, options that may carry a
`parent` the rule cannot see (a parameter such as `opts`, `{ ...opts }`, a call such as
`pulumi.mergeOptions(...)`), constructions inside the component's own `super(...)` call, and
direct constructions of the SDK's base classes.

## Why is this bad?
Without `parent`, a resource created by a component is a child of the stack, not of the
component: `pulumi preview` shows a flat list, the component's `dependsOn`, `protect`, `provider`
and `aliases` do not flow to it, and deleting the component does not delete its resources with
it. The component is an empty shell.

## Example
```typescript
export class EtlStack extends pulumi.ComponentResource {
  constructor(name: string, args: EtlStackArgs, opts?: pulumi.ComponentResourceOptions) {
    super('tap:etl:EtlStack', name, {}, opts);
    const layer = new aws.lambda.LayerVersion(`${name}-deps`, { layerName: 'deps' });
  }
}
```

## Use instead
```typescript
export class EtlStack extends pulumi.ComponentResource {
  constructor(name: string, args: EtlStackArgs, opts?: pulumi.ComponentResourceOptions) {
    super('tap:etl:EtlStack', name, {}, opts);
    const layer = new aws.lambda.LayerVersion(`${name}-deps`, { layerName: 'deps' }, { parent: this });
  }
}
```

## Fix safety
Unsafe: a parent is part of a resource's URN, so adding one makes Pulumi see a new resource and
an old one: the next `pulumi up` replaces the deployed resource (deletes a bucket, a table...).
Two fixes are offered: "Add { parent: this }" for resources not deployed yet, and "Add { parent:
this } and an alias keeping the current URN", which also adds
`aliases: [{ parent: pulumi.rootStackResource }]` so that Pulumi recognises the deployed resource
under its new parent and moves it without replacement. The alias fix needs a namespace import of
`@pulumi/pulumi` in the file, and is not offered when the options already list `aliases`. No fix
is offered when the constructor takes no args (a `{}` would have to be invented), when the
options are a constant defined elsewhere, or where `this` is not the component (inside a
`function` or a static method, or before the `super(...)` call).

## References
- Seed 000 §2. Pulumi docs: "Component resources" (parenting), "Resource options: aliases".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import partial
from typing import Literal

from pulumi_lint.findings import Applicability, Edit, Finding, Fix, Severity
from pulumi_lint.kept_findings import each
from pulumi_lint.model import ClassInfo, Construction, Program, Value, per_program
from pulumi_lint.rule import Context, FixAvailability, RuleMeta

from ._component_classes import component_classes, constructs_component, pulumi_namespace

META = RuleMeta(
    code="PUL003",
    name="missing-parent",
    severity=Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
)

# The SDK's own base classes take (type, name, props, opts) and are not constructed as children.
_SDK_BASES = frozenset({"pulumi.ComponentResource", "pulumi.CustomResource", "pulumi.dynamic.Resource"})

ALIAS_FIX_TITLE = "Add { parent: this } and an alias keeping the current URN"

ParentState = Literal["set", "unknown", "missing"]
# Functions whose ``this`` is not the instance: ``function`` expressions and static methods.
_OWN_THIS = re.compile(r"\s*(?:(?:async\s+)?function\b|static\b)")


def check(ctx: Context) -> Iterator[Finding]:
    program = ctx.program
    components = _components(program)
    if not components:
        return
    namespace = pulumi_namespace(program)
    for construction in program.constructions:
        cls = components.get(construction.class_name or "")
        # Which class is a component, and which child takes options, rests on every class of the
        # file: worked out here on each analysis. What is kept rests on the construction's own
        # statement, which holds the class around it.
        if cls is None or not _is_child_resource(construction, components):
            continue
        if cls.body.encloses(construction.value):
            yield from each(ctx, construction, _check_child, namespace)
        else:  # a component of the same name elsewhere: nothing to keep it with
            yield from _check_child(ctx, construction, namespace)


def _check_child(ctx: Context, construction: Construction, namespace: str | None) -> Iterator[Finding]:
    program = ctx.program
    cls = _components(program)[construction.class_name or ""]
    if cls.super_call is not None and cls.super_call.encloses(construction.value):
        return
    arguments = construction.value.args
    if any(ctx.source.startswith(b"...", arg.start) for arg in arguments):
        return
    opts = arguments[2] if len(arguments) > 2 else None
    state = _parent_state(program, opts)
    if state != "missing":
        return
    fixes: list[Fix] | partial[list[Fix]] = []
    before_super = (
        construction.in_constructor and cls.super_call is not None and construction.value.start < cls.super_call.start
    )
    if not before_super and not _in_own_this_function(ctx, cls, construction):
        fixes = partial(_fixes, ctx, construction, namespace)
    kind = construction.resource_type or construction.value.name or "resource"
    yield ctx.finding(
        construction.callee,
        f"`{kind}` is created inside component `{cls.name}` without `parent`: it becomes a child "
        "of the stack, not of the component. Pass `{ parent: this }` in its options.",
        fixes=fixes,
    )


@per_program
def _components(program: Program) -> dict[str, ClassInfo]:
    return component_classes(program)


def _is_child_resource(construction: Construction, components: dict[str, ClassInfo]) -> bool:
    if construction.is_resource:
        return construction.resource_type not in _SDK_BASES
    if constructs_component(construction, components):
        child: ClassInfo | None = components[construction.value.name or ""]
        # A subclass without a constructor of its own takes its parent class's.
        seen: set[str] = set()
        while child is not None and child.constructor is None and child.name not in seen:
            seen.add(child.name)
            child = components.get(child.extends or "")
        # Only components whose constructor takes (name, args, opts) have an options argument.
        return child is not None and child.constructor is not None and len(child.constructor.params) >= 3
    return False


def _parent_state(program: Program, opts: Value | None, depth: int = 0) -> ParentState:
    if opts is None or opts.kind == "undefined":
        return "missing"
    if depth > 8:
        return "unknown"
    value = program.resolve(opts)
    if value is None or value.kind != "object":
        return "unknown"
    if any(p.key is None for p in value.properties):
        return "unknown"
    if value.get("parent") is not None:
        return "set"
    states = [_parent_state(program, spread, depth + 1) for spread in value.spreads]
    if "set" in states:
        return "set"
    if "unknown" in states:
        return "unknown"
    return "missing"


def _in_own_this_function(ctx: Context, cls: ClassInfo, construction: Construction) -> bool:
    """Whether a function of ``cls`` whose ``this`` is its own, not the instance (a ``function``, a
    static method), encloses ``construction``: such functions lie in the class's statement."""
    source = ctx.source
    value = construction.value
    return any(
        cls.body.encloses(fn.span)
        and fn.span.encloses(value)
        and _OWN_THIS.match(source[fn.span.start : fn.span.start + 24].decode("utf-8", "replace"))
        for fn in ctx.program.functions
    )


def _fixes(ctx: Context, construction: Construction, namespace: str | None) -> list[Fix]:
    arguments = construction.value.args
    opts = arguments[2] if len(arguments) > 2 else None
    if opts is not None and opts.kind not in ("object", "undefined"):
        return []  # a constant defined elsewhere: editing it could change other resources
    alias = f"aliases: [{{ parent: {namespace}.rootStackResource }}]" if namespace else None
    if opts is not None and opts.kind == "object" and opts.get("aliases") is not None:
        alias = None
    variants: list[tuple[str, list[str]]] = [("Add { parent: this }", ["parent: this"])]
    if alias is not None:
        variants.append((ALIAS_FIX_TITLE, ["parent: this", alias]))
    fixes: list[Fix] = []
    for title, members in variants:
        edit = _edit(ctx, construction, opts, members)
        if edit is None:
            return []
        fixes.append(ctx.fix(title, [edit], Applicability.UNSAFE))
    return fixes


def _edit(ctx: Context, construction: Construction, opts: Value | None, members: list[str]) -> Edit | None:
    one_line = "{ " + ", ".join(members) + " }"
    if opts is None:
        args = construction.args
        name = construction.name_arg
        if args is None or name is None:
            return None
        if b"\n" in ctx.source[construction.callee.end : name.start]:
            # One argument per line: the options go on a line of their own.
            indent = ctx.line_indent(name.start)
            return ctx.edit(args.end, args.end, ",\n" + indent + _block(members, indent, _unit(indent)))
        return ctx.edit(args.end, args.end, ", " + one_line)
    if opts.kind == "undefined" or not (opts.properties or opts.spreads):
        return ctx.edit(opts.start, opts.end, one_line)
    first = min([*(p.start for p in opts.properties), *(s.start for s in opts.spreads)])
    # A spread's value starts after its ``...``: insert before the dots.
    before = ctx.source[opts.start : first].rstrip()
    if before.endswith(b"..."):
        first = opts.start + len(before) - 3
    if b"\n" in ctx.source[opts.start : first]:
        indent = ctx.line_indent(first)
        return ctx.edit(first, first, "".join(f"{m},\n{indent}" for m in members))
    return ctx.edit(first, first, "".join(f"{m}, " for m in members))


def _unit(indent: str) -> str:
    return "\t" if indent.startswith("\t") else "  "


def _block(members: list[str], indent: str, unit: str) -> str:
    if len(members) == 1:
        return "{ " + members[0] + " }"
    body = "".join(f"{indent}{unit}{m},\n" for m in members)
    return "{\n" + body + indent + "}"
