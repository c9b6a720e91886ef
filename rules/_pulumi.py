"""Helpers shared by the PUL rules: what a class is, names imports bind, and source layout."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pulumi_lint.derived import derived
from pulumi_lint.findings import Edit
from pulumi_lint.model import ClassInfo, Construction, Function, Program, Value
from pulumi_lint.model_builder import import_prefixes, resolve_name
from pulumi_lint.rule import Context

if TYPE_CHECKING:
    from pulumi_lint.project import Project

PULUMI = "@pulumi/pulumi"
COMPONENT = "pulumi.ComponentResource"
# Bases whose subclasses are resources themselves but not components.
CUSTOM_BASES = frozenset(
    {"pulumi.CustomResource", "pulumi.dynamic.Resource", "pulumi.ProviderResource", "pulumi.Resource"}
)
# Used when the project name is unknown: Pulumi's own component examples use this package name.
DEFAULT_TOKEN_PACKAGE = "pkg"
DEFAULT_TOKEN_MODULE = "index"

ClassKind = Literal["component", "custom", "plain", "unknown"]


def canonical(program: Program, dotted: str | None) -> str | None:
    """``pulumi.ComponentResource`` for ``ComponentResource`` imported by name, for any alias."""
    resolved = resolve_name(program, dotted)
    return resolved[1] if resolved is not None else None


def pulumi_alias(program: Program) -> str | None:
    """The local name of ``import * as <name> from '@pulumi/pulumi'`` (or its require form)."""
    for local, (package, path) in import_prefixes(program).items():
        if package == PULUMI and path == "pulumi":
            return local
    return None


def imported_from(program: Program, local: str) -> tuple[str, str] | None:
    """(module specifier, imported name) of a named or default import binding ``local``."""
    for imp in program.imports:
        for binding in imp.bindings:
            if binding.local == local:
                return imp.module, binding.imported
    return None


def class_kind(
    program: Program,
    cls: ClassInfo,
    project: Project | None = None,
    path: str | None = None,
    depth: int = 0,
) -> ClassKind:
    """Whether a class is a component, another kind of resource, a plain class, or unknown."""
    if cls.extends is None:
        return "plain"
    if depth > 8:
        return "unknown"
    base = cls.extends.split("<", 1)[0].strip()
    name = canonical(program, base)
    if name == COMPONENT:
        return "component"
    if name in CUSTOM_BASES:
        return "custom"
    if name is not None:
        # A class of a Pulumi package (awsx.ec2.Vpc, aws.s3.Bucket): a resource of its own.
        return "component" if name.startswith(("awsx.", "eks.")) else "custom"
    local = program.class_named(base)
    if local is not None and local is not cls:
        return class_kind(program, local, project, path, depth + 1)
    if project is not None and path is not None and "." not in base:
        origin = imported_from(program, base)
        if origin is not None:
            target = project.resolve_import(path, origin[0])
            other = project.program(target) if target is not None else None
            imported = origin[1] if origin[1] not in ("default", "*") else base
            other_cls = other.class_named(imported) if other is not None else None
            if other is not None and other_cls is not None and target is not None:
                return class_kind(other, other_cls, project, str(target), depth + 1)
    return "unknown"


def component_classes(program: Program, project: Project | None = None, path: str | None = None) -> list[ClassInfo]:
    return [c for c in program.classes if class_kind(program, c, project, path) == "component"]


def constructs_resource(
    construction: Construction, program: Program, project: Project | None, path: str | None
) -> bool:
    """A Pulumi resource, or an instance of a component or resource class the program defines."""
    if construction.is_resource:
        return True
    name = construction.value.name
    if not name or "." in name:
        return False
    cls = program.class_named(name)
    if cls is not None:
        return class_kind(program, cls, project, path) in ("component", "custom")
    if project is not None and path is not None:
        origin = imported_from(program, name)
        if origin is not None and origin[0].startswith("."):
            target = project.resolve_import(path, origin[0])
            other = project.program(target) if target is not None else None
            imported = origin[1] if origin[1] not in ("default", "*") else name
            other_cls = other.class_named(imported) if other is not None else None
            if other is not None and other_cls is not None and target is not None:
                return class_kind(other, other_cls, project, str(target)) in ("component", "custom")
    return False


# Type tokens ------------------------------------------------------------------------------------

_TOKEN_PART = r"[^:\s]+"
TOKEN = re.compile(rf"^{_TOKEN_PART}:{_TOKEN_PART}:{_TOKEN_PART}$")


def token_package(ctx: Context) -> str:
    """The package part of new type tokens: the option, else the project name, else ``pkg``."""
    option = ctx.options.get("package")
    if isinstance(option, str) and option:
        return option
    project = ctx.project
    name = getattr(project, "name", None)
    if isinstance(name, str) and name:
        return re.sub(r"[^A-Za-z0-9_.\-]", "-", name)
    return DEFAULT_TOKEN_PACKAGE


def token_module(ctx: Context) -> str:
    option = ctx.options.get("module")
    return option if isinstance(option, str) and option else DEFAULT_TOKEN_MODULE


# Source layout ----------------------------------------------------------------------------------


def line_start(source: bytes, offset: int) -> int:
    return max(source.rfind(b"\n", 0, offset), source.rfind(b"\r", 0, offset)) + 1


def indentation_at(source: bytes, offset: int) -> str:
    start = line_start(source, offset)
    text = source[start:offset]
    return text[: len(text) - len(text.lstrip(b" \t"))].decode()


def indent_unit(source: bytes) -> str:
    """The file's indentation step: a tab, or the smallest run of leading spaces (2 by default)."""
    smallest = 0
    for line in source.splitlines():
        stripped = line.lstrip(b" ")
        if line.startswith(b"\t"):
            return "\t"
        width = len(line) - len(stripped)
        if width and stripped and not stripped.startswith((b"*", b"//")) and (not smallest or width < smallest):
            smallest = width
    return " " * (smallest or 2)


