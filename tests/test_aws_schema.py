"""The shipped @pulumi/aws schema, its loader, and the generator's declaration parsing."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest
from pulumi_lint import aws_schema
from pulumi_lint.aws_schema import AwsSchema, SchemaError, load_schema, schema

REPO = Path(__file__).resolve().parent.parent


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "generate_aws_schema", REPO / "scripts" / "generate_aws_schema.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


gen = _generator()


# --------------------------------------------------------------------------------------------------
# The shipped data


def test_schema_loads_once_and_records_its_provenance() -> None:
    first = schema()
    assert schema() is first
    assert first.majors == (6, 7)
    assert first.versions[7].startswith("7.")
    assert first.versions[6].startswith("6.")
    dt.date.fromisoformat(first.generated)
    assert first.package == "@pulumi/aws"


def test_shipped_file_is_compact() -> None:
    assert aws_schema.DATA_PATH.stat().st_size < 1_500_000


REQUIRED_V7_TYPES = [
    "aws.lambda.Function",
    "aws.lambda.Alias",
    "aws.lambda.ProvisionedConcurrencyConfig",
    "aws.lambda.FunctionEventInvokeConfig",
    "aws.lambda.Permission",
    "aws.lambda.EventSourceMapping",
    "aws.s3.Bucket",
    "aws.s3.BucketV2",
    "aws.s3.BucketVersioning",
    "aws.s3.BucketVersioningV2",
    "aws.s3.BucketLifecycleConfiguration",
    "aws.s3.BucketServerSideEncryptionConfiguration",
    "aws.s3.BucketNotification",
    "aws.iam.Role",
    "aws.iam.Policy",
    "aws.iam.RolePolicy",
    "aws.dynamodb.Table",
    "aws.appautoscaling.Target",
    "aws.apigateway.Deployment",
    "aws.apigateway.Stage",
    "aws.apigateway.Account",
    "aws.cloudwatch.LogGroup",
    "aws.cloudwatch.MetricAlarm",
    "aws.cloudwatch.Dashboard",
    "aws.sqs.Queue",
    "aws.sns.Topic",
    "aws.ec2.Vpc",
    "aws.ec2.FlowLog",
    "aws.lb.LoadBalancer",
    "aws.Provider",
]


@pytest.mark.parametrize("type_path", REQUIRED_V7_TYPES)
def test_v7_covers_the_types_the_rules_use(type_path: str) -> None:
    info = schema().resource(type_path, 7)
    assert info is not None, type_path
    assert info.type_path == type_path and info.major == 7
    assert info.inputs, f"{type_path} has no inputs"


def test_the_whole_package_is_covered() -> None:
    # A parser that silently missed modules would still pass the spot checks above.
    assert sum(1 for _ in schema().resource_types(7)) > 1500
    assert sum(1 for _ in schema().resource_types(6)) > 1400


def test_v7_bucket_marks_inline_versioning_deprecated_in_favour_of_bucket_versioning() -> None:
    bucket = schema().resource("aws.s3.Bucket", 7)
    assert bucket is not None
    assert "versioning" in bucket.inputs
    text = bucket.deprecated_inputs["versioning"]
    assert "aws.s3.BucketVersioning" in text
    assert schema().mentioned_type(text, 7, exclude="aws.s3.Bucket") == "aws.s3.BucketVersioning"
    assert bucket.deprecation is None


def test_v7_bucket_deprecates_every_inline_configuration_of_rule_aws009() -> None:
    bucket = schema().resource("aws.s3.Bucket", 7)
    assert bucket is not None
    expected = {
        "versioning",
        "lifecycleRules",
        "serverSideEncryptionConfiguration",
        "logging",
        "website",
        "corsRules",
        "acl",
        "grants",
        "policy",
        "replicationConfiguration",
        "objectLockConfiguration",
        "accelerationStatus",
        "requestPayer",
    }
    assert set(bucket.deprecated_inputs) == expected
    # Each text leads to a separate resource that exists in the same major.
    for prop, text in bucket.deprecated_inputs.items():
        assert schema().mentioned_type(text, 7, exclude="aws.s3.Bucket") is not None, prop


def test_bucket_v2_is_deprecated_in_v7_only() -> None:
    v7 = schema().resource("aws.s3.BucketV2", 7)
    v6 = schema().resource("aws.s3.BucketV2", 6)
    assert v7 is not None and v6 is not None
    assert v7.deprecated and v7.deprecation is not None
    assert schema().mentioned_type(v7.deprecation, 7, exclude="aws.s3.BucketV2") == "aws.s3.Bucket"
    assert not v6.deprecated
    # v6's BucketV2 uses the plural inline properties and points at the ...V2 resources.
    assert schema().mentioned_type(v6.deprecated_inputs["versionings"], 6) == "aws.s3.BucketVersioningV2"


def test_v6_legacy_bucket_props_are_not_marked() -> None:
    bucket = schema().resource("aws.s3.Bucket", 6)
    assert bucket is not None
    assert "versioning" in bucket.inputs
    assert "versioning" not in bucket.deprecated_inputs


def test_v2_configuration_resources_name_their_replacement_in_token_form() -> None:
    v2 = schema().resource("aws.s3.BucketVersioningV2", 7)
    assert v2 is not None and v2.deprecation is not None
    # The SDK writes "aws.s3/bucketversioning.BucketVersioning" here, not "aws.s3.BucketVersioning".
    assert "/" in v2.deprecation
    assert schema().mentioned_type(v2.deprecation, 7, exclude=v2.type_path) == "aws.s3.BucketVersioning"
    assert schema().resource("aws.s3.BucketVersioning", 6) is None


def test_apigateway_deployment_lost_stage_name_in_v7() -> None:
    v7 = schema().resource("aws.apigateway.Deployment", 7)
    v6 = schema().resource("aws.apigateway.Deployment", 6)
    assert v7 is not None and v6 is not None
    assert "stageName" not in v7.inputs
    assert {"stageName", "stageDescription", "canarySettings"} <= set(v6.deprecated_inputs)
    assert {"invokeUrl", "executionArn"} <= set(v6.deprecated_outputs)
    assert "invokeUrl" not in v7.outputs
    assert v7.required_inputs == frozenset({"restApi"})


@pytest.mark.parametrize(
    ("type_path", "taggable"),
    [
        ("aws.lambda.Function", True),
        ("aws.s3.Bucket", True),
        ("aws.dynamodb.Table", True),
        ("aws.sqs.Queue", True),
        ("aws.s3.BucketVersioning", False),
        ("aws.iam.RolePolicy", False),
        ("aws.lambda.Permission", False),
        ("aws.apigateway.Account", False),
    ],
)
def test_taggable(type_path: str, taggable: bool) -> None:
    info = schema().resource(type_path, 7)
    assert info is not None
    assert info.taggable is taggable
    assert ("tags" in info.inputs) is taggable


def test_required_inputs_are_inputs() -> None:
    function = schema().resource("aws.lambda.Function", 7)
    assert function is not None
    assert function.required_inputs == frozenset({"role"})
    assert function.required_inputs <= function.inputs


def test_unknown_types_and_majors() -> None:
    assert schema().resource("aws.s3.NoSuchThing", 7) is None
    assert schema().resource("aws.s3.Bucket", 5) is None
    assert not schema().has_major(5)
    assert schema().lambda_runtime_for_member("NodeJS18dX", 5) is None


def test_lambda_runtime_members_resolve() -> None:
    s = schema()
    assert s.lambda_runtime_for_member("NodeJS18dX") == "nodejs18.x"
    assert s.lambda_runtime_for_member("Python3d9") == "python3.9"
    assert s.lambda_runtime_for_member("CustomAL2") == "provided.al2"
    assert s.lambda_runtime_for_member("NodeJS24dX", 7) == "nodejs24.x"
    assert s.lambda_runtime_for_member("NoSuchMember") is None
    assert s.lambda_runtime_member_for("nodejs22.x") == "NodeJS22dX"
    runtime = s.enum("aws.lambda.Runtime", 7)
    assert runtime is not None
    # The SDK marks some members itself; its marks lag AWS, which is why AWS016 uses aws_tables.
    assert "NodeJS16dX" in runtime.deprecated_members
    assert "NodeJS18dX" not in runtime.deprecated_members


def test_mentioned_type_ignores_names_that_are_not_resources() -> None:
    text = (
        "Use the top-level parameter objectLockEnabled and the aws.s3.BucketObjectLockConfiguration resource"
    )
    assert schema().mentioned_type(text, 7) == "aws.s3.BucketObjectLockConfiguration"
    assert schema().mentioned_type("see https://docs.aws.amazon.com/AmazonS3/latest/dev.Html", 7) is None
    assert schema().mentioned_type("aws.s3.NotAResource is gone", 7) is None


# --------------------------------------------------------------------------------------------------
# The loader on files of its own


def _write(tmp_path: Path, document: object) -> Path:
    path = tmp_path / "schema.json"
    path.write_text(json.dumps(document))
    return path


def test_loader_reads_a_minimal_document(tmp_path: Path) -> None:
    doc = {
        "format": 1,
        "generated": "2026-01-02",
        "versions": {"7": "7.0.0"},
        "majors": {
            "7": {
                "resources": {
                    "aws.x.Thing": {
                        "in": ["a", "tags"],
                        "req": ["a"],
                        "depIn": {"b": "gone"},
                        "out": ["arn"],
                    },
                    "aws.x.Other": {"in": ["c"], "out": [], "dep": "use aws.x.Thing"},
                },
                "enums": {"aws.lambda.Runtime": {"members": {"Go": "go1.x"}}},
            }
        },
    }
    loaded = load_schema(_write(tmp_path, doc))
    thing = loaded.resource("aws.x.Thing")
    other = loaded.resource("aws.x.Other")
    assert thing is not None and other is not None
    assert thing.taggable and not other.taggable
    assert thing.deprecated_inputs == {"b": "gone"}
    assert thing.required_inputs == {"a"}
    assert other.deprecated
    assert loaded.mentioned_type(other.deprecation or "", exclude="aws.x.Other") == "aws.x.Thing"
    assert loaded.lambda_runtime_for_member("Go") == "go1.x"
    assert loaded.resource("aws.x.Thing") is thing  # built once per lookup key


@pytest.mark.parametrize(
    "document",
    [{"format": 99, "versions": {}, "majors": {}}, {"format": 1}, [1, 2]],
)
def test_loader_rejects_documents_it_cannot_read(tmp_path: Path, document: object) -> None:
    with pytest.raises(SchemaError):
        load_schema(_write(tmp_path, document))


def test_loader_reports_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SchemaError):
        load_schema(tmp_path / "absent.json")


def test_schema_is_not_loaded_at_import() -> None:
    # A fresh interpreter: importing the module must not read the data file.
    import subprocess

    code = "import pulumi_lint.aws_schema as m, sys; sys.exit(0 if m._Cache.value is None else 1)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


# --------------------------------------------------------------------------------------------------
# The generator's parsing, on a small package made up for the purpose


def test_jsdoc_deprecation_text() -> None:
    assert gen.jsdoc_deprecation("/** plain */") is None
    assert gen.jsdoc_deprecation("/** @deprecated */") == ""
    comment = """/**
     * Something.
     *
     * @deprecated versioning is deprecated.
     * Use the aws.s3.BucketVersioning resource instead.
     * @see elsewhere
     */"""
    assert gen.jsdoc_deprecation(comment) == (
        "versioning is deprecated. Use the aws.s3.BucketVersioning resource instead."
    )
    assert gen.jsdoc_deprecation("// @deprecated not a doc comment") is None


FAKE_PACKAGE = {
    "index.d.ts": b"""
