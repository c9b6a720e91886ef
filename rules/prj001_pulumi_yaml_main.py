"""## What it does
Reports a `Pulumi.yaml` whose `main` names a file that does not exist, or whose program (the
entry file and every file it imports) constructs no resources while another file of the project
does. It reports in `Pulumi.yaml` (on `main`, or on `name` when there is no `main`) and on the
first line of the entry file. This is a project rule.

The entry file is resolved as Pulumi's Node.js host does: `main` may name a file or a directory;
in a directory, and at the project root when there is no `main`, the `main` of `package.json`
wins, else `index.ts` (`index.js` first if both exist).

## Why is this bad?
`pulumi up` runs the entry file and nothing else. A `main` that names a missing file fails with
"We failed to locate the entry point for your program". A `main` that names a template or
placeholder (seed 002's `bin/tap.ts`) deploys an empty stack, or worse, destroys what the real
program deployed before, while the real program sits unused in another file.

The rule deliberately ignores test files (`*.test.ts`, `*.spec.ts`, `test/`, `tests/`), files the
entry file imports, declaration files, and projects where no other file constructs resources at
its top level. A file "constructs resources" when it (or what it imports) creates a resource of a
Pulumi package (`new aws.s3.Bucket(...)`), or uses a class or function of another npm package that
may (a package of components); an empty component of the project does not count.

## Example
```yaml
name: TapStack
runtime: nodejs
main: bin/tap.ts   # a template; the program is in index.ts
```

## Use instead
```yaml
name: TapStack
runtime: nodejs
main: index.ts
```

## Fix safety
Unsafe: the next `pulumi up` runs another program, which changes what gets deployed.

## References
- Seed 002 §2, seed 003 §10. Pulumi documentation, "Pulumi.yaml project file: main".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pulumi_lint.findings import Applicability, Finding, Fix, Severity
from pulumi_lint.project import Project, normalise
from pulumi_lint.project_lint import ProjectContext
from pulumi_lint.rule import Context, FixAvailability, RuleMeta

META = RuleMeta(
    code="PRJ001",
    name="pulumi-yaml-main",
    severity=Severity.ERROR,
    fix=FixAvailability.SOMETIMES,
    project=True,
)


NODE_BUILTINS = frozenset(
    {"fs", "path", "os", "crypto", "child_process", "url", "util", "process", "assert", "fs/promises"}
)


@dataclass(frozen=True, slots=True)
class EntryFacts:
    entry: Path | None
    missing: bool  # Pulumi.yaml names a path that does not exist
    constructs: bool  # the entry file or what it imports constructs a package resource
    candidate: Path | None  # the file that really holds the program, if one stands out


_IMPORT = re.compile(rb"""\bimport\s+(?!type\b)(?P<clause>[^;'"]*?)\s*from\s*['"](?P<module>[^'"]+)['"]""")
_REQUIRE = re.compile(
    rb"""\b(?:const|let|var|import)\s+(?P<clause>[A-Za-z_$][\w$]*)\s*=\s*require\(\s*['"](?P<module>[^'"]+)['"]"""
)
_NAME = re.compile(rb"[A-Za-z_$][\w$]*")


def _bindings(clause: bytes) -> list[bytes]:
    """The local names an import clause binds: ``* as x``, ``x``, ``{ a, b as c }``."""
    names = []
    for part in re.split(rb"[,{}]", clause):
        words = _NAME.findall(part)
        if words and words[0] != b"type":
            names.append(words[-1])
    return names


def _constructs(project: Project, path: Path) -> bool:
    """Whether a file creates a resource of a Pulumi package, or may through another package.

    Read from the text, without parsing: the question is asked of every file the entry loads,
    again after each edit of any of them. A mention in a comment counts, which only ever keeps the
    rule quiet.
    """
    source = project.source(path) or b""
    pulumi: list[bytes] = []
    foreign: list[bytes] = []
    for match in [*_IMPORT.finditer(source), *_REQUIRE.finditer(source)]:
        module = match.group("module").decode("utf-8", errors="replace")
        names = _bindings(match.group("clause"))
        if module.startswith("@pulumi/") and module != "@pulumi/pulumi":
            pulumi.extend(names)
        elif not module.startswith((".", "@pulumi/", "node:")) and module not in NODE_BUILTINS:
            foreign.extend(names)
    if pulumi and re.search(rb"\bnew\s+(?:" + b"|".join(map(re.escape, pulumi)) + rb")\s*[.(<]", source):
        return True
    # `new Stack(...)` or `createInfra()` from a package of components: it may well deploy.
    used = re.compile(rb"\b(?:" + b"|".join(map(re.escape, foreign)) + rb")\s*[.(<]") if foreign else None
    return used is not None and used.search(source) is not None


def _top_level(project: Project, path: Path) -> bool:
    program = project.program(path)
    return program is not None and any(
        c.function is None and c.class_name is None and c.value.name for c in program.constructions
    )


def facts(project: Project) -> EntryFacts:
    """What PRJ001 knows of the entry point, computed once per version of the project's files."""

    def compute() -> EntryFacts:
        entry_point = project.entry_point()
        entry = entry_point.path
        reachable = project.reachable_from(entry) if entry is not None else set()
        constructs = any(_constructs(project, p) for p in reachable)
        candidate = None
        if entry is None or not constructs:
            candidate = _candidate(project, reachable)
        return EntryFacts(entry, entry_point.missing, constructs, candidate)

    return project.memo("PRJ001.facts", compute)


def _candidate(project: Project, reachable: set[Path]) -> Path | None:
    files = [p for p in project.program_files() if p not in reachable]
    imported = {target for p in files for target in project.imports_of(p)}
    roots = [
        p
        for p in files
        if p not in imported
        and _top_level(project, p)
        and any(_constructs(project, q) for q in project.reachable_from(p))
    ]
    if not roots:
        return None
    return min(roots, key=lambda p: (p.stem != "index", len(p.relative_to(project.root).parts), str(p)))


def check(ctx: Context) -> Iterator[Finding]:
    project = ctx.project
    path = ctx.document.path
    # Only the entry file is concerned: settle that before looking at the other files.
    if not isinstance(project, Project) or path is None or project.entry != normalise(path):
        return
    found = facts(project)
    if found.constructs or found.candidate is None:
        return
    lines = ctx.document.lines
    end = lines.starts[1] if lines.line_count > 1 else len(ctx.source)
    end = len(ctx.source[:end].rstrip(b"\r\n"))
    message = (
        f"Pulumi runs this file, but it constructs no resources while "
        f"{project.relative(found.candidate)} does: `pulumi up` deploys an empty program. "
        f"Point `main` in Pulumi.yaml at {project.relative(found.candidate)}."
    )
    yield ctx.finding((0, end), message)


def check_project(ctx: ProjectContext) -> Iterator[Finding]:
    project = ctx.project
    found = facts(project)
    pulumi_yaml = project.pulumi_yaml
    main = project.entries.get("main")
    candidate = project.relative(found.candidate) if found.candidate is not None else None
    if main is not None and found.missing:
        message = (
            f"`main: {project.main}` names a file that does not exist: `pulumi up` fails with "
            "\"We failed to locate the entry point for your program\"."
            + (f" The program is in {candidate}." if candidate else "")
        )
        yield ctx.finding(pulumi_yaml, main.value_start, main.value_end, message, fixes=_fixes(ctx, candidate))
        return
    if found.candidate is None or (found.entry is not None and found.constructs):
        return
    if found.entry is None:
        problem = "Pulumi.yaml has no `main` and the project root has no index.ts, so Pulumi finds no program"
    else:
        problem = (
            f"Pulumi runs {project.relative(found.entry)}, which constructs no resources, while "
            f"{candidate} does: `pulumi up` deploys an empty program"
        )
    message = f"{problem}. Point `main` at {candidate}."
    if main is not None:
        yield ctx.finding(pulumi_yaml, main.value_start, main.value_end, message, fixes=_fixes(ctx, candidate))
        return
    name = project.entries.get("name")
    start, end = (name.key_start, name.key_end) if name is not None else (0, 0)
    yield ctx.finding(pulumi_yaml, start, end, message, fixes=_fixes(ctx, candidate))


def _fixes(ctx: ProjectContext, candidate: str | None) -> list[Fix]:
    if candidate is None:
        return []
    project = ctx.project
    source = ctx.source(project.pulumi_yaml) or b""
    main = project.entries.get("main")
    value = _yaml_scalar(candidate)
    if main is not None:
        written = source[main.value_start : main.value_end]
        quote = written[:1] if written[:1] in (b"'", b'"') else b""
        text = f"{quote.decode()}{candidate}{quote.decode()}" if quote else value
        edit = ctx.edit(main.value_start, main.value_end, text)
    else:
        nl = "\r\n" if b"\r\n" in source else "\n"
        lead = "" if not source or source.endswith((b"\n", b"\r")) else nl
        edit = ctx.edit(len(source), len(source), f"{lead}main: {value}{nl}")
    return [ctx.fix(f"Set main to {candidate}", [edit], Applicability.UNSAFE)]


def _yaml_scalar(text: str) -> str:
    plain = all(c.isalnum() or c in "._/-" for c in text) and not text.startswith("-")
    return text if plain else "'" + text.replace("'", "''") + "'"
