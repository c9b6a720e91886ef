"""Text edits the AWS rules' fixes share: properties in object literals, statements, options.

Every helper returns edits (or None when the code is not in a shape it can edit safely); the
rule decides whether to offer them. Edits keep the surrounding style: one property per line
stays one per line, with the neighbours' indentation and trailing-comma habit.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from pulumi_lint.findings import Edit
from pulumi_lint.model import Construction, Located, Program, Property, Value
from pulumi_lint.rule import Context

_SPACE = b" \t"
_IDENT = re.compile(r"[^A-Za-z0-9_$]+")


def _members(obj: Value) -> list[Located]:
    members: list[Located] = [*obj.properties, *obj.spreads]
    members.sort(key=lambda m: m.start)
    return members


def _skip_space(source: bytes, offset: int, newlines: bool = True) -> int:
    chars = b" \t\r\n" if newlines else _SPACE
    while offset < len(source) and source[offset] in chars:
        offset += 1
    return offset


def _line_start(source: bytes, offset: int) -> int:
    return source.rfind(b"\n", 0, offset) + 1


def _at_line_start(source: bytes, offset: int) -> bool:
    return source[_line_start(source, offset) : offset].strip(_SPACE) == b""


def _end_of_line(source: bytes, offset: int) -> int:
    """The offset after the newline that ends the line containing ``offset`` (or the file end)."""
    end = source.find(b"\n", offset)
    return len(source) if end < 0 else end + 1


def is_multiline(ctx: Context, obj: Value) -> bool:
    return b"\n" in ctx.source[obj.start : obj.end]


def member_indent(ctx: Context, obj: Value) -> str:
    """The indentation of the object's members (one level deeper than the object's line)."""
    members = _members(obj)
    for member in members:
        if _at_line_start(ctx.source, member.start):
            return ctx.line_indent(member.start)
    return ctx.line_indent(obj.start) + indent_unit(ctx)


def indent_unit(ctx: Context) -> str:
    """The file's indentation step: two spaces unless the file shows otherwise."""
    return _indent_unit(ctx.source)


@lru_cache(maxsize=4)
def _indent_unit(source: bytes) -> str:
    for line in source.split(b"\n", 400)[:400]:
        stripped = line.lstrip(b" ")
        if line.startswith(b"\t"):
            return "\t"
        width = len(line) - len(stripped)
        if width and stripped and width in (2, 4):
            return " " * width
    return "  "


def insert_property(ctx: Context, obj: Value, text: str) -> Edit:
    """Add ``text`` (``key: value``) as the last member of the object literal ``obj``."""
    source = ctx.source
    members = _members(obj)
    if not members:
        inner = source[obj.start + 1 : obj.end - 1]
        if b"\n" in inner:
            indent = ctx.line_indent(obj.start)
            return Edit(obj.start, obj.end, f"{{\n{indent}{indent_unit(ctx)}{text},\n{indent}}}")
        return Edit(obj.start, obj.end, f"{{ {text} }}")
    last = members[-1]
    after = _skip_space(source, last.end, newlines=False)
    has_comma = after < len(source) and source[after : after + 1] == b","
    if is_multiline(ctx, obj) and _at_line_start(source, last.start):
        indent = ctx.line_indent(last.start)
        if has_comma:
            return Edit(after + 1, after + 1, f"\n{indent}{text},")
        return Edit(last.end, last.end, f",\n{indent}{text}")
    if has_comma:
        return Edit(after + 1, after + 1, f" {text},")
    return Edit(last.end, last.end, f", {text}")


def remove_property(ctx: Context, obj: Value, prop: Property) -> Edit:
    """Delete ``prop`` from the object literal ``obj``, with its comma and, if alone, its line."""
    source = ctx.source
    after = _skip_space(source, prop.end, newlines=False)
    comma = after < len(source) and source[after : after + 1] == b","
    end = after + 1 if comma else prop.end
    rest = _skip_space(source, end, newlines=False)
    line_ends = rest >= len(source) or source[rest : rest + 1] in (b"\n", b"\r")
    if _at_line_start(source, prop.start) and line_ends:
        return Edit(_line_start(source, prop.start), _end_of_line(source, rest), "")
    if comma:
        return Edit(prop.start, _skip_space(source, end, newlines=False), "")
    # The last member of a one-line object: take the comma before it instead.
    members = _members(obj)
    index = next(i for i, m in enumerate(members) if m.start == prop.start)
    if index > 0:
        return Edit(members[index - 1].end, prop.end, "")
    return Edit(prop.start, prop.end, "")


