"""Reading the rule examples of tests/rules/<CODE>/ and their expectation markers."""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import yaml
from pulumi_lint.config import LintConfig
from pulumi_lint.config_file import load_config
from pulumi_lint.document import Document
from pulumi_lint.engine import Engine
from pulumi_lint.findings import Finding
from pulumi_lint.fixes import FixResult, fix_all
from pulumi_lint.project import ProjectCache, iter_projects
from pulumi_lint.project_lint import project_findings
from pulumi_lint.rules import rule_by_code

EXAMPLES = Path(__file__).parent / "rules"
SUFFIXES = (".ts", ".tsx", ".mts", ".cts")

_CARET_TEMPLATE = (
    r"^(?P<lead>\s*{comment}\s*?)(?P<pad>\s*)(?P<carets>\^+)\s+(?P<code>[A-Z]{{2,4}}\d{{3}})"
    r"(?P<more>\s*\.\.\.)?\s*$"
)
_EXPECT_TEMPLATE = (
    r"{comment}\s*expect:\s*(?P<code>[A-Z]{{2,4}}\d{{3}})\s+(?P<l1>\d+):(?P<c1>\d+)(?:-(?P<l2>\d+):(?P<c2>\d+))?"
)
_CARET = re.compile(_CARET_TEMPLATE.format(comment="//"))
_EXPECT = re.compile(_EXPECT_TEMPLATE.format(comment="//"))
# YAML files of project cases carry the same markers in `#` comments.
_YAML_CARET = re.compile(_CARET_TEMPLATE.format(comment="#"))
_YAML_EXPECT = re.compile(_EXPECT_TEMPLATE.format(comment="#"))

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


def expected_places(text: str, code: str, yaml: bool = False) -> set[Place]:
    caret_marker, expect_marker = (_YAML_CARET, _YAML_EXPECT) if yaml else (_CARET, _EXPECT)
    lines = text.split("\n")
    places: set[Place] = set()
    target = -1
    for number, line in enumerate(lines):
        caret = caret_marker.match(line)
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
        for match in expect_marker.finditer(line):
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


# Project cases ------------------------------------------------------------------------------------
#
# A folder tests/rules/<CODE>/<case>/ holds a whole project (Pulumi.yaml, stack files, package.json,
# .ts files). Cases named bad* are flagged exactly at the places marked in their files (`//` markers
# in TypeScript, `#` markers in YAML, `expected.json` for files without comments); good* cases are not
# flagged at all. <case>/fixed/ holds the files that applying every fix of the rule changes.

PROJECT_FIXED = "fixed"
PROJECT_EXPECTED = "expected.json"
# (relative path, line, column, end line, end column)
ProjectPlace = tuple[str, int, int, int | None, int | None]


@dataclass(frozen=True)
class ProjectCase:
    code: str
    folder: Path

    @property
    def id(self) -> str:
        return f"{self.code}/{self.folder.name}/"

    @property
    def bad(self) -> bool:
        return self.folder.name.startswith("bad")


def project_cases() -> list[ProjectCase]:
    found = []
    for folder in sorted(p for p in EXAMPLES.iterdir() if p.is_dir()):
        for case in sorted(p for p in folder.iterdir() if p.is_dir()):
            found.append(ProjectCase(folder.name, case))
    return found


def copy_case(case: ProjectCase, destination: Path) -> Path:
    """The case's project files, without its expectations, in a folder of their own."""
    target = destination / case.folder.name
    shutil.copytree(case.folder, target, ignore=shutil.ignore_patterns(PROJECT_FIXED, PROJECT_EXPECTED))
    return target


def case_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file() and "node_modules" not in p.parts)


def expected_project_places(case: ProjectCase, root: Path) -> set[ProjectPlace]:
    places: set[ProjectPlace] = set()
    for path in case_files(root):
        relative = path.relative_to(root).as_posix()
        if path.suffix in SUFFIXES:
            marks = expected_places(path.read_text(), case.code)
        elif path.suffix in (".yaml", ".yml"):
            marks = expected_places(path.read_text(), case.code, yaml=True)
        else:
            continue
        places.update((relative, *mark) for mark in marks)
    expectations = case.folder / PROJECT_EXPECTED
    if expectations.exists():
        for entry in json.loads(expectations.read_text()):
            if entry["code"] != case.code:
                continue
            start, _, end = entry["range"].partition("-")
            l1, c1 = (int(n) - 1 for n in start.split(":"))
            l2, c2 = (int(n) - 1 for n in end.split(":")) if end else (None, None)
            places.add((entry["file"], l1, c1, l2, c2))
    return places


def project_findings_for(code: str, root: Path, cache: ProjectCache) -> dict[Path, list[Finding]]:
    """Every finding of one rule in a project copy: per-file rules on its .ts files, and the
    project's own files."""
    engine = engine_for(code, root)
    found: dict[Path, list[Finding]] = {}
    for path in case_files(root):
        if path.suffix not in SUFFIXES:
            continue
        source = cache.read(path) or b""
        found[path] = engine.lint(Document(source, str(path)), cache.project_for(path))
    for project in iter_projects(cache, case_files(root)):
        for file, findings in project_findings(project, engine.config).items():
            found.setdefault(Path(file), []).extend(f for f in findings if f.code == code)
    return found


def actual_project_places(
    root: Path, cache: ProjectCache, findings: dict[Path, list[Finding]], expected: set[ProjectPlace]
) -> set[ProjectPlace]:
    places: set[ProjectPlace] = set()
    for path, file_findings in findings.items():
        relative = path.relative_to(root).as_posix()
        doc = Document(cache.read(path) or b"", str(path))
        wanted = {p[1:] for p in expected if p[0] == relative}
        places.update((relative, *place) for place in actual_places(doc, file_findings, wanted))
    return places


def file_parses(path: Path, source: bytes) -> bool:
    if path.suffix in SUFFIXES:
        return parses(source, path)
    try:
        if path.suffix in (".yaml", ".yml"):
            yaml.safe_load(source)
        elif path.suffix == ".json":
            json.loads(source)
    except (yaml.YAMLError, ValueError):
        return False
    return True


def fix_project(code: str, root: Path, cache: ProjectCache, max_rounds: int = 5) -> dict[Path, bytes]:
    """Apply every fix of one rule to every file of a project copy (through overlays, so that each
    file's fixes see the others' results) until nothing changes; the final text of every file."""
    texts = {p: cache.read(p) or b"" for p in case_files(root)}
    for _ in range(max_rounds):
        changed = False
        for path in list(texts):
            def lint_text(text: bytes, path: Path = path) -> list[Finding]:
                cache.set_overlay(path, text)
                return [f for f in project_findings_for(code, root, cache).get(path, []) if f.code == code]

            result = fix_all(
                texts[path],
                lint_text,
                lambda text, path=path: file_parses(path, text),
                unsafe=True,
            )
            cache.set_overlay(path, result.source)
            if result.source != texts[path]:
                texts[path] = result.source
                changed = True
        if not changed:
            break
    return texts
