"""pulumi_lint.aws_model: type names across versions, lookups, and IAM statements in every form."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from pulumi_lint import aws_model
from pulumi_lint.aws_model import PolicyStatement, policy_statements
from pulumi_lint.document import Document
from pulumi_lint.model import Program
from pulumi_lint.model_builder import build_program

HEADER = "import * as aws from '@pulumi/aws';\nimport * as pulumi from '@pulumi/pulumi';\n"


def program_of(source: str) -> tuple[Program, bytes]:
    data = source.encode()
    document = Document(data, "index.ts")
    assert not document.tree.root_node.has_error
    return build_program(document.tree, data), data


def statements(source: str) -> list[PolicyStatement]:
    program, _ = program_of(source)
    return policy_statements(program)


def summary(statement: PolicyStatement) -> tuple[str | None, list[str | None], list[str | None]]:
    return (
        statement.effect,
        [a.text for a in statement.actions],
        [r.text for r in statement.resources],
    )


# IAM statements ------------------------------------------------------------------------------


def test_object_literal_policy_document() -> None:
    found = statements(
        HEADER
        + """
new aws.iam.Policy('p', {
  policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] },
});
"""
    )
    assert [summary(s) for s in found] == [("Allow", ["s3:GetObject"], ["*"])]
    (statement,) = found
    assert statement.form == "json"
    assert statement.container == "object"
    assert statement.owner is not None and statement.owner.resource_type == "aws.iam.Policy"
    assert statement.owner_property == "policy"


def test_json_stringify_with_action_list() -> None:
    (statement,) = statements(
        HEADER
        + """
new aws.iam.RolePolicy('p', {
  role: 'r',
  policy: JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:PutItem'], Resource: 'arn:x' }],
  }),
});
"""
    )
    assert summary(statement) == ("Allow", ["dynamodb:GetItem", "dynamodb:PutItem"], ["arn:x"])
    assert statement.container == "json-stringify"
    assert statement.call is not None and statement.call.value.name == "JSON.stringify"
    assert statement.owner_property == "policy"
    assert not statement.in_callback


def test_pulumi_json_stringify_under_any_alias() -> None:
    (statement,) = statements(
        """import * as aws from '@pulumi/aws';
import * as p from '@pulumi/pulumi';
const t = new aws.dynamodb.Table('t', {});
new aws.iam.Policy('x', {
  policy: p.jsonStringify({ Statement: [{ Effect: 'Allow', Action: '*', Resource: t.arn }] }),
});
"""
    )
    assert statement.container == "pulumi-json-stringify"
    assert summary(statement) == ("Allow", ["*"], [None])


def test_apply_callbacks() -> None:
    found = statements(
        HEADER
        + """
const t = new aws.dynamodb.Table('t', {});
const q = new aws.sqs.Queue('q');
new aws.iam.Policy('one', {
  policy: t.arn.apply((arn) =>
    JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 'dynamodb:Query', Resource: arn }] }),
  ),
});
new aws.iam.Policy('two', {
  policy: pulumi.all([t.arn, q.arn]).apply(([tableArn, queueArn]) =>
    JSON.stringify({
      Statement: [
        { Effect: 'Allow', Action: ['dynamodb:Query'], Resource: tableArn },
        { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: queueArn },
      ],
    }),
  ),
});
"""
    )
    assert [s.actions[0].text for s in found] == ["dynamodb:Query", "dynamodb:Query", "sqs:SendMessage"]
    assert all(s.in_callback for s in found)
    assert all(s.container == "json-stringify" for s in found)
    assert [s.owner.variable for s in found if s.owner] == [None, None, None]
    assert {s.owner.resource_type for s in found if s.owner} == {"aws.iam.Policy"}


@pytest.mark.parametrize(
    ("imports", "callee"),
    [
        ("import * as aws from '@pulumi/aws';", "aws.iam.getPolicyDocument"),
        ("import * as aws from '@pulumi/aws';", "aws.iam.getPolicyDocumentOutput"),
        ("import { iam } from '@pulumi/aws';", "iam.getPolicyDocumentOutput"),
        ("import { getPolicyDocument } from '@pulumi/aws/iam';", "getPolicyDocument"),
        ("import * as cloud from '@pulumi/aws';", "cloud.iam.getPolicyDocument"),
        ("const aws = require('@pulumi/aws');", "aws.iam.getPolicyDocument"),
    ],
)
def test_get_policy_document_statements(imports: str, callee: str) -> None:
    found = statements(
        f"""{imports}
