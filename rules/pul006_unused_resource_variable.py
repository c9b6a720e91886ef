"""## What it does
Reports a `const` or `let` declaration whose value is a Pulumi resource construction
(`const writer = new aws.rds.ClusterInstance(...)`, or `new` of a component class declared in the
same file) when the variable is never read. The range is the variable's name.

It deliberately ignores variables that are read anywhere in their scope (including `typeof x`,
`export { x }`, `return x`, shorthand `{ x }`), exported declarations, `var` declarations,
declarations that are not statements of their own (a `for (...)` initialiser), and names matching
the `ignore-pattern` option (default `^_`, the usual convention for "unused on purpose"). A name
read in a nested scope where another variable shadows it still counts as read: the rule prefers
silence to a wrong report.

## Why is this bad?
Pulumi registers a resource when it is constructed, so a resource that nothing refers to is
often exactly what the program wants. Holding it in a variable that is never read says
otherwise: readers look for a use that does not exist, and `@typescript-eslint/no-unused-vars`
fails the lint gate (seed 001 counted fifteen of them). `void new ...` states the intent: create
the resource for its effect.

## Example
```typescript
const auroraWriter = new aws.rds.ClusterInstance('aurora-writer', {
  clusterIdentifier: cluster.id,
  instanceClass: 'db.r6g.large',
  engine: 'aurora-postgresql',
});
```

## Use instead
```typescript
void new aws.rds.ClusterInstance('aurora-writer', {
  clusterIdentifier: cluster.id,
  instanceClass: 'db.r6g.large',
  engine: 'aurora-postgresql',
});
```

## Options
- `ignore-pattern` (regular expression, default `^_`): names that may stay unused.

## Fix safety
Safe: the fix replaces `const x = ` (or `let x: T = `) with `void `, so the resource is still
constructed with the same name, arguments and options, and its URN does not change. No fix is
offered for a declaration that declares several variables (`const a = new ..., b = ...`), nor for
a `let` that is assigned again later.

## References
- Seed 001 §2. ESLint `no-unused-vars`, `no-new`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import partial

from pulumi_lint.findings import Applicability, Finding, Fix, Severity, Tag
from pulumi_lint.model import ClassInfo, Program, VarDecl
from pulumi_lint.model_builder import PROGRAM_SCOPE
from pulumi_lint.rule import Context, FixAvailability, RuleMeta

from ._component_classes import component_classes, constructs_component
from ._syntax import node_at

META = RuleMeta(
    code="PUL006",
    name="unused-resource-variable",
    severity=Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
    tags=(Tag.UNNECESSARY,),
    options={"ignore-pattern": "^_"},
)

_STATEMENT_PARENTS = frozenset(
    {"program", "statement_block", "switch_case", "switch_default", "class_static_block"}
)


def check(ctx: Context) -> Iterator[Finding]:
    program = ctx.program
    components: dict[str, ClassInfo] | None = None
    ignore = _ignore_pattern(ctx)
    # Runs over every construction on every keystroke: the cheap tests come first, and the
    # classes of the file are looked at only for a construction that is not a known resource.
    for construction in program.constructions:
        decl = construction.variable
        if decl is None or decl.exported or decl.kind not in ("const", "let"):
            continue
        if _is_read(program, decl):
            continue
        if not construction.is_resource:
            if components is None:
                components = component_classes(program)
            if not constructs_component(construction, components):
                continue
        if ignore is not None and ignore.search(decl.name):
            continue
        statement = node_at(ctx, decl.statement, "lexical_declaration")
        if statement is None or statement.parent is None or statement.parent.type not in _STATEMENT_PARENTS:
            continue
        fixes: list[Fix] | partial[list[Fix]] = (
            [] if decl.kind == "let" and program.writes.get(decl.name) else partial(_fixes, ctx, decl)
        )
        kind = construction.resource_type or construction.value.name or "resource"
        yield ctx.finding(
            decl.name_span,
            f"`{decl.name}` is assigned a new `{kind}` but never read. Pulumi creates the resource "
            f"either way: write `void new {construction.value.name or kind}(...)` to say so, or use the "
            "variable.",
            fixes=fixes,
        )


def _is_read(program: Program, decl: VarDecl) -> bool:
    name = decl.name
    if name in program.exports:
        return True
    scope = decl.scope
    if scope is PROGRAM_SCOPE:  # most declarations: any read at all is in scope
        return bool(program.reads.get(name)) or bool(program.type_refs.get(name))
    start, end = scope.start, scope.end
    for index in (program.reads, program.type_refs):
        for span in index.get(name, ()):
            if start <= span.start < end:
                return True
    return False


def _fixes(ctx: Context, decl: VarDecl) -> list[Fix]:
    if not decl.single:
        return []
    declarator = node_at(ctx, decl.declarator, "variable_declarator")
    value = declarator.child_by_field_name("value") if declarator is not None else None
    if value is None:
        return []
    return [
        ctx.fix(
            "Replace the variable with `void new ...`",
            [ctx.edit(decl.statement.start, value.start_byte, "void ")],
            Applicability.SAFE,
        )
    ]


def _ignore_pattern(ctx: Context) -> re.Pattern[str] | None:
    pattern = ctx.options.get("ignore-pattern", "^_")
    if not pattern:
        return None
    try:
        return re.compile(str(pattern))
    except re.error:
        return None

