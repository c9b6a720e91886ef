"""AWS005's findings are kept per function across edits: an edit of another statement that changes
how a function is invoked or whether it has an on-failure destination (an invoker added, a constant
it reads repointed, a resource that reads the function through constants, a read of `invokeArn`,
a bucket's event handler) reports what a fresh open of the new text reports."""

from __future__ import annotations

from .kept_edits import check_edits

HEADER = (
    "import * as aws from '@pulumi/aws';\n"
    "const role = new aws.iam.Role('r', { assumeRolePolicy: '{}' });\n"
    "export const a = new aws.lambda.Function('a', { runtime: 'nodejs22.x', handler: 'index.h', role: role.arn });\n"
    "export const b = new aws.lambda.Function('b', { runtime: 'nodejs22.x', handler: 'index.h', role: role.arn });\n"
)


def test_an_invoker_through_a_constant_repointed() -> None:
    check_edits(
        "AWS005",
        HEADER + "const target = a.arn;\n// subscriptions\n",
        [
            (
                "// subscriptions\n",
                "new aws.sns.TopicSubscription('s', { topic: 't', protocol: 'lambda', endpoint: target });\n",
            ),
            ("const target = a.arn;", "const target = b.arn;"),
            ("const target = b.arn;", "const target = 'arn:aws:sqs:eu-west-1:1:q';"),
        ],
    )


def test_an_on_failure_destination_added_and_removed() -> None:
    invoke = (
        "new aws.lambda.FunctionEventInvokeConfig('i', { functionName: a.name,"
        " destinationConfig: { onFailure: { destination: 'arn:aws:sqs:eu-west-1:1:q' } } });\n"
    )
    check_edits(
        "AWS005",
        HEADER + "new aws.lambda.Permission('p', { function: a.name, principal: 's3.amazonaws.com' });\n// end\n",
        [("// end\n", invoke), (invoke, "")],
    )


def test_a_resource_reading_the_function_through_constants() -> None:
    # The rule cannot tell how an IoT rule invokes: an unseen function becomes a "maybe".
    rule = "new aws.iot.TopicRule('t', { enabled: true, sql: 's', sqlVersion: 'v', lambdas: [action] });\n"
    check_edits(
        "AWS005",
        HEADER + "const arn = a.arn;\nconst action = { functionArn: arn };\n// rules\n",
        [
            ("// rules\n", rule),  # reads a through action and arn
            ("const arn = a.arn;", "const arn = b.arn;"),  # now b
            ("{ functionArn: arn }", "{ functionArn: 'x' }"),  # no function
            ("{ functionArn: 'x' }", "{ functionArn: arn }"),  # b again
            (rule, ""),
        ],
    )


def test_a_read_of_invoke_arn_elsewhere() -> None:
    check_edits(
        "AWS005",
        HEADER + "// exports\n",
        [
            ("// exports\n", "export const uri = a.invokeArn;\n"),
            ("a.invokeArn", "b.invokeArn"),
            ("export const uri = b.invokeArn;\n", ""),
        ],
    )


def test_a_bucket_event_handler_added_and_repointed() -> None:
    check_edits(
        "AWS005",
        HEADER + "const bucket = new aws.s3.BucketV2('images');\n// handlers\n",
        [
            ("// handlers\n", "bucket.onObjectCreated('h', a);\n"),
            ("bucket.onObjectCreated('h', a);", "bucket.onObjectCreated('h', b);"),
            ("bucket.onObjectCreated('h', b);\n", ""),
        ],
    )
