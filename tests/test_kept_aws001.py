"""AWS001 keeps its findings per Lambda function. The environment variables it reports may be
written in OTHER statements: a constant spread into `variables`, or the constant `variables` names.
Edits of those constants must give what a fresh open of the new text gives."""

from __future__ import annotations

from .kept_edits import check_edits

CODE = "AWS001"
HEADER = "import * as aws from '@pulumi/aws';\n\n"
FUNCTION = (
    "export const fn = new aws.lambda.Function('fn', { runtime: 'nodejs22.x', handler: 'index.handler',"
    " role: 'arn:aws:iam::123456789012:role/r', environment: { variables: {{VARIABLES}} } });\n"
)


def test_a_spread_constant_edited_renamed_and_removed() -> None:
    source = (
        HEADER + "const shared = { STAGE: 'dev' };\n" + FUNCTION.replace("{{VARIABLES}}", "{ ...shared, MODE: 'fast' }")
    )
    check_edits(
        CODE,
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
    check_edits(
        CODE,
        source,
        [
            ("{ _HANDLER: 'x' }", "{ HANDLER: 'x' }"),  # renamed: nothing reserved
            ("const vars = { HANDLER: 'x' };", "const vars = { AWS_LAMBDA_FUNCTION_NAME: 'x' };"),
            ("const vars =", "let vars ="),  # not a constant: not followed
        ],
    )