export * from "./provider";
export * from "./types/enums";
import * as lambda from "./lambda";
import * as s3 from "./s3";
import * as nested from "./nested";
import * as types from "./types";
export { lambda, s3, nested, types, };
""",
    "lambda/index.d.ts": b"""
export declare const Function: typeof import("./function").Function;
export * from "../types/enums/lambda";
""",
    "lambda/function.d.ts": b"""
import * as pulumi from "@pulumi/pulumi";
export declare class Function extends pulumi.CustomResource {
    constructor(name: string, args: FunctionArgs, opts?: pulumi.CustomResourceOptions);
}
export interface FunctionArgs {
    role: pulumi.Input<string>;
    runtime?: pulumi.Input<string>;
}
""",
    "provider.d.ts": b"""
import * as pulumi from "@pulumi/pulumi";
export declare class Provider extends pulumi.ProviderResource {
    constructor(name: string, args?: ProviderArgs, opts?: pulumi.ResourceOptions);
}
export interface ProviderArgs {
    region?: pulumi.Input<string>;
}
""",
    "s3/index.d.ts": b"""
export { BucketArgs, BucketState } from "./bucket";
export type Bucket = import("./bucket").Bucket;
export declare const Bucket: typeof import("./bucket").Bucket;
export declare const OldBucket: typeof import("./oldBucket").OldBucket;
export * from "../types/enums/s3";
""",
    "s3/bucket.d.ts": b"""
