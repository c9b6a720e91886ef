"""## What it does
Reports an AWS resource that takes tags but has none, or whose `tags` object lacks one of the
required keys (option `required-tags`, default `["Environment", "Project", "ManagedBy",
"CostCenter"]`, the keys both seeds' corrected programs apply; an empty list only asks for tags).
Which resource types take tags comes from @pulumi/aws's own declarations, for the project's major
version.

The rule is off unless selected in the configuration: a tagging policy is the project's choice.

Not reported:
- resources whose `tags` spreads an object (`{ ...commonTags, Name: 'web' }`), is a shared object
  (`tags: commonTags`) or is computed (`tags: args.tags`): the shared object is where keys belong;
- resources covered by provider default tags with the required keys: an `aws.Provider` with
  `defaultTags` that the resource uses (its `provider` option, or a `parent` it may inherit one
  from), or `aws:defaultTags` in every stack configuration (`Pulumi.<stack>.yaml`) for resources
  on the default provider;
- S3 objects (`aws.s3.BucketObject`, `BucketObjectv2`), whose tags are object metadata.

## Why is this bad?
Untagged resources cannot be attributed in Cost Explorer and cost allocation reports, found by
owner or environment, or targeted by tag-based policies (backups, automated shutdown, ABAC). Adding
tags later means touching every resource.

## Example
```typescript
const table = new aws.dynamodb.Table('orders', {
  attributes: [{ name: 'id', type: 'S' }],
  hashKey: 'id',
  billingMode: 'PAY_PER_REQUEST',
});
```

## Use instead
```typescript
const commonTags = { Environment: stack, Project: 'orders', ManagedBy: 'Pulumi', CostCenter: 'sales' };
const table = new aws.dynamodb.Table('orders', {
  attributes: [{ name: 'id', type: 'S' }],
  hashKey: 'id',
  billingMode: 'PAY_PER_REQUEST',
  tags: { ...commonTags },
});
```
or `defaultTags` on the provider (`aws:defaultTags` in the stack configuration).

## Fix safety
Safe: tags change no resource's behaviour or identity. The fix spreads a tags object already in
scope (a constant whose name ends in `tags`, preferring one with the required keys); without one it
offers nothing, since only you know the values.

## References
- Seed 001 §9, seed 003 §8. AWS "Best Practices for Tagging AWS Resources"; Pulumi AWS provider
  `defaultTags`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from pulumi_lint.aws_schema import schema
from pulumi_lint.aws_support import (
    add_member,
    aws_major,
    join_names,
    list_option,
    literal_string,
    project_programs,
    stack_default_tag_keys,
    style,
    variable_at,
)
from pulumi_lint.findings import Applicability, Finding, Fix, Severity
from pulumi_lint.model import Construction, Program, Value, VarDecl
from pulumi_lint.rule import Context, FixAvailability, RuleMeta

DEFAULT_REQUIRED_TAGS = ("Environment", "Project", "ManagedBy", "CostCenter")

META = RuleMeta(
    code="AWS013",
    name="missing-tags",
    severity=Severity.INFO,
    fix=FixAvailability.SOMETIMES,
    options={"required-tags": list(DEFAULT_REQUIRED_TAGS)},
    # A tagging policy is a project's choice (tflint's aws_resource_missing_tags is opt-in too).
    default_enabled=False,
)

PROVIDER = "aws.Provider"
NOT_RESOURCE_TAGS = frozenset({"aws.s3.BucketObject", "aws.s3.BucketObjectv2"})
ALL_KEYS = frozenset({"*"})  # tags whose keys cannot be read: assume every key


@dataclass
class _Providers:
    # Providers constructed in this file: variable -> (its declaration, its default tag keys or None).
    local: dict[str, tuple[VarDecl, frozenset[str] | None]]
    any_keys: list[frozenset[str]]  # default tag keys of every provider in the project
    config_keys: frozenset[str] | None  # aws:defaultTags of every stack, for the default provider


def check(ctx: Context) -> Iterator[Finding]:
    program = ctx.program
    major, _ = aws_major(ctx)
    required = list_option(ctx.options, "required-tags", DEFAULT_REQUIRED_TAGS)
    providers = _providers(ctx)
    candidates = _tag_objects(program)
    for construction in program.resources():
        resource_type = construction.resource_type
        if resource_type is None or resource_type in NOT_RESOURCE_TAGS:
            continue
        if not _taggable(resource_type, major):
            continue
        args = program.resolve(construction.args)
        if construction.args is not None and (args is None or args.kind != "object"):
            continue  # arguments built elsewhere: their tags cannot be seen
        if _covered(program, construction, providers, required):
            continue
        tags_prop = program.property(args, "tags") if args is not None else None
        tags = program.resolve(tags_prop.value) if tags_prop is not None else None
        if tags_prop is None or tags is None or tags.kind in ("undefined", "null"):
            yield _untagged(ctx, construction, args, required, candidates)
            continue
        keys = _literal_keys(program, tags_prop.value)
        if keys is None:
            continue  # shared, spread or computed tags
        missing = [k for k in required if k not in keys]
        if not missing:
            continue
        message = (
            f"`tags` lacks the required {_plural('key', missing)} {join_names(missing)}. Add "
            f"{'it' if len(missing) == 1 else 'them'}, or spread a shared tags object."
        )
        fixes: list[Fix] = []
        source = _best_candidate(ctx, construction, candidates, required, missing)
        value = tags_prop.value
        if source is not None and value is not None and value.kind == "object":
            edit = add_member(ctx, value, f"...{source.name}", None, style(ctx), first=True)
            fixes.append(ctx.fix(f"Spread `{source.name}` into the tags", [edit], Applicability.SAFE))
        yield ctx.finding(tags_prop.key_span, message, fixes=fixes)


def _plural(word: str, items: list[str]) -> str:
    return word if len(items) == 1 else word + "s"


def _taggable(resource_type: str, major: int) -> bool:
    data = schema()
    info = data.resource(resource_type, major)
    if info is None:
        other = 6 if major >= 7 else 7
        info = data.resource(resource_type, other)
    return info is not None and info.taggable


def _untagged(
    ctx: Context,
    construction: Construction,
    args: Value | None,
    required: list[str],
    candidates: list[VarDecl],
) -> Finding:
    name = construction.resource_type
    wanted = f" with {join_names(required)}" if required else ""
    message = f"{name} takes tags but has none. Add `tags`{wanted} (or provider `defaultTags`)."
    fixes: list[Fix] = []
    source = _best_candidate(ctx, construction, candidates, required, required)
    if source is not None and args is not None and args.kind == "object" and construction.args is args:
        edit = add_member(ctx, args, f"{{ ...{source.name} }}", "tags", style(ctx))
        fixes.append(ctx.fix(f"Add tags: {{ ...{source.name} }}", [edit], Applicability.SAFE))
    return ctx.finding(construction.callee, message, fixes=fixes)


def _literal_keys(program: Program, value: Value | None) -> frozenset[str] | None:
    """The keys of a tags object literal written in place; None for shared or computed tags."""
    if value is None:
        return None
    if value.kind == "array":  # autoscaling groups: [{ key, value, propagateAtLaunch }]
        keys = set()
        for item in value.items:
            key = literal_string(program, program.lookup(item, "key"))
            if key is None:
                return None
            keys.add(key)
        return frozenset(keys)
    if value.kind != "object" or value.spreads:
        return None
    if any(p.key is None for p in value.properties):
        return None
    return frozenset(p.key for p in value.properties if p.key is not None)


def _tag_keys(program: Program, value: Value | None) -> frozenset[str]:
    """The keys a tags value certainly has (every key when it cannot be read)."""
    resolved = program.resolve(value)
    if resolved is None or resolved.kind != "object":
        return ALL_KEYS
    for spread in resolved.spreads:
        target = program.resolve(spread)
        if target is None or target.kind != "object":
            return ALL_KEYS
    keys = set()
    for prop in program.object_properties(resolved):
        if prop.key is None:
            return ALL_KEYS
        keys.add(prop.key)
    return frozenset(keys)


def _covers(keys: frozenset[str], required: list[str]) -> bool:
    return keys is ALL_KEYS or "*" in keys or all(k in keys for k in required)


def _providers(ctx: Context) -> _Providers:
    local: dict[str, tuple[VarDecl, frozenset[str] | None]] = {}
    any_keys: list[frozenset[str]] = []
    for program in project_programs(ctx):
        for provider in program.resources_of(PROVIDER):
            default_tags = program.property(provider.args, "defaultTags")
            keys: frozenset[str] | None = None
            if default_tags is not None:
                tags = program.property(default_tags.value, "tags")
                keys = _tag_keys(program, tags.value) if tags is not None else ALL_KEYS
                any_keys.append(keys)
            if program is ctx.program and provider.variable is not None:
                local[provider.variable.name] = (provider.variable, keys)
    return _Providers(local, any_keys, stack_default_tag_keys(ctx))


def _covered(program: Program, construction: Construction, providers: _Providers, required: list[str]) -> bool:
    opts = program.resolve(construction.opts)
    provider = program.property(opts, "provider") if opts is not None else None
    if provider is not None and provider.value is not None:
        name = provider.value.name
        if name is not None and name in providers.local:
            decl, keys = providers.local[name]
            if program.variable(name, provider.value.start) is decl:
                return keys is not None and _covers(keys, required)
        # A provider passed in from elsewhere: any provider with covering default tags may be it.
        return any(_covers(keys, required) for keys in providers.any_keys)
    inherits = opts is not None and (
        opts.kind != "object"
        or bool(opts.spreads)
        or program.property(opts, "parent") is not None
        or program.property(opts, "providers") is not None
    )
    if inherits and any(_covers(keys, required) for keys in providers.any_keys):
        return True
    config = providers.config_keys
    return config is not None and _covers(config, required)


def _tag_objects(program: Program) -> list[VarDecl]:
    """Constants that look like shared tags: object literals in a variable named `...tags`."""
    found = []
    for decl in program.variables:
        if not decl.name.lower().endswith("tags") or decl.kind != "const":
            continue
        value = decl.value
        if value is not None and value.kind == "object" and value.properties:
            found.append(decl)
    return found


def _best_candidate(
    ctx: Context,
    construction: Construction,
    candidates: list[VarDecl],
    required: list[str],
    missing: list[str],
) -> VarDecl | None:
    program = ctx.program
    at = construction.value.start
    best: tuple[int, int, VarDecl] | None = None
    for decl in candidates:
        if decl.statement.start > at or variable_at(program, decl.name, at) is not decl:
            continue
        keys = _tag_keys(program, decl.value)
        covered = sum(1 for k in missing if k in keys or keys is ALL_KEYS)
        if missing and covered == 0:
            continue
        rank = (covered, decl.statement.start)
        if best is None or rank > best[:2]:
            best = (covered, decl.statement.start, decl)
    return best[2] if best is not None else None
