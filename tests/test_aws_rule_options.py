"""Options and severities of the AWS rules that have them, beyond the example files."""

from __future__ import annotations

from pulumi_lint.config import LintConfig
from pulumi_lint.document import Document
from pulumi_lint.engine import Engine
from pulumi_lint.findings import Finding, Severity

FUNCTION = """import * as aws from '@pulumi/aws';
export const fn = new aws.lambda.Function('fn', {
  runtime: 'nodejs22.x',
  handler: 'index.handler',
  role: 'arn:aws:iam::123456789012:role/fn',
  memorySize: 2048,
});
"""


def lint(code: str, source: str, options: dict[str, object] | None = None) -> list[Finding]:
    config = LintConfig(select=(code,), options={code: options or {}}, unsafe_fixes=True)
    return [f for f in Engine(config).lint(Document(source.encode(), "index.ts")) if f.code == code]


def test_aws004_threshold_and_fix_size_are_options() -> None:
    assert lint("AWS004", FUNCTION) == []
    (finding,) = lint("AWS004", FUNCTION, {"max-memory-mb": 1536, "fix-memory-mb": 1024})
    assert "2048" in finding.message
    (fix,) = finding.fixes
    assert fix.title == "Set memorySize to 1024"
    assert [e.text for e in fix.edits] == ["1024"]


def test_aws005_unseen_invocation_severity() -> None:
    (default,) = lint("AWS005", FUNCTION)
    assert default.severity is Severity.INFO
    (raised,) = lint("AWS005", FUNCTION, {"unseen-invocation-severity": "warning"})
    assert raised.severity is Severity.WARNING
    assert lint("AWS005", FUNCTION, {"unseen-invocation-severity": "off"}) == []


def test_aws006_retention_days_option() -> None:
    source = "import * as aws from '@pulumi/aws';\nnew aws.cloudwatch.LogGroup('logs', {});\n"
    (finding,) = lint("AWS006", source, {"retention-days": 30})
    (fix,) = finding.fixes
    assert [e.text for e in fix.edits] == ["{ retentionInDays: 30 }"]


def test_aws002_kms_root_exemption_needs_a_root_principal() -> None:
    source = """import * as aws from '@pulumi/aws';
export const key = new aws.kms.Key('k', {
  policy: JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::123456789012:role/app' },
        Action: 'kms:*',
        Resource: '*',
      },
    ],
  }),
});
"""
    (finding,) = lint("AWS002", source)
    assert finding.message.startswith("`kms:*` allows every KMS action")
    assert lint("AWS002", source.replace("role/app", "root")) == []
