"""## What it does
Reports a class whose constructor or instance methods construct Pulumi resources but that does
not extend `pulumi.ComponentResource` (directly or through a class that does).

## Why is this bad?
Pulumi only knows the resources such a class creates, not the class: they sit flat at the top of
the stack, with no parent that groups them in `pulumi preview`, passes `protect`, `provider` or
`aliases` down to them, or lets another program reference the whole as one resource. The class
cannot take resource options either. A `ComponentResource` with the `(name, args, opts)`
constructor is the pattern Pulumi's docs and registry packages use for reusable infrastructure.

The rule deliberately ignores classes that extend anything it cannot see (a base class imported
from a package, or from another file when no project is known), `pulumi.CustomResource`,
`pulumi.dynamic.Resource` and provider subclasses, classes that construct resources only in
static methods (factories), and plain helper classes that construct none.

## Example
```typescript
export class LambdaEtlStack {
  public readonly apiHandlerFunctionArn: pulumi.Output<string>;

  constructor(props: LambdaEtlStackProps) {
    const fn = new aws.lambda.Function(`api-handler-${props.environmentSuffix}`, { ... });
    this.apiHandlerFunctionArn = fn.arn;
  }
}

const stack = new LambdaEtlStack({ environmentSuffix: 'dev' });
```

## Use instead
```typescript
export class LambdaEtlStack extends pulumi.ComponentResource {
  public readonly apiHandlerFunctionArn: pulumi.Output<string>;

  constructor(name: string, props: LambdaEtlStackProps, opts?: pulumi.ComponentResourceOptions) {
    super('tap:index:LambdaEtlStack', name, {}, opts);
    const fn = new aws.lambda.Function(`api-handler-${props.environmentSuffix}`, { ... }, { parent: this });
    this.apiHandlerFunctionArn = fn.arn;
  }
}

const stack = new LambdaEtlStack('lambdaetlstack', { environmentSuffix: 'dev' });
```

The fix adds `extends pulumi.ComponentResource`, gives the constructor a leading
`name: string` and a trailing `opts?: pulumi.ComponentResourceOptions` parameter, calls
`super('<package>:<module>:<Class>', name, {}, opts)` first, and passes a logical name (the class
name in lower case) at each `new Class(...)` of the same file. The type token's package is the
project name from `Pulumi.yaml` when the file belongs to a project, else `pkg` (as in Pulumi's
component documentation); its module is `index`. Options `package` and `module` override both.

## Fix safety
Unsafe: the next deployment adds a component resource to the stack, and callers in other files
must pass the new `name` argument. The existing resources keep their URNs (they are not yet
parented to the component; PUL003's fix does that, which changes their URNs).

## Options
- `package` (string): the package part of the type token (default: the project name, else `pkg`).
- `module` (string): the module part of the type token (default `index`).

## References
- Seed 000 §1 and §7. Pulumi documentation, "Component resources".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pulumi_lint.findings import Applicability, Edit, Finding, Fix, Severity
from pulumi_lint.model import ClassInfo, Construction, Program, per_program
from pulumi_lint.rule import Context, FixAvailability, RuleMeta, one_fix

from ._component import call_site_edits, first_statement_edit, is_opts_param, signature_edits
from ._pulumi import (
    class_kind,
    constructs_resource,
    indent_unit,
    indentation_at,
    newline,
    pulumi_member,
    quote_char,
    string_literal,
    token_module,
    token_package,
)

META = RuleMeta(
    code="PUL001",
    name="class-not-component-resource",
    severity=Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
    options={"package": "", "module": "index"},
)

_STATIC = re.compile(rb"^\s*(?:(?:public|private|protected|async|override|readonly)\s+)*static\b")
NAME_PARAMETERS = frozenset({"name", "resourceName", "logicalName"})


def check(ctx: Context) -> Iterator[Finding]:
    program = ctx.program
    path = ctx.document.path
    for cls in program.classes:
        if not cls.name or class_kind(program, cls, ctx.project, path) != "plain":
            continue
        sites = [c for c in _by_class(program).get(cls.name, ()) if _in_instance_code(ctx, cls, c)]
        if not any(constructs_resource(c, program, ctx.project, path) for c in sites):
            continue
        message = (
            f"`{cls.name}` constructs Pulumi resources but is not a `pulumi.ComponentResource`: its "
            "resources sit flat in the stack, with no parent to group them or pass options down. "
            "Extend `pulumi.ComponentResource` with a `(name, args, opts)` constructor that calls "
            "`super(type, name, {}, opts)`."
        )
        yield ctx.finding(cls.name_span, message, fixes=one_fix(_fix, ctx, cls) if cls.extends is None else [])


@per_program
def _by_class(program: Program) -> dict[str, list[Construction]]:
    """The constructions by the name of the class around them (one pass, not one per class)."""
    found: dict[str, list[Construction]] = {}
    for construction in program.constructions:
        if construction.class_name is not None:
            found.setdefault(construction.class_name, []).append(construction)
    return found


def _in_instance_code(ctx: Context, cls: ClassInfo, construction: Construction) -> bool:
    """Constructed by the class's constructor, instance methods or instance field initialisers."""
    if construction.class_name != cls.name or not cls.body.encloses(construction.value):
        return False
    if construction.in_constructor:
        return True
    methods = [
        f
        for f in ctx.program.functions
        if f.name in cls.methods and cls.body.encloses(f.span) and f.span.encloses(construction.value)
    ]
    if methods:
        outermost = min(methods, key=lambda f: f.span.start)
        return not _STATIC.match(ctx.source[outermost.span.start : outermost.span.end])
    field = next((f for f in cls.fields if f.span.encloses(construction.value)), None)
    return field is not None and not field.static


