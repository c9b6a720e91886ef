"""The analysis engine: one model per document version, every enabled rule over it.

A rule that raises is logged and skipped; the others still report. The engine knows nothing of
LSP or the terminal: the CLI and the server both call :meth:`Engine.analyse`.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .config import LintConfig
from .document import Document
from .findings import Finding, LazyFixes, Severity
from .model import Program
from .model_builder import build_program
from .rule import Context, FixAvailability, Rule
from .suppressions import Suppression, apply_suppressions, parse_suppressions

log = logging.getLogger(__name__)


@dataclass(slots=True)
class RuleFailure:
    code: str
    error: str


@dataclass(slots=True)
class Analysis:
    """The result of linting one document version."""

    findings: list[Finding]
    program: Program
    suppressions: list[Suppression]
    failures: list[RuleFailure] = field(default_factory=list)
    version: int = 0


def admit(rule: Rule, finding: Finding, severity: Severity) -> Finding:
    """A rule's finding as reported: at the configured severity, and without fixes the rule does
    not declare (as ESLint refuses a fixer from a rule that is not marked fixable)."""
    if rule.meta.fix is FixAvailability.NONE and (isinstance(finding.fixes, LazyFixes) or finding.fixes):
        log.error("rule %s produced a fix but declares none; fix dropped", rule.code)
        finding.fixes = ()
    if severity is not rule.meta.severity:
        finding.severity = severity
    return finding


def default_rules() -> list[Rule]:
    from .rules import all_rules

    return all_rules()


class Engine:
    def __init__(
        self,
        config: LintConfig | None = None,
        rules: Sequence[Rule] | None = None,
        today: date | None = None,
    ) -> None:
        self.config = config or LintConfig()
        self.all_rules = list(rules) if rules is not None else default_rules()
        self.today = today
        self.rules = self.config.enabled_rules(self.all_rules)

    def with_config(self, config: LintConfig) -> Engine:
        return Engine(config, self.all_rules, self.today)

    def analyse(self, document: Document, project: Any = None) -> Analysis:
        program = build_program(document.tree, document.source, document.statements, document.edits)
        remember = getattr(getattr(project, "cache", None), "remember", None)
        if callable(remember) and document.path:
            # Project rules that look at this file through the project see this very model
            # instead of parsing the editor's text a second time.
            remember(document.path, document, program)
        document.edits.clear()
        findings: list[Finding] = []
        failures: list[RuleFailure] = []
        rules = self.config.rules_for(self.rules, document.path)
        for rule in rules:
            if rule.meta.project and project is None:
                continue
            ctx = Context(document, program, rule, self.config.options_for(rule), project, self.today)
            severity = self.config.severity_for(rule)
            try:
                produced = list(rule.check(ctx))
            except Exception as exc:  # a broken rule must never take the others down
                log.exception("rule %s failed on %s", rule.code, document.path or "<text>")
                failures.append(RuleFailure(rule.code, f"{type(exc).__name__}: {exc}"))
                continue
            findings.extend(admit(rule, finding, severity) for finding in produced)
        suppressions = parse_suppressions(document.source, document.tree, document.lines)
        findings = apply_suppressions(findings, suppressions, document.lines)
        # Rules about the suppressions themselves (PLN001) need to know which ones were used.
        post: list[Finding] = []
        for rule in rules:
            if rule.check_suppressions is None:
                continue
            ctx = Context(document, program, rule, self.config.options_for(rule), project, self.today)
            ctx.suppressions_checked = [r.code for r in rules if r.check_suppressions is None]
            try:
                produced = list(rule.check_suppressions(suppressions, ctx))
            except Exception as exc:
                log.exception("rule %s failed on %s", rule.code, document.path or "<text>")
                failures.append(RuleFailure(rule.code, f"{type(exc).__name__}: {exc}"))
                continue
            severity = self.config.severity_for(rule)
            for finding in produced:
                finding.severity = severity
                post.append(finding)
        # A suppression comment may silence the post-pass rules too (on the comment's own line).
        findings.extend(apply_suppressions(post, suppressions, document.lines))
        findings.sort(key=lambda f: f.sort_key)
        return Analysis(findings, program, suppressions, failures, document.version)

    def lint(self, document: Document, project: Any = None) -> list[Finding]:
        return self.analyse(document, project).findings

    def lint_source(self, source: bytes, path: str | None = None, project: Any = None) -> list[Finding]:
        return self.lint(Document(source, path), project)
