"""Findings as the terminal and other programs see them: 1-based lines, columns in characters.

Findings carry byte offsets; this module converts them once, per file, into :class:`Report`
records (plain data, cheap to send between processes) and renders those as text, JSON or GitHub
workflow annotations. Columns count code points, as Ruff's do, so a finding after an emoji lands
where a human reading the line expects it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from .findings import Applicability, Finding
from .text import LineIndex

OutputFormat = Literal["text", "json", "github"]
OUTPUT_FORMATS: tuple[OutputFormat, ...] = ("text", "json", "github")


@dataclass(frozen=True, slots=True)
class Location:
    """A 1-based line and a 1-based column counted in characters (code points)."""

    line: int
    column: int

    def to_dict(self) -> dict[str, int]:
        return {"line": self.line, "column": self.column}


@dataclass(frozen=True, slots=True)
class EditReport:
    start: Location
    end: Location
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start.to_dict(), "end": self.end.to_dict(), "text": self.text}


@dataclass(frozen=True, slots=True)
class FixReport:
    title: str
    applicability: str
    edits: tuple[EditReport, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "applicability": self.applicability,
            "edits": [edit.to_dict() for edit in self.edits],
        }


@dataclass(frozen=True, slots=True)
class Report:
    """One finding, positioned for people: what every output format renders."""

    code: str
    name: str
    severity: str
    path: str
    start: Location
    end: Location
    message: str
    fixes: tuple[FixReport, ...] = ()
    tags: tuple[str, ...] = ()

    @property
    def has_safe_fix(self) -> bool:
        return any(fix.applicability == Applicability.SAFE.value for fix in self.fixes)

    @property
    def has_unsafe_fix_only(self) -> bool:
        return bool(self.fixes) and not self.has_safe_fix

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity,
            "path": self.path,
            "start": self.start.to_dict(),
            "end": self.end.to_dict(),
            "message": self.message,
            "fixes": [fix.to_dict() for fix in self.fixes],
            "tags": list(self.tags),
        }


def location(lines: LineIndex, offset: int) -> Location:
    position = lines.position(offset, "utf-32")
    return Location(position.line + 1, position.character + 1)


def report(finding: Finding, lines: LineIndex, path: str) -> Report:
    """Position ``finding`` in the source that ``lines`` indexes."""
    fixes = tuple(
        FixReport(
            fix.title,
            fix.applicability.value,
            tuple(EditReport(location(lines, e.start), location(lines, e.end), e.text) for e in fix.edits),
        )
        for fix in finding.fixes
    )
    return Report(
        code=finding.code,
        name=finding.name,
        severity=finding.severity.value,
        path=path,
        start=location(lines, finding.start),
        end=location(lines, finding.end),
        message=finding.message,
        fixes=fixes,
        tags=tuple(tag.value for tag in finding.tags),
    )


def format_text(item: Report) -> str:
    # One finding per line, whatever the message holds, so that grep and editors' error
    # matchers (path:line:col: ...) keep working.
    message = " ".join(item.message.split())
    return f"{item.path}:{item.start.line}:{item.start.column}: {item.code} {message}"


def format_json(items: Iterable[Report]) -> str:
    import json

    return json.dumps([item.to_dict() for item in items], indent=2, ensure_ascii=False)


_GITHUB_LEVELS = {"error": "error", "warning": "warning", "info": "notice", "hint": "notice"}


def _github_escape(text: str, *, property_value: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def format_github(item: Report) -> str:
    """A GitHub Actions workflow command that annotates the line in a pull request."""
    level = _GITHUB_LEVELS.get(item.severity, "warning")
    props = ",".join(
        [
            f"file={_github_escape(item.path, property_value=True)}",
            f"line={item.start.line}",
            f"col={item.start.column}",
            f"endLine={item.end.line}",
            f"endColumn={item.end.column}",
            f"title={_github_escape(item.code + ' ' + item.name, property_value=True)}",
        ]
    )
    return f"::{level} {props}::{_github_escape(item.code + ' ' + item.message)}"


def _problems(count: int) -> str:
    return f"{count} problem" if count == 1 else f"{count} problems"


def check_summary(items: Sequence[Report], *, unsafe_fixes: bool) -> str:
    """``Found N problems (M fixable with --fix, K more with --unsafe-fixes)``, as Ruff puts it."""
    if not items:
        return "All checks passed!"
    safe = sum(1 for item in items if item.has_safe_fix)
    unsafe_only = sum(1 for item in items if item.has_unsafe_fix_only)
    fixable, hidden = (safe + unsafe_only, 0) if unsafe_fixes else (safe, unsafe_only)
    parts = []
    if fixable:
        parts.append(f"{fixable} fixable with --fix")
    if hidden:
        parts.append(
            f"{hidden} more with --unsafe-fixes" if fixable else f"{hidden} fixable with --unsafe-fixes"
        )
    detail = f" ({', '.join(parts)})" if parts else ""
    return f"Found {_problems(len(items))}{detail}"


def fix_summary(fixed: int, remaining: Sequence[Report], *, unsafe_fixes: bool) -> str:
    """What ``--fix`` did: ``Found N problems (F fixed, R remaining)``."""
    total = fixed + len(remaining)
    if total == 0:
        return "All checks passed!"
    text = f"Found {_problems(total)} ({fixed} fixed, {len(remaining)} remaining)"
    hidden = 0 if unsafe_fixes else sum(1 for item in remaining if item.has_unsafe_fix_only)
    if hidden:
        text += f"\n{hidden} more fixable with --unsafe-fixes"
    return text


_DIFF_LINE = re.compile(r"[^\n]*\n|[^\n]+\Z")


def unified_diff(path: str, before: bytes, after: bytes) -> str:
    """A unified diff of two versions of ``path``, marking a missing final newline as git does."""
    import difflib

    # Split on "\n" only, as patch and git do (str.splitlines would also break on U+2028).
    old = _DIFF_LINE.findall(before.decode("utf-8"))
    new = _DIFF_LINE.findall(after.decode("utf-8"))
    out: list[str] = []
    for line in difflib.unified_diff(old, new, fromfile=f"a/{path}", tofile=f"b/{path}"):
        if line.endswith("\n"):
            out.append(line)
        else:
            out.append(line + "\n\\ No newline at end of file\n")
    return "".join(out)
