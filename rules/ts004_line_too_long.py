"""## What it does
Reports a line longer than `max-line-length` characters (default 120). The range runs from the
limit to the end of the line. Characters are Unicode code points; a tab counts as one.

Like Ruff's E501, it deliberately ignores lines that cannot be shortened by rewrapping:
- a line that is a single word once its indentation and comment marker are set aside (a long
  URL, a base64 blob);
- a line that ends with a URL (`// see https://...`) starting within the limit;
- a line that is too long only because of a module specifier (`} from '@scope/deep/path'`,
  `import x = require('...')`): without the specifier it fits.

## Why is this bad?
Long lines are hard to read and review side by side, and projects that set a maximum length
(ESLint `max-len`, Prettier `printWidth`, pylint's 120 in seed 004) fail their lint gate on them.

## Example
With `max-line-length` set to 80:
```typescript
export const topic = new aws.sns.Topic('alerts', { displayName: 'Alerts', kmsMasterKeyId: key.id });
```

## Use instead
```typescript
export const topic = new aws.sns.Topic('alerts', {
  displayName: 'Alerts',
  kmsMasterKeyId: key.id,
});
```

## Options
- `max-line-length` (integer, default 120).

## Fix safety
No fix: where to break a line is a formatter's choice (Prettier, `eslint --fix` with its own
rules).

## References
- Seed 004 §3. Ruff E501 (its exemptions); ESLint `max-len`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pulumi_lint.findings import Finding, Severity
from pulumi_lint.rule import Context, FixAvailability, RuleMeta

META = RuleMeta(
    code="TS004",
    name="line-too-long",
    severity=Severity.WARNING,
    fix=FixAvailability.NONE,
    options={"max-line-length": 120},
)

DEFAULT_LIMIT = 120
_COMMENT_MARKER = re.compile(r"^(?://+|/\*+|\*+/?)\s*")
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")


def check(ctx: Context) -> Iterator[Finding]:
    limit = _limit(ctx)
    lines = ctx.document.lines
    source = ctx.source
    specifiers = sorted(
        (imp.module_span.start, imp.module_span.end) for imp in [*ctx.program.imports, *ctx.program.reexports]
    )
    starts = lines.starts
    next_starts = [*starts[1:], len(source)]
    # A line of at most ``limit`` bytes has at most ``limit`` characters: only longer lines (by
    # their byte span, line break included) need a closer look.
    for number, (start, following) in enumerate(zip(starts, next_starts, strict=True)):
        if following - start <= limit:
            continue
        end = lines.line_end(number)
        text = source[start:end].decode("utf-8", errors="replace")
        if len(text) <= limit or _exempt(text, limit, _specifiers_on_line(source, specifiers, start, end)):
            continue
        cut = start + len(text[:limit].encode("utf-8"))
        yield ctx.finding(
            (cut, end),
            f"Line is {len(text)} characters long (limit {limit}); break it up.",
        )


def _limit(ctx: Context) -> int:
    value = ctx.options.get("max-line-length", DEFAULT_LIMIT)
    try:
        limit = int(value)
    except (TypeError, ValueError):
        return DEFAULT_LIMIT
    return limit if limit > 0 else DEFAULT_LIMIT


def _specifiers_on_line(source: bytes, specifiers: list[tuple[int, int]], start: int, end: int) -> list[str]:
    return [
        source[max(s, start) : min(e, end)].decode("utf-8", errors="replace")
        for s, e in specifiers
        if s < end and e > start
    ]


def _exempt(text: str, limit: int, specifiers: list[str]) -> bool:
    body = _COMMENT_MARKER.sub("", text.strip())
    if body and not any(ch.isspace() for ch in body):
        return True
    words = text.rstrip().rsplit(None, 1)
    last = words[-1] if words else ""
    if _URL.search(last) and len(text.rstrip()) - len(last) < limit:
        return True
    return any(len(text) - len(spec) <= limit for spec in specifiers)
