"""Rules whose findings are kept per subject (kept_findings.each) see edits of OTHER statements that
change them: after each edit, the edited document reports what a fresh open of its text reports,
and the edit did change the findings (so the test would catch a finding kept too long)."""

from __future__ import annotations

from pulumi_lint.config import LintConfig
from pulumi_lint.document import Document
from pulumi_lint.engine import Engine
from pulumi_lint.findings import Finding

HEADER = 'import * as aws from "@pulumi/aws";\nimport * as pulumi from "@pulumi/pulumi";\n'


def _summary(findings: list[Finding], code: str) -> list[tuple[object, ...]]:
    return [(f.code, f.start, f.end, f.message, f.severity) for f in findings if f.code == code]


def _check_edits(code: str, source: str, edits: list[tuple[str, str]]) -> None:
    """Apply each (old, new) text replacement in turn; each must change ``code``'s findings, and
    the kept findings must equal a fresh analysis of the new text."""
    engine = Engine(LintConfig(extend_select=[code]))
    text = source
    document = Document(text.encode(), "index.ts")
    before = _summary(engine.analyse(document).findings, code)
    for old, new in edits:
        at = text.index(old)
        start = len(text[:at].encode())
        document.apply_change(start, start + len(old.encode()), new.encode())
        text = text[:at] + new + text[at + len(old) :]
        assert document.source == text.encode()
        after = _summary(engine.analyse(document).findings, code)
        fresh_engine = Engine(LintConfig(extend_select=[code]))
        fresh = _summary(fresh_engine.analyse(Document(text.encode(), "index.ts")).findings, code)
        assert after == fresh, (old, new)
        assert after != before, f"the edit {old!r} -> {new!r} was meant to change {code}'s findings"
        before = after


def test_aws003_a_scaling_target_added_elsewhere_or_repointed() -> None:
    source = (
        HEADER
        + "const orders = new aws.dynamodb.Table('orders', { name: 'orders', billingMode: 'PROVISIONED',"
        " readCapacity: 5, writeCapacity: 5, hashKey: 'id', attributes: [{ name: 'id', type: 'S' }] });\n"
        "const other = new aws.dynamodb.Table('other', { name: 'other', billingMode: 'PROVISIONED',"
        " readCapacity: 5, writeCapacity: 5, hashKey: 'id', attributes: [{ name: 'id', type: 'S' }] });\n"
        "const target = orders;\n"
        "// targets\n"
    )
    scaling = (
        "new aws.appautoscaling.Target('scale', { serviceNamespace: 'dynamodb',"
        " resourceId: pulumi.interpolate`table/${target.name}`, scalableDimension:"
        " 'dynamodb:table:ReadCapacityUnits', minCapacity: 5, maxCapacity: 50 });\n"
    )
    _check_edits(
        "AWS003",
        source,
        [
            ("// targets\n", "// targets\n" + scaling),  # orders now scales
            ("const target = orders;", "const target = other;"),  # through the alias: other scales
            (scaling, ""),  # neither scales
        ],
    )
