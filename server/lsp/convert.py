"""Findings to LSP types: the one place where byte offsets become positions."""

from __future__ import annotations

from lsprotocol import types as lsp

from ..findings import Edit, Finding, Severity, Tag
from ..rule import docs_url
from ..text import Encoding, LineIndex, Position

SOURCE = "pulumi-lint"

_SEVERITY = {
    Severity.ERROR: lsp.DiagnosticSeverity.Error,
    Severity.WARNING: lsp.DiagnosticSeverity.Warning,
    Severity.INFO: lsp.DiagnosticSeverity.Information,
    Severity.HINT: lsp.DiagnosticSeverity.Hint,
}
_TAGS = {Tag.UNNECESSARY: lsp.DiagnosticTag.Unnecessary, Tag.DEPRECATED: lsp.DiagnosticTag.Deprecated}


def encoding_of(kind: object) -> Encoding:
    value = str(getattr(kind, "value", kind))
    if value == "utf-8":
        return "utf-8"
    if value == "utf-32":
        return "utf-32"
    return "utf-16"


def to_range(lines: LineIndex, start: int, end: int, encoding: Encoding) -> lsp.Range:
    a = lines.position(start, encoding)
    b = lines.position(end, encoding)
    return lsp.Range(lsp.Position(a.line, a.character), lsp.Position(b.line, b.character))


def to_offset(lines: LineIndex, position: lsp.Position, encoding: Encoding) -> int:
    return lines.offset(Position(position.line, position.character), encoding)


def to_diagnostic(
    finding: Finding, lines: LineIndex, encoding: Encoding, docs_base: str | None = None
) -> lsp.Diagnostic:
    # A project file that cannot be read has a problem, not a rule's finding: no code, no docs.
    code = finding.code or None
    return lsp.Diagnostic(
        range=to_range(lines, finding.start, finding.end, encoding),
        message=finding.message,
        severity=_SEVERITY[finding.severity],
        code=code,
        code_description=lsp.CodeDescription(href=docs_url(code, docs_base)) if code else None,
        source=SOURCE,
        tags=[_TAGS[t] for t in finding.tags] or None,
        data={"name": finding.name} if code else None,
    )


def to_text_edit(edit: Edit, lines: LineIndex, encoding: Encoding) -> lsp.TextEdit:
    return lsp.TextEdit(range=to_range(lines, edit.start, edit.end, encoding), new_text=edit.text)