def remove_properties(ctx: Context, obj: Value, props: Iterable[Property]) -> list[Edit]:
    """Delete several properties of one object literal; neighbouring deletions are merged."""
    source = ctx.source
    removed = {p.start for p in props}
    members = _members(obj)
    kept = [m for m in members if m.start not in removed]
    ranges: list[tuple[int, int]] = []
    for member in members:
        if member.start not in removed:
            continue
        assert isinstance(member, Property)
        edit = remove_property(ctx, obj, member)
        if edit.start == _line_start(source, member.start):  # a whole line
            ranges.append((edit.start, edit.end))
            continue
        later = [m for m in kept if m.start > member.start]
        if later:
            following = next(m for m in members if m.start > member.start)
            ranges.append((member.start, following.start))
            continue
        earlier = [m for m in kept if m.start < member.start]
        after = _skip_space(source, member.end, newlines=False)
        end = after + 1 if source[after : after + 1] == b"," else member.end
        begin = earlier[-1].end if earlier else member.start
        ranges.append((begin, end))
    ranges.sort()
    merged: list[list[int]] = []
    for start, end in ranges:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [Edit(start, end, "") for start, end in merged]


def set_property(ctx: Context, obj: Value, key: str, value_text: str) -> Edit | None:
    """Give ``key`` the value ``value_text`` in the literal ``obj`` (replace or insert)."""
    prop = obj.get(key)
    if prop is not None:
        if prop.value is None or prop.shorthand:
            return Edit(prop.start, prop.end, f"{key}: {value_text}")
        return Edit(prop.value.start, prop.value.end, value_text)
    return insert_property(ctx, obj, f"{key}: {value_text}")


def literal_args(program: Program, construction: Construction) -> Value | None:
    """The construction's args when written as an object literal in the ``new`` expression."""
    args = construction.args
    if args is not None and args.kind == "object":
        return args
    return None


def editable_object(program: Program, value: Value | None) -> Value | None:
    """An object literal to edit for ``value``: itself, or the ``const`` object it names when
    that constant is read only once (editing it changes nothing else)."""
    if value is None:
        return None
    if value.kind == "object":
        return value
    if value.kind == "identifier" and value.name:
        decl = program.variable(value.name, value.start)
        if (
            decl is not None
            and decl.kind == "const"
            and decl.value is not None
            and decl.value.kind == "object"
            and len(program.reads.get(value.name, [])) == 1
        ):
            return decl.value
    return None


def add_argument(ctx: Context, call: Value, text: str) -> Edit | None:
    """Append an argument to a call or ``new`` expression."""
    if not call.args:
        return None
    last = call.args[-1]
    return Edit(last.end, last.end, f", {text}")


def statement_bounds(ctx: Context, construction: Construction) -> tuple[int, int] | None:
    """The start and end of the statement that holds ``construction``, when it is a whole
    statement of its own line: ``const x = new ...;``, ``this.x = new ...;``, ``new ...;``."""
    source = ctx.source
    program = ctx.program
    start: int
    end: int
    if construction.variable is not None and construction.variable.value is construction.value:
        decl = construction.variable
        if not decl.single:
            return None
        start, end = decl.statement.start, decl.statement.end
        line_start = _line_start(source, start)
        before = source[line_start:start]
        if before.strip(_SPACE) == b"export":
            start = line_start + before.find(b"export")
    else:
        assignment = next(
            (a for cls in program.classes for a in cls.this_assignments if a.value is construction.value),
            None,
        )
        if assignment is not None:
            start, end = assignment.span.start, assignment.span.end
        else:
            start, end = construction.value.start, construction.value.end
            line = source[_line_start(source, start) : start].strip(_SPACE)
            if line == b"void":
                start = _line_start(source, start) + source[_line_start(source, start) : start].find(b"void")
        after = _skip_space(source, end, newlines=False)
        if source[after : after + 1] == b";":
            end = after + 1
    if not _at_line_start(source, start):
        return None
    return start, end


def insert_before_statement(ctx: Context, bounds: tuple[int, int], text: str) -> Edit:
    """Insert the statement(s) ``text`` (no indentation, lines joined by ``\\n``) on their own lines
    before the statement at ``bounds``, at its indentation."""
    start = bounds[0]
    indent = ctx.line_indent(start)
    lines = [f"{indent}{line}" if line else "" for line in text.split("\n")]
    line_start = _line_start(ctx.source, start)
    return Edit(line_start, line_start, "\n".join(lines) + "\n")


def insert_after_statement(ctx: Context, bounds: tuple[int, int], text: str) -> Edit:
    start, end = bounds
    indent = ctx.line_indent(start)
    lines = [f"{indent}{line}" if line else "" for line in text.split("\n")]
    return Edit(end, end, "\n" + "\n".join(lines))


