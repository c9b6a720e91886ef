"""AWS rules whose results depend on more than one file: the @pulumi/aws major in package.json,
the stack configuration, other program files, and the day the lint runs."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from pulumi_lint.config import LintConfig
from pulumi_lint.document import Document
from pulumi_lint.engine import Engine
from pulumi_lint.findings import Finding, Severity, Tag
from pulumi_lint.fixes import fix_all
from pulumi_lint.model_builder import build_program


def _project_dir(tmp_path: Path, aws_range: str | None) -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    if aws_range is not None:
        package = {"name": "app", "dependencies": {"@pulumi/aws": aws_range, "@pulumi/pulumi": "^3.0.0"}}
        (tmp_path / "package.json").write_text(json.dumps(package))
    return tmp_path


def _lint(
    code: str,
    source: str,
    path: Path,
    options: dict[str, Any] | None = None,
    project: Any = None,
    today: date | None = None,
) -> list[Finding]:
    config = LintConfig(select=(code,), options={code: options or {}}, unsafe_fixes=True)
    engine = Engine(config, today=today)
    return [f for f in engine.lint(Document(source.encode(), str(path)), project) if f.code == code]


def _fixed(code: str, source: str, path: Path) -> str:
    engine = Engine(LintConfig(select=(code,), unsafe_fixes=True))

    def lint(text: bytes) -> list[Finding]:
        return engine.lint(Document(text, str(path)))

    def parses(text: bytes) -> bool:
        return not Document(text, str(path)).tree.root_node.has_error

    result = fix_all(source.encode(), lint, parses, unsafe=True)
    assert parses(result.source)
    return result.source.decode()


HEADER = "import * as aws from '@pulumi/aws';\n"


# AWS009 -----------------------------------------------------------------------------------------


def test_aws009_v6_bucketv2_moves_plural_forms_to_v2_resources(tmp_path: Path) -> None:
    path = _project_dir(tmp_path, "^6.83.0") / "index.ts"
    source = HEADER + (
        "const bucket = new aws.s3.BucketV2('data', {\n"
        "  versionings: [{ enabled: true }],\n"
        "  loggings: [{ targetBucket: 'logs', targetPrefix: 'data/' }],\n"
        "});\n"
        "export const name = bucket.bucket;\n"
    )
    findings = _lint("AWS009", source, path)
    assert [source[f.start : f.end] for f in findings] == ["versionings", "loggings"]
    assert all(Tag.DEPRECATED in f.tags for f in findings)
    assert all("assuming" not in fix.title for f in findings for fix in f.fixes)
    fixed = _fixed("AWS009", source, path)
    assert "new aws.s3.BucketVersioningV2('data-versioning', {" in fixed
    assert "versioningConfiguration: { status: 'Enabled' }," in fixed
    assert "new aws.s3.BucketLoggingV2('data-logging', {" in fixed
    assert "targetPrefix: 'data/'," in fixed
    assert "versionings" not in fixed and "loggings" not in fixed
    assert _lint("AWS009", fixed, path) == []


def test_aws009_v6_legacy_bucket_is_information_without_a_fix(tmp_path: Path) -> None:
    path = _project_dir(tmp_path, "6.83.4") / "index.ts"
    source = HEADER + "export const bucket = new aws.s3.Bucket('data', { versioning: { enabled: true } });\n"
    [finding] = _lint("AWS009", source, path)
    assert finding.severity is Severity.INFO
    assert finding.fixes == ()
    assert "aws.s3.BucketV2" in finding.message and "aws.s3.BucketVersioningV2" in finding.message


def test_aws009_v7_from_package_json_and_assumed_without_one(tmp_path: Path) -> None:
    source = HEADER + "export const bucket = new aws.s3.Bucket('data', { acl: 'private' });\n"
    known = _lint("AWS009", source, _project_dir(tmp_path / "a", "^7.0.0") / "index.ts")
    assumed = _lint("AWS009", source, _project_dir(tmp_path / "b", None) / "index.ts")
    assert [f.fixes[0].title for f in known] == ["Move `acl` to aws.s3.BucketAcl"]
    assert [f.fixes[0].title for f in assumed] == [
        "Move `acl` to aws.s3.BucketAcl (assuming @pulumi/aws v7: no package.json names it)"
    ]


def test_aws009_object_lock_moves_the_rule_and_keeps_the_flag(tmp_path: Path) -> None:
    path = _project_dir(tmp_path, "^7.2.0") / "index.ts"
    source = HEADER + (
        "export const vault = new aws.s3.Bucket('vault', {\n"
        "  objectLockConfiguration: {\n"
        "    objectLockEnabled: 'Enabled',\n"
        "    rule: { defaultRetention: { mode: 'COMPLIANCE', days: 30 } },\n"
        "  },\n"
        "});\n"
    )
    fixed = _fixed("AWS009", source, path)
    assert "  objectLockEnabled: true,\n" in fixed
    assert "new aws.s3.BucketObjectLockConfiguration('vault-object-lock', {" in fixed
    assert "rule: { defaultRetention: { mode: 'COMPLIANCE', days: 30 } }," in fixed


# AWS008 -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("aws_range", "severity", "tagged"),
    [("^6.0.0", Severity.WARNING, True), ("^7.1.0", Severity.ERROR, False)],
)
def test_aws008_is_an_error_in_v7_and_a_deprecation_in_v6(
    tmp_path: Path, aws_range: str, severity: Severity, tagged: bool
) -> None:
    path = _project_dir(tmp_path, aws_range) / "index.ts"
    source = HEADER + (
        "const api = new aws.apigateway.RestApi('api', {});\n"
        "const deployment = new aws.apigateway.Deployment('api', { restApi: api.id, stageName: 'prod' });\n"
        "export const url = deployment.invokeUrl;\n"
    )
    findings = _lint("AWS008", source, path)
    assert len(findings) == 2
    assert {f.severity for f in findings} == {severity}
    assert all((Tag.DEPRECATED in f.tags) is tagged for f in findings)


# AWS016 -----------------------------------------------------------------------------------------

RUNTIME_SOURCE = HEADER + (
    "export const fn = new aws.lambda.Function('fn', {\n"
    "  runtime: aws.lambda.Runtime.NodeJS18dX,\n"
    "  handler: 'index.handler',\n"
    "  role: 'arn:aws:iam::123456789012:role/fn',\n"
    "});\n"
)


@pytest.mark.parametrize(
    ("today", "severity"),
    [
        (date(2025, 5, 1), None),  # more than 90 days before deprecation (2025-09-01)
        (date(2025, 6, 3), Severity.INFO),  # within 90 days of it
        (date(2025, 9, 1), Severity.WARNING),  # deprecated
        (date(2027, 3, 2), Severity.WARNING),
        (date(2027, 3, 3), Severity.ERROR),  # function updates blocked
    ],
)
def test_aws016_severity_follows_the_dated_table(tmp_path: Path, today: date, severity: Severity | None) -> None:
    findings = _lint("AWS016", RUNTIME_SOURCE, tmp_path / "index.ts", today=today)
    assert [f.severity for f in findings] == ([severity] if severity else [])


def test_aws016_fix_keeps_the_enum_style(tmp_path: Path) -> None:
    [finding] = _lint("AWS016", RUNTIME_SOURCE, tmp_path / "index.ts", today=date(2026, 11, 23))
    [edit] = finding.fixes[0].edits
    assert edit.text == "aws.lambda.Runtime.NodeJS24dX"


# AWS013 -----------------------------------------------------------------------------------------

TABLE_SOURCE = HEADER + (
    "export const table = new aws.dynamodb.Table('orders', {\n"
    "  attributes: [{ name: 'id', type: 'S' }],\n"
    "  hashKey: 'id',\n"
    "});\n"
)


def _stack(folder: Path, name: str, tags: dict[str, str] | None) -> None:
    config: dict[str, Any] = {"aws:region": "eu-west-1"}
    if tags is not None:
        config["aws:defaultTags"] = {"tags": tags}
    (folder / f"Pulumi.{name}.yaml").write_text(json.dumps({"config": config}))


def test_aws013_default_tags_of_every_stack_cover_the_default_provider(tmp_path: Path) -> None:
    (tmp_path / "Pulumi.yaml").write_text("name: shop\nruntime: nodejs\n")
    full = {"Environment": "dev", "Project": "shop", "ManagedBy": "Pulumi", "CostCenter": "sales"}
    _stack(tmp_path, "dev", full)
    _stack(tmp_path, "prod", {**full, "Environment": "prod"})
    assert _lint("AWS013", TABLE_SOURCE, tmp_path / "index.ts") == []
    _stack(tmp_path, "test", None)  # one stack without default tags
    assert len(_lint("AWS013", TABLE_SOURCE, tmp_path / "index.ts")) == 1


def test_aws013_required_tags_option(tmp_path: Path) -> None:
    source = HEADER + "export const q = new aws.sqs.Queue('q', { tags: { Name: 'q' } });\n"
    assert _lint("AWS013", source, tmp_path / "a.ts", {"required-tags": []}) == []
    [finding] = _lint("AWS013", source, tmp_path / "a.ts", {"required-tags": ["Owner"]})
    assert "`Owner`" in finding.message
    untagged = HEADER + "export const q = new aws.sqs.Queue('q', {});\n"
    assert len(_lint("AWS013", untagged, tmp_path / "a.ts", {"required-tags": []})) == 1


def test_aws013_provider_in_another_file_covers_passed_in_providers(tmp_path: Path) -> None:
    other = HEADER + (
        "export const tagged = new aws.Provider('tagged', {\n"
        "  defaultTags: {\n"
        "    tags: { Environment: 'dev', Project: 'p', ManagedBy: 'Pulumi', CostCenter: 'c' },\n"
        "  },\n"
        "});\n"
    )
    source = HEADER + (
        "import { tagged } from './providers';\nexport const q = new aws.sqs.Queue('q', {}, { provider: tagged });\n"
    )
    assert len(_lint("AWS013", source, tmp_path / "index.ts")) == 1
    project = SimpleNamespace(programs=[_program(other)])
    assert _lint("AWS013", source, tmp_path / "index.ts", project=project) == []


def _program(source: str) -> Any:
    document = Document(source.encode(), "other.ts")
    return build_program(document.tree, document.source)


# AWS012 -----------------------------------------------------------------------------------------


def test_aws012_flow_log_in_another_program_file(tmp_path: Path) -> None:
    source = HEADER + "export const vpc = new aws.ec2.Vpc('main', { cidrBlock: '10.0.0.0/16' });\n"
    other = HEADER + (
        "import { vpc } from './index';\n"
        "export const flowLog = new aws.ec2.FlowLog('flow', {\n"
        "  vpcId: vpc.id,\n"
        "  trafficType: 'ALL',\n"
        "  logDestinationType: 's3',\n"
        "  logDestination: 'arn:aws:s3:::flow-logs',\n"
        "});\n"
    )
    assert len(_lint("AWS012", source, tmp_path / "index.ts")) == 1
    project = SimpleNamespace(programs=[_program(other)])
    assert _lint("AWS012", source, tmp_path / "index.ts", project=project) == []


def test_aws012_account_in_another_file_means_no_account_in_the_fix(tmp_path: Path) -> None:
    source = HEADER + (
        "const api = new aws.apigateway.RestApi('api', {});\n"
        "const deployment = new aws.apigateway.Deployment('api', { restApi: api.id });\n"
        "export const stage = new aws.apigateway.Stage('prod', {\n"
        "  restApi: api.id,\n"
        "  deployment: deployment.id,\n"
        "  stageName: 'prod',\n"
        "});\n"
    )
    other = HEADER + "export const account = new aws.apigateway.Account('account', { cloudwatchRoleArn: 'arn' });\n"
    project = SimpleNamespace(programs=[_program(other)])
    [finding] = _lint("AWS012", source, tmp_path / "index.ts", project=project)
    assert "Account" not in finding.message
    text = "".join(edit.text for edit in finding.fixes[0].edits)
    assert "aws.apigateway.Account" not in text and "accessLogSettings" in text


# AWS011 -----------------------------------------------------------------------------------------


def test_aws011_v6_bucketv2_list_forms(tmp_path: Path) -> None:
    path = _project_dir(tmp_path, "^6.0.0") / "index.ts"
    source = HEADER + (
        "export const bucket = new aws.s3.BucketV2('logs', {\n"
        "  versionings: [{ enabled: true }],\n"
        "  lifecycleRules: [{ enabled: true, expirations: [{ days: 365 }] }],\n"
        "});\n"
    )
    [finding] = _lint("AWS011", source, path)
    assert "noncurrentVersionExpiration" in finding.message
    fixed = _fixed("AWS011", source, path)
    assert "noncurrentVersionExpirations: [{ days: 30 }]" in fixed
    assert "{ days: 60, storageClass: 'GLACIER' }" in fixed


def test_aws011_options_change_the_days(tmp_path: Path) -> None:
    source = HEADER + (
        "export const bucket = new aws.s3.Bucket('logs', {\n"
        "  lifecycleRules: [{ enabled: true, expiration: { days: 400 } }],\n"
        "});\n"
    )
    options = {"ia-days": 45, "glacier-days": 120, "noncurrent-days": 10}
    [finding] = _lint("AWS011", source, tmp_path / "index.ts", options)
    text = "".join(edit.text for edit in finding.fixes[0].edits)
    assert "{ days: 45, storageClass: 'STANDARD_IA' }" in text
    assert "{ days: 120, storageClass: 'GLACIER' }" in text


# The project object's own API ---------------------------------------------------------------------


def test_project_programs_and_stacks_come_from_the_project_object(tmp_path: Path) -> None:
    # Shaped like pulumi_lint.project.Project: program files read through the project, stack
    # files already parsed into (namespace, name, value) keys.
    index = tmp_path / "index.ts"
    flow = tmp_path / "flow.ts"
    source = HEADER + "export const vpc = new aws.ec2.Vpc('main', { cidrBlock: '10.0.0.0/16' });\n"
    other = HEADER + (
        "import { vpc } from './index';\n"
        "new aws.ec2.FlowLog('flow', { vpcId: vpc.id, logDestinationType: 's3', logDestination: 'arn' });\n"
    )
    tags = {"tags": {"Environment": "dev", "Project": "p", "ManagedBy": "Pulumi", "CostCenter": "c"}}
    key = SimpleNamespace(namespace="aws", name="defaultTags", value=tags)
    project = SimpleNamespace(
        aws_major=7,
        aws_major_known=True,
        program_files=lambda: [index, flow],
        program=lambda path: _program(other) if Path(path) == flow else None,
        stacks=[SimpleNamespace(stack="dev", keys=[key])],
        project_config=[],
    )
    assert _lint("AWS012", source, index, project=project) == []
    assert _lint("AWS013", source, index, project=project) == []
    project.stacks.append(SimpleNamespace(stack="prod", keys=[]))
    assert len(_lint("AWS013", source, index, project=project)) == 1


# Options ------------------------------------------------------------------------------------------

TWO_FUNCTIONS = HEADER + "".join(
    f"export const {name} = new aws.lambda.Function('{name}', {{ runtime: 'nodejs22.x', role: 'r' }});\n"
    for name in ("a", "b")
)


def test_aws017_min_repeats_option(tmp_path: Path) -> None:
    assert _lint("AWS017", TWO_FUNCTIONS, tmp_path / "index.ts") == []
    [finding] = _lint("AWS017", TWO_FUNCTIONS, tmp_path / "index.ts", {"min-repeats": 2})
    assert "This Lambda function and `b` (line 3) are built" in finding.message


def test_malformed_options_fall_back_to_the_defaults(tmp_path: Path) -> None:
    assert _lint("AWS017", TWO_FUNCTIONS, tmp_path / "index.ts", {"min-repeats": "many"}) == []
    source = HEADER + "export const vpc = new aws.ec2.Vpc('main', { cidrBlock: '10.0.0.0/16' });\n"
    [finding] = _lint("AWS012", source, tmp_path / "index.ts", {"retention-days": None})
    assert "retentionInDays: 30," in "".join(e.text for e in finding.fixes[0].edits)
    [tagged] = _lint(
        "AWS013",
        HEADER + "export const q = new aws.sqs.Queue('q', { tags: {} });\n",
        tmp_path / "index.ts",
        {"required-tags": "Owner"},
    )
    assert "`Owner`" in tagged.message
