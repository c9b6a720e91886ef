"""## What it does
Reports a configuration key read through `new pulumi.Config()` (or `new pulumi.Config('<ns>')`)
when the project's stack files (`Pulumi.<stack>.yaml`, and the `config:` block of `Pulumi.yaml`)
set that key only under another namespace. This is a project rule: it needs the stack files.

It reports in two places: on the key read in the program (with the fix), and on the key in each
stack file that sets it under the other namespace (no fix there: the fix is in the program).

## Why is this bad?
`new pulumi.Config()` reads keys in the namespace named after the project (`name:` in
`Pulumi.yaml`). A stack file that says `pulumi-infra:bucket_name: data-dev` while the project is
named `TapStack` sets a key the program never reads: `config.get('bucket_name')` quietly returns
`undefined` and the program falls back to its defaults in every stack, and `require` fails only at
deployment time.

The rule deliberately ignores keys that exist in the namespace read (in any stack), keys set
nowhere (a `get` with a default is fine), keys found only under a provider's namespace (`aws:`,
`gcp:`, `kubernetes:` ... any `@pulumi/<name>` package the project depends on, and `pulumi:`),
and `Config` objects whose namespace is not a string literal.

## Example
```yaml
# Pulumi.yaml
name: TapStack
runtime: nodejs
# Pulumi.dev.yaml
config:
  pulumi-infra:bucket_name: data-processing-dev
```
```typescript
const config = new pulumi.Config();
const bucketName = config.get('bucket_name');
```

## Use instead
```typescript
const config = new pulumi.Config('pulumi-infra');
const bucketName = config.get('bucket_name');
```
(or rename the stack keys to `TapStack:bucket_name`).

## Fix safety
Unsafe: the program starts reading values it ignored so far, which changes what it deploys. The
fix is offered only when the key is set under one other namespace, and no other key the same
`Config` object reads today would stop being read.

## References
- Seed 004 §5. Pulumi documentation, "Configuration: project and stack configuration".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pulumi_lint.findings import Applicability, Finding, Fix, Severity
from pulumi_lint.model import Construction, Program, Value
from pulumi_lint.project import ConfigKey, Project
from pulumi_lint.project_lint import ProjectContext
from pulumi_lint.rule import Context, FixAvailability, RuleMeta, one_fix

from ._pulumi import quote_char, string_literal

META = RuleMeta(
    code="PUL009",
    name="config-namespace-mismatch",
    severity=Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
    project=True,
)

CONFIG_METHODS = frozenset(
    {
        "get",
        "require",
        "getNumber",
        "requireNumber",
        "getBoolean",
        "requireBoolean",
        "getObject",
        "requireObject",
        "getSecret",
        "requireSecret",
        "getSecretNumber",
        "requireSecretNumber",
        "getSecretBoolean",
        "requireSecretBoolean",
        "getSecretObject",
        "requireSecretObject",
    }
)
_BUILDS_CONFIG = re.compile(rb"\bConfig\s*\(")
ALWAYS_PROVIDER_NAMESPACES = frozenset({"pulumi", "aws", "awsx", "azure", "azure-native", "gcp", "kubernetes"})


@dataclass(slots=True)
class Read:
    config: Construction  # the ``new pulumi.Config(...)``
    namespace: str  # the namespace it reads
    key: str
    key_value: Value  # the string literal of the key


def config_reads(program: Program, source: bytes, project_name: str) -> list[Read]:
    """Every ``<config>.<get|require...>('<key>')`` of a ``pulumi.Config`` built in the file."""
    reads: list[Read] = []
    configs = [c for c in program.constructions if c.resource_type == "pulumi.Config"]
    if not configs:
        return reads
    by_value = {id(c.value): c for c in configs}
    by_variable = {id(c.variable): c for c in configs if c.variable is not None}
    for call in program.calls:
        value = call.value
        callee = value.callee
        if callee is None or callee.kind != "member" or not value.args:
            continue
        method = _method(callee, source)
        if method not in CONFIG_METHODS:
            continue
        target = callee.callee
        config: Construction | None = None
        if target is not None and target.kind == "new":
            config = by_value.get(id(target))
        elif target is not None and target.kind == "identifier" and target.name:
            declaration = program.variable(target.name, value.start)
            config = by_variable.get(id(declaration)) if declaration is not None else None
        key = value.args[0]
        if config is None or key.kind != "string" or not key.string or ":" in key.string:
            continue
        namespace = _namespace(config, project_name)
        if namespace is not None:
            reads.append(Read(config, namespace, key.string, key))
    return reads


def _method(callee: Value, source: bytes) -> str:
    if callee.name:
        return callee.name.rsplit(".", 1)[-1]
    text = source[callee.start : callee.end].decode("utf-8", errors="replace")
    return text.rsplit(".", 1)[-1].strip()


def _namespace(config: Construction, project_name: str) -> str | None:
    arg = config.value.args[0] if config.value.args else None
    if arg is None or arg.kind == "undefined":
        return project_name
    if arg.kind == "string" and arg.string:
        return arg.string
    return None


def provider_namespaces(project: Project) -> set[str]:
    names = set(ALWAYS_PROVIDER_NAMESPACES)
    for dependency in project.dependencies:
        if dependency.startswith("@pulumi/"):
            names.add(dependency.split("/", 1)[1])
    return names


def _elsewhere(project: Project, read: Read) -> dict[str, list[ConfigKey]]:
    """The non-provider namespaces that set the key, when the namespace read does not."""
    found = project.config_namespaces(read.key)
    if not found or read.namespace in found:
        return {}
    providers = provider_namespaces(project)
    return {ns: keys for ns, keys in found.items() if ns not in providers}


def check(ctx: Context) -> Iterator[Finding]:
    project = ctx.project
    if not isinstance(project, Project) or not project.name:
        return
    reads = config_reads(ctx.program, ctx.source, project.name)
    for read in reads:
        elsewhere = _elsewhere(project, read)
        if not elsewhere:
            continue
        spaces = ", ".join(f"`{ns}`" for ns in sorted(elsewhere))
        files = sorted({Path(k_file).name for k_file in _files(project, elsewhere)})
        message = (
            f"`{read.key}` is read in namespace `{read.namespace}`, but {', '.join(files)} set it only "
            f"under {spaces}: the value is never read. Use `new pulumi.Config('{sorted(elsewhere)[0]}')` "
            f"or rename the keys to `{read.namespace}:{read.key}`."
        )
        yield ctx.finding(read.key_value, message, fixes=one_fix(_fix, ctx, project, read, reads, elsewhere))


def _files(project: Project, elsewhere: dict[str, list[ConfigKey]]) -> list[str]:
    keys = {id(k) for keys in elsewhere.values() for k in keys}
    files = [str(s.path) for s in project.stacks if any(id(k) in keys for k in s.keys)]
    if any(id(k) in keys for k in project.project_config):
        files.append(str(project.pulumi_yaml))
    return files


def _fix(
    ctx: Context, project: Project, read: Read, reads: list[Read], elsewhere: dict[str, list[ConfigKey]]
) -> Fix | None:
    if len(elsewhere) != 1:
        return None
    namespace = next(iter(elsewhere))
    for other in reads:
        if other.config is not read.config:
            continue
        found = project.config_namespaces(other.key)
        if other.namespace in found and namespace not in found:
            return None  # another key this Config reads today would stop being read
    config = read.config.value
    literal = string_literal(namespace, quote_char(ctx.program))
    if config.args:
        edit = ctx.edit(config.args[0].start, config.args[0].end, literal)
    else:
        paren = ctx.source.find(b"(", read.config.callee.end, config.end)
        if paren < 0:
            return None
        edit = ctx.edit(paren + 1, paren + 1, literal)
    return ctx.fix(f"Read namespace `{namespace}`", [edit], Applicability.UNSAFE)


def check_project(ctx: ProjectContext) -> Iterator[Finding]:
    """The stack keys set under a namespace the program reads them from another one."""
    project = ctx.project
    if not project.name:
        return
    project_name = project.name
    def all_reads() -> list[tuple[Path, Read]]:
        found: list[tuple[Path, Read]] = []
        for path in project.program_files():
            if not _BUILDS_CONFIG.search(project.source(path) or b""):
                continue  # no need to parse a file that builds no Config
            document, program = project.document(path), project.program(path)
            if document is not None and program is not None:
                found.extend((path, read) for read in config_reads(program, document.source, project_name))
        return found

    reads = project.memo("PUL009.reads", all_reads)
    reported: set[int] = set()
    for path, read in reads:
        for namespace, keys in _elsewhere(project, read).items():
            for key in keys:
                if id(key) in reported:
                    continue
                reported.add(id(key))
                key_file = next(
                    (s.path for s in project.stacks if any(k is key for k in s.keys)), project.pulumi_yaml
                )
                message = (
                    f"`{key.written}` is set under namespace `{namespace}`, but {project.relative(path)} reads "
                    f"`{read.key}` in namespace `{read.namespace}`: the value is never read. Rename the key to "
                    f"`{read.namespace}:{read.key}` or read it with `new pulumi.Config('{namespace}')`."
                )
                yield ctx.finding(key_file, key.start, key.end, message)