def newline(source: bytes) -> str:
    return "\r\n" if b"\r\n" in source else "\n"


def quote_char(program: Program) -> str:
    for imp in program.imports:
        if imp.quote in ("'", '"'):
            return imp.quote
    return "'"


def string_literal(text: str, quote: str) -> str:
    escaped = text.replace("\\", "\\\\").replace(quote, "\\" + quote)
    return f"{quote}{escaped}{quote}"


def after_imports(program: Program, source: bytes) -> int:
    """Where a new import goes: after the last import statement, else at the top of the file."""
    if program.imports:
        end = max(imp.span.end for imp in program.imports)
        return end
    return 0


def ensure_pulumi(ctx: Context) -> tuple[str, list[Edit]]:
    """The local name of @pulumi/pulumi, with the edit that imports it when the file does not."""
    alias = pulumi_alias(ctx.program)
    if alias is not None:
        return alias, []
    if ctx.program.variable("pulumi") is not None or "pulumi" in import_prefixes(ctx.program):
        return "pulumi", []  # a name we must not shadow; leave the file alone
    quote = quote_char(ctx.program)
    nl = newline(ctx.source)
    offset = after_imports(ctx.program, ctx.source)
    statement = f"import * as pulumi from {quote}{PULUMI}{quote};"
    text = f"{nl}{statement}" if offset else f"{statement}{nl}"
    return "pulumi", [Edit(offset, offset, text)]


def pulumi_member(ctx: Context, member: str) -> tuple[str, list[Edit]]:
    """How to name ``pulumi.<member>`` in this file: a named import of it, else the namespace."""
    for local, (package, path) in import_prefixes(ctx.program).items():
        if package == PULUMI and path == f"pulumi.{member}":
            return local, []
    if pulumi_alias(ctx.program) is None:
        # `import { ComponentResource } from '@pulumi/pulumi'`: name one more member there.
        for imp in ctx.program.imports:
            named = [b for b in imp.bindings if b.imported not in ("*", "default")]
            if imp.module == PULUMI and named and not imp.type_only and member not in declared_names(ctx.program):
                end = max(b.span.end for b in named)
                return member, [Edit(end, end, f", {member}")]
    alias, edits = ensure_pulumi(ctx)
    return f"{alias}.{member}", edits


def keyword_span(ctx: Context, fn: Function, keyword: str = "constructor") -> tuple[int, int]:
    text = ctx.source[fn.span.start : fn.span.end]
    match = re.search(rb"\b" + keyword.encode() + rb"\b", text)
    if match is None:
        return fn.span.start, fn.span.start
    return fn.span.start + match.start(), fn.span.start + match.end()


