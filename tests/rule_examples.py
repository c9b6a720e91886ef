"""Reading the rule examples of tests/rules/<CODE>/ and their expectation markers."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from pulumi_lint.config import LintConfig
from pulumi_lint.config_file import load_config
from pulumi_lint.document import Document
from pulumi_lint.engine import Engine
from pulumi_lint.findings import Finding
from pulumi_lint.fixes import FixResult, fix_all
from pulumi_lint.rules import rule_by_code

EXAMPLES = Path(__file__).parent / "rules"
SUFFIXES = (".ts", ".tsx", ".mts", ".cts")

_CARET = re.compile(
    r"^(?P<lead>\s*//\s*?)(?P<pad>\s*)(?P<carets>\^+)\s+(?P<code>[A-Z]{2,4}\d{3})(?P<more>\s*\.\.\.)?\s*$"
)
_EXPECT = re.compile(
    r"//\s*expect:\s*(?P<code>[A-Z]{2,4}\d{3})\s+(?P<l1>\d+):(?P<c1>\d+)(?:-(?P<l2>\d+):(?P<c2>\d+))?"
)

# (line, column, end line or None, end column or None), zero-based, columns in characters.
Place = tuple[int, int, int | None, int | None]


@dataclass(frozen=True)
class Example:
    code: str
    path: Path

    @property
    def id(self) -> str:
        return f"{self.code}/{self.path.name}"


def example_files(kind: str) -> list[Example]:
    found = []
    for folder in sorted(p for p in EXAMPLES.iterdir() if p.is_dir()):
        for path in sorted(folder.iterdir()):
            if path.suffix in SUFFIXES and path.name.startswith(kind) and ".fixed." not in path.name:
                found.append(Example(folder.name, path))
    return found


def fixed_path(path: Path) -> Path:
    return path.with_name(path.stem + ".fixed" + path.suffix)


def expected_places(text: str, code: str) -> set[Place]:
    lines = text.split("\n")
    places: set[Place] = set()
    target = -1
    for number, line in enumerate(lines):
        caret = _CARET.match(line)
        if caret:
            if caret.group("code") != code:
                continue
            column = len(caret.group("lead")) + len(caret.group("pad"))
            width = len(caret.group("carets"))
            if caret.group("more"):
                places.add((target, column, None, None))
            else:
                places.add((target, column, target, column + width))
            continue
        target = number
        for match in _EXPECT.finditer(line):
            if match.group("code") != code:
                continue
            l1, c1 = int(match.group("l1")) - 1, int(match.group("c1")) - 1
            if match.group("l2"):
                places.add((l1, c1, int(match.group("l2")) - 1, int(match.group("c2")) - 1))
            else:
                places.add((l1, c1, None, None))
    return places


def _column(doc: Document, offset: int) -> tuple[int, int]:
    position = doc.lines.position(offset, "utf-32")
    return position.line, position.character


def actual_places(doc: Document, findings: list[Finding], expected: set[Place]) -> set[Place]:
    """The findings' places, reduced to the precision each matching marker asks for."""
    starts_only = {(p[0], p[1]) for p in expected if p[2] is None}
    places: set[Place] = set()
    for finding in findings:
        line, col = _column(doc, finding.start)
        end_line, end_col = _column(doc, finding.end)
        if (line, col) in starts_only:
            places.add((line, col, None, None))
        else:
            places.add((line, col, end_line, end_col))
    return places


def engine_for(code: str, folder: Path) -> Engine:
    rule = rule_by_code(code)
    assert rule is not None, f"no rule {code}"
    options_file = folder / "options.json"
    options = json.loads(options_file.read_text()) if options_file.exists() else {}
    # `"$today": "YYYY-MM-DD"` pins the date for rules that compare against it.
    today = options.pop("$today", None)
    config = LintConfig(select=(code,), options={code: options}, unsafe_fixes=True)
    config_file = folder / "pulumi-lint.toml"
    if config_file.exists():
        # Rules about other rules' findings (PLN001) need those rules to run alongside.
        loaded = load_config(config_file)
        assert not loaded.problems, loaded.problems
        config = replace(
            loaded.config,
            select=(code, *(loaded.config.select or ())),
            options={**loaded.config.options, code: options},
            unsafe_fixes=True,
        )
    return Engine(config, today=date.fromisoformat(today) if today else None)


def lint(engine: Engine, source: bytes, path: Path) -> list[Finding]:
    return engine.lint(Document(source, str(path)))


def parses(source: bytes, path: Path) -> bool:
    return not Document(source, str(path)).tree.root_node.has_error


def fix(engine: Engine, source: bytes, path: Path) -> FixResult:
    return fix_all(
        source,
        lambda text: lint(engine, text, path),
        lambda text: parses(text, path),
        unsafe=True,
    )
