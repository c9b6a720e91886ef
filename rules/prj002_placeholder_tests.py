"""## What it does
Reports placeholder tests: a test file with no test case, and test cases that assert nothing (no
`expect`, `assert` or helper that asserts) or only a constant (`expect(true).toBe(true)`).

Test files are `*.test.ts` and `*.spec.ts` anywhere, and, when the file belongs to a Pulumi
project, any file under a `test/`, `tests/` or `__tests__/` folder of the project. A test file
without cases is reported when it holds nothing but imports and comments, or `describe` blocks
with no case in them; other code without cases is a helper, setup or fixture module.

## Why is this bad?
A placeholder test passes. CI reports green, coverage gates may even pass on statement counts, and
nobody notices that the stack's behaviour is not checked at all. Seed 004's generated tests held
only imports and a commented-out example, so the mandatory test stage had nothing to run.

The rule deliberately counts as an assertion: any `expect(...)` on a non-constant value,
`assert`/`chai`/`should` calls, calls on a test context (`t.equal`), a `throw`, and calls to any
function it cannot see (an imported helper may assert). Skipped cases (`it.skip`, `xit`) count as
cases; `it.todo` does not.

## Example
```typescript
describe('TapStack', () => {
  it('creates the bucket', () => {
    // TODO
  });
  it('works', () => {
    expect(true).toBe(true);
  });
});
```

## Use instead
```typescript
describe('TapStack', () => {
  it('creates a versioned bucket', async () => {
    const versioning = await promiseOf(stack.bucketVersioning);
    expect(versioning.status).toBe('Enabled');
  });
});
```

## Fix safety
No fix: only a person knows what the stack must do.

## References
- Seed 004 §1, seed 002 §5. Pulumi documentation, "Testing: unit testing with mocks".
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from pulumi_lint.findings import Finding, Severity
from pulumi_lint.model import Function, Program, Value
from pulumi_lint.project import Project, is_test_path
from pulumi_lint.rule import Context, FixAvailability, RuleMeta

META = RuleMeta(
    code="PRJ002",
    name="placeholder-tests",
    severity=Severity.WARNING,
    fix=FixAvailability.NONE,
)

CASES = frozenset({"it", "test", "fit", "it.only", "test.only", "it.concurrent", "test.concurrent"})
SKIPPED = frozenset({"xit", "xtest", "it.skip", "test.skip", "it.failing", "test.failing"})
EACH = frozenset({"it.each", "test.each", "it.only.each", "test.only.each", "it.concurrent.each"})
SUITES = frozenset({"describe", "describe.only", "describe.each", "fdescribe", "suite"})
ASSERTING_PREFIXES = ("expect", "assert", "should", "verify", "check", "validate", "ensure")
ASSERTING_HEADS = frozenset({"expect", "assert", "chai", "should", "sinon", "t", "tap"})
# Calls that never assert (counted as neither an assertion nor an unknown helper).
NEUTRAL = frozenset({"console", "JSON", "Object", "Array", "Promise", "Math", "String", "Number", "pulumi"})
_IMPORT_ONLY = frozenset({"import_statement", "comment", "empty_statement"})


def check(ctx: Context) -> Iterator[Finding]:
    path = ctx.document.path
    if path is None or not _is_test_file(ctx, path):
        return
    program = ctx.program
    cases: list[tuple[Value, Value | None]] = []  # (callee, callback) per case
    skipped = 0
    for call in program.calls:
        value = call.value
        callee = value.callee
        name = value.name
        if callee is not None and callee.kind == "call" and callee.name in EACH:
            cases.append((callee.callee or callee, _callback(value)))
        elif name in CASES:
            cases.append((callee or value, _callback(value)))
        elif name in SKIPPED:
            skipped += 1
    if not cases and not skipped:
        yield from _empty_file(ctx, program, path)
        return
    local_functions = {f.name: f for f in program.functions if f.name}
    for callee, callback in cases:
        if callback is None:
            continue
        verdict = _asserts(ctx, program, callback, local_functions, depth=0)
        if verdict == "yes":
            continue
        what = "asserts nothing" if verdict == "no" else "asserts only a constant"
        message = (
            f"This test case {what}: it passes whatever the stack does. Check a property of the "
            "resources (with mocks) or of the deployed stack's outputs."
        )
        yield ctx.finding(callee, message)


def _is_test_file(ctx: Context, path: str) -> bool:
    project = ctx.project
    if isinstance(project, Project) and project.contains(path):
        return is_test_path(path, project.root)
    # Without a project, folder names say nothing reliable (the path may be anywhere).
    return is_test_path(Path(path).name)


def _callback(value: Value) -> Value | None:
    return next((a for a in value.args if a.kind == "function"), None)


def _empty_file(ctx: Context, program: Program, path: str) -> Iterator[Finding]:
    root = ctx.document.tree.root_node
    imports_only = all(child.type in _IMPORT_ONLY for child in root.children)
    suite = next((c for c in program.calls if c.value.name in SUITES), None)
    if not imports_only and suite is None:
        return  # a helper, setup or fixture module, whatever its name

    if suite is not None and suite.value.callee is not None:
        where = (suite.value.callee.start, suite.value.callee.end)
    else:
        lines = ctx.document.lines
        end = lines.starts[1] if lines.line_count > 1 else len(ctx.source)
        where = (0, len(ctx.source[:end].rstrip(b"\r\n")))
    message = (
        "This test file has no test case: the test run passes without checking anything. "
        "Write cases that check the stack's resources or outputs, or delete the file."
    )
    yield ctx.finding(where, message)


def _asserts(ctx: Context, program: Program, body: Value, functions: dict[str, Function], depth: int) -> str:
    """"yes", "no", or "constant" (only ``expect(<literal>)``) for a callback or helper body."""
    if b"throw " in ctx.source[body.start : body.end]:
        return "yes"
    constant = False
    for call in program.calls:
        value = call.value
        if not body.encloses(value) or value is body:
            continue
        name = value.name
        if name is None:
            continue  # chained matchers (`expect(x).toBe(y)`) are judged by their `expect(x)`
        head, last = name.split(".")[0], name.split(".")[-1]
        if head == "expect" or name.startswith("expect."):
            if name == "expect" and value.args and value.args[0].is_literal:
                constant = True
                continue
            return "yes"
        if head in ASSERTING_HEADS or last.startswith(ASSERTING_PREFIXES) or head.startswith(ASSERTING_PREFIXES):
            return "yes"
        if head in NEUTRAL or "." in name:
            continue
        helper = functions.get(head)
        if helper is None or helper.body is None or depth >= 3:
            return "yes"  # an imported or unknown helper may assert
        helper_body = Value(helper.body.anchor, helper.body.start, helper.body.end, "other")
        if _asserts(ctx, program, helper_body, functions, depth + 1) == "yes":
            return "yes"
    return "constant" if constant else "no"
