"""## What it does
Reports a file whose last line does not end with a line break. The range is the file's last
character, so that every editor can show it (an empty range at the very end is invisible in
some). Empty files are fine.

## Why is this bad?
POSIX defines a line as ending with a newline: `cat`, `wc -l` and diff tools treat the last line
specially without one (`\\ No newline at end of file`), and editors that add it produce a noisy
diff later. Linters (ESLint `eol-last`, pylint in seed 004) fail the gate on it.

## Example
```typescript
export const bucketName = bucket.id; // the file ends here, with no line break
```

## Use instead
```typescript
export const bucketName = bucket.id; // followed by a line break
```

## Fix safety
Safe: the fix appends the file's own line break: `\\r\\n` when the file's first line ends with
one, else `\\n`.

## References
- Seed 004 §3. ESLint `eol-last`; Ruff W292.
"""

from __future__ import annotations

from collections.abc import Iterator

from pulumi_lint.findings import Applicability, Finding, Severity
from pulumi_lint.rule import Context, FixAvailability, RuleMeta

META = RuleMeta(
    code="TS005",
    name="missing-final-newline",
    severity=Severity.WARNING,
    fix=FixAvailability.ALWAYS,
)


def check(ctx: Context) -> Iterator[Finding]:
    source = ctx.source
    if not source or source.endswith((b"\n", b"\r")):
        return
    end = len(source)
    last = end - 1
    # Back up to the first byte of the last UTF-8 character.
    while last > 0 and (source[last] & 0xC0) == 0x80:
        last -= 1
    newline = "\r\n" if _first_break(source) == b"\r\n" else "\n"
    yield ctx.finding(
        (last, end),
        "File does not end with a line break; add one.",
        fixes=[ctx.fix("Add a final line break", [ctx.edit(end, end, newline)], Applicability.SAFE)],
    )


def _first_break(source: bytes) -> bytes | None:
    index = source.find(b"\n")
    if index < 0:
        return None
    return b"\r\n" if index > 0 and source[index - 1 : index] == b"\r" else b"\n"
