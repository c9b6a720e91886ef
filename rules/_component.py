"""Edits shared by the component rules (PUL001, PUL002, PUL004): signatures, super, call sites."""

from __future__ import annotations

from dataclasses import dataclass

from pulumi_lint.findings import Edit
from pulumi_lint.model import ClassInfo, Function, Param, Value
from pulumi_lint.rule import Context

from ._pulumi import (
    indent_unit,
    indentation_at,
    line_start,
    newline,
    parameter_list,
    quote_char,
    string_literal,
)


def is_name_param(param: Param) -> bool:
    return param.type_text in (None, "string") and not param.name.startswith("...")


def is_opts_param(param: Param) -> bool:
    if param.type_text is not None:
        return "ResourceOptions" in param.type_text
    return param.name in ("opts", "options")


def is_rest(param: Param) -> bool:
    return param.name.startswith("...")


def binding_name(param: Param) -> str:
    """The identifier a parameter binds (``private readonly props`` binds ``props``)."""
    words = param.name.replace("...", "").split()
    return words[-1] if words else param.name


@dataclass(slots=True)
class Signature:
    edits: list[Edit]
    name: str  # the name parameter's identifier
    opts: str  # the options parameter's identifier


def signature_edits(
    ctx: Context, fn: Function, opts_type: str, *, add_name: bool, add_opts: bool
) -> Signature | None:
    """Edits that give a constructor a leading ``name: string`` and a trailing ``opts?`` parameter."""
    inner = parameter_list(ctx, fn)
    if inner is None:
        return None
    params = fn.params
    taken = {binding_name(p) for p in params}
    name = "name" if "name" not in taken else "resourceName"
    opts = "opts" if "opts" not in taken else "componentOpts"
    if not add_name:
        name = binding_name(params[0]) if params else name
    if not add_opts:
        opts_param = next((p for p in reversed(params) if is_opts_param(p)), None)
        opts = binding_name(opts_param) if opts_param is not None else opts
    first = f"{name}: string" if add_name else None
    last = f"{opts}?: {opts_type}" if add_opts else None
    if add_opts and params and is_rest(params[-1]):
        return None
    edits: list[Edit] = []
    source = ctx.source
    if not params:
        text = ", ".join(t for t in (first, last) if t)
        edits.append(Edit(inner[0], inner[1], text))
        return Signature(edits, name, opts)
    multiline = b"\n" in source[inner[0] : params[0].span.start]
    nl = newline(source)
    indent = indentation_at(source, params[0].span.start)
    if first:
        text = f"{first},{nl}{indent}" if multiline else f"{first}, "
        edits.append(Edit(params[0].span.start, params[0].span.start, text))
    if last:
        text = f",{nl}{indent}{last}" if multiline else f", {last}"
        edits.append(Edit(params[-1].span.end, params[-1].span.end, text))
    return Signature(edits, name, opts)


def pass_opts_edits(super_call: Value, opts: str) -> list[Edit] | None:
    """Edits that make ``super(type, name, args, opts)`` pass ``opts`` on; None when unsure how."""
    args = super_call.args
    if len(args) >= 4:
        given = args[3]
        if given.kind in ("undefined", "null") or (
            given.kind == "object" and not given.properties and not given.spreads
        ):
            return [Edit(given.start, given.end, opts)]
        if given.kind == "object":
            members = sorted([*given.properties, *given.spreads], key=lambda m: m.start)
            return [Edit(members[0].start, members[0].start, f"...{opts}, ")]
        return None
    if len(args) == 3:
        return [Edit(args[2].end, args[2].end, f", {opts}")]
    if len(args) == 2:
        return [Edit(args[1].end, args[1].end, f", {{}}, {opts}")]
    return None


def call_site_edits(ctx: Context, cls: ClassInfo) -> list[Edit]:
    """Give every ``new Class(...)`` of the file a logical name as its new first argument."""
    quote = quote_char(ctx.program)
    base = cls.name.lower()
    edits: list[Edit] = []
    sites = [c for c in ctx.program.constructions if c.value.name == cls.name]
    for index, site in enumerate(sites):
        name = string_literal(base if index == 0 else f"{base}-{index + 1}", quote)
        value = site.value
        if value.args:
            edits.append(Edit(value.args[0].start, value.args[0].start, f"{name}, "))
            continue
        callee_end = site.callee.end
        paren = ctx.source.find(b"(", callee_end, value.end)
        if paren >= 0:
            edits.append(Edit(paren + 1, paren + 1, name))
        else:
            edits.append(Edit(callee_end, callee_end, f"({name})"))
    return edits


def first_statement_edit(ctx: Context, fn: Function, statement: str) -> Edit | None:
    """Insert ``statement`` as the first statement of a function body."""
    body = fn.body
    if body is None:
        return None
    source = ctx.source
    nl = newline(source)
    outer = indentation_at(source, fn.span.start)
    inner_start, inner_end = body.start + 1, body.end - 1
    content = source[inner_start:inner_end]
    if not content.strip():
        return Edit(inner_start, inner_end, f"{nl}{outer}{indent_unit(source)}{statement}{nl}{outer}")
    first = inner_start + (len(content) - len(content.lstrip()))
    if b"\n" in source[inner_start:first] or b"\r" in source[inner_start:first]:
        indent = indentation_at(source, first)
        start = line_start(source, first)
        return Edit(start, start, f"{indent}{statement}{nl}")
    return Edit(first, first, f"{statement} ")


def last_statement_edit(ctx: Context, fn: Function, lines: list[str]) -> Edit | None:
    """Append a (possibly multi-line) statement at the end of a function body."""
    body = fn.body
    if body is None:
        return None
    source = ctx.source
    nl = newline(source)
    outer = indentation_at(source, fn.span.start)
    inner_start, inner_end = body.start + 1, body.end - 1
    content = source[inner_start:inner_end]
    if not content.strip():
        indent = outer + indent_unit(source)
        text = nl.join(indent + line for line in lines)
        return Edit(inner_start, inner_end, f"{nl}{text}{nl}{outer}")
    first = inner_start + (len(content) - len(content.lstrip()))
    last = inner_start + len(content.rstrip())
    if b"\n" in source[inner_start:first] or b"\r" in source[inner_start:first]:
        indent = indentation_at(source, first)
    else:
        indent = outer + indent_unit(source)
    text = nl.join(indent + line for line in lines)
    tail = source[last:inner_end]
    closing = "" if b"\n" in tail or b"\r" in tail else f"{nl}{outer}"
    return Edit(last, last, f"{nl}{text}{closing}")