def parameter_list(ctx: Context, fn: Function) -> tuple[int, int] | None:
    """The byte range inside the parentheses of a function's parameter list."""
    source = ctx.source
    start = keyword_span(ctx, fn)[1] if fn.name == "constructor" else fn.span.start
    open_paren = source.find(b"(", start, fn.body.start if fn.body else fn.span.end)
    if open_paren < 0:
        return None
    close = source.find(b")", fn.params[-1].span.end if fn.params else open_paren)
    if close < 0:
        return None
    return open_paren + 1, close


def declared_names(program: Program) -> set[str]:
    names = {d.name for d in program.variables}
    names |= {b.local for imp in program.imports for b in imp.bindings}
    names |= {c.name for c in program.classes}
    names |= {f.name for f in program.functions if f.name}
    return names


def unique_name(base: str, taken: set[str]) -> str:
    name = base
    counter = 2
    while name in taken:
        name = f"{base}{counter}"
        counter += 1
    return name


def camel_case(text: str) -> str:
    words = [w for w in re.split(r"[^A-Za-z0-9]+", text) if w]
    if not words:
        return ""
    head = words[0][0].lower() + words[0][1:]
    result = head + "".join(w[0].upper() + w[1:] for w in words[1:])
    return result if not result[0].isdigit() else "_" + result


def value_reads(value: Value | None, name: str, program: Program | None = None) -> bool:
    """Whether ``value`` mentions the identifier ``name`` (alone or as the head of a path).

    With ``program``, the names ``value`` mentions are kept with its statement across edits.
    """
    if value is None:
        return False
    if program is not None:
        return name in derived(program, value, "mentioned-heads", _mentioned_heads, value)
    return any(item.name and (item.name == name or item.name.startswith(name + ".")) for item in value.walk())


def _mentioned_heads(value: Value) -> frozenset[str]:
    heads: set[str] = set()
    for item in value.walk():
        if item.name:
            index = item.name.find(".")
            while index >= 0:
                heads.add(item.name[:index])
                index = item.name.find(".", index + 1)
            heads.add(item.name)
    return frozenset(heads)


def relative_path(project: Project | None, path: str | None) -> str | None:
    if project is None or path is None:
        return None
    try:
        return Path(path).resolve().relative_to(project.root.resolve()).as_posix()
    except ValueError:
        return None


def object_insert(ctx: Context, obj: Value, text: str, *, first: bool = False) -> Edit:
    """Add ``text`` (a property) to an object literal, following its one-line or multi-line layout."""
    source = ctx.source
    members = sorted([*obj.properties, *obj.spreads], key=lambda m: m.start)
    if not members:
        return Edit(obj.start, obj.end, f"{{ {text} }}")
    multiline = b"\n" in source[obj.start : members[0].start]
    if first:
        head = members[0].start
        indent = indentation_at(source, head)
        return Edit(head, head, f"{text},{newline(source)}{indent}" if multiline else f"{text}, ")
    last = members[-1]
    if multiline:
        return Edit(last.end, last.end, f",{newline(source)}{indentation_at(source, last.start)}{text}")
    return Edit(last.end, last.end, f", {text}")


def statement_of(ctx: Context, construction: Construction) -> tuple[int, int] | None:
    """The statement that constructs a resource, from its line's start, when it starts its line.

    Covers ``const x = new ...;`` (optionally exported) and ``new ...;`` / ``void new ...;``.
    """
    source = ctx.source
    variable = construction.variable
    if variable is not None:
        if not variable.single:
            return None
        start, end = variable.statement.start, variable.statement.end
        allowed: tuple[bytes, ...] = (b"", b"export")
    else:
        start, end = construction.value.start, construction.value.end
        allowed = (b"", b"void")
    line = line_start(source, start)
    if source[line:start].strip() not in allowed:
        return None
    if variable is None and source[end : end + 1] == b";":
        end += 1
    return line, end


def full_lines(source: bytes, start: int, end: int) -> tuple[int, int]:
    """Extend ``[start, end)`` to whole lines, including the final line break."""
    start = line_start(source, start)
    while end < len(source) and source[end : end + 1] in (b" ", b"\t"):
        end += 1
    if source[end : end + 2] == b"\r\n":
        end += 2
    elif source[end : end + 1] in (b"\n", b"\r"):
        end += 1
    return start, end
