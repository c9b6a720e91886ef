"""AWS009 keeps its findings per bucket. The inline properties it reports may be written in
OTHER statements: an options constant spread into the bucket's arguments, or the constant its
arguments name. Edits of those constants, and of the package.json that gives the @pulumi/aws major,
must give what a fresh open of the new text gives."""

from __future__ import annotations

from pathlib import Path

from pulumi_lint.config import LintConfig
from pulumi_lint.document import Document
from pulumi_lint.engine import Engine

from .kept_edits import check_edits, fresh, summary

CODE = "AWS009"
HEADER = "import * as aws from '@pulumi/aws';\n\n"


def test_a_spread_constant_edited_renamed_and_removed() -> None:
    source = (
        HEADER
        + "const retention = { forceDestroy: true };\n"
        + "export const archive = new aws.s3.Bucket('archive', { ...retention, tags: { team: 'data' } });\n"
    )
    check_edits(
        CODE,
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
    check_edits(
        CODE,
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
    v6 = summary(engine.analyse(document).findings, CODE)
    assert v6 == fresh(CODE, text, path)
    package.write_text('{ "dependencies": { "@pulumi/aws": "^7.2.0" } }\n')
    # An edit of another statement: the bucket's own statement is unchanged.
    at = text.index("// end")
    document.apply_change(at, at, b"// edited\n")
    text = text[:at] + "// edited\n" + text[at:]
    v7 = summary(engine.analyse(document).findings, CODE)
    assert v7 == fresh(CODE, text, path)
    assert v7 != v6, "v6's legacy bucket is reported as information, v7's deprecated property as a warning"