import * as pulumi from "@pulumi/pulumi";
export declare class Bucket extends pulumi.CustomResource {
    static get(name: string, id: pulumi.Input<pulumi.ID>): Bucket;
    static isInstance(obj: any): obj is Bucket;
    /**
     * @deprecated versioning is deprecated. Use the aws.s3.BucketVersioning resource instead.
     */
    readonly versioning: pulumi.Output<string>;
    readonly arn: pulumi.Output<string>;
    constructor(name: string, args?: BucketArgs, opts?: pulumi.CustomResourceOptions);
}
export interface BucketState {
    stateOnly?: pulumi.Input<string>;
}
export interface BucketArgs {
    /**
     * Versioning.
     *
     * @deprecated versioning is deprecated. Use the aws.s3.BucketVersioning resource instead.
     */
    versioning?: pulumi.Input<string>;
    tags?: pulumi.Input<{[key: string]: pulumi.Input<string>}>;
    "quoted-name": pulumi.Input<string>;
}
""",
    "s3/oldBucket.d.ts": b"""
import * as pulumi from "@pulumi/pulumi";
/**
 * An old bucket.
 *
 * @deprecated s3.OldBucket has been deprecated in favor of s3.Bucket
 */
export declare class OldBucket extends pulumi.CustomResource {
    constructor(name: string, args: OldBucketArgs, opts?: pulumi.CustomResourceOptions);
}
export interface OldBucketArgs {
    bucket: pulumi.Input<string>;
}
""",
    "nested/index.d.ts": b"""