const doc = {callee}({{
  statements: [
    {{ actions: ['s3:*'], resources: ['*'] }},
    {{ effect: 'Deny', actions: ['s3:DeleteObject'], resources: ['arn:aws:s3:::b/*'] }},
    {{
      actions: ['sts:AssumeRole'],
      principals: [{{ type: 'Service', identifiers: ['lambda.amazonaws.com'] }}],
    }},
  ],
}});
"""
    )
    assert [summary(s) for s in found] == [
        ("Allow", ["s3:*"], ["*"]),
        ("Deny", ["s3:DeleteObject"], ["arn:aws:s3:::b/*"]),
        ("Allow", ["sts:AssumeRole"], []),
    ]
    assert all(s.form == "document" and s.container == "policy-document" for s in found)
    assert found[2].principal_property is not None
    assert found[0].action_key == "actions" and found[0].resource_key == "resources"


def test_role_inline_policies_and_assume_role_policy() -> None:
    found = statements(
        HEADER
        + """
new aws.iam.Role('r', {
  assumeRolePolicy: JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ],
  }),
  inlinePolicies: [
    {
      name: 'logs',
      policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 'logs:*', Resource: '*' }] }),
    },
  ],
});
"""
    )
    assert [(s.owner_property, s.actions[0].text) for s in found] == [
        ("assumeRolePolicy", "sts:AssumeRole"),
        ("inlinePolicies", "logs:*"),
    ]
    assert found[0].principal_property is not None and found[0].resources == []


def test_constants_spreads_and_single_statement_objects() -> None:
    found = statements(
        HEADER
        + """
const read = ['s3:GetObject', 's3:ListBucket'];
const WRITE = 's3:PutObject';
const statement = { Effect: 'Allow', Action: [...read, WRITE], Resource: `arn:aws:s3:::b/*` };
const doc = { Version: '2012-10-17', Statement: statement };
new aws.iam.Policy('p', { policy: JSON.stringify(doc) });
const statements = [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: 'arn:q' }];
new aws.iam.Policy('q', { policy: { Version: '2012-10-17', Statement: statements } });
"""
    )
    assert [summary(s) for s in found] == [
        ("Allow", ["s3:GetObject", "s3:ListBucket", "s3:PutObject"], ["arn:aws:s3:::b/*"]),
        ("Allow", ["sqs:SendMessage"], ["arn:q"]),
    ]
    # JSON.stringify(doc) with the document in a constant is still recognised as stringified.
    assert found[0].container == "json-stringify"
    # Items keep where they are written: the spread's strings are in the ``read`` constant.
    action_texts = [item.value.kind for item in found[0].actions]
    assert action_texts == ["string", "string", "identifier"]


def test_effects() -> None:
    found = statements(
        HEADER
        + """
export function doc(effect: string) {
  return {
    Statement: [
      { Action: 's3:GetObject', Resource: '*' },
      { Effect: 'Deny', Action: 's3:*', Resource: '*' },
      { Effect: effect, Action: 's3:*', Resource: '*' },
    ],
  };
}
"""
    )
    assert [(s.effect, s.is_allow) for s in found] == [("Allow", True), ("Deny", False), (None, False)]


def test_kms_key_policy_owner_and_principal() -> None:
    (statement,) = statements(
        HEADER
        + """
