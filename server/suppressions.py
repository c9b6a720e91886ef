"""Suppression comments, read the same way by the CLI and the server.

- ``// pulumi-lint-disable-next-line CODE[, CODE] [-- reason]``: the next line.
- ``// pulumi-lint-disable-line CODE[, CODE] [-- reason]``: the comment's own line.
- ``/* pulumi-lint-disable CODE[, CODE] [-- reason] */``: the whole file.

With no code the comment suppresses every rule. Only real comments count: the same words inside
a string literal suppress nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from tree_sitter import Tree

from .findings import Finding
from .text import LineIndex

MARKER = b"pulumi-lint-disable"
_DIRECTIVE = re.compile(
    r"pulumi-lint-(?P<kind>disable-next-line|disable-line|disable)\b(?P<rest>[^\r\n]*)"
)
_CODE = re.compile(r"[A-Z]{2,4}[0-9]{3}")

Kind = Literal["next-line", "line", "file"]


@dataclass(slots=True)
class Suppression:
    kind: Kind
    codes: tuple[str, ...]  # empty: every rule
    reason: str | None
    start: int  # the comment's byte range
    end: int
    line: int  # the line it applies to (-1 for file-wide)
    code_spans: tuple[tuple[str, int, int], ...] = ()
    used: set[str] = field(default_factory=set)

    def covers(self, code: str) -> bool:
        return not self.codes or code in self.codes


def parse_suppressions(source: bytes, tree: Tree, lines: LineIndex) -> list[Suppression]:
    result: list[Suppression] = []
    if MARKER not in source:
        return result
    root = tree.root_node
    position = source.find(MARKER)
    while position != -1:
        node = root.descendant_for_byte_range(position, position + len(MARKER))
        if node is not None and node.type == "comment":
            result.extend(_parse_comment(source, node.start_byte, node.end_byte, lines))
            position = source.find(MARKER, node.end_byte)
        else:
            position = source.find(MARKER, position + len(MARKER))
    return result


def _parse_comment(source: bytes, start: int, end: int, lines: LineIndex) -> list[Suppression]:
    text = source[start:end].decode("utf-8", errors="replace")
    found: list[Suppression] = []
    for match in _DIRECTIVE.finditer(text):
        rest = match.group("rest")
        if rest.rstrip().endswith("*/"):
            rest = rest.rstrip()[:-2]
        reason = None
        if "--" in rest:
            rest, reason_text = rest.split("--", 1)
            reason = reason_text.strip() or None
        rest_offset = match.start("rest")
        code_spans = []
        for code_match in _CODE.finditer(rest):
            byte_start = start + len(text[: rest_offset + code_match.start()].encode())
            code_spans.append((code_match.group(), byte_start, byte_start + len(code_match.group())))
        codes = tuple(c for c, _, _ in code_spans)
        raw_kind = match.group("kind")
        kind: Kind
        comment_line = lines.line_of(start)
        if raw_kind == "disable-next-line":
            kind, line = "next-line", lines.line_of(end) + 1
        elif raw_kind == "disable-line":
            kind, line = "line", comment_line
        else:
            kind, line = "file", -1
        found.append(Suppression(kind, codes, reason, start, end, line, tuple(code_spans)))
    return found


def apply_suppressions(
    findings: Iterable[Finding], suppressions: list[Suppression], lines: LineIndex
) -> list[Finding]:
    """The findings no suppression covers; marks each suppression with the codes it silenced."""
    if not suppressions:
        return list(findings)
    file_wide = [s for s in suppressions if s.kind == "file"]
    by_line: dict[int, list[Suppression]] = {}
    for suppression in suppressions:
        if suppression.kind != "file":
            by_line.setdefault(suppression.line, []).append(suppression)
    kept: list[Finding] = []
    for finding in findings:
        line = lines.line_of(finding.start)
        matched = next((s for s in by_line.get(line, ()) if s.covers(finding.code)), None)
        if matched is None:
            matched = next((s for s in file_wide if s.covers(finding.code)), None)
        if matched is None:
            kept.append(finding)
        else:
            matched.used.add(finding.code)
    return kept
