"""AWS014's findings are kept per queue across edits: an edit of another statement that changes
whether a queue is a dead-letter queue (a function or queue handing it over, directly or through
constants), whether it receives regular messages (a subscription), or whether an alarm watches it
reports what a fresh open of the new text reports."""

from __future__ import annotations

from .kept_edits import check_edits

HEADER = (
    "import * as aws from '@pulumi/aws';\n"
    "const q1 = new aws.sqs.Queue('q1', { name: 'q1' });\n"
    "const q2 = new aws.sqs.Queue('q2', { name: 'q2' });\n"
)
ALARM = (
    "new aws.cloudwatch.MetricAlarm('a', { comparisonOperator: 'GreaterThanThreshold', evaluationPeriods: 1,"
    " metricName: 'ApproximateNumberOfMessagesVisible', namespace: 'AWS/SQS', period: 60, statistic: 'Maximum',"
    " threshold: 0, dimensions: { QueueName: watched } });\n"
)


def test_a_queue_handed_over_as_dead_letter_queue_through_constants() -> None:
    function = "new aws.lambda.Function('f', { role: 'r', deadLetterConfig: failures });\n"
    check_edits(
        "AWS014",
        HEADER + "const arn = q1.arn;\nconst failures = { targetArn: arn };\n// functions\n",
        [
            ("// functions\n", function),  # q1 is a dead-letter queue
            ("const arn = q1.arn;", "const arn = q2.arn;"),  # q2 instead
            ("{ targetArn: arn }", "{ targetArn: 'arn:aws:sqs:eu-west-1:1:other' }"),  # neither
            ("{ targetArn: 'arn:aws:sqs:eu-west-1:1:other' }", "{ targetArn: arn }"),  # q2 again
            (function, ""),
        ],
    )


def test_a_redrive_policy_elsewhere() -> None:
    main = "new aws.sqs.Queue('main', { redrivePolicy: q1.arn.apply((arn) => JSON.stringify({ arn })) });\n"
    check_edits(
        "AWS014",
        HEADER + "// queues\n",
        [("// queues\n", main), ("q1.arn.apply", "q2.arn.apply"), (main.replace("q1.", "q2."), "")],
    )


def test_a_subscription_makes_it_a_regular_destination() -> None:
    subscription = "new aws.sns.TopicSubscription('s', { topic: 't', protocol: 'sqs', endpoint: endpoint });\n"
    check_edits(
        "AWS014",
        HEADER
        + "new aws.lambda.Function('f', { role: 'r', deadLetterConfig: { targetArn: q1.arn } });\n"
        + "const endpoint = q1.arn;\n// subscriptions\n",
        [
            ("// subscriptions\n", subscription),  # q1 receives regular messages
            ("const endpoint = q1.arn;", "const endpoint = q2.arn;"),  # q1 only gets failures
            ("const endpoint = q2.arn;", "const endpoint = q1.arn;"),
            (subscription, ""),
        ],
    )


def test_an_alarm_added_repointed_and_removed() -> None:
    check_edits(
        "AWS014",
        HEADER
        + "new aws.lambda.Function('f', { role: 'r', deadLetterConfig: { targetArn: q1.arn } });\n"
        + "const watched = q1.name;\n// alarms\n",
        [
            ("// alarms\n", ALARM),  # q1 is watched
            ("const watched = q1.name;", "const watched = 'q2';"),  # by name: another queue
            ("const watched = 'q2';", "const watched = 'q1';"),  # by name: q1
            (ALARM, ""),
        ],
    )
