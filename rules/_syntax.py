"""Syntax helpers for rules whose fixes must respect the exact shape of a statement.

The program model says what a statement means; a fix that deletes part of an import clause or
rewrites a declaration also needs the punctuation around it. These helpers find the one tree node
behind a model fact (a lookup by byte range, not a walk of the tree) and build deletions that keep
the surrounding lines tidy.
"""

from __future__ import annotations

from pulumi_lint.findings import Edit
from pulumi_lint.model import Located
from pulumi_lint.rule import Context
from tree_sitter import Node


def node_at(ctx: Context, where: Located, kind: str) -> Node | None:
    """The node of type ``kind`` that spans exactly ``where``, if the tree has one."""
    node: Node | None = ctx.document.tree.root_node.descendant_for_byte_range(where.start, where.end)
    while node is not None:
        if node.type == kind and node.start_byte == where.start and node.end_byte == where.end:
            return node
        if node.start_byte < where.start or node.end_byte > where.end:
            return None
        node = node.parent
    return None


def _is_blank(text: bytes) -> bool:
    return not text.strip(b" \t")


def delete_statement(ctx: Context, start: int, end: int) -> Edit:
    """Delete the statement at ``[start, end)``.

    A statement alone on its lines goes with its lines, including a trailing ``// comment`` (which
    is about the statement: ``import * as fs from 'fs'; // never used``). A statement that shares
    its line with other code goes with the blanks that separate it from its neighbour.
    """
    source = ctx.source
    lines = ctx.document.lines
    first = lines.line_of(start)
    last = lines.line_of(end)
    line_start = lines.starts[first]
    before = source[line_start:start]
    after = source[end : lines.line_end(last)].strip(b" \t")
    if _is_blank(before) and (not after or after.startswith(b"//")):
        return ctx.edit(line_start, lines.line_end(last, include_break=True), "")
    cut_end = end
    while cut_end < len(source) and source[cut_end : cut_end + 1] in (b" ", b"\t"):
        cut_end += 1
    if cut_end == lines.line_end(last) and not _is_blank(before):
        # Nothing follows on the line: take the blanks before the statement instead.
        cut_start = start
        while cut_start > line_start and source[cut_start - 1 : cut_start] in (b" ", b"\t"):
            cut_start -= 1
        return ctx.edit(cut_start, end, "")
    return ctx.edit(start, cut_end, "")
