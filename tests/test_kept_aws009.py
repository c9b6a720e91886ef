"""AWS009 keeps its findings per bucket. The inline properties it reports may be written in
OTHER statements: an options constant spread into the bucket's arguments, or the constant its
arguments name. Edits of those constants, and of the package.json that gives the @pulumi/aws major,
must give what a fresh open of the new text gives."""

from __future__ import annotations

from pathlib import Path

from pulumi_lint.config import LintConfig
from pulumi_lint.document import Document
from pulumi_lint.engine import Engine
from pulumi_lint.findings import Finding

CODE = "AWS009"
HEADER = "import * as aws from '@pulumi/aws';\n\n"


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
        + "const retention = { forceDestroy: true };\n"
        + "export const archive = new aws.s3.Bucket('archive', { ...retention, tags: { team: 'data' } });\n"
    )
    _check_edits(
        source,
        [
            ("{ forceDestroy: true }", "{ versioning: { enabled: true } }"),  # now inline versioning
            ("versioning: { enabled: true }", "acl: 'private'"),  # another inline property
            ("const retention =", "const retention2 ="),  # the spread names nothing now
            ("const retention2 =", "const retention ="),  # and again the constant
            ("const retention = { acl: 'private' };\n", ""),  # gone
        ],
    )


def test_the_arguments_constant_edited() -> None:
    source = (
        HEADER
        + "const auditArgs = { logging: { targetBucket: 'central-logs' } };\n"
        + "const otherArgs = { website: { indexDocument: 'index.html' } };\n"
        + "export const audit = new aws.s3.Bucket('audit', auditArgs);\n"
    )
    _check_edits(
        source,
        [
            ("const auditArgs = { logging: { targetBucket: 'central-logs' } };\n", ""),  # no such constant
            ("const otherArgs", "const auditArgs"),  # another constant by that name: inline website
            ("{ website: { indexDocument: 'index.html' } }", "{ forceDestroy: true }"),  # nothing inline
        ],
    )


def test_the_major_of_the_package_json_changing(tmp_path: Path) -> None:
    package = tmp_path / "package.json"
    package.write_text('{ "dependencies": { "@pulumi/aws": "^6.50.0" } }\n')
    path = str(tmp_path / "index.ts")
    text = HEADER + "export const data = new aws.s3.Bucket('data', { versioning: { enabled: true } });\n// end\n"
    engine = Engine(LintConfig(select=[CODE]))
    document = Document(text.encode(), path)
    v6 = _summary(engine.analyse(document).findings)
    assert v6 == _fresh(text, path)
    package.write_text('{ "dependencies": { "@pulumi/aws": "^7.2.0" } }\n')
    # An edit of another statement: the bucket's own statement is unchanged.
    at = text.index("// end")
    document.apply_change(at, at, b"// edited\n")
    text = text[:at] + "// edited\n" + text[at:]
    v7 = _summary(engine.analyse(document).findings)
    assert v7 == _fresh(text, path)
    assert v7 != v6, "v6's legacy bucket is reported as information, v7's deprecated property as a warning"
