"""## What it does
Reports a module specifier written in double quotes: in `import ... from "..."`,
`import "..."`, `export ... from "..."` and `import x = require("...")`.

The quote style is configurable (`quote-style`: `"single"`, the default, or `"double"`, which
reports single-quoted specifiers instead). When the project has a Prettier configuration, its
`singleQuote` setting decides (Prettier's default, double quotes, when the configuration does not
set it): the formatter would undo any fix that disagrees with it.

The rule deliberately ignores the specifiers of dynamic `import("...")` and `require("...")`
calls, and the names of ambient `declare module "..."` blocks.

## Why is this bad?
Projects that enforce one quote style (ESLint's `quotes` rule, Prettier's `singleQuote`) fail
their lint gate on every import written in the other style. The imports of a Pulumi program are
its first lines, so a program generated or pasted with double quotes fails CI before anything
else is checked.

## Example
```typescript
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
```

## Use instead
```typescript
import * as pulumi from '@pulumi/pulumi';
import * as aws from '@pulumi/aws';
```

## Options
- `quote-style` (`"single"` or `"double"`, default `"single"`), used when no Prettier
  configuration is found for the file.

## Fix safety
Safe: the specifier names the same module whatever its quotes. Quotes inside the specifier are
escaped or unescaped as the new quotes require.

## References
- Seed 000 §4. ESLint `quotes`; Prettier `singleQuote`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from pulumi_lint.findings import Applicability, Finding, Severity
from pulumi_lint.model import Import
from pulumi_lint.rule import Context, FixAvailability, RuleMeta

META = RuleMeta(
    code="TS001",
    name="double-quoted-import",
    severity=Severity.WARNING,
    fix=FixAvailability.ALWAYS,
    options={"quote-style": "single"},
)

_QUOTES = {"single": "'", "double": '"'}


def check(ctx: Context) -> Iterator[Finding]:
    wanted = _wanted_quote(ctx)
    specifiers: list[Import] = [*ctx.program.imports, *ctx.program.reexports]
    for imp in sorted(specifiers, key=lambda i: i.module_span.start):
        if imp.quote == wanted or imp.quote not in _QUOTES.values():
            continue
        span = imp.module_span
        raw = ctx.text(span)
        requoted = requote(raw, wanted)
        style = "single" if wanted == "'" else "double"
        current = "double" if imp.quote == '"' else "single"
        yield ctx.finding(
            span,
            f"Module specifier {raw} uses {current} quotes; this project writes imports with "
            f"{style} quotes.",
            fixes=[
                ctx.fix(
                    f"Use {style} quotes",
                    [ctx.edit(span.start, span.end, requoted)],
                    Applicability.SAFE,
                )
            ],
        )


def requote(literal: str, quote: str) -> str:
    """The string literal ``literal`` (with its quotes) rewritten with ``quote`` around it."""
    old = literal[0]
    body = literal[1:-1]
    out: list[str] = []
    i = 0
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            nxt = body[i + 1]
            # An escaped old quote needs no escape inside the new quotes.
            out.append(nxt if nxt == old else ch + nxt)
            i += 2
            continue
        out.append("\\" + ch if ch == quote else ch)
        i += 1
    return quote + "".join(out) + quote


def _wanted_quote(ctx: Context) -> str:
    single = _prettier_single_quote(ctx)
    if single is not None:
        return "'" if single else '"'
    style = str(ctx.options.get("quote-style", "single")).lower()
    return _QUOTES.get(style, "'")


def _prettier_single_quote(ctx: Context) -> bool | None:
    """Prettier's ``singleQuote`` for this file, or None when no Prettier configuration applies.

    Read only through the project object: a project may offer
    ``prettier_options(path) -> Mapping[str, Any] | None`` (the resolved options of the Prettier
    configuration that applies to ``path``, None when there is none). Without a project, or
    without that method, the rule option decides.
    """
    reader = getattr(ctx.project, "prettier_options", None)
    if reader is None:
        return None
    options: Mapping[str, Any] | None = reader(ctx.document.path)
    if options is None:
        return None
    # Prettier's own default when the configuration leaves it out.
    return bool(options.get("singleQuote", False))
