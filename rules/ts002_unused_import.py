"""## What it does
Reports an import binding that the file never references: not read as a value, not named in a
type (`pulumi.Output<string>` uses `pulumi`; `typeof config` uses `config`), not used in a
decorator, JSX tag or type argument (`useState<Props>()`), and not exported (`export { x }`).

It deliberately ignores side-effect imports (`import './polyfill'`), which bind nothing, and
`React` in `.tsx` files (the classic JSX transform needs it in scope without naming it). A name
that is read anywhere in the file counts as used, even where a local variable of the same name
shadows the import: the rule prefers silence to a wrong removal. Files with `export =` or
`export default` are checked like any other: what they export is read by name.

## Why is this bad?
An unused import is dead code that readers must still understand, and a lint failure in projects
that enforce `@typescript-eslint/no-unused-vars`. In Pulumi programs it is usually a leftover of
an approach that was dropped (`import * as fs from 'fs'` when `pulumi.asset.FileArchive` reads the
files).

## Example
```typescript
import * as pulumi from '@pulumi/pulumi';
import * as aws from '@pulumi/aws';
import * as fs from 'fs';

export const bucket = new aws.s3.Bucket('data');
export const name: pulumi.Output<string> = bucket.bucket;
```

## Use instead
```typescript
import * as pulumi from '@pulumi/pulumi';
import * as aws from '@pulumi/aws';

export const bucket = new aws.s3.Bucket('data');
export const name: pulumi.Output<string> = bucket.bucket;
```

## Fix safety
Safe: the fix removes the unused binding, or the whole import statement (with its line) when none
of its bindings is used. TypeScript already drops an import none of whose bindings is used as a
value, so the program runs the same, unless the project compiles with `verbatimModuleSyntax`
and relies on the imported module's side effects: write such imports as `import './module'`.
No fix is offered while the file has syntax errors, where a use may be hidden in broken code.

## References
- Seed 000 §5. ESLint `no-unused-vars`, `@typescript-eslint/no-unused-vars`; Ruff F401.
"""

from __future__ import annotations

from collections.abc import Iterator

from pulumi_lint.findings import Applicability, Edit, Finding, Severity, Tag
from pulumi_lint.model import Import, ImportBinding
from pulumi_lint.rule import Context, FixAvailability, RuleMeta
from tree_sitter import Node

from ._syntax import delete_statement, node_at

META = RuleMeta(
    code="TS002",
    name="unused-import",
    severity=Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
    tags=(Tag.UNNECESSARY,),
)


def check(ctx: Context) -> Iterator[Finding]:
    program = ctx.program
    tsx = (ctx.document.path or "").lower().endswith(".tsx") or ctx.document.language == "tsx"
    fixable = not program.syntax_errors
    for imp in program.imports:
        if imp.side_effect_only or not imp.bindings:
            continue
        unused = [
            b for b in imp.bindings if not program.is_read(b.local) and not (tsx and b.local == "React")
        ]
        if not unused:
            continue
        all_unused = len(unused) == len(imp.bindings)
        for binding in unused:
            fixes = []
            if fixable:
                edit = _removal(ctx, imp, binding, all_unused)
                if edit is not None:
                    title = "Remove the unused import" if all_unused else f"Remove unused `{binding.local}`"
                    fixes.append(ctx.fix(title, [edit], Applicability.SAFE))
            yield ctx.finding(
                binding.span,
                f"`{binding.local}` is imported from '{imp.module}' but never used; remove it.",
                fixes=fixes,
            )


def _removal(ctx: Context, imp: Import, binding: ImportBinding, all_unused: bool) -> Edit | None:
    if all_unused:
        return delete_statement(ctx, imp.span.start, imp.span.end)
    statement = node_at(ctx, imp.span, "import_statement")
    if statement is None:
        return None
    clause = next((c for c in statement.named_children if c.type == "import_clause"), None)
    if clause is None:
        return None
    parts = clause.named_children
    for index, part in enumerate(parts):
        if part.type == "named_imports":
            specifiers = [s for s in part.named_children if s.type == "import_specifier"]
            spec = next((s for s in specifiers if _spans(s, binding)), None)
            if spec is None:
                continue
            if len(specifiers) == 1:
                # `d, { x }` with `d` still used: drop `, { x }`.
                return _drop_clause_part(ctx, parts, index)
            position = specifiers.index(spec)
            if position + 1 < len(specifiers):
                return ctx.edit(spec.start_byte, _after_comma(ctx, spec), "")
            return ctx.edit(specifiers[position - 1].end_byte, spec.end_byte, "")
        if _spans(part, binding) or (part.type == "namespace_import" and _contains(part, binding)):
            return _drop_clause_part(ctx, parts, index)
    return None


def _after_comma(ctx: Context, spec: Node) -> int:
    """Where the next specifier's text starts: past the comma and blanks, before any comment."""
    comma = spec.next_sibling
    end = comma.end_byte if comma is not None and comma.type == "," else spec.end_byte
    source = ctx.source
    while end < len(source) and source[end : end + 1] in (b" ", b"\t", b"\r", b"\n"):
        end += 1
    return end


def _drop_clause_part(ctx: Context, parts: list[Node], index: int) -> Edit | None:
    """Remove one part of ``default, * as ns`` or ``default, { ... }`` with its comma."""
    if len(parts) < 2:
        return None
    if index + 1 < len(parts):
        return ctx.edit(parts[index].start_byte, parts[index + 1].start_byte, "")
    return ctx.edit(parts[index - 1].end_byte, parts[index].end_byte, "")


def _spans(node: Node, binding: ImportBinding) -> bool:
    return node.start_byte == binding.span.start and node.end_byte == binding.span.end


def _contains(node: Node, binding: ImportBinding) -> bool:
    return node.start_byte <= binding.span.start and binding.span.end <= node.end_byte