def indent_block(ctx: Context, text: str) -> str:
    """Re-indent a two-space template to the file's indentation step."""
    unit = indent_unit(ctx)
    if unit == "  ":
        return text
    out = []
    for line in text.split("\n"):
        stripped = line.lstrip(" ")
        depth = (len(line) - len(stripped)) // 2
        out.append(unit * depth + stripped)
    return "\n".join(out)


def unique_name(program: Program, base: str) -> str:
    """``base``, or ``base2``, ``base3``... whichever no variable or read uses yet."""
    taken = {decl.name for decl in program.variables} | set(program.reads)
    name = base
    number = 2
    while name in taken:
        name = f"{base}{number}"
        number += 1
    return name


def camel_identifier(text: str, suffix: str) -> str:
    """``order-processor`` + ``LogGroup`` -> ``orderProcessorLogGroup``."""
    words = [w for w in _IDENT.split(text) if w]
    if not words:
        return suffix[0].lower() + suffix[1:]
    head = words[0][0].lower() + words[0][1:]
    name = head + "".join(w[0].upper() + w[1:] for w in words[1:])
    if name[0].isdigit():
        name = "r" + name
    return name + suffix


def derived_logical_name(ctx: Context, name_arg: Value | None, suffix: str) -> str | None:
    """A logical name for a new resource beside another: ``'api'`` -> ``'api-logs'``,
    `` `api-${env}` `` -> `` `api-${env}-logs` ``, ``name`` -> `` `${name}-logs` ``."""
    if name_arg is None:
        return None
    text = ctx.text(name_arg)
    if name_arg.kind == "string" and name_arg.string is not None:
        quote = name_arg.quote or "'"
        inner = text[1:-1]
        return f"{quote}{inner}{suffix}{quote}"
    if name_arg.kind == "template" and text.startswith("`"):
        return text[:-1] + suffix + "`"
    return f"`${{{text}}}{suffix}`"


def options_parent_text(ctx: Context, construction: Construction) -> str | None:
    """``{ parent: this }``-style options (parent and provider only) for a sibling resource."""
    opts = construction.opts
    if opts is None or opts.kind != "object":
        return None
    kept = [p for p in opts.properties if p.key in ("parent", "provider")]
    if not kept:
        return None
    return "{ " + ", ".join(ctx.text(p) for p in kept) + " }"


def add_depends_on(ctx: Context, construction: Construction, ref: str) -> list[Edit] | None:
    """Make ``construction`` depend on ``ref``: a new options argument, a new ``dependsOn``, or
    one more item in an existing ``dependsOn`` array literal."""
    opts = construction.opts
    if opts is None:
        args = construction.args
        if args is None:
            name_arg = construction.name_arg
            if name_arg is None:
                return None
            return [Edit(name_arg.end, name_arg.end, f", {{}}, {{ dependsOn: [{ref}] }}")]
        return [Edit(args.end, args.end, f", {{ dependsOn: [{ref}] }}")]
    if opts.kind != "object":
        return None
    depends = opts.get("dependsOn")
    if depends is None:
        if opts.spreads:
            return None
        return [insert_property(ctx, opts, f"dependsOn: [{ref}]")]
    value = depends.value
    if value is None:
        return None
    if value.kind == "array":
        if any(ctx.text(item) == ref for item in value.items):
            return None
        if not value.items:
            return [Edit(value.start, value.end, f"[{ref}]")]
        last = value.items[-1]
        return [Edit(last.end, last.end, f", {ref}")]
    # dependsOn: x -> dependsOn: [x, ref]
    return [Edit(value.start, value.end, f"[{ctx.text(value)}, {ref}]")]


def edits_overlap(edits: Iterable[Edit]) -> bool:
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    pairs = zip(ordered, ordered[1:], strict=False)
    return any(b.start < a.end or (a.start == a.end == b.start == b.end) for a, b in pairs)


def reference_at(ctx: Context, construction: Construction, at: int) -> str | None:
    """How code at offset ``at`` can name ``construction``: its variable, when declared before
    ``at`` and visible there, or ``this.<field>`` inside the class that assigned it earlier."""
    program = ctx.program
    decl = construction.variable
    if decl is not None and decl.value is construction.value:
        visible = program.variable(decl.name, at)
        if visible is decl and decl.declarator.end <= at:
            return decl.name
    for cls in program.classes:
        if not cls.span.contains(at):
            continue
        for assignment in cls.this_assignments:
            target = program.resolve(assignment.value)
            if (target is construction.value or assignment.value is construction.value) and (
                assignment.span.end <= at
            ):
                return f"this.{assignment.field}"
    return None
