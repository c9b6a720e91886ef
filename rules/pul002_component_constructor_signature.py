"""## What it does
Reports a `pulumi.ComponentResource` subclass whose constructor does not have the
`(name, args, opts)` shape, does not pass its `opts` on to `super`, or whose type token is not of
the form `package:module:Type`.

## Why is this bad?
A component's options are how its users parent it, give it a provider, protect it or move it
with `aliases` without replacing it. A constructor without `opts`, or one that drops them before
`super`, silently ignores all of that. The type token is part of every URN under the component:
Pulumi expects three colon-separated parts, and a token such as `'TapStack'` or `'tap:TapStack'`
reads as a different type to tools that parse it.

The rule checks the type token and the `super` arguments only for direct subclasses of
`pulumi.ComponentResource` (a subclass of your own base class may well take other arguments),
and ignores tokens built at run time (template literals with substitutions, variables). A
component without a constructor of its own is left alone.

## Example
```typescript
class TapStack extends pulumi.ComponentResource {
  constructor(name: string, args: TapStackArgs) {
    super('tap:stack:TapStack', name, {});
  }
}
```

## Use instead
```typescript
class TapStack extends pulumi.ComponentResource {
  constructor(name: string, args: TapStackArgs, opts?: pulumi.ComponentResourceOptions) {
    super('tap:stack:TapStack', name, {}, opts);
  }
}
```

## Fix safety
Safe when the fix only adds the missing `opts?` parameter and passes it to `super`: no caller can
pass options yet, so nothing deployed changes. Unsafe otherwise: passing an `opts` parameter that
callers already give starts honouring their `parent`, `provider` or `aliases` (URNs change); adding
a leading `name` parameter changes every call site (those of the same file are updated) and the
component's URN; rewriting a type token changes the URN of the component and of its children.

## Options
- `package`, `module` (strings): the parts of a rewritten type token, as for PUL001.

## References
- Seed 000 §7. Pulumi documentation, "Component resources: authoring".
"""

from __future__ import annotations

from collections.abc import Iterator

from pulumi_lint.findings import Applicability, Edit, Finding, Fix, Severity
from pulumi_lint.model import ClassInfo, Program
from pulumi_lint.rule import Context, FixAvailability, RuleMeta, one_fix

from ._component import (
    binding_name,
    call_site_edits,
    is_name_param,
    is_opts_param,
    pass_opts_edits,
    signature_edits,
)
from ._pulumi import (
    COMPONENT,
    TOKEN,
    canonical,
    class_kind,
    keyword_span,
    pulumi_member,
    string_literal,
    token_module,
    token_package,
    value_reads,
)

META = RuleMeta(
    code="PUL002",
    name="component-constructor-signature",
    severity=Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
    options={"package": "", "module": "index"},
)


def check(ctx: Context) -> Iterator[Finding]:
    program = ctx.program
    for cls in program.classes:
        if cls.constructor is None or class_kind(program, cls, ctx.project, ctx.document.path) != "component":
            continue
        direct = _direct_component(program, cls)
        finding = _signature(ctx, cls, direct)
        if finding is not None:
            yield finding
        if direct:
            finding = _token(ctx, cls)
            if finding is not None:
                yield finding


def _direct_component(program: Program, cls: ClassInfo) -> bool:
    base = (cls.extends or "").split("<", 1)[0].strip()
    return canonical(program, base) == COMPONENT


def _signature(ctx: Context, cls: ClassInfo, direct: bool) -> Finding | None:
    fn = cls.constructor
    assert fn is not None
    params = fn.params
    has_name = bool(params) and is_name_param(params[0]) and not is_opts_param(params[0])
    opts_param = next((p for p in reversed(params) if is_opts_param(p)), None)
    super_call = cls.super_call
    passes_opts = (
        opts_param is not None
        and super_call is not None
        and any(value_reads(arg, binding_name(opts_param)) for arg in super_call.args[1:])
    )
    if has_name and opts_param is not None and (passes_opts or super_call is None):
        return None
    problems = []
    if not has_name:
        problems.append("does not take the logical `name: string` first")
    if opts_param is None:
        problems.append("takes no `opts?: pulumi.ComponentResourceOptions`")
    elif not passes_opts:
        problems.append(f"does not pass `{binding_name(opts_param)}` to `super`")
    message = (
        f"The constructor of component `{cls.name}` {' and '.join(problems)}: callers cannot parent, "
        "protect, alias or give a provider to the component. Use `(name: string, args, opts?: "
        "pulumi.ComponentResourceOptions)` and pass `opts` to `super`."
    )
    fixes = one_fix(_signature_fix, ctx, cls, direct, has_name, opts_param is not None)
    return ctx.finding(keyword_span(ctx, fn), message, fixes=fixes)


def _signature_fix(ctx: Context, cls: ClassInfo, direct: bool, has_name: bool, has_opts: bool) -> Fix | None:
    fn = cls.constructor
    super_call = cls.super_call
    if fn is None or super_call is None or not direct:
        return None
    opts_type, import_edits = pulumi_member(ctx, "ComponentResourceOptions")
    signature = signature_edits(ctx, fn, opts_type, add_name=not has_name, add_opts=not has_opts)
    if signature is None:
        return None
    passing = pass_opts_edits(super_call, signature.opts)
    if passing is None:
        return None
    edits: list[Edit] = [*signature.edits, *passing]
    if not has_opts:
        edits.extend(import_edits)
    if not has_name:
        if len(super_call.args) < 2:
            return None
        given = super_call.args[1]
        edits.append(Edit(given.start, given.end, signature.name))
        edits.extend(call_site_edits(ctx, cls))
    safe = has_name and not has_opts
    title = "Add the `opts` parameter and pass it to super" if safe else "Use the (name, args, opts) signature"
    return ctx.fix(title, edits, Applicability.SAFE if safe else Applicability.UNSAFE)


def _token(ctx: Context, cls: ClassInfo) -> Finding | None:
    super_call = cls.super_call
    if super_call is None or not super_call.args:
        return None
    token = super_call.args[0]
    text = token.string if token.kind in ("string", "template") else None
    if text is None or TOKEN.match(text):
        return None
    message = (
        f"The type token {text!r} of component `{cls.name}` is not of the form `package:module:Type` "
        f"(for example `{token_package(ctx)}:{token_module(ctx)}:{cls.name}`)."
    )
    fixes = []
    parts = text.split(":")
    if all(p and not any(c.isspace() for c in p) for p in parts) and len(parts) in (1, 2):
        package = parts[0] if len(parts) == 2 else token_package(ctx)
        new = f"{package}:{token_module(ctx)}:{parts[-1]}"
        quote = token.quote if token.quote in ("'", '"') else "'"
        literal = string_literal(new, quote) if token.kind == "string" else f"`{new}`"
        fixes.append(
            ctx.fix(f"Use the type token {new!r}", [ctx.edit(token.start, token.end, literal)], Applicability.UNSAFE)
        )
    return ctx.finding(token, message, fixes=fixes)
