"""AWS008 keeps its findings per deployment, and they include reads of the deployment's stage
outputs in OTHER statements (`export const url = deployment.invokeUrl`). Edits of those statements
(a read added, changed, removed, shadowed) and of the package.json that gives the @pulumi/aws
major must give what a fresh open of the new text gives."""

from __future__ import annotations

from pathlib import Path

from pulumi_lint.config import LintConfig
from pulumi_lint.document import Document
from pulumi_lint.engine import Engine

from .kept_edits import check_edits, fresh, summary

CODE = "AWS008"
HEADER = "import * as aws from '@pulumi/aws';\n\nconst api = new aws.apigateway.RestApi('api', {});\n"
DEPLOYMENT = "const deployment = new aws.apigateway.Deployment('deployment', { restApi: api.id });\n"
SETTINGS = "const staged = new aws.apigateway.Deployment('staged', { restApi: api.id, stageName: 'prod' });\n"


def test_a_read_of_a_stage_output_added_changed_and_removed_in_another_statement() -> None:
    source = HEADER + DEPLOYMENT + SETTINGS + "// outputs\n"
    check_edits(
        CODE,
        source,
        [
            ("// outputs\n", "// outputs\nexport const url = deployment.invokeUrl;\n"),  # a reader came
            ("deployment.invokeUrl;", "deployment.executionArn;"),  # the reader edited: still a stage output
            ("deployment.executionArn;", "deployment.id;"),  # no longer a stage output
            ("export const url = deployment.id;\n", "export const arn = staged.executionArn;\n"),  # another's
            ("export const arn = staged.executionArn;\n", ""),  # the reader went
        ],
    )


def test_a_read_shadowed_by_a_local_declaration() -> None:
    reader = "export function url() { const other = { invokeUrl: '' }; return other.invokeUrl; }\n"
    source = HEADER + DEPLOYMENT + reader
    check_edits(
        CODE,
        source,
        [
            ("return other.invokeUrl", "return deployment.invokeUrl"),  # the deployment's output
            ("const other =", "const deployment ="),  # a local of the same name: not the deployment
        ],
    )


def test_the_major_of_the_package_json_changing(tmp_path: Path) -> None:
    package = tmp_path / "package.json"
    package.write_text('{ "dependencies": { "@pulumi/aws": "^6.50.0" } }\n')
    path = str(tmp_path / "index.ts")
    text = HEADER + SETTINGS + "// a comment\n"
    engine = Engine(LintConfig(select=[CODE]))
    document = Document(text.encode(), path)
    v6 = summary(engine.analyse(document).findings, CODE)
    assert v6 == fresh(CODE, text, path)
    package.write_text('{ "dependencies": { "@pulumi/aws": "^7.2.0" } }\n')
    # An edit of another statement: the deployment's own statement is unchanged.
    at = text.index("// a comment")
    document.apply_change(at, at, b"// edited\n")
    text = text[:at] + "// edited\n" + text[at:]
    v7 = summary(engine.analyse(document).findings, CODE)
    assert v7 == fresh(CODE, text, path)
    assert v7 != v6, "v7 reports an error where v6 reports a deprecation"
