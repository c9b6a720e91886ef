"""The analysis engine: one model per document version, every enabled rule over it.

A rule that raises is logged and skipped; the others still report. The engine knows nothing of
LSP or the terminal: the CLI and the server both call :meth:`Engine.analyse`.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .config import LintConfig
from .document import Document
from .findings import Finding, LazyFixes, Severity
from .kept_findings import Scope
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


@dataclass(slots=True)
class _ScopeQuery:
    """What ``programs_in_scope`` reads of a rule's context."""

    document: Document
    program: Program
    project: Any


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
        # Findings kept across edits hold the engine they were made by: another configuration
        # is another engine, and makes them be worked out again.
        self.token = object()

    def with_config(self, config: LintConfig) -> Engine:
        return Engine(config, self.all_rules, self.today)

    def analyse(self, document: Document, project: Any = None) -> Analysis:
        # An analysis allocates hundreds of thousands of objects and leaves no reference cycle
        # (tests/test_derived.py checks it): the cyclic collector, run meanwhile by allocation
        # counts, would rescan them again and again for nothing (a third of a 50,000-line open).
        enabled = gc.isenabled()
        gc.disable()
        try:
            return self._analyse(document, project)
        finally:
            if enabled:
                gc.enable()

    def _analyse(self, document: Document, project: Any) -> Analysis:
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
        scope = self._scope(document, program, project)
        for rule in rules:
            if rule.meta.project and project is None:
                continue
            ctx = Context(document, program, rule, self.config.options_for(rule), project, self.today)
            ctx.scope = scope
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

    def _scope(self, document: Document, program: Program, project: Any) -> Scope | None:
        """The document's scope for kept findings: the last one while nothing in it changed."""
        store = program.store
        if store is None:
            return None
        others: tuple[object, ...] = ()
        if project is not None:
            from .aws_model import programs_in_scope

            try:
                others = tuple(programs_in_scope(_ScopeQuery(document, program, project))[1:])
            except Exception:  # a project that cannot be read keeps nothing
                log.exception("listing the project's programs failed for %s", document.path or "<text>")
                return None
        scope = Scope(self.token, self.today or date.today(), project, others)
        held = store.scope
        if isinstance(held, Scope) and held.same(scope):
            return held
        store.scope = scope
        return scope

    def lint(self, document: Document, project: Any = None) -> list[Finding]:
        return self.analyse(document, project).findings

    def lint_source(self, source: bytes, path: str | None = None, project: Any = None) -> list[Finding]:
        return self.lint(Document(source, path), project)
