"""## What it does
Reports a jest configuration without `coverageThreshold`: `jest.config.ts` (as a file of its own),
`jest.config.js`, `.cjs`, `.mjs`, `.json`, or the `jest` key of `package.json` at the project root
(the last four through the project, since they are not TypeScript).

## Why is this bad?
Without a threshold, `jest --coverage` reports the numbers and exits 0 however low they are. A
CI gate that requires coverage (seed 004's "100% coverage" stage, seed 002's 90%) then has
nothing to fail on, and untested stack code merges unnoticed. `coverageThreshold` makes jest
fail the run below the numbers you choose.

The rule deliberately ignores configurations it cannot read statically: a config built by a
function call (`createJestConfig(...)`), an exported function, or an object with a spread (the
threshold may come from the spread base).

## Example
```typescript
// jest.config.ts
export default {
  preset: 'ts-jest',
  testEnvironment: 'node',
};
```

## Use instead
```typescript
export default {
  preset: 'ts-jest',
  testEnvironment: 'node',
  coverageThreshold: {
    global: {
      branches: 80,
      functions: 80,
      lines: 80,
      statements: 80,
    },
  },
};
```

## Fix safety
Safe: it changes when the test run fails, not what gets deployed.

## Options
- `branches`, `functions`, `lines`, `statements` (numbers, default 80 each): the thresholds the
  fix writes.

## References
- Seed 004 §2, seed 002 §5. Jest documentation, "Configuring Jest: coverageThreshold".
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from pulumi_lint.document import Document
from pulumi_lint.findings import Applicability, Edit, Finding, Severity
from pulumi_lint.model import Value
from pulumi_lint.project import json_model, parse_json
from pulumi_lint.project_lint import ProjectContext
from pulumi_lint.rule import Context, FixAvailability, RuleMeta
from tree_sitter import Node, Tree

META = RuleMeta(
    code="PRJ003",
    name="missing-coverage-threshold",
    severity=Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
    options={"branches": 80, "functions": 80, "lines": 80, "statements": 80},
)

METRICS = ("branches", "functions", "lines", "statements")
TS_CONFIGS = ("jest.config.ts", "jest.config.mts", "jest.config.cts")
OTHER_CONFIGS = ("jest.config.js", "jest.config.cjs", "jest.config.mjs", "jest.config.json")
_UNWRAP = frozenset({"parenthesized_expression", "as_expression", "satisfies_expression"})

Found = tuple[tuple[int, int], Edit | None]  # (range to report, fix edit)
Member = tuple[int, int]


def _message() -> str:
    return (
        "This jest configuration has no `coverageThreshold`: `jest --coverage` passes however little "
        "of the stack the tests cover. Add thresholds so that the run fails below them."
    )


def check(ctx: Context) -> Iterator[Finding]:
    path = ctx.document.path
    if path is None or Path(path).name not in TS_CONFIGS:
        return
    found = _script_config(ctx.document.tree, ctx.source, ctx.options)
    if found is None:
        return
    where, edit = found
    fixes = [ctx.fix("Add coverageThreshold", [edit], Applicability.SAFE)] if edit else []
    yield ctx.finding(where, _message(), fixes=fixes)


def check_project(ctx: ProjectContext) -> Iterator[Finding]:
    project = ctx.project
    folders = [project.root]
    if project.package_json is not None and project.package_json.path.parent not in folders:
        folders.append(project.package_json.path.parent)
    for folder in folders:
        for name in OTHER_CONFIGS:
            path = folder / name
            source = ctx.source(path)
            if source is None:
                continue
            if name.endswith(".json"):
                found = _json_config(path, source, None, ctx.options)
            else:
                found = _script_config(Document(source, str(path)).tree, source, ctx.options)
            yield from _report(ctx, path, found)
        package = folder / "package.json"
        source = ctx.source(package)
        if source is not None:
            yield from _report(ctx, package, _json_config(package, source, "jest", ctx.options))


def _report(ctx: ProjectContext, path: Path, found: Found | None) -> Iterator[Finding]:
    if found is None:
        return
    (start, end), edit = found
    fixes = [ctx.fix("Add coverageThreshold", [edit], Applicability.SAFE)] if edit else []
    yield ctx.finding(path, start, end, _message(), fixes=fixes)


# JavaScript and TypeScript configs --------------------------------------------------------------


def _unwrap(node: Node | None) -> Node | None:
    while node is not None and node.type in _UNWRAP and node.named_children:
        node = node.named_children[0]
    return node


def _script_config(tree: Tree, source: bytes, options: Mapping[str, Any]) -> Found | None:
    declared: dict[str, Node] = {}
    target: Node | None = None
    where: tuple[int, int] | None = None
    for child in tree.root_node.children:
        if child.type in ("lexical_declaration", "variable_declaration"):
            for declarator in child.named_children:
                name = declarator.child_by_field_name("name")
                value = declarator.child_by_field_name("value")
                if declarator.type == "variable_declarator" and name is not None and value is not None:
                    declared[source[name.start_byte : name.end_byte].decode()] = value
        elif child.type == "export_statement" and any(c.type == "default" for c in child.children):
            default = next(c for c in child.children if c.type == "default")
            target = child.child_by_field_name("value") or (child.named_children[-1] if child.named_children else None)
            where = (child.start_byte, default.end_byte)
        elif child.type == "expression_statement" and child.named_children:
            expression = child.named_children[0]
            left = expression.child_by_field_name("left") if expression.type == "assignment_expression" else None
            if left is not None and source[left.start_byte : left.end_byte] == b"module.exports":
                target = expression.child_by_field_name("right")
                where = (left.start_byte, left.end_byte)
    target = _unwrap(target)
    if target is not None and target.type == "identifier":
        target = _unwrap(declared.get(source[target.start_byte : target.end_byte].decode()))
    if target is None or target.type != "object" or where is None:
        return None
    members: list[Member] = []
    for member in target.named_children:
        if member.type == "comment":
            continue
        if member.type == "spread_element":
            return None
        key = member.child_by_field_name("key") if member.type == "pair" else member
        if key is not None and source[key.start_byte : key.end_byte].strip(b"'\"`") == b"coverageThreshold":
            return None
        members.append((member.start_byte, member.end_byte))
    return where, _insert(source, (target.start_byte, target.end_byte), members, options, json=False)


# JSON configs -----------------------------------------------------------------------------------


def _json_config(path: Path, source: bytes, key: str | None, options: Mapping[str, Any]) -> Found | None:
    data, problem = parse_json(path, source)
    if problem is not None or not isinstance(data, dict):
        return None  # a malformed file is reported as a project problem
    config = data.get(key) if key is not None else data
    if not isinstance(config, dict) or "coverageThreshold" in config:
        return None
    model = json_model(source)
    if model is None:
        return None
    obj: Value | None = model
    where = (model.start, model.start + 1)
    if key is not None:
        prop = model.get(key)
        if prop is None or prop.value is None:
            return None
        obj = prop.value
        where = (prop.key_span.start, prop.key_span.end)
    if obj is None or obj.kind != "object":
        return None
    members = [(p.start, p.end) for p in obj.properties]
    return where, _insert(source, (obj.start, obj.end), members, options, json=True)


# The edit ---------------------------------------------------------------------------------------


def _thresholds(options: Mapping[str, Any]) -> list[tuple[str, Any]]:
    values = []
    for metric in METRICS:
        value = options.get(metric, 80)
        values.append((metric, value if isinstance(value, (int, float)) and not isinstance(value, bool) else 80))
    return values


def _indent_of(source: bytes, offset: int) -> str:
    line = max(source.rfind(b"\n", 0, offset), source.rfind(b"\r", 0, offset)) + 1
    text = source[line:offset]
    return text[: len(text) - len(text.lstrip(b" \t"))].decode()


def _insert(
    source: bytes, obj: tuple[int, int], members: list[Member], options: Mapping[str, Any], *, json: bool
) -> Edit:
    nl = "\r\n" if b"\r\n" in source else "\n"
    thresholds = _thresholds(options)

    def key(name: str) -> str:
        return f'"{name}"' if json else name

    if not members or b"\n" not in source[obj[0] : members[0][0]]:
        inner = ", ".join(f"{key(m)}: {v}" for m, v in thresholds)
        text = f"{key('coverageThreshold')}: {{ {key('global')}: {{ {inner} }} }}"
        if not members:
            return Edit(obj[0], obj[1], f"{{ {text} }}" if not json else f"{{{nl}  {text}{nl}}}")
        return Edit(members[-1][1], members[-1][1], f", {text}")
    last = members[-1]
    indent = _indent_of(source, last[0])
    outer = _indent_of(source, obj[0]) if b"\n" in source[: obj[0]] else ""
    unit = indent[len(outer) :] or "  "
    trailing = source[last[1] : obj[1]].lstrip().startswith(b",") and not json
    comma = "," if trailing else ""
    lines = [
        f"{key('coverageThreshold')}: {{",
        f"{unit}{key('global')}: {{",
        *(
            f"{unit}{unit}{key(m)}: {v}{',' if (i < len(thresholds) - 1 or trailing) else ''}"
            for i, (m, v) in enumerate(thresholds)
        ),
        f"{unit}}}{comma}",
        "}",
    ]
    text = nl.join(indent + line for line in lines)
    return Edit(last[1], last[1], f",{nl}{text}")
