"""Cross-resource AWS rules look through the project's other program files."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from pulumi_lint.config import LintConfig
from pulumi_lint.document import Document
from pulumi_lint.engine import Engine
from pulumi_lint.findings import Finding
from pulumi_lint.model_builder import build_program

TABLE = """import * as aws from '@pulumi/aws';
export const table = new aws.dynamodb.Table('orders', {
  name: 'orders',
  attributes: [{ name: 'id', type: 'S' }],
  hashKey: 'id',
  billingMode: 'PROVISIONED',
  readCapacity: 5,
  writeCapacity: 5,
});
"""
SCALING = """import * as aws from '@pulumi/aws';
export const reads = new aws.appautoscaling.Target('orders-read', {
  serviceNamespace: 'dynamodb',
  resourceId: 'table/%s',
  scalableDimension: 'dynamodb:table:ReadCapacityUnits',
  minCapacity: 5,
  maxCapacity: 50,
});
"""


def project_of(files: dict[str, str]) -> SimpleNamespace:
    programs = {}
    for path, text in files.items():
        document = Document(text.encode(), path)
        programs[path] = build_program(document.tree, document.source)
    return SimpleNamespace(program_files=lambda: [Path(p) for p in programs], program=lambda p: programs[str(p)])


def lint(code: str, path: str, files: dict[str, str], with_project: bool = True) -> list[Finding]:
    engine = Engine(LintConfig(select=(code,)))
    project = project_of(files) if with_project else None
    return [f for f in engine.lint(Document(files[path].encode(), path), project) if f.code == code]


def test_aws003_finds_the_scaling_target_in_another_file() -> None:
    files = {"/p/index.ts": TABLE, "/p/scaling.ts": SCALING % "orders"}
    assert len(lint("AWS003", "/p/index.ts", files, with_project=False)) == 1
    assert lint("AWS003", "/p/index.ts", files) == []
    # A target for another table, named by a plain string, does not count.
    files["/p/scaling.ts"] = SCALING % "invoices"
    assert len(lint("AWS003", "/p/index.ts", files)) == 1


def test_aws014_finds_the_alarm_in_another_file() -> None:
    queues = """import * as aws from '@pulumi/aws';
export const dlq = new aws.sqs.Queue('orders-dlq', { name: 'orders-dlq' });
export const orders = new aws.sqs.Queue('orders', {
  redrivePolicy: JSON.stringify({ deadLetterTargetArn: 'arn:aws:sqs:eu-west-1:123456789012:orders-dlq' }),
});
export const processor = new aws.lambda.Function('processor', {
  runtime: 'nodejs22.x',
  handler: 'index.handler',
  role: 'arn:aws:iam::123456789012:role/processor',
  deadLetterConfig: { targetArn: dlq.arn },
});
"""
    monitoring = """import * as aws from '@pulumi/aws';
export const dlqAlarm = new aws.cloudwatch.MetricAlarm('orders-dlq', {
  comparisonOperator: 'GreaterThanThreshold',
  evaluationPeriods: 1,
  metricName: 'ApproximateNumberOfMessagesVisible',
  namespace: 'AWS/SQS',
  period: 300,
  statistic: 'Maximum',
  threshold: 0,
  dimensions: { QueueName: 'orders-dlq' },
});
"""
    files = {"/p/queues.ts": queues, "/p/monitoring.ts": monitoring}
    assert len(lint("AWS014", "/p/queues.ts", files, with_project=False)) == 1
    assert lint("AWS014", "/p/queues.ts", files) == []


def test_kept_findings_follow_a_change_in_another_file() -> None:
    """The same document analysed again by the same engine, in the same project: when another
    program file changes (a new model of it), the findings kept across edits are worked out again."""
    engine = Engine(LintConfig(select=("AWS003",)))
    document = Document(TABLE.encode(), "/p/index.ts")
    programs: dict[str, object] = {}

    def change(path: str, text: str) -> None:
        changed = Document(text.encode(), path)
        programs[path] = build_program(changed.tree, changed.source)

    project = SimpleNamespace(program_files=lambda: [Path(p) for p in programs], program=lambda p: programs[str(p)])
    change("/p/index.ts", TABLE)
    change("/p/scaling.ts", SCALING % "invoices")
    assert len([f for f in engine.lint(document, project) if f.code == "AWS003"]) == 1
    change("/p/scaling.ts", SCALING % "orders")
    assert [f for f in engine.lint(document, project) if f.code == "AWS003"] == []
    change("/p/scaling.ts", SCALING % "invoices")
    assert len([f for f in engine.lint(document, project) if f.code == "AWS003"]) == 1