def _fix(ctx: Context, cls: ClassInfo) -> Fix | None:
    base, import_edits = pulumi_member(ctx, "ComponentResource")
    opts_type, more_imports = pulumi_member(ctx, "ComponentResourceOptions")
    quote = quote_char(ctx.program)
    token = string_literal(f"{token_package(ctx)}:{token_module(ctx)}:{cls.name}", quote)
    edits: list[Edit] = [*import_edits, *[e for e in more_imports if e not in import_edits]]
    edits.append(_heritage_edit(ctx, cls, base))
    fn = cls.constructor
    if fn is None:
        edits.append(_new_constructor(ctx, cls, opts_type, token))
        edits.extend(call_site_edits(ctx, cls))
    else:
        params = fn.params
        has_name = bool(params) and params[0].type_text in (None, "string") and params[0].name in NAME_PARAMETERS
        has_opts = any(is_opts_param(p) for p in params)
        signature = signature_edits(ctx, fn, opts_type, add_name=not has_name, add_opts=not has_opts)
        if signature is None:
            return None
        super_edit = first_statement_edit(ctx, fn, f"super({token}, {signature.name}, {{}}, {signature.opts});")
        if super_edit is None:
            return None
        edits.extend(signature.edits)
        edits.append(super_edit)
        if not has_name:
            edits.extend(call_site_edits(ctx, cls))
    return ctx.fix(f"Make {cls.name} a pulumi.ComponentResource", _merge(edits), Applicability.UNSAFE)


def _heritage_edit(ctx: Context, cls: ClassInfo, base: str) -> Edit:
    offset = cls.name_span.end
    source = ctx.source
    rest = source[offset : cls.body.start]
    stripped = rest.lstrip()
    if stripped.startswith(b"<"):  # type parameters come before the heritage clause
        depth = 0
        position = offset + (len(rest) - len(stripped))
        while position < cls.body.start:
            char = source[position : position + 1]
            depth += char == b"<"
            depth -= char == b">"
            position += 1
            if depth == 0:
                break
        offset = position
    return Edit(offset, offset, f" extends {base}")


def _new_constructor(ctx: Context, cls: ClassInfo, opts_type: str, token: str) -> Edit:
    """A constructor after the fields that precede the first method (where people put it)."""
    source = ctx.source
    nl = newline(source)
    unit = indent_unit(source)
    indent = indentation_at(source, cls.span.start) + unit
    constructor = (
        f"{indent}constructor(name: string, opts?: {opts_type}) {{{nl}"
        f"{indent}{unit}super({token}, name, {{}}, opts);{nl}{indent}}}"
    )
    methods = [f.span.start for f in ctx.program.functions if f.name in cls.methods and cls.body.encloses(f.span)]
    first_method = min(methods, default=cls.body.end)
    fields = [f.span.end for f in cls.fields if f.span.end <= first_method]
    if fields:
        offset = max(fields)
        if source[offset : offset + 1] == b";":
            offset += 1
        return Edit(offset, offset, f"{nl}{nl}{constructor}")
    return Edit(cls.body.start + 1, cls.body.start + 1, f"{nl}{constructor}{nl}")


def _merge(edits: list[Edit]) -> list[Edit]:
    """Join insertions at the same offset into one, keeping their order."""
    merged: list[Edit] = []
    for edit in edits:
        twin = next((m for m in merged if m.start == m.end == edit.start == edit.end), None)
        if twin is not None:
            merged[merged.index(twin)] = Edit(twin.start, twin.end, twin.text + edit.text)
        else:
            merged.append(edit)
    return merged
