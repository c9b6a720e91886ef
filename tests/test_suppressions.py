"""Suppression comments with reasons, and PLN001 as a post-pass over them."""

from __future__ import annotations

from pulumi_lint.config import LintConfig
from pulumi_lint.document import Document
from pulumi_lint.engine import Engine
from pulumi_lint.findings import Severity
from pulumi_lint.suppressions import parse_suppressions

SOURCE = b"""\
// pulumi-lint-disable-next-line AWS002 -- read-only audit role
const a: any = 1; // pulumi-lint-disable-line TS003, TS004 -- generated -- twice
/* pulumi-lint-disable TS001 -- vendored file */
// pulumi-lint-disable-next-line TS003
const s = '// pulumi-lint-disable-line TS004 -- in a string';
"""


def test_reasons_are_parsed_for_every_kind() -> None:
    doc = Document(SOURCE, "a.ts")
    found = [(s.kind, s.codes, s.reason, s.line) for s in parse_suppressions(doc.source, doc.tree, doc.lines)]
    assert found == [
        ("next-line", ("AWS002",), "read-only audit role", 1),
        ("line", ("TS003", "TS004"), "generated -- twice", 1),
        ("file", ("TS001",), "vendored file", -1),
        ("next-line", ("TS003",), None, 4),
    ]


def test_code_spans_point_at_the_codes() -> None:
    doc = Document(SOURCE, "a.ts")
    suppressions = parse_suppressions(doc.source, doc.tree, doc.lines)
    for suppression in suppressions:
        for code, start, end in suppression.code_spans:
            assert SOURCE[start:end].decode() == code


def test_a_reason_does_not_change_what_is_suppressed() -> None:
    engine = Engine(LintConfig(select=("TS003",)))
    plain = engine.lint_source(b"export const a: any = 1; // pulumi-lint-disable-line TS003\n", "a.ts")
    reasoned = engine.lint_source(
        b"export const a: any = 1; // pulumi-lint-disable-line TS003 -- untyped JSON\n", "a.ts"
    )
    assert plain == reasoned == []


UNUSED = b"// pulumi-lint-disable-next-line TS003\nexport const a = 1;\n"


def test_pln001_is_off_by_default_and_runs_when_selected() -> None:
    assert [f.code for f in Engine().lint_source(UNUSED, "a.ts")] == []
    findings = Engine(LintConfig(extend_select=("PLN001",))).lint_source(UNUSED, "a.ts")
    assert [(f.code, f.severity) for f in findings] == [("PLN001", Severity.WARNING)]
    assert findings[0].fixes and findings[0].fixes[0].is_safe


def test_pln001_follows_severity_overrides() -> None:
    config = LintConfig(extend_select=("PLN001",), severity={"PLN001": Severity.ERROR})
    assert [f.severity for f in Engine(config).lint_source(UNUSED, "a.ts")] == [Severity.ERROR]


def test_pln001_leaves_suppressions_of_rules_that_did_not_run() -> None:
    config = LintConfig(extend_select=("PLN001",), ignore=("TS003",))
    assert Engine(config).lint_source(UNUSED, "a.ts") == []


def test_pln001_respects_per_file_ignores() -> None:
    config = LintConfig(extend_select=("PLN001",), per_file_ignores=(("*.gen.ts", ("PLN",)),))
    assert Engine(config).lint_source(UNUSED, "/p/a.gen.ts") == []
    assert [f.code for f in Engine(config).lint_source(UNUSED, "/p/a.ts")] == ["PLN001"]
