"""## What it does
Reports a provider constructed inline in a resource's options:
`{ provider: new aws.Provider(...) }` (also as an item of `providers`).

## Why is this bad?
A provider is a resource of its own, with a logical name and state. Built inline, it cannot be
shared: every resource that needs the same region or account gets (or, copied and pasted, tries
to get) its own provider, and two inline providers with the same logical name collide with a
"Duplicate resource URN" error. It is also easy to miss in review that a resource deploys to
another region, which for Lambda@Edge functions and CloudFront certificates (`us-east-1` only)
decides whether the deployment works at all.

The rule deliberately ignores providers bound to a variable, and options passed as a variable.

## Example
```typescript
const edgeLambda = new aws.lambda.Function('edge', { ... }, {
  provider: new aws.Provider('us-east-1', { region: 'us-east-1' }),
});
```

## Use instead
```typescript
const usEast1Provider = new aws.Provider('us-east-1', { region: 'us-east-1' });
const edgeLambda = new aws.lambda.Function('edge', { ... }, {
  provider: usEast1Provider,
});
```

The fix hoists the provider into a constant named after its logical name, declared just before
the statement that uses it (so in the same scope and loop iteration), and references it.

## Fix safety
Unsafe: the provider keeps its logical name and its URN, but its construction now runs as a
statement of its own before the resource's, and the constant's name is the fix's guess. Seed 001's
ideal also renames the provider (`'us-east-1-provider'`), which changes its URN and replaces every
resource it manages: do that by hand, with `aliases`, if at all.

## References
- Seed 001 §4. Pulumi documentation, "Providers: explicit provider configuration".
"""

from __future__ import annotations

from collections.abc import Iterator

from pulumi_lint.findings import Applicability, Finding, Fix, Severity
from pulumi_lint.model import Construction, Value
from pulumi_lint.rule import Context, FixAvailability, RuleMeta, one_fix

from ._pulumi import (
    camel_case,
    constructs_resource,
    declared_names,
    indentation_at,
    line_start,
    newline,
    unique_name,
)

META = RuleMeta(
    code="PUL005",
    name="inline-provider",
    severity=Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
)

_STATEMENT_PREFIXES = frozenset({b"", b"void", b"return", b"await", b"export"})


def check(ctx: Context) -> Iterator[Finding]:
    program = ctx.program
    by_value = {id(c.value): c for c in program.constructions}
    for construction in program.constructions:
        opts = construction.opts
        if opts is None or opts.kind != "object":
            continue
        if not constructs_resource(construction, program, ctx.project, ctx.document.path):
            continue
        for prop in opts.properties:
            if prop.key not in ("provider", "providers") or prop.value is None:
                continue
            candidates = [prop.value] if prop.key == "provider" else _provider_items(prop.value)
            for value in candidates:
                provider = by_value.get(id(value))
                if provider is None or not _is_provider(provider):
                    continue
                message = (
                    f"`{provider.value.name}` is constructed inline in the options: the provider cannot "
                    "be shared and is easy to miss. Bind it to a constant and pass that."
                )
                fixes = one_fix(_fix, ctx, construction, provider)
                yield ctx.finding((value.start, provider.callee.end), message, fixes=fixes)


def _provider_items(value: Value) -> list[Value]:
    if value.kind == "array":
        return list(value.items)
    if value.kind == "object":
        return [p.value for p in value.properties if p.value is not None]
    return []


def _is_provider(construction: Construction) -> bool:
    kind = construction.resource_type or ""
    return kind.endswith(".Provider") or kind == "pulumi.ProviderResource"


def _statement_start(ctx: Context, construction: Construction) -> int | None:
    """Where the statement that constructs the resource begins, when it starts its line."""
    source = ctx.source
    variable = construction.variable
    start = variable.statement.start if variable is not None and variable.single else construction.value.start
    line = line_start(source, start)
    prefix = source[line:start]
    allowed = (b"", b"export") if variable is not None else _STATEMENT_PREFIXES
    if prefix.strip() not in allowed:
        return None
    return line + len(prefix) - len(prefix.lstrip())


def _fix(ctx: Context, construction: Construction, provider: Construction) -> Fix | None:
    start = _statement_start(ctx, construction)
    if start is None:
        return None
    source = ctx.source
    nl = newline(source)
    name = unique_name(_provider_name(ctx, construction, provider), declared_names(ctx.program))
    statement_indent = indentation_at(source, start)
    provider_indent = indentation_at(source, provider.value.start)
    text = ctx.text(provider.value)
    lines = text.splitlines()
    if len(lines) > 1 and provider_indent.startswith(statement_indent):
        extra = len(provider_indent) - len(statement_indent)
        lines = [lines[0], *(ln[extra:] if ln[:extra].strip() == "" else ln for ln in lines[1:])]
        text = nl.join(lines)
    edits = [
        ctx.edit(start, start, f"const {name} = {text};{nl}{statement_indent}"),
        ctx.edit(provider.value.start, provider.value.end, name),
    ]
    return ctx.fix(f"Hoist the provider into `{name}`", edits, Applicability.UNSAFE)


def _provider_name(ctx: Context, construction: Construction, provider: Construction) -> str:
    candidates: list[str | None] = []
    logical = provider.name_arg
    if logical is not None and logical.kind == "string":
        candidates.append(logical.string)
    elif logical is not None and logical.kind == "template":
        text = ctx.text(logical)
        for sub in sorted(logical.substitutions, key=lambda v: -v.start):
            # Drop each `${...}`, keeping the literal parts of the name.
            a, b = sub.start - logical.start, sub.end - logical.start
            open_at = text.rfind("${", 0, a)
            close_at = text.find("}", b)
            if open_at >= 0 and close_at >= 0:
                text = text[:open_at] + " " + text[close_at + 1 :]
        candidates.append(text.strip("`"))
    region = ctx.program.lookup(provider.args, "region")
    if region is not None and region.kind == "string":
        candidates.append(region.string)
    if construction.variable is not None:
        candidates.append(construction.variable.name)
    for candidate in candidates:
        base = camel_case(candidate or "")
        if base.lower().endswith("provider"):
            base = base[: -len("provider")]
        if base:
            return base + "Provider"
    return "provider"