const current = aws.getCallerIdentityOutput();
new aws.kms.Key('k', {
  policy: current.accountId.apply((id) => JSON.stringify({
    Statement: [
      { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${id}:root` }, Action: 'kms:*', Resource: '*' },
    ],
  })),
});
"""
    )
    assert statement.owner is not None and aws_model.is_type(statement.owner, *aws_model.KMS_KEY_POLICY_TYPES)
    assert statement.principal_property is not None


def test_not_action_and_not_resource_are_kept_apart() -> None:
    (statement,) = statements(
        HEADER + "const d = { Statement: [{ Effect: 'Allow', NotAction: 'iam:*', NotResource: 'arn:x' }] };\n"
    )
    assert statement.actions == [] and statement.resources == []
    assert statement.not_action_property is not None and statement.not_resource_property is not None


def test_objects_without_statement_are_not_policies() -> None:
    source = HEADER + "const x = { Action: '*', Resource: '*' };\nconst y = { statements: [] };\n"
    assert statements(source) == []


# Actions -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "wildcard", "read_only", "no_resource_level"),
    [
        ("*", True, False, False),
        ("s3:*", True, False, False),
        ("s3:Get*", False, True, False),
        ("s3:PutObject", False, False, False),
        ("ec2:DescribeInstances", False, True, True),
        ("xray:PutTraceSegments", False, False, True),
        ("XRAY:puttracesegments", False, False, True),
        ("logs:CreateLogGroup", False, False, False),
        ("cloudwatch:PutMetricData", False, False, True),
    ],
)
def test_action_classification(action: str, wildcard: bool, read_only: bool, no_resource_level: bool) -> None:
    assert aws_model.is_full_wildcard_action(action) is wildcard
    assert aws_model.is_read_only_action(action) is read_only
    assert aws_model.lacks_resource_level_permissions(action) is no_resource_level


# Types and imports ---------------------------------------------------------------------------


def test_v6_and_v7_names_are_one_type() -> None:
    assert aws_model.canonical_type("aws.s3.BucketV2") == "aws.s3.Bucket"
    assert aws_model.canonical_type("aws.s3.BucketVersioningV2") == "aws.s3.BucketVersioning"
    assert aws_model.canonical_type("aws.lambda.Function") == "aws.lambda.Function"
    assert aws_model.type_names("aws.s3.Bucket") == {"aws.s3.Bucket", "aws.s3.BucketV2"}
    assert aws_model.versioned_type("aws.s3.BucketVersioning", 6) == "aws.s3.BucketVersioningV2"
    assert aws_model.versioned_type("aws.s3.BucketVersioningV2", 7) == "aws.s3.BucketVersioning"
    assert aws_model.versioned_type("aws.s3.BucketVersioning", None) == "aws.s3.BucketVersioning"
    program, _ = program_of(
        "import { s3 } from '@pulumi/aws';\nimport * as aws from '@pulumi/aws';\n"
        "const a = new s3.BucketV2('a');\nconst b = new aws.s3.Bucket('b');\n"
        "const c = new aws.sqs.Queue('c');\n"
    )
    for name in ("aws.s3.Bucket", "aws.s3.BucketV2"):
        found = [c.variable.name for c in aws_model.constructions_of(program, name) if c.variable]
        assert found == ["a", "b"]


@pytest.mark.parametrize(
    ("imports", "expected"),
    [
        ("import * as aws from '@pulumi/aws';", "aws.cloudwatch.LogGroup"),
        ("import { cloudwatch } from '@pulumi/aws';", "cloudwatch.LogGroup"),
        ("import * as cw from '@pulumi/aws/cloudwatch';", "cw.LogGroup"),
        ("import { LogGroup } from '@pulumi/aws/cloudwatch';", "LogGroup"),
        ("import * as pulumi from '@pulumi/pulumi';", None),
    ],
)
def test_type_expression_follows_the_imports(imports: str, expected: str | None) -> None:
    program, _ = program_of(imports + "\n")
    assert aws_model.type_expression(program, "aws.cloudwatch.LogGroup") == expected


def test_aws_major_version_from_the_nearest_package_json(tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text(json.dumps({"dependencies": {"@pulumi/aws": "^6.83.0"}}))
    nested = tmp_path / "infra" / "src"
    nested.mkdir(parents=True)
    assert aws_model.aws_major_version(str(nested / "index.ts")) == 6
    (tmp_path / "infra" / "package.json").write_text(json.dumps({"dependencies": {"@pulumi/aws": "7.48.0"}}))
    assert aws_model.aws_major_version(str(nested / "index.ts")) == 7
    (tmp_path / "infra" / "package.json").write_text(json.dumps({"dependencies": {"left-pad": "1"}}))
    assert aws_model.aws_major_version(str(nested / "other.ts")) is None
    assert aws_model.aws_major_version(None) is None


# Values and relations ------------------------------------------------------------------------


def test_static_text_through_constants_and_templates() -> None:
    program, source = program_of(
        HEADER
        + "const env = 'prod';\nconst name = `orders-${env}`;\n"
        + "const x = `table/${name}`;\nconst y = `t/${aws.config.region}`;\n"
    )
    x = program.variable("x")
    y = program.variable("y")
    assert x is not None and y is not None
    assert aws_model.static_text(program, x.value, source) == "table/orders-prod"
    assert aws_model.static_text(program, x.value) is None  # templates need the source
    assert aws_model.static_text(program, y.value, source) is None


def test_relation_by_reference_name_and_unknowns() -> None:
    program, source = program_of(
        HEADER
        + """
const a = new aws.dynamodb.Table('a', { name: 'orders' });
const b = new aws.dynamodb.Table('b');
export const byRef = pulumi.interpolate`table/${a.name}`;
export const byName = 'table/orders';
export const other = pulumi.interpolate`table/${b.name}`;
export function unknown(n: string) { return `table/${n}`; }
"""
    )
    table = next(c for c in program.constructions if c.variable and c.variable.name == "a")

    def rel(name: str) -> str:
        decl = program.variable(name)
        assert decl is not None
        return aws_model.relation(
            program,
            decl.value,
            program,
            table,
            text_matches=lambda text: text == "table/orders",
            source=source,
        )

    assert rel("byRef") == "yes"
    assert rel("byName") == "yes"
    assert rel("other") == "no"
    template = next(t for t in program.templates if "n" in [s.name for s in t.value.substitutions])
    unknown = aws_model.relation(
        program, template.value, program, table, text_matches=lambda t: False, source=source
    )
    assert unknown == "maybe"


def test_construction_refs_include_component_fields() -> None:
    program, _ = program_of(
        HEADER
        + """
class C extends pulumi.ComponentResource {
  public readonly table: aws.dynamodb.Table;
  constructor(name: string) {
    super('x:y:C', name, {});
    this.table = new aws.dynamodb.Table(name, {});
  }
}
"""
    )
    (table,) = aws_model.constructions_of(program, "aws.dynamodb.Table")
    assert aws_model.construction_refs(program, table) == {"this.table"}


def test_programs_in_scope_reads_a_project_duck_typed() -> None:
    current, _ = program_of(HEADER)
    other, _ = program_of(HEADER + "const q = new aws.sqs.Queue('q');\n")
    document = SimpleNamespace(path="/p/index.ts")
    ctx = SimpleNamespace(program=current, project=None, document=document)
    assert aws_model.programs_in_scope(ctx) == [current]
    ctx.project = SimpleNamespace(programs=lambda: {"/p/index.ts": current, "/p/queues.ts": other})
    assert aws_model.programs_in_scope(ctx) == [current, other]
    ctx.project = SimpleNamespace(programs=[SimpleNamespace(program=other, path="/p/queues.ts")])
    assert aws_model.programs_in_scope(ctx) == [current, other]


def test_programs_in_scope_reads_program_files_of_a_project() -> None:
    current, _ = program_of(HEADER)
    other, _ = program_of(HEADER + "const q = new aws.sqs.Queue('q');\n")
    parsed = {"/p/index.ts": current, "/p/lib/queues.ts": other}
    project = SimpleNamespace(program_files=lambda: [Path(p) for p in parsed], program=lambda p: parsed[str(p)])
    ctx = SimpleNamespace(program=current, project=project, document=SimpleNamespace(path="/p/index.ts"))
    assert aws_model.programs_in_scope(ctx) == [current, other]
