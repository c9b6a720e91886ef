"""## What it does
Reports provisioned concurrency set up in a way AWS rejects:
- an `aws.lambda.ProvisionedConcurrencyConfig` whose `qualifier` is `$LATEST`, or resolves to it:
  an `aws.lambda.Alias` (or `fn.version`) on a function without `publish: true`, whose version
  is then always `$LATEST`;
- an `aws.appautoscaling.Target` (or `Policy`) for Lambda whose `scalableDimension` is not
  `lambda:function:ProvisionedConcurrency` (seed 001's `lambda:function:ProvisionedConcurrentExecutions`
  does not exist);
- such a target whose `resourceId` is not `function:<function name>:<alias or version>`, or for
  which the project has no provisioned concurrency config on that function and qualifier.

## Why is this bad?
Provisioned concurrency applies to a published version or an alias, never to `$LATEST`;
Application Auto Scaling can only scale a provisioned concurrency config that exists, on the one
valid dimension. Each of these mistakes fails the deployment, usually after the function itself
was created.

## Example
```typescript
new aws.appautoscaling.Target('api-scaling', {
  serviceNamespace: 'lambda',
  resourceId: pulumi.interpolate`function:${api.name}:provisioned-concurrency`,
  scalableDimension: 'lambda:function:ProvisionedConcurrentExecutions',
  minCapacity: 1,
  maxCapacity: 10,
});
```

## Use instead
```typescript
const api = new aws.lambda.Function('api', { /* ... */ publish: true });
const apiAlias = new aws.lambda.Alias('api-alias', {
  functionName: api.name,
  functionVersion: api.version,
  name: 'live',
});
const apiProvisioned = new aws.lambda.ProvisionedConcurrencyConfig('api-provisioned', {
  functionName: api.name,
  qualifier: apiAlias.name,
  provisionedConcurrentExecutions: 1,
});
new aws.appautoscaling.Target('api-scaling', {
  serviceNamespace: 'lambda',
  resourceId: pulumi.interpolate`function:${api.name}:${apiAlias.name}`,
  scalableDimension: 'lambda:function:ProvisionedConcurrency',
  minCapacity: 1,
  maxCapacity: 10,
}, { dependsOn: [apiProvisioned] });
```

## Fix safety
Renaming the scalable dimension is safe: the target could never have been created with the
invalid one. Adding `publish: true` and adding the alias and provisioned concurrency pair of
seed 003 are unsafe: they publish versions and create billed provisioned concurrency.

## References
- Seed 003 §1, seed 001 §5. AWS Lambda Developer Guide, "Configuring provisioned concurrency".
  Application Auto Scaling User Guide, "AWS Lambda and Application Auto Scaling"
  (`lambda:function:ProvisionedConcurrency`, `function:<name>:<qualifier>`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import partial

from pulumi_lint.aws_model import (
    LAMBDA_FUNCTION_TYPES,
    Relation,
    boolean_of,
    construction_refs,
    constructions_of,
    mentions,
    physical_name,
    programs_in_scope,
    pulumi_namespace,
    referenced_construction,
    relation,
    resources_in,
    static_text,
    string_of,
    type_expression,
)
from pulumi_lint.findings import Applicability, Edit, Finding, Fix, Severity
from pulumi_lint.model import Construction, Program, Value
from pulumi_lint.rule import Context, FixAvailability, RuleMeta

from ._aws_edits import (
    add_depends_on,
    camel_identifier,
    derived_logical_name,
    indent_block,
    insert_before_statement,
    literal_args,
    options_parent_text,
    reference_at,
    set_property,
    statement_bounds,
    unique_name,
)

META = RuleMeta(
    code="AWS007",
    name="provisioned-concurrency-prerequisites",
    severity=Severity.ERROR,
    fix=FixAvailability.SOMETIMES,
)

PROVISIONED_DIMENSION = "lambda:function:ProvisionedConcurrency"
PCC_TYPE = "aws.lambda.ProvisionedConcurrencyConfig"
ALIAS_TYPE = "aws.lambda.Alias"
RESOURCE_ID = re.compile(r"^function:[^:]+:[^:]+$")


def check(ctx: Context) -> Iterator[Finding]:
    yield from _configs(ctx)
    yield from _scaling(ctx)


# ProvisionedConcurrencyConfig qualifiers ------------------------------------------------------


def _configs(ctx: Context) -> Iterator[Finding]:
    program = ctx.program
    for config in constructions_of(program, PCC_TYPE):
        prop = program.property(config.args, "qualifier")
        if prop is None or prop.value is None:
            continue
        qualifier = prop.value
        if static_text(program, qualifier, ctx.source) == "$LATEST":
            message = (
                "Provisioned concurrency cannot be configured on `$LATEST`: use an alias or a "
                "published version (`publish: true` on the function, then `fn.version`)."
            )
            yield ctx.finding(qualifier, message)
            continue
        alias = referenced_construction(program, qualifier, ALIAS_TYPE)
        version = qualifier
        if alias is not None:
            version_value = program.lookup(alias.args, "functionVersion")
            if static_text(program, version_value, ctx.source) == "$LATEST":
                message = (
                    "This alias points at `$LATEST`, and provisioned concurrency cannot be configured "
                    "on it: point the alias at a published version (`functionVersion: fn.version` "
                    "with `publish: true` on the function)."
                )
                yield ctx.finding(qualifier, message)
                continue
            if version_value is None:
                continue
            version = version_value
        fn = _unpublished_version_of(program, version)
        if fn is None:
            continue
        message = (
            "The function is not published (no `publish: true`), so its `version` is always "
            "`$LATEST` and provisioned concurrency on it fails. Add `publish: true` to the function."
        )
        yield ctx.finding(qualifier, message, fixes=partial(_publish_fix, ctx, fn))


def _unpublished_version_of(program: Program, value: Value | None) -> Construction | None:
    """The function whose ``.version`` ``value`` reads, when that function is not published."""
    resolved = program.resolve(value)
    if resolved is None or resolved.kind != "member" or not (resolved.name or "").endswith(".version"):
        return None
    fn = referenced_construction(program, resolved, *LAMBDA_FUNCTION_TYPES)
    if fn is None:
        return None
    publish = program.property(fn.args, "publish")
    if publish is None:
        return fn
    return fn if boolean_of(program, publish.value) is False else None


def _publish_fix(ctx: Context, fn: Construction) -> list[Fix]:
    args = literal_args(ctx.program, fn)
    if args is None:
        return []
    prop = args.get("publish")
    if prop is None and ctx.program.property(args, "publish") is not None:
        return []
    edit = set_property(ctx, args, "publish", "true")
    if edit is None:
        return []
    return [ctx.fix("Publish the function (publish: true)", [edit], Applicability.UNSAFE)]


# Application Auto Scaling targets -------------------------------------------------------------


def _is_lambda_scaling(program: Program, construction: Construction) -> bool:
    namespace = string_of(program, program.lookup(construction.args, "serviceNamespace"))
    if namespace is not None:
        return namespace == "lambda"
    dimension = string_of(program, program.lookup(construction.args, "scalableDimension"))
    return dimension is not None and dimension.startswith("lambda:")


def _scaling(ctx: Context) -> Iterator[Finding]:
    program = ctx.program
    for construction in constructions_of(program, "aws.appautoscaling.Target", "aws.appautoscaling.Policy"):
        if not _is_lambda_scaling(program, construction):
            continue
        yield from _dimension(ctx, construction)
        if construction.resource_type == "aws.appautoscaling.Target":
            yield from _resource_id(ctx, construction)


def _dimension(ctx: Context, construction: Construction) -> Iterator[Finding]:
    program = ctx.program
    prop = program.property(construction.args, "scalableDimension")
    if prop is None or prop.value is None:
        return
    dimension = static_text(program, prop.value, ctx.source)
    if dimension is None or dimension == PROVISIONED_DIMENSION:
        return
    message = (
        f"`{dimension}` is not a scalable dimension: Lambda's only one is "
        f"`{PROVISIONED_DIMENSION}`, and registering the target fails."
    )
    quote = prop.value.quote or "'"
    fix = ctx.fix(
        f"Use {PROVISIONED_DIMENSION}",
        [ctx.edit(prop.value.start, prop.value.end, f"{quote}{PROVISIONED_DIMENSION}{quote}")],
        Applicability.SAFE,
    )
    yield ctx.finding(prop.value, message, fixes=[fix])


Part = tuple[str | None, Value | None]  # literal text, or the substituted expression


def _resource_parts(ctx: Context, value: Value) -> list[Part] | None:
    """``function:<name>:<qualifier>`` split on ``:``; None when the text cannot be read.

    A part that is exactly one substitution keeps its expression; text glued to a substitution
    becomes text with ``${}`` in place of the expression.
    """
    program = ctx.program
    text = static_text(program, value, ctx.source)
    if text is not None:
        return [(piece, None) for piece in text.split(":")]
    template = value
    if value.kind == "call" and (value.name or "").endswith(".interpolate") and value.args:
        template = value.args[0]
    if template.kind != "template" or not ctx.source[template.start : template.end].startswith(b"`"):
        return None
    tokens: list[str | Value] = []
    cursor = template.start + 1
    for sub in template.substitutions:
        opening = ctx.source.rfind(b"${", cursor, sub.start)
        closing = ctx.source.find(b"}", sub.end)
        if opening < 0 or closing < 0:
            return None
        tokens.append(ctx.source[cursor:opening].decode("utf-8", errors="replace"))
        tokens.append(sub)
        cursor = closing + 1
    tokens.append(ctx.source[cursor : template.end - 1].decode("utf-8", errors="replace"))
    parts: list[Part] = []
    current: list[str | Value] = []

    def close() -> None:
        pieces = [t for t in current if not (isinstance(t, str) and not t)]
        if len(pieces) == 1 and isinstance(pieces[0], Value):
            parts.append((None, pieces[0]))
        else:
            parts.append(("".join(t if isinstance(t, str) else "${}" for t in pieces), None))
        current.clear()

    for token in tokens:
        if isinstance(token, Value):
            current.append(token)
            continue
        pieces = token.split(":")
        for piece in pieces[:-1]:
            current.append(piece)
            close()
        current.append(pieces[-1])
    close()
    return parts


def _resource_id(ctx: Context, target: Construction) -> Iterator[Finding]:
    program = ctx.program
    prop = program.property(target.args, "resourceId")
    if prop is None or prop.value is None:
        return
    value = prop.value
    parts = _resource_parts(ctx, value)
    if parts is None:
        return
    shape = ":".join(text if text is not None else "X" for text, _ in parts).replace("${}", "X")
    if not RESOURCE_ID.match(shape) or parts[0][0] != "function":
        message = (
            "A Lambda scaling target's `resourceId` is `function:<function name>:<alias or version>`; "
            "this one is not, and registering the target fails."
        )
        yield ctx.finding(value, message, fixes=partial(_pair_fix, ctx, target, value))
        return
    if _has_config(ctx, target, parts):
        return
    message = (
        "No aws.lambda.ProvisionedConcurrencyConfig exists for this function and qualifier: "
        "Application Auto Scaling can only scale provisioned concurrency that is configured. Add an "
        "alias on a published version and a ProvisionedConcurrencyConfig on it."
    )
    yield ctx.finding(value, message, fixes=partial(_pair_fix, ctx, target, value))


def _has_config(ctx: Context, target: Construction, parts: list[Part]) -> bool:
    program = ctx.program
    fn_text, fn_value = parts[1]
    qualifier_text, qualifier_value = parts[2]
    fn = referenced_construction(program, fn_value, *LAMBDA_FUNCTION_TYPES) if fn_value is not None else None
    if fn is None and fn_text is not None:
        functions = constructions_of(program, *LAMBDA_FUNCTION_TYPES)
        fn = next((f for f in functions if physical_name(program, f) == fn_text), None)
    fn_name = physical_name(program, fn) if fn is not None else None
    for config_program, config in resources_in(programs_in_scope(ctx), PCC_TYPE):
        config_fn = config_program.lookup(config.args, "functionName")
        if fn is not None:
            fn_relation: Relation = relation(
                config_program,
                config_fn,
                program,
                fn,
                types=LAMBDA_FUNCTION_TYPES,
                text_matches=lambda t: fn_name is not None and t == fn_name,
                source=ctx.source,
            )
        else:
            fn_relation = "maybe"
        if fn_relation == "no":
            continue
        if _qualifier_relation(ctx, config_program, config, qualifier_text, qualifier_value) != "no":
            return True
    return False


def _qualifier_relation(
    ctx: Context, config_program: Program, config: Construction, text: str | None, value: Value | None
) -> Relation:
    program = ctx.program
    qualifier = config_program.property(config.args, "qualifier")
    if qualifier is None or qualifier.value is None:
        return "no"
    same_file = config_program is program
    config_text = static_text(config_program, qualifier.value, ctx.source if same_file else None)
    alias = referenced_construction(config_program, qualifier.value, ALIAS_TYPE)
    alias_name = string_of(config_program, config_program.lookup(alias.args, "name")) if alias else None
    if text is not None:
        if config_text is not None:
            return "yes" if config_text == text else "no"
        if alias is not None and alias_name is not None:
            return "yes" if alias_name == text else "no"
        return "maybe"
    if value is None or not same_file:
        return "maybe"
    if ctx.text(value) == ctx.text(qualifier.value):
        return "yes"
    if alias is not None and mentions(program, value, construction_refs(program, alias)):
        return "yes"
    target_alias = referenced_construction(program, value, ALIAS_TYPE)
    if target_alias is not None and alias is not None and target_alias is not alias:
        return "no"
    if config_text is not None and static_text(program, value, ctx.source) is not None:
        return "yes" if config_text == static_text(program, value, ctx.source) else "no"
    return "maybe"


def _pair_fix(ctx: Context, target: Construction, resource_id: Value) -> list[Fix]:
    """Seed 003's alias + ProvisionedConcurrencyConfig pair, and the target pointed at it."""
    program = ctx.program
    namespace = pulumi_namespace(program)
    fn = referenced_construction(program, resource_id, *LAMBDA_FUNCTION_TYPES)
    bounds = statement_bounds(ctx, target)
    alias_type = type_expression(program, ALIAS_TYPE)
    config_type = type_expression(program, PCC_TYPE)
    if fn is None or namespace is None or bounds is None or alias_type is None or config_type is None:
        return []
    fn_ref = reference_at(ctx, fn, target.value.start)
    fn_args = literal_args(program, fn)
    if fn_ref is None or fn_args is None:
        return []
    # The function's logical name reads only names visible where it is: reusable at the target
    # when both are in the same function body (or both at top level), the function first.
    same_scope = fn.function is target.function and fn.value.start < target.value.start
    name_source = fn.name_arg if same_scope and fn.name_arg is not None else target.name_arg
    alias_logical = derived_logical_name(ctx, name_source, "-alias")
    config_logical = derived_logical_name(ctx, name_source, "-provisioned")
    if alias_logical is None or config_logical is None:
        return []
    base = fn_ref.rsplit(".", 1)[-1]
    opts = options_parent_text(ctx, target)
    tail = f", {opts}" if opts else ""
    min_capacity = program.property(target.args, "minCapacity")
    executions = ctx.text(min_capacity.value) if min_capacity and min_capacity.value else "1"
    statements: list[str] = []
    alias_ref = _existing_alias(ctx, fn, target)
    if alias_ref is None:
        alias_ref = unique_name(program, camel_identifier(base, "Alias"))
        statements.append(
            f"const {alias_ref} = new {alias_type}({alias_logical}, {{\n"
            f"  functionName: {fn_ref}.name,\n"
            f"  functionVersion: {fn_ref}.version,\n"
            "  name: 'live',\n"
            f"}}{tail});"
        )
    config_ref = unique_name(program, camel_identifier(base, "ProvisionedConcurrency"))
    statements.append(
        f"const {config_ref} = new {config_type}({config_logical}, {{\n"
        f"  functionName: {fn_ref}.name,\n"
        f"  qualifier: {alias_ref}.name,\n"
        f"  provisionedConcurrentExecutions: {executions},\n"
        f"}}{tail});"
    )
    edits: list[Edit] = [
        insert_before_statement(ctx, bounds, indent_block(ctx, "\n".join(statements))),
        ctx.edit(
            resource_id.start,
            resource_id.end,
            f"{namespace}.interpolate`function:${{{fn_ref}.name}}:${{{alias_ref}.name}}`",
        ),
    ]
    depends = add_depends_on(ctx, target, config_ref)
    if depends is None:
        return []
    edits.extend(depends)
    if boolean_of(program, program.lookup(fn_args, "publish")) is not True:
        if fn_args.get("publish") is None and program.property(fn_args, "publish") is not None:
            return []
        publish = set_property(ctx, fn_args, "publish", "true")
        if publish is None:
            return []
        edits.append(publish)
    return [ctx.fix(f"Add alias and provisioned concurrency for {fn_ref}", edits, Applicability.UNSAFE)]


def _existing_alias(ctx: Context, fn: Construction, target: Construction) -> str | None:
    program = ctx.program
    refs = construction_refs(program, fn)
    for alias in constructions_of(program, ALIAS_TYPE):
        if not mentions(program, program.lookup(alias.args, "functionName"), refs):
            continue
        version = program.lookup(alias.args, "functionVersion")
        if static_text(program, version, ctx.source) == "$LATEST":
            continue
        ref = reference_at(ctx, alias, target.value.start)
        if ref is not None:
            return ref
    return None
