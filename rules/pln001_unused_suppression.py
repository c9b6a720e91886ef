"""## What it does
Reports a suppression comment (`// pulumi-lint-disable-next-line`, `// pulumi-lint-disable-line`,
`/* pulumi-lint-disable */`) that silences nothing: no finding of the codes it names was reported
where it applies. A comment naming several codes where only some are unused is reported on each
unused code.

The rule is off by default; enable it with `extend-select = ["PLN001"]` in `pulumi-lint.toml`.

Only codes of rules that ran on the file are judged: a suppression of a rule that the
configuration turns off, or of a project rule when no project is available, is left alone, since
another configuration (a teammate's editor, CI) may run that rule. A comment without codes is
unused when it silenced no finding at all. Unused `PLN001` codes are never reported, and a
`pulumi-lint-disable-line PLN001` on a suppression comment's own line silences this rule there.

## Why is this bad?
A suppression outlives the problem it hid: once the code is fixed, the comment stays and will
silently hide the next, unrelated problem of that kind on the same line. Stale suppressions also
mislead readers about what is wrong with the code.

## Example
```typescript
// pulumi-lint-disable-next-line TS003 -- payloads are untyped JSON
export const retries: number = 3;
```

## Use instead
```typescript
export const retries: number = 3;
```

## Fix safety
Safe: removing a suppression that silences nothing changes no finding. When every code of the
comment is unused the whole comment goes (with its line when it is alone on it); otherwise only
the unused codes are removed from the list, and the reason after `--` is kept.

## References
- Ruff's `unused-noqa` (RUF100) and ESLint's `--report-unused-disable-directives`.
"""

from __future__ import annotations

from collections.abc import Iterator

from pulumi_lint.findings import Applicability, Edit, Finding, Severity, Tag
from pulumi_lint.rule import Context, FixAvailability, RuleMeta
from pulumi_lint.suppressions import Suppression

META = RuleMeta(
    code="PLN001",
    name="unused-suppression",
    severity=Severity.WARNING,
    fix=FixAvailability.ALWAYS,
    tags=(Tag.UNNECESSARY,),
    default_enabled=False,
)


def check(ctx: Context) -> Iterator[Finding]:
    """Nothing to see before the other rules ran: the work is in :func:`check_suppressions`."""
    return iter(())


def check_suppressions(suppressions: list[Suppression], ctx: Context) -> Iterator[Finding]:
    checked = set(ctx.suppressions_checked)
    shared: dict[tuple[int, int], int] = {}
    for suppression in suppressions:
        shared[(suppression.start, suppression.end)] = shared.get((suppression.start, suppression.end), 0) + 1
    for suppression in suppressions:
        alone_in_comment = shared[(suppression.start, suppression.end)] == 1
        if not suppression.codes:
            if not suppression.used:
                yield _whole(ctx, suppression, "silences no finding", alone_in_comment)
            continue
        unused = [
            (code, start, end)
            for code, start, end in suppression.code_spans
            if code in checked and code not in suppression.used
        ]
        if not unused:
            continue
        if len(unused) == len(suppression.code_spans):
            names = ", ".join(code for code, _, _ in unused)
            yield _whole(ctx, suppression, f"no {names} finding here to silence", alone_in_comment)
            continue
        for code, start, end in unused:
            message = f"Unused suppression of {code}: no {code} finding here to silence. Remove the code."
            edit = _remove_code(ctx.source, suppression, start, end)
            yield ctx.finding(
                (start, end), message, fixes=[ctx.fix(f"Remove unused {code}", [edit], Applicability.SAFE)]
            )


def _whole(ctx: Context, suppression: Suppression, why: str, alone_in_comment: bool) -> Finding:
    message = f"Unused suppression comment: {why}. Remove it."
    if alone_in_comment:
        edit = _remove_comment(ctx.source, suppression.start, suppression.end)
        fixes = [ctx.fix("Remove unused suppression comment", [edit], Applicability.SAFE)]
    else:
        # Another directive shares the comment; remove only this one's codes.
        edits = [_remove_code(ctx.source, suppression, s, e) for _, s, e in suppression.code_spans]
        fixes = [ctx.fix("Remove unused suppression codes", edits[:1], Applicability.SAFE)] if edits else []
    return ctx.finding((suppression.start, suppression.end), message, fixes=fixes)


def _remove_comment(source: bytes, start: int, end: int) -> Edit:
    line_start = max(source.rfind(b"\n", 0, start), source.rfind(b"\r", 0, start)) + 1
    line_end = end
    while line_end < len(source) and source[line_end : line_end + 1] in (b" ", b"\t"):
        line_end += 1
    before = source[line_start:start]
    if not before.strip(b" \t"):
        # Alone on its line: the line goes, with its line break.
        if source.startswith(b"\r\n", line_end):
            return Edit(line_start, line_end + 2, "")
        if source[line_end : line_end + 1] in (b"\n", b"\r"):
            return Edit(line_start, line_end + 1, "")
        return Edit(line_start, line_end, "")
    # After code on the same line: drop the comment and the blanks before it.
    cut = start
    while cut > line_start and source[cut - 1 : cut] in (b" ", b"\t"):
        cut -= 1
    return Edit(cut, end, "")


def _remove_code(source: bytes, suppression: Suppression, start: int, end: int) -> Edit:
    """Remove one code from the list with one separator, keeping the others' layout."""
    spans = suppression.code_spans
    index = next(i for i, (_, s, _) in enumerate(spans) if s == start)
    if index + 1 < len(spans):
        return Edit(start, spans[index + 1][1], "")  # the code and the separator after it
    return Edit(spans[index - 1][2], end, "")  # the last code: the separator before it