import * as deeper from "./deeper";
export { deeper };
""",
    "nested/deeper/index.d.ts": b"""
export declare const Thing: typeof import("./thing").Thing;
""",
    "nested/deeper/thing.d.ts": b"""
import * as pulumi from "@pulumi/pulumi";
export declare class Thing extends pulumi.CustomResource {
    constructor(name: string, args?: ThingArgs, opts?: pulumi.CustomResourceOptions);
}
export interface ThingArgs {
    name?: pulumi.Input<string>;
}
export declare class NotAResource extends pulumi.ComponentResource {
    constructor(name: string, args?: ThingArgs);
}
""",
    "types/index.d.ts": b"""
import * as enums from "./enums";
export { enums };
""",
    "types/enums/index.d.ts": b"""
import * as lambda from "./lambda";
import * as s3 from "./s3";
export { lambda, s3, };
""",
    "types/enums/s3/index.d.ts": b"""
export declare const CannedAcl: {
    readonly Private: "private";
};
""",
    "types/enums/lambda/index.d.ts": b"""
export declare const Runtime: {
    readonly NodeJS22dX: "nodejs22.x";
    /**
     * @deprecated This runtime is now deprecated
     */
    readonly NodeJS16dX: "nodejs16.x";
};
export type Runtime = (typeof Runtime)[keyof typeof Runtime];
""",
}


def test_extract_follows_the_export_graph() -> None:
    data, problems = gen.extract(FAKE_PACKAGE)
    assert problems == []
    resources = data["resources"]
    # The component class beside Thing, the interfaces and the enums are not resources.
    assert set(resources) == {
        "aws.Provider",
        "aws.lambda.Function",
        "aws.s3.Bucket",
        "aws.s3.OldBucket",
        "aws.nested.deeper.Thing",
    }
    bucket = resources["aws.s3.Bucket"]
    assert bucket["in"] == ["quoted-name", "tags", "versioning"]
    assert bucket["req"] == ["quoted-name"]
    assert bucket["depIn"] == {
        "versioning": "versioning is deprecated. Use the aws.s3.BucketVersioning resource instead."
    }
    assert bucket["out"] == ["arn", "versioning"]
    assert "stateOnly" not in bucket["in"]
    assert bucket["tags"] is True
    assert "dep" not in bucket
    old = resources["aws.s3.OldBucket"]
    assert old["dep"] == "s3.OldBucket has been deprecated in favor of s3.Bucket"
    assert old["req"] == ["bucket"] and "tags" not in old
    assert resources["aws.Provider"]["in"] == ["region"]


def test_extract_reads_the_runtime_enum_where_the_lambda_module_reexports_it() -> None:
    # The top-level `export * from "./types/enums"` also brings a `lambda` namespace (the enums
    # alone); the explicit `export { lambda }` of the real module must win, as in TypeScript.
    data, problems = gen.extract(FAKE_PACKAGE)
    assert problems == []
    assert data["resources"]["aws.lambda.Function"]["req"] == ["role"]
    runtime = data["enums"]["aws.lambda.Runtime"]
    assert runtime["members"] == {"NodeJS22dX": "nodejs22.x", "NodeJS16dX": "nodejs16.x"}
    assert runtime["deprecated"] == {"NodeJS16dX": "This runtime is now deprecated"}


def test_extract_reports_what_it_cannot_read() -> None:
    files = dict(FAKE_PACKAGE)
    files["s3/oldBucket.d.ts"] = files["s3/oldBucket.d.ts"].replace(
        b"interface OldBucketArgs", b"interface Nope"
    )
    files["lambda/index.d.ts"] = b'export declare const Function: typeof import("./function").Function;\n'
    _, problems = gen.extract(files)
    assert any("OldBucketArgs not found" in p for p in problems)
    assert any("aws.lambda.Runtime: not found" in p for p in problems)


def test_dump_is_json_with_one_resource_per_line() -> None:
    data, _ = gen.extract(FAKE_PACKAGE)
    document = {"format": 1, "versions": {"7": "7.0.0"}, "majors": {"7": data}}
    text = gen.dump(document)
    assert json.loads(text) == document
    assert sum(1 for line in text.splitlines() if line.startswith('"aws.')) == len(data["resources"])
    loaded = AwsSchema(json.loads(text))
    assert loaded.resource("aws.nested.deeper.Thing") is not None
