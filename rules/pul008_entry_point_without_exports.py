"""## What it does
Reports the entry file of a Pulumi project when it constructs a component or resources but exports
no stack outputs. This is a project rule: it runs only when the file is linted as part of its
project, and only on the file Pulumi runs.

The entry file is resolved as Pulumi's Node.js host does: `main` in `Pulumi.yaml` may name a file
or a directory; in a directory, and at the project root when there is no `main`, the `main` of
`package.json` wins, else `index.ts` (`index.js` first if both exist).

## Why is this bad?
A Pulumi TypeScript program's stack outputs are its entry module's exports. Without them
`pulumi stack output` shows nothing, other stacks cannot read the values through a
`StackReference`, and integration tests have no outputs to check the deployment against. A
component's `registerOutputs` does not make stack outputs: only exports do.

The rule deliberately ignores files other than the entry file, entry files with any `export`
(including `export =` and `export default`, which export a function or object whose result becomes
the outputs), and entry files that construct nothing themselves.

## Example
```typescript
// index.ts
import { TapStack } from './lib/tap-stack';

const stack = new TapStack('tap-stack', { environmentSuffix: 'dev' });
```

## Use instead
```typescript
import { TapStack } from './lib/tap-stack';

const stack = new TapStack('tap-stack', { environmentSuffix: 'dev' });

export const tableName = stack.tableName;
export const processorFunctionArn = stack.processorFunctionArn;
```

The fix exports each public field of the component that holds an output (typed `Output<...>`,
or untyped), when the component's class is in the project, binding the component to a constant
first if it was not.

## Fix safety
Safe: stack outputs are added; no resource changes.

## References
- Seed 004 §4, seed 001 §10, seed 003 §10. Pulumi documentation, "Stack outputs".
"""

from __future__ import annotations

from collections.abc import Iterator

from pulumi_lint.findings import Applicability, Edit, Finding, Fix, Severity
from pulumi_lint.model import ClassInfo, Construction, Program
from pulumi_lint.project import Project, normalise
from pulumi_lint.rule import Context, FixAvailability, RuleMeta, one_fix

from ._pulumi import (
    camel_case,
    class_kind,
    constructs_resource,
    declared_names,
    imported_from,
    newline,
    statement_of,
    unique_name,
)

META = RuleMeta(
    code="PUL008",
    name="entry-point-without-exports",
    severity=Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
    project=True,
)


def check(ctx: Context) -> Iterator[Finding]:
    project = ctx.project
    path = ctx.document.path
    if not isinstance(project, Project) or path is None or project.entry != normalise(path):
        return
    program = ctx.program
    if program.exports or program.exports_everything:
        return
    top = [
        c
        for c in program.constructions
        if c.function is None and c.class_name is None and constructs_resource(c, program, project, path)
    ]
    if not top:
        return
    components = [(c, cls) for c in top if (cls := _component_class(program, c, project, path)) is not None]
    where = components[0][0] if components else top[0]
    what = f"`{where.value.name}`" if where.value.name else "resources"
    message = (
        f"The entry file constructs {what} but exports no stack outputs: `pulumi stack output`, "
        "stack references and integration tests see nothing. Export the values they need "
        "(`export const url = site.url;`)."
    )
    yield ctx.finding(where.callee, message, fixes=one_fix(_fix, ctx, components))


def _component_class(
    program: Program, construction: Construction, project: Project, path: str
) -> tuple[ClassInfo, Program] | None:
    name = construction.value.name
    if not name or "." in name:
        return None
    local = program.class_named(name)
    if local is not None:
        return (local, program) if class_kind(program, local, project, path) == "component" else None
    origin = imported_from(program, name)
    if origin is None:
        return None
    target = project.resolve_import(path, origin[0])
    other = project.program(target) if target is not None else None
    if other is None or target is None:
        return None
    imported = origin[1] if origin[1] not in ("default", "*") else name
    cls = other.class_named(imported)
    if cls is None or class_kind(other, cls, project, str(target)) != "component":
        return None
    return cls, other


def _outputs(cls: ClassInfo) -> list[str]:
    names = []
    for field in cls.fields:
        if not field.public or field.static or field.name.startswith("#"):
            continue
        kind = field.type_text
        if kind is None or "Output" in kind or "Input" in kind:
            names.append(field.name)
    return names


def _fix(ctx: Context, components: list[tuple[Construction, tuple[ClassInfo, Program]]]) -> Fix | None:
    source = ctx.source
    nl = newline(source)
    taken = declared_names(ctx.program)
    edits: list[Edit] = []
    lines: list[str] = []
    for construction, (cls, _other) in components:
        fields = _outputs(cls)
        if not fields:
            continue
        if construction.variable is not None:
            if not construction.variable.single:
                continue
            holder = construction.variable.name
        else:
            statement = statement_of(ctx, construction)
            if statement is None:
                continue
            holder = unique_name(camel_case(cls.name) or "component", taken)
            taken.add(holder)
            start = construction.value.start
            before = source[statement[0] : start]
            if before.strip() == b"void":  # `void new X(...)`: the value is now kept
                start = statement[0] + len(before) - len(before.lstrip())
                edits.append(Edit(start, construction.value.start, f"const {holder} = "))
            else:
                edits.append(Edit(start, start, f"const {holder} = "))
        for field in fields:
            export = field if field not in taken else unique_name(holder + field[0].upper() + field[1:], taken)
            taken.add(export)
            lines.append(f"export const {export} = {holder}.{field};")
    if not lines:
        return None
    end = len(source)
    text = nl.join(lines) + nl
    text = (nl if source.endswith((b"\n", b"\r")) else nl + nl) + text
    edits.append(Edit(end, end, text))
    return ctx.fix("Export the component's outputs", edits, Applicability.SAFE)
