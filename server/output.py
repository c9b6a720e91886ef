"""Findings as the terminal and other programs see them: 1-based lines, columns in characters.

Findings carry byte offsets; this module converts them once, per file, into :class:`Report`
records (plain data, cheap to send between processes) and renders those in every output format:
``full`` (the finding, its source line underlined, the fix), ``concise`` (one line per finding),
``json``, ``sarif`` (SARIF 2.1.0 for code-scanning services), ``github`` (workflow annotations)
and ``junit`` (a test report per file). Columns count code points, as Ruff's do, so a finding
after an emoji lands where a human reading the line expects it.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from .findings import Applicability, Finding
from .text import LineIndex

if TYPE_CHECKING:
    from .rule import Rule

OutputFormat = Literal["full", "concise", "json", "sarif", "github", "junit"]
OUTPUT_FORMATS: tuple[OutputFormat, ...] = ("full", "concise", "json", "sarif", "github", "junit")
# Formats that print findings as they come, followed by a summary line.
TEXT_FORMATS: frozenset[str] = frozenset({"full", "concise"})
TOOL_NAME = "pulumi-lint"
INFORMATION_URI = "https://github.com/pulumi-lint/pulumi-lint"
# Lines of source ``full`` shows for a finding that spans more: the first and the last ones.
CONTEXT_HEAD = 3
CONTEXT_TAIL = 2


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
    # The source lines the range covers, as (1-based number, text), for ``full``; a long range
    # keeps its first and last lines only. Not part of the JSON.
    context: tuple[tuple[int, str], ...] = ()

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


def source_context(lines: LineIndex, start: Location, end: Location) -> tuple[tuple[int, str], ...]:
    """The lines from ``start`` to ``end`` (1-based), without their line breaks."""
    last = end.line
    if last > start.line and end.column == 1:
        last -= 1  # a range that ends at a line break does not reach into the next line
    numbers = list(range(start.line, last + 1))
    if len(numbers) > CONTEXT_HEAD + CONTEXT_TAIL:
        numbers = numbers[:CONTEXT_HEAD] + numbers[-CONTEXT_TAIL:]
    source = lines.source
    shown: list[tuple[int, str]] = []
    for number in numbers:
        index = number - 1
        if index >= len(lines.starts):
            break
        text = source[lines.starts[index] : lines.line_end(index)].decode("utf-8", errors="replace")
        shown.append((number, text))
    return tuple(shown)


def report(finding: Finding, lines: LineIndex, path: str, *, context: bool = False) -> Report:
    """Position ``finding`` in the source that ``lines`` indexes (with its source lines if ``context``)."""
    fixes = tuple(
        FixReport(
            fix.title,
            fix.applicability.value,
            tuple(EditReport(location(lines, e.start), location(lines, e.end), e.text) for e in fix.edits),
        )
        for fix in finding.fixes
    )
    start = location(lines, finding.start)
    end = location(lines, finding.end)
    return Report(
        code=finding.code,
        name=finding.name,
        severity=finding.severity.value,
        path=path,
        start=start,
        end=end,
        message=finding.message,
        fixes=fixes,
        tags=tuple(tag.value for tag in finding.tags),
        context=source_context(lines, start, end) if context else (),
    )


def format_concise(item: Report) -> str:
    # One finding per line, whatever the message holds, so that grep and editors' error
    # matchers (path:line:col: ...) keep working.
    message = " ".join(item.message.split())
    return f"{item.path}:{item.start.line}:{item.start.column}: {item.code} {message}"


format_text = format_concise  # the name ``concise`` had before ``full`` existed


# full ------------------------------------------------------------------------------------------

TAB_WIDTH = 4
# Characters of a source line ``full`` prints at most; longer lines show a window around the range.
LINE_WINDOW = 160


def _char_width(ch: str) -> int:
    if ch == "\t":
        return TAB_WIDTH
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _display(text: str) -> str:
    """The line as printed: tabs expanded (so carets line up under it), control characters shown."""
    if text.isascii() and text.isprintable():
        return text  # most lines: nothing to expand or replace
    out = []
    for ch in text:
        if ch == "\t":
            out.append(" " * TAB_WIDTH)
        elif unicodedata.category(ch) == "Cc":
            out.append("\N{REPLACEMENT CHARACTER}")
        else:
            out.append(ch)
    return "".join(out)


def _width(text: str) -> int:
    if text.isascii() and text.isprintable():
        return len(text)  # one column per character, no tabs
    return sum(_char_width(ch) for ch in text)


def format_full(item: Report) -> str:
    """The concise line, then the source with the range underlined, then each fix, as Ruff prints.

    ::

        index.ts:7:31: AWS001 `AWS_REGION` is reserved by the Lambda runtime: ...
          |
        7 |   environment: { variables: { AWS_REGION: 'us-east-1' } },
          |                               ^^^^^^^^^^ AWS001
          |
          = help: Rename AWS_REGION to REGION (unsafe fix)
    """
    out = [format_concise(item)]
    if item.context:
        gutter = len(str(item.context[-1][0]))
        blank = " " * gutter + " |"
        out.append(blank)
        previous: int | None = None
        last_line = item.context[-1][0]
        for number, text in item.context:
            if previous is not None and number != previous + 1:
                out.append(" " * gutter + " :")
            previous = number
            # Columns are code points, 1-based; the range's part of this line:
            begin = item.start.column - 1 if number == item.start.line else len(text) - len(text.lstrip())
            end = item.end.column - 1 if number == item.end.line else len(text)
            begin, end = min(begin, len(text)), min(max(end, begin), len(text))
            # A very long line (minified code) shows a window around the range.
            first, last = 0, len(text)
            if len(text) > LINE_WINDOW:
                first = max(0, min(begin - LINE_WINDOW // 3, len(text) - LINE_WINDOW))
                last = first + LINE_WINDOW
            head = "…" if first > 0 else ""
            tail = "…" if last < len(text) else ""
            out.append(f"{number:>{gutter}} | {head}{_display(text[first:last])}{tail}".rstrip())
            pad = _width(head) + _width(text[first:begin])
            shown = text[begin : min(end, last)]
            marks = max(1, _width(shown)) if number == item.start.line else _width(shown)
            if marks:
                label = f" {item.code}" if number == last_line else ""
                out.append(f"{blank} {' ' * pad}{'^' * marks}{label}")
        out.append(blank)
    for fix in item.fixes:
        unsafe = "" if fix.applicability == Applicability.SAFE.value else " (unsafe fix)"
        indent = " " * (len(str(item.context[-1][0])) + 1) if item.context else ""
        out.append(f"{indent}= help: {' '.join(fix.title.split())}{unsafe}")
    return "\n".join(out) + "\n"


def format_json(items: Iterable[Report]) -> str:
    import json

    return json.dumps([item.to_dict() for item in items], indent=2, ensure_ascii=False)


# sarif -----------------------------------------------------------------------------------------

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SARIF_VERSION = "2.1.0"
_SARIF_LEVELS = {"error": "error", "warning": "warning", "info": "note", "hint": "note"}
SRCROOT = "%SRCROOT%"


def _artifact_location(path: str, root: str) -> dict[str, str]:
    """A URI relative to ``root`` (the working directory) when the file is under it, else absolute."""
    from pathlib import Path
    from urllib.parse import quote

    absolute = os.path.abspath(path)
    try:
        relative = os.path.relpath(absolute, root)
    except ValueError:  # another drive (Windows)
        relative = ""
    if relative and relative != os.pardir and not relative.startswith(os.pardir + os.sep):
        return {"uri": quote(relative.replace(os.sep, "/")), "uriBaseId": SRCROOT}
    return {"uri": Path(absolute).as_uri()}


def _region(start: Location, end: Location) -> dict[str, int]:
    # SARIF's endColumn is the column after the region, as ours is.
    return {"startLine": start.line, "startColumn": start.column, "endLine": end.line, "endColumn": end.column}


def _sarif_rule(rule: Rule, docs_base: str | None) -> dict[str, Any]:
    from .rule import docs_url

    meta = rule.meta
    return {
        "id": meta.code,
        "name": meta.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.docs or rule.summary, "markdown": rule.docs or rule.summary},
        "helpUri": docs_url(meta.code, docs_base),
        "help": {"text": rule.docs or rule.summary, "markdown": rule.docs or rule.summary},
        "defaultConfiguration": {"level": _SARIF_LEVELS[meta.severity.value], "enabled": meta.default_enabled},
        "properties": {
            "tags": [tag.value for tag in meta.tags],
            "fix": meta.fix.value,
            "needsProject": meta.project,
        },
    }


def sarif_log(
    items: Sequence[Report],
    rules: Sequence[Rule],
    *,
    version: str,
    docs_base: str | None = None,
    root: str | None = None,
) -> dict[str, Any]:
    """A SARIF 2.1.0 log with one run: every known rule, and a result per finding."""
    from pathlib import Path

    root = os.path.abspath(root or os.getcwd())
    listed = sorted(rules, key=lambda r: r.code)
    index = {rule.code: position for position, rule in enumerate(listed)}
    results: list[dict[str, Any]] = []
    for item in items:
        artifact = _artifact_location(item.path, root)
        result: dict[str, Any] = {
            "ruleId": item.code,
            "level": _SARIF_LEVELS.get(item.severity, "warning"),
            "message": {"text": item.message},
            "locations": [
                {"physicalLocation": {"artifactLocation": artifact, "region": _region(item.start, item.end)}}
            ],
        }
        if item.code in index:
            result["ruleIndex"] = index[item.code]
        if item.fixes:
            result["fixes"] = [
                {
                    "description": {
                        "text": fix.title + ("" if fix.applicability == Applicability.SAFE.value else " (unsafe fix)")
                    },
                    "artifactChanges": [
                        {
                            "artifactLocation": artifact,
                            "replacements": [
                                {
                                    "deletedRegion": _region(edit.start, edit.end),
                                    "insertedContent": {"text": edit.text},
                                }
                                for edit in fix.edits
                            ],
                        }
                    ],
                    "properties": {"applicability": fix.applicability},
                }
                for fix in item.fixes
            ]
        results.append(result)
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": TOOL_NAME,
                        "version": version,
                        "semanticVersion": version,
                        "informationUri": INFORMATION_URI,
                        "rules": [_sarif_rule(rule, docs_base) for rule in listed],
                    }
                },
                "originalUriBaseIds": {SRCROOT: {"uri": Path(root).as_uri().rstrip("/") + "/"}},
                # Our columns count code points; SARIF's default is UTF-16 code units.
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def format_sarif(
    items: Sequence[Report],
    rules: Sequence[Rule],
    *,
    version: str,
    docs_base: str | None = None,
    root: str | None = None,
) -> str:
    import json

    log = sarif_log(items, rules, version=version, docs_base=docs_base, root=root)
    return json.dumps(log, indent=2, ensure_ascii=False)


# junit -----------------------------------------------------------------------------------------


# Characters XML 1.0 cannot carry at all, even escaped.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml(text: str) -> str:
    return _XML_INVALID.sub("\N{REPLACEMENT CHARACTER}", text)


def format_junit(files: Sequence[str], items: Sequence[Report]) -> str:
    """JUnit XML: one test suite, a test case per linted file, a failure per finding in it."""
    import xml.etree.ElementTree as ET

    by_path: dict[str, list[Report]] = {path: [] for path in files}
    for item in items:
        by_path.setdefault(item.path, []).append(item)
    failing = sum(1 for found in by_path.values() if found)
    suites = ET.Element(
        "testsuites", name=TOOL_NAME, tests=str(len(by_path)), failures=str(failing), errors="0"
    )
    suite = ET.SubElement(
        suites,
        "testsuite",
        name=TOOL_NAME,
        tests=str(len(by_path)),
        failures=str(failing),
        errors="0",
        skipped="0",
    )
    for path, found in by_path.items():
        case = ET.SubElement(suite, "testcase", classname=TOOL_NAME, name=_xml(path), file=_xml(path))
        for item in found:
            failure = ET.SubElement(
                case,
                "failure",
                message=_xml(f"{item.code} {' '.join(item.message.split())}"),
                type=item.code,
            )
            failure.text = _xml(format_concise(item))
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode")


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
