"""AWS001 keeps its findings per Lambda function. The environment variables it reports may be
written in OTHER statements: a constant spread into `variables`, or the constant `variables` names.
Edits of those constants must give what a fresh open of the new text gives."""

from __future__ import annotations

from pulumi_lint.config import LintConfig
from pulumi_lint.document import Document
from pulumi_lint.engine import Engine
from pulumi_lint.findings import Finding

CODE = "AWS001"
HEADER = "import * as aws from '@pulumi/aws';\n\n"
FUNCTION = (
    "export const fn = new aws.lambda.Function('fn', { runtime: 'nodejs22.x', handler: 'index.handler',"
    " role: 'arn:aws:iam::123456789012:role/r', environment: { variables: {{VARIABLES}} } });\n"
)


def _summary(findings: list[Finding]) -> list[tuple[object, ...]]:
    return [
        (f.start, f.end, f.message, f.severity, tuple((x.title, x.edits) for x in f.fixes))
        for f in findings
        if f.code == CODE
    ]


def _fresh(text: str, path: str) -> list[tuple[object, ...]]:
    return _summary(Engine(LintConfig(select=[CODE])).analyse(Document(text.encode(), path)).findings)


def _check_edits(source: str, edits: list[tuple[str, str]], path: str = "index.ts") -> None:
    """Apply each (old, new) replacement in turn to one document analysed by one engine: its
    findings must change with each edit and equal those of a fresh open of the new text."""
    engine = Engine(LintConfig(select=[CODE]))
    text = source
    document = Document(text.encode(), path)
    before = _summary(engine.analyse(document).findings)
    assert before == _fresh(text, path)
    for old, new in edits:
        at = text.index(old)
        start = len(text[:at].encode())
        document.apply_change(start, start + len(old.encode()), new.encode())
        text = text[:at] + new + text[at + len(old) :]
        after = _summary(engine.analyse(document).findings)
        assert after == _fresh(text, path), (old, new)
        assert after != before, f"the edit {old!r} -> {new!r} was meant to change the findings"
        before = after


def test_a_spread_constant_edited_renamed_and_removed() -> None:
    source = (
        HEADER
        + "const shared = { STAGE: 'dev' };\n"
        + FUNCTION.replace("{{VARIABLES}}", "{ ...shared, MODE: 'fast' }")
    )
    _check_edits(
        source,
        [
            ("{ STAGE: 'dev' }", "{ AWS_REGION: 'eu-west-1' }"),  # a reserved name now
            ("AWS_REGION: 'eu-west-1'", "AWS_REGION: 'eu-west-1', REGION: 'x'"),  # the fix's name taken
            ("const shared =", "const shared2 ="),  # the spread names nothing now
            ("const shared2 =", "const shared ="),  # and again the constant
            ("const shared = { AWS_REGION: 'eu-west-1', REGION: 'x' };\n", ""),  # gone
        ],
    )


def test_the_variables_constant_edited() -> None:
    source = HEADER + "const vars = { _HANDLER: 'x' };\n" + FUNCTION.replace("{{VARIABLES}}", "vars")
    _check_edits(
        source,
        [
            ("{ _HANDLER: 'x' }", "{ HANDLER: 'x' }"),  # renamed: nothing reserved
            ("const vars = { HANDLER: 'x' };", "const vars = { AWS_LAMBDA_FUNCTION_NAME: 'x' };"),
            ("const vars =", "let vars ="),  # not a constant: not followed
        ],
    )
