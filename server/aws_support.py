"""What the AWS configuration rules share: the project's @pulumi/aws major, the project's other
program files, names of resource types as the program writes them, and the text edits their fixes
are made of (removing a property, adding one, inserting a statement, rendering a new resource).

The fixes write TypeScript in the style of the file they edit: its quote character, its indent
unit, its semicolons, and the import binding it already uses for `@pulumi/aws`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .aws_model import aws_major_version, boolean_of, number_of, programs_in_scope, string_of
from .findings import Edit
from .model import Construction, Located, Program, Property, Value, VarDecl
from .model_builder import import_prefixes, resolve_name
from .rule import Context

DEFAULT_AWS_MAJOR = 7

LAMBDA_FUNCTION_TYPES = ("aws.lambda.Function", "aws.lambda.CallbackFunction")
# The v6 names of the S3 configuration resources v7 renamed (v6's BucketV2 is v7's Bucket).
S3_V2_NAMES = {
    "aws.s3.BucketLifecycleConfigurationV2": "aws.s3.BucketLifecycleConfiguration",
    "aws.s3.BucketVersioningV2": "aws.s3.BucketVersioning",
}


def s3_type(resource_type: str | None) -> str | None:
    """The v7 name of an S3 configuration resource written with its v6 `...V2` name."""
    return S3_V2_NAMES.get(resource_type or "", resource_type)


# --------------------------------------------------------------------------------------------------
# The project around the file


def aws_major(ctx: Context) -> tuple[int, bool]:
    """The @pulumi/aws major version of the nearest package.json, and whether it was found.

    The project (`ctx.project.aws_major`, when it offers one) answers first, then the package.json
    nearest the file. Without either the current major, 7, is assumed; the fixes say so in their
    titles.
    """
    project = ctx.project
    if project is not None:
        major = getattr(project, "aws_major", None)
        if callable(major):  # a per-file lookup: the nearest package.json of this document
            major = major(ctx.document.path)
        if isinstance(major, int) and major > 0:
            return major, bool(getattr(project, "aws_major_known", True))
    path = ctx.document.path or ""
    cached = _MAJOR_BY_FILE.get(path)
    if cached is not None and cached[0] is ctx.program:
        return cached[1]
    found = aws_major_version(ctx.document.path)
    result = (found, True) if found is not None else (DEFAULT_AWS_MAJOR, False)
    if len(_MAJOR_BY_FILE) >= 16:
        _MAJOR_BY_FILE.clear()
    _MAJOR_BY_FILE[path] = (ctx.program, result)  # one lookup per analysis of the file
    return result


_MAJOR_BY_FILE: dict[str, tuple[Program, tuple[int, bool]]] = {}


def version_note(ctx: Context) -> str:
    """The suffix a version-aware fix title carries when it had to assume the major."""
    major, known = aws_major(ctx)
    return "" if known else f" (assuming @pulumi/aws v{major}: no package.json names it)"


def project_programs(ctx: Context) -> list[Program]:
    """This file's program first, then the project's other program files (when there is a project)."""
    return programs_in_scope(ctx)


def _normalised(path: str | None) -> str | None:
    if not path:
        return None
    try:
        return str(Path(path).resolve())
    except OSError:
        return path


def project_resources(ctx: Context, *types: str) -> Iterator[tuple[Program, Construction]]:
    for program in project_programs(ctx):
        for construction in program.resources_of(*types):
            yield program, construction


def stack_default_tag_keys(ctx: Context) -> frozenset[str] | None:
    """The tag keys `aws:defaultTags` gives the default provider in every stack, or None if unknown.

    The project answers when it offers `aws_default_tags`; otherwise the stack files
    (`Pulumi.<stack>.yaml`, and `Pulumi.yaml`'s project-level `config`) beside the nearest
    `Pulumi.yaml` are read. A key counts only if every stack sets it.
    """
    project = ctx.project
    if project is not None:
        value: Any = getattr(project, "aws_default_tags", None)
        if callable(value):
            value = value(ctx.document.path)
        if value is not None:
            return frozenset(str(k) for k in value)
        stacks = getattr(project, "stacks", None)
        if isinstance(stacks, list):  # pulumi_lint.project.Project: parsed stack files
            return _project_default_tags(project, stacks)
    if not ctx.document.path:
        return None
    folder = _pulumi_project_dir(Path(ctx.document.path))
    if folder is None:
        return None
    stamp = tuple((p.name, p.stat().st_mtime_ns) for p in sorted(folder.glob("Pulumi*.y*ml")) if p.is_file())
    return _stack_default_tags(str(folder), stamp)


def _config_default_tags(keys: Any) -> frozenset[str] | None:
    for key in keys or ():
        if getattr(key, "namespace", None) == "aws" and getattr(key, "name", None) == "defaultTags":
            value = getattr(key, "value", None)
            if isinstance(value, dict) and "value" in value and "tags" not in value:
                value = value["value"]  # Pulumi.yaml's project-level `config: {key: {value: ...}}`
            return _default_tag_keys(value)
    return None


def _project_default_tags(project: Any, stacks: list[Any]) -> frozenset[str] | None:
    if not stacks:
        return None
    base = _config_default_tags(getattr(project, "project_config", None))
    keys = [_config_default_tags(getattr(stack, "keys", None)) for stack in stacks]
    resolved = [k if k is not None else base for k in keys]
    if any(k is None for k in resolved):
        return frozenset()
    return frozenset.intersection(*(k for k in resolved if k is not None))


def _pulumi_project_dir(path: Path) -> Path | None:
    try:
        folder = path.resolve().parent
    except OSError:
        return None
    for candidate in (folder, *folder.parents):
        if (candidate / "Pulumi.yaml").is_file() or (candidate / "Pulumi.yml").is_file():
            return candidate
    return None


@lru_cache(maxsize=32)
def _stack_default_tags(folder: str, stamp: tuple[tuple[str, int], ...]) -> frozenset[str] | None:
    import yaml  # only projects with stack files pay for it

    project_keys: frozenset[str] | None = None
    stacks: list[frozenset[str] | None] = []
    for name, _ in stamp:
        try:
            data = yaml.safe_load((Path(folder) / name).read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError):
            return None
        config = data.get("config") if isinstance(data, dict) else None
        setting = config.get("aws:defaultTags") if isinstance(config, dict) else None
        if name in ("Pulumi.yaml", "Pulumi.yml"):
            if isinstance(setting, dict) and "value" in setting:
                setting = setting["value"]
            project_keys = _default_tag_keys(setting)
        else:
            stacks.append(_default_tag_keys(setting))
    if not stacks:
        return None
    keys = [k if k is not None else project_keys for k in stacks]
    if any(k is None for k in keys):
        return frozenset()
    return frozenset.intersection(*(k for k in keys if k is not None))


def _default_tag_keys(setting: object) -> frozenset[str] | None:
    if isinstance(setting, str):  # written as a JSON string
        import json

        try:
            setting = json.loads(setting)
        except ValueError:
            return None
    if not isinstance(setting, dict):
        return None
    tags = setting.get("tags")
    return frozenset(str(k) for k in tags) if isinstance(tags, dict) else None


# --------------------------------------------------------------------------------------------------
# Names


def canonical(program: Program, dotted: str | None) -> str | None:
    """`lambda.Runtime.NodeJS18dX` -> `aws.lambda.Runtime.NodeJS18dX` through the file's imports."""
    resolved = resolve_name(program, dotted)
    return resolved[1] if resolved is not None else None


def type_text(program: Program, type_path: str, near: Construction | None = None) -> str | None:
    """How this file can name `type_path` (`aws.s3.BucketVersioning`), or None if no import binds it.

    The construction the fix works on is the best model: `s3.Bucket` gives `s3.BucketVersioning`.
    """
    module, _, cls = type_path.rpartition(".")
    if near is not None and near.resource_type and near.value.name:
        near_module = near.resource_type.rpartition(".")[0]
        callee_prefix, dot, _ = near.value.name.rpartition(".")
        if dot and near_module == module:
            return f"{callee_prefix}.{cls}"
    best: tuple[int, str] | None = None
    type_only = {b.local for imp in program.imports for b in imp.bindings if b.type_only or imp.type_only}
    for local, (_, path) in import_prefixes(program).items():
        if local in type_only:
            continue
        if path == type_path:
            return local
        if type_path.startswith(path + "."):
            text = f"{local}.{type_path[len(path) + 1 :]}"
            if best is None or len(path) > best[0]:
                best = (len(path), text)
    return best[1] if best else None


def resource_ref(program: Program, construction: Construction) -> str | None:
    """The expression that names a constructed resource: its variable, or `this.<field>`."""
    if construction.variable is not None:
        return construction.variable.name
    for cls in program.classes:
        for assignment in cls.this_assignments:
            if assignment.value is construction.value:
                return f"this.{assignment.field}"
    return None


def refers_to(value: Value | None, ref: str, *attributes: str) -> bool:
    """Whether `value` is `<ref>` or `<ref>.<attribute>` (`bucket.id`, `this.bucket.bucket`)."""
    if value is None or value.name is None:
        return False
    if value.name == ref:
        return True
    return any(value.name == f"{ref}.{attr}" for attr in attributes)


@dataclass(slots=True)
class _Index:
    program: Program
    variables: dict[str, list[VarDecl]]
    by_declaration: dict[int, Construction]  # id(VarDecl) -> the construction assigned to it
    by_value: dict[int, Construction]  # id(new expression Value) -> its construction


_INDEXES: dict[int, _Index] = {}


def _index(program: Program) -> _Index:
    # Rules that look up every resource's references would otherwise scan every declaration and
    # construction of a large file each time.
    found = _INDEXES.get(id(program))
    if found is not None and found.program is program:
        return found
    variables: dict[str, list[VarDecl]] = {}
    for decl in program.variables:
        variables.setdefault(decl.name, []).append(decl)
    by_declaration = {id(c.variable): c for c in program.constructions if c.variable is not None}
    by_value = {id(c.value): c for c in program.constructions}
    if len(_INDEXES) >= 8:
        _INDEXES.clear()
    found = _Index(program, variables, by_declaration, by_value)
    _INDEXES[id(program)] = found
    return found


def variable_at(program: Program, name: str, at: int) -> VarDecl | None:
    """`program.variable(name, at)` (the innermost declaration in scope), through an index."""
    best: VarDecl | None = None
    for decl in _index(program).variables.get(name, ()):
        if not decl.scope.contains(at):
            continue
        if best is None or best.scope.encloses(decl.scope):
            best = decl
    return best


def construction_of(program: Program, value: Value | None, *types: str) -> Construction | None:
    """The construction an expression such as `bucket.id` or `this.bucket.arn` refers to."""
    if value is None or value.name is None:
        return None
    head, _, rest = value.name.partition(".")
    index = _index(program)
    found: Construction | None = None
    if head == "this":
        field = rest.partition(".")[0]
        for cls in program.classes:
            if not cls.span.contains(value.start):
                continue
            for assignment in cls.this_assignments:
                if assignment.field == field and id(assignment.value) in index.by_value:
                    found = index.by_value[id(assignment.value)]
    else:
        decl = variable_at(program, head, value.start)
        found = index.by_declaration.get(id(decl)) if decl is not None else None
    if found is None or (types and found.resource_type not in types):
        return None
    return found


def fresh_name(program: Program, base: str, taken: Iterable[str] = ()) -> str:
    used = {v.name for v in program.variables} | set(program.reads) | set(taken)
    if base not in used:
        return base
    number = 2
    while f"{base}{number}" in used:
        number += 1
    return f"{base}{number}"


def camel(*words: str) -> str:
    parts = [w for w in words if w]
    if not parts:
        return "resource"
    head = parts[0][0].lower() + parts[0][1:]
    return head + "".join(p[0].upper() + p[1:] for p in parts[1:])


def kebab(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "-", name).lower()


# --------------------------------------------------------------------------------------------------
# The file's style


@dataclass(frozen=True, slots=True)
class Style:
    unit: str
    quote: str
    semicolon: str

    def string(self, text: str) -> str:
        escaped = text.replace("\\", "\\\\").replace(self.quote, "\\" + self.quote)
        return f"{self.quote}{escaped}{self.quote}"


def style(ctx: Context) -> Style:
    quote = next((imp.quote for imp in ctx.program.imports if imp.quote in ("'", '"')), "'")
    return _style(ctx.source, quote)


@lru_cache(maxsize=8)
def _style(source: bytes, quote: str) -> Style:
    unit = "  "
    sizes: list[int] = []
    for line in source.split(b"\n", 400)[:400]:
        if line.startswith(b"\t"):
            unit = "\t"
            break
        stripped = line.lstrip(b" ")
        if stripped and len(stripped) < len(line) and not stripped.startswith((b"*", b"//")):
            sizes.append(len(line) - len(stripped))
    if unit != "\t" and sizes:
        unit = " " * max(2, min(min(sizes), 8))
    # Statement ends in the first part of the file say whether it uses semicolons.
    head = source[:20000]
    statements = re.findall(rb"[;)}\]'\"`\w]\s*\n", head)
    with_semicolon = sum(1 for s in statements if s.startswith(b";"))
    semicolon = ";" if not statements or with_semicolon * 4 >= len(statements) else ""
    return Style(unit, quote, semicolon)


def is_identifier(key: str) -> bool:
    return re.fullmatch(r"[A-Za-z_$][\w$]*", key) is not None


# --------------------------------------------------------------------------------------------------
# Rendering code


@dataclass(frozen=True, slots=True)
class Raw:
    """Source text copied from the file, with the indentation of the line it started on."""

    text: str
    indent: str = ""


class Obj(list[tuple[str, "Code"]]):
    """An object literal to render, as key/value pairs (a key `...` renders a spread)."""


class Arr(list["Code"]):
    """An array literal to render."""


Code = str | Raw | Obj | Arr


def reindent(text: str, old: str, new: str) -> str:
    """Move the continuation lines of `text` from indentation `old` to `new`."""
    lines = text.split("\n")
    out = [lines[0]]
    for line in lines[1:]:
        if line.startswith(old):
            out.append(new + line[len(old) :])
        elif not line.strip():
            out.append("")
        else:
            out.append(new + line.lstrip())
    return "\n".join(out)


# Arrays of short single-line items stay on one line when they fit.
INLINE_WIDTH = 80
INLINE_OBJECT_WIDTH = 60


def render(code: Code, indent: str, unit: str, inline: bool = False, nested: bool = False) -> str:
    """Render `code` as if it started on a line indented by `indent` (on one line if `inline`).

    Nested objects and arrays of short single-line members stay on one line.
    """
    if isinstance(code, str):
        return code
    if isinstance(code, Raw):
        return reindent(code.text, code.indent, indent)
    inner = indent + unit
    if isinstance(code, Obj):
        if not code:
            return "{}"
        parts = []
        for key, value in code:
            shown = "..." if key == "..." else (key if is_identifier(key) else f"'{key}'") + ": "
            parts.append(shown + render(value, inner, unit, inline, nested=True))
        one_line = "{ " + ", ".join(parts) + " }"
        short = nested and all("\n" not in p for p in parts) and len(one_line) <= INLINE_OBJECT_WIDTH
        if inline or short:
            return one_line
        return "{\n" + "\n".join(f"{inner}{part}," for part in parts) + f"\n{indent}}}"
    if not code:
        return "[]"
    if len(code) == 1 and isinstance(code[0], Obj) and not inline:
        return "[" + render(code[0], indent, unit, nested=True) + "]"
    items = [render(item, inner, unit, inline, nested=True) for item in code]
    one_line = "[" + ", ".join(items) + "]"
    if inline or (all("\n" not in i for i in items) and len(one_line) <= INLINE_WIDTH):
        return one_line
    return "[\n" + "\n".join(f"{inner}{item}," for item in items) + f"\n{indent}]"


def raw(ctx: Context, value: Located) -> Raw:
    return Raw(ctx.text(value), ctx.line_indent(value.start))


def new_statement(
    style_: Style,
    variable: str | None,
    type_name: str,
    name: str,
    args: Obj,
    opts: str | None = None,
) -> str:
    """`const <variable> = new <type>(<name>, {...}, <opts>);` rendered at indentation zero."""
    head = f"const {variable} = " if variable else ""
    tail = f", {opts}" if opts else ""
    return f"{head}new {type_name}({name}, {render(args, '', style_.unit)}{tail}){style_.semicolon}"


def suffixed_name(ctx: Context, name_arg: Value | None, suffix: str) -> str:
    """The logical name of a companion resource: `'data'` -> `'data-versioning'`."""
    if name_arg is None:
        return f"'{suffix}'"
    text = ctx.text(name_arg)
    if name_arg.kind in ("string", "template") and len(text) >= 2 and text[-1] in "'\"`":
        return f"{text[:-1]}-{suffix}{text[-1]}"
    return f"`${{{text}}}-{suffix}`"


def child_options(ctx: Context, construction: Construction) -> str | None:
    """The `parent`/`provider` options a companion resource should share with `construction`."""
    opts = construction.opts
    if opts is None or opts.kind != "object":
        return None
    keep = [p for p in opts.properties if p.key in ("parent", "provider")]
    if not keep or any(p.value is None for p in keep):
        return None
    return "{ " + ", ".join(ctx.text(p) for p in keep) + " }"


# --------------------------------------------------------------------------------------------------
# Edits


def _line_start(source: bytes, offset: int) -> int:
    return source.rfind(b"\n", 0, offset) + 1


def _line_end(source: bytes, offset: int) -> int:
    end = source.find(b"\n", offset)
    return len(source) if end < 0 else end


def _blank(text: bytes) -> bool:
    return not text.strip()


def statement_span(ctx: Context, offset: int) -> tuple[int, int]:
    """The statement (in a block, class body or the program) that contains `offset`."""
    node = ctx.document.tree.root_node.descendant_for_byte_range(offset, offset)
    while node is not None and node.parent is not None:
        parent = node.parent
        in_block = parent.type in ("program", "statement_block", "class_body", "switch_body")
        if in_block and (parent.type == "class_body" or node.type.endswith(("statement", "declaration"))):
            return node.start_byte, node.end_byte
        node = parent
    return offset, offset


def insert_after_statement(ctx: Context, offset: int, text: str) -> Edit:
    """Insert `text` (lines at indentation zero) as new statements after the one at `offset`."""
    source = ctx.source
    start, end = statement_span(ctx, offset)
    indent = ctx.line_indent(start)
    line_end = _line_end(source, end)
    rest = source[end:line_end].strip()
    at = line_end if (not rest or rest.startswith(b"//")) else end
    body = "\n".join((indent + line) if line else "" for line in text.split("\n"))
    return Edit(at, at, "\n\n" + body)


def insert_before_statement(ctx: Context, offset: int, text: str) -> Edit:
    start, _ = statement_span(ctx, offset)
    indent = ctx.line_indent(start)
    body = "\n".join((indent + line) if line else "" for line in text.split("\n"))
    return Edit(start, start, body.lstrip(" \t") + "\n\n" + indent)


def _members(obj: Value) -> list[Located]:
    members: list[Located] = [*obj.properties, *obj.spreads]
    members.sort(key=lambda m: m.start)
    return members


def _member_start(ctx: Context, member: Located) -> int:
    # A spread's value starts after its `...`.
    source = ctx.source
    start = member.start
    if isinstance(member, Value):
        probe = start
        while probe > 0 and source[probe - 1 : probe] in (b" ", b"\t"):
            probe -= 1
        if source[probe - 3 : probe] == b"...":
            return probe - 3
    return start


def remove_member(ctx: Context, obj: Value, member: Located) -> Edit:
    """Delete one property (or spread) of an object literal with its comma, and its line if alone."""
    source = ctx.source
    members = _members(obj)
    if len(members) == 1:
        return Edit(obj.start, obj.end, "{}")
    start = _member_start(ctx, member)
    end = member.end
    after = end
    while after < len(source) and source[after : after + 1] in (b" ", b"\t"):
        after += 1
    has_comma = source[after : after + 1] == b","
    if has_comma:
        after += 1
    line_start = _line_start(source, start)
    line_end = _line_end(source, after)
    if _blank(source[line_start:start]) and _blank(source[after:line_end]) and line_end < len(source):
        return Edit(line_start, line_end + 1, "")
    if has_comma:
        while after < len(source) and source[after : after + 1] in (b" ", b"\t"):
            after += 1
        return Edit(start, after, "")
    before = start
    while before > obj.start and source[before - 1 : before] in (b" ", b"\t", b"\n", b"\r"):
        before -= 1
    if source[before - 1 : before] == b",":
        return Edit(before - 1, end, "")
    return Edit(start, end, "")


def _is_multiline(ctx: Context, obj: Value) -> bool:
    return b"\n" in ctx.source[obj.start : obj.end]


def member_indent(ctx: Context, obj: Value, style_: Style) -> str:
    members = _members(obj)
    if members and _is_multiline(ctx, obj):
        return ctx.line_indent(_member_start(ctx, members[0]))
    return ctx.line_indent(obj.start) + style_.unit


def add_member(ctx: Context, obj: Value, code: Code, key: str | None, style_: Style, first: bool = False) -> Edit:
    """Add `key: code` (or a spread, with key None and code `...x`) to an object literal."""
    return add_members(ctx, obj, [(key, code)], style_, first)


def add_members(
    ctx: Context, obj: Value, entries: Sequence[tuple[str | None, Code]], style_: Style, first: bool = False
) -> Edit:
    """Add several members at once, in order, after the last member (or before the first)."""
    source = ctx.source
    members = _members(obj)
    indent = member_indent(ctx, obj, style_)
    multiline = _is_multiline(ctx, obj)
    texts = []
    for key, code in entries:
        rendered = render(code, indent, style_.unit, inline=bool(members) and not multiline)
        texts.append(rendered if key is None else f"{key if is_identifier(key) else repr(key)}: {rendered}")
    if not members:
        if any("\n" in t for t in texts) or len(texts) > 1:
            outer = ctx.line_indent(obj.start)
            body = "".join(f"{indent}{t},\n" for t in texts)
            return Edit(obj.start, obj.end, "{\n" + body + outer + "}")
        return Edit(obj.start, obj.end, "{ " + texts[0] + " }")
    if first:
        at = _member_start(ctx, members[0])
        separator = ",\n" + indent if multiline else ", "
        return Edit(at, at, separator.join(texts) + separator)
    last = members[-1]
    after = last.end
    probe = after
    while probe < obj.end and source[probe : probe + 1] in (b" ", b"\t"):
        probe += 1
    trailing_comma = source[probe : probe + 1] == b","
    if multiline:
        if trailing_comma:
            return Edit(probe + 1, probe + 1, "".join(f"\n{indent}{t}," for t in texts))
        return Edit(after, after, "".join(f",\n{indent}{t}" for t in texts))
    if trailing_comma:
        return Edit(probe + 1, probe + 1, "".join(f" {t}," for t in texts))
    return Edit(after, after, "".join(f", {t}" for t in texts))


def insert_before_member(ctx: Context, obj: Value, member: Located, code: Code, key: str, style_: Style) -> Edit:
    indent = ctx.line_indent(_member_start(ctx, member))
    text = f"{key}: {render(code, indent, style_.unit)}"
    start = _member_start(ctx, member)
    own_line = _blank(ctx.source[_line_start(ctx.source, start) : start])
    return Edit(start, start, text + (",\n" + indent if own_line else ", "))


def replace(value: Located, text: str) -> Edit:
    return Edit(value.start, value.end, text)


def add_option(ctx: Context, construction: Construction, key: str, item: str, style_: Style) -> Edit | None:
    """Add `item` to the resource option `key` (`dependsOn`), creating the options if need be."""
    opts = construction.opts
    args = construction.args
    if opts is None:
        if args is None:
            return None
        return Edit(args.end, args.end, f", {{ {key}: [{item}] }}")
    if opts.kind != "object":
        return None
    existing = opts.get(key)
    if existing is None:
        return add_member(ctx, opts, f"[{item}]", key, style_)
    value = existing.value
    if value is None or value.kind != "array":
        return None
    if not value.items:
        return Edit(value.start, value.end, f"[{item}]")
    return Edit(value.items[-1].end, value.items[-1].end, f", {item}")


def direct_property(value: Value | None, key: str) -> Property | None:
    """A property written in the object literal itself (not reached through a spread or const)."""
    if value is None or value.kind != "object":
        return None
    return value.get(key)


# The literal value of a string, number or boolean, through constants (shared with aws_model).
literal_string = string_of
literal_number = number_of
literal_bool = boolean_of


def format_days(days: float) -> str:
    return str(int(days)) if float(days).is_integer() else str(days)


def int_option(options: Any, key: str, default: int) -> int:
    """A whole-number rule option; a value that is not one falls back to the default."""
    value = options.get(key, default)
    if isinstance(value, bool):
        return default
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def list_option(options: Any, key: str, default: Sequence[str]) -> list[str]:
    """A list-of-names rule option; a single name counts as a list of one."""
    value = options.get(key, default)
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return list(default)


def join_names(names: Sequence[str]) -> str:
    shown = [f"`{n}`" for n in names]
    if len(shown) <= 2:
        return " and ".join(shown)
    return ", ".join(shown[:-1]) + " and " + shown[-1]
