"""Findings on a project's own files: Pulumi.yaml, stack files, package.json, jest configs.

Rules report on TypeScript files through their ``check(ctx)``, with ``ctx.project`` set when the
file belongs to a project. Some rules also concern files that are not TypeScript (PRJ001 reports
a ``main`` in ``Pulumi.yaml`` that names the wrong file, PUL009 the stack key under the wrong
namespace, PRJ003 a jest config in ``package.json``). Such a rule module defines, next to
``check``, a function::

    def check_project(ctx: ProjectContext) -> Iterator[Finding]:
        yield ctx.finding(path, start, end, "message", fixes=[...])

:func:`project_findings` runs those functions once per project and groups what they report by
file. The CLI calls it once per project and prints each finding on its file; the server calls it
when a project file or program file changes and publishes the findings on the open ``Pulumi.yaml``
and stack documents. Findings on ``.ts`` files never come from here, so nothing is reported twice.
Fix edits are byte ranges in the finding's own file (``finding.path``).
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from .config import LintConfig
from .document import Document
from .engine import admit
from .findings import Applicability, Edit, Finding, Fix, Severity
from .fixes import FixResult, fix_all
from .project import Project, ProjectCache, normalise, parse_json
from .rule import Rule

log = logging.getLogger(__name__)

ProjectCheck = Callable[["ProjectContext"], Iterable[Finding]]


class ProjectContext:
    """What a rule's ``check_project`` gets: the project, the rule and its options."""

    __slots__ = ("project", "rule", "options")

    def __init__(self, project: Project, rule: Rule, options: Mapping[str, Any]) -> None:
        self.project = project
        self.rule = rule
        self.options = options

    def source(self, path: str | Path) -> bytes | None:
        return self.project.source(path)

    def finding(
        self,
        path: str | Path,
        start: int,
        end: int,
        message: str,
        *,
        fixes: Iterable[Fix] = (),
        severity: Severity | None = None,
    ) -> Finding:
        return self.rule.meta.finding(start, end, message, path=str(path), fixes=fixes, severity=severity)

    @staticmethod
    def fix(title: str, edits: Iterable[Edit], applicability: Applicability) -> Fix:
        return Fix(title=title, edits=tuple(sorted(edits, key=lambda e: (e.start, e.end))), applicability=applicability)

    @staticmethod
    def edit(start: int, end: int, text: str) -> Edit:
        return Edit(start, end, text)


def project_check(rule: Rule) -> ProjectCheck | None:
    """The rule's ``check_project`` function, if its module defines one."""
    module = importlib.import_module(rule.module)
    check = getattr(module, "check_project", None)
    return check if callable(check) else None


def project_findings(
    project: Project,
    config: LintConfig | None = None,
    rules: Sequence[Rule] | None = None,
) -> dict[str, list[Finding]]:
    """Every finding the enabled rules report on the project's non-TypeScript files, by path."""
    config = config or LintConfig()
    if rules is None:
        from .rules import all_rules

        rules = all_rules()
    by_path: dict[str, list[Finding]] = {}
    for rule in config.enabled_rules(rules):
        check = project_check(rule)
        if check is None:
            continue
        ctx = ProjectContext(project, rule, config.options_for(rule))
        severity = config.severity_for(rule)
        try:
            produced = list(check(ctx))
        except Exception:  # a broken rule must never take the others down
            log.exception("rule %s failed on project %s", rule.code, project.root)
            continue
        for finding in produced:
            admit(rule, finding, severity)
            by_path.setdefault(finding.path or str(project.pulumi_yaml), []).append(finding)
    for findings in by_path.values():
        findings.sort(key=lambda f: f.sort_key)
    return by_path


def iter_project_findings(project: Project, config: LintConfig | None = None) -> Iterator[Finding]:
    """The same findings as :func:`project_findings`, flattened in path order."""
    for _path, findings in sorted(project_findings(project, config).items()):
        yield from findings


def project_file_parses(path: str | Path, source: bytes) -> bool:
    """Whether a project file still reads as what it is (YAML, JSON, JavaScript or TypeScript)."""
    name = Path(path).name
    if name.endswith((".yaml", ".yml")):
        import yaml

        try:
            yaml.safe_load(source)
        except yaml.YAMLError:
            return False
        return True
    if name.endswith(".json"):
        return parse_json(Path(path), source)[1] is None
    return not Document(source, str(path)).tree.root_node.has_error


def fix_project_file(
    cache: ProjectCache,
    path: str | Path,
    config: LintConfig | None = None,
    *,
    unsafe: bool = False,
) -> FixResult | None:
    """Apply the fixes that :func:`project_findings` offers on one project file, re-linting the
    project after each pass (through an overlay) until nothing changes. None outside a project.

    The caller writes ``result.source`` to the file; the overlay is cleared before returning.
    """
    target = normalise(path)
    source = cache.read(target)
    if source is None or cache.project_for(target) is None:
        return None

    def lint(text: bytes) -> list[Finding]:
        cache.set_overlay(target, text)
        project = cache.project_for(target)
        return project_findings(project, config).get(str(target), []) if project is not None else []

    try:
        return fix_all(source, lint, lambda text: project_file_parses(target, text), unsafe=unsafe)
    finally:
        cache.clear_overlay(target)
