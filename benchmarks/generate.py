#!/usr/bin/env python3
"""Generate realistic Pulumi TypeScript programs for AWS, deterministically, for benchmarks.

Two shapes:

* ``file``: one program of an exact line count (default 5,000), the shape of a large ``index.ts``.
* ``corpus``: many programs laid out as several Pulumi projects, each with ``Pulumi.yaml``,
  ``Pulumi.dev.yaml``, ``package.json``, ``tsconfig.json``, ``index.ts`` and ``components/*.ts``.

The code mixes what real programs contain (Lambda functions with roles, policies and log groups,
S3 buckets, DynamoDB tables, SQS queues, API Gateway, CloudWatch alarms and dashboards, component
classes) with the mistakes that the analyses in ``shared/seeds`` record (reserved ``AWS_REGION``,
``dynamodb:*`` on ``*``, ``stageName`` on a Deployment, classes that are not components, missing
``parent``, 3008 MB functions, unused ``const x = new ...``, double-quoted imports, ``any``), at
rates low enough that most of each file is clean, as in real code.

``verify`` parses every generated ``.ts`` file with tree-sitter-typescript and fails on any ERROR
or MISSING node, so a benchmark never measures a linter recovering from broken syntax.

    python benchmarks/generate.py file --lines 5000 -o /tmp/x.ts
    python benchmarks/generate.py corpus -o DIR --files 250
    python benchmarks/generate.py verify /tmp/x.ts DIR
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeAlias

# ---------------------------------------------------------------------------------------------
# A tiny TypeScript expression model, rendered roughly the way Prettier lays code out.
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Raw:
    """TypeScript source used as is (an identifier, a member access, a template literal...)."""

    text: str


@dataclass(frozen=True)
class Call:
    callee: str
    args: tuple[Value, ...]


@dataclass(frozen=True)
class Arrow:
    params: str
    body: Value


@dataclass(frozen=True)
class Spread:
    expr: str


Value: TypeAlias = Raw | Call | Arrow | str | int | float | bool | dict[str, "Value"] | list["Value"] | Spread

_IDENT = re.compile(r"^[A-Za-z_$][\w$]*$")
_LINE_WIDTH = 100


def tpl(text: str) -> Raw:
    """A template literal; ``text`` may contain ``${...}`` substitutions."""
    return Raw("`" + text + "`")


def call(callee: str, *args: Value) -> Call:
    return Call(callee, tuple(args))


class Style:
    """Quote style of one file: most files use single quotes, some do not (a seed's mistake)."""

    def __init__(self, quote: str, import_quote: str) -> None:
        self.quote = quote
        self.import_quote = import_quote

    def q(self, s: str) -> str:
        return self.quote + s.replace("\\", "\\\\").replace(self.quote, "\\" + self.quote) + self.quote

    def qi(self, s: str) -> str:
        return self.import_quote + s + self.import_quote


def _inline(v: Value, st: Style) -> str | None:
    """One-line rendering, or None when the value cannot or should not fit on a line."""
    if isinstance(v, Raw):
        return None if "\n" in v.text else v.text
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return str(v)
    if isinstance(v, str):
        return st.q(v)
    if isinstance(v, Spread):
        return "..." + v.expr
    if isinstance(v, Arrow):
        body = _inline(v.body, st)
        return None if body is None else f"{v.params} => {body}"
    if isinstance(v, Call):
        parts = [_inline(a, st) for a in v.args]
        if any(p is None for p in parts):
            return None
        return f"{v.callee}({', '.join(p for p in parts if p is not None)})"
    if isinstance(v, list):
        if not v:
            return "[]"
        items = [_inline(x, st) for x in v]
        if any(i is None for i in items):
            return None
        # Nested collections break the line, except an options object closing a metric array.
        nested = [x for x in v if isinstance(x, (dict, list)) and x]
        if nested and not (len(nested) == 1 and v[-1] is nested[0] and len(v) > 1):
            return None
        return "[" + ", ".join(i for i in items if i is not None) + "]"
    if isinstance(v, dict):
        if not v:
            return "{}"
        if len(v) > 3 or any(isinstance(x, (dict, list, Call, Arrow)) for x in v.values()):
            return None
        entries = []
        for k, x in v.items():
            rendered = _inline(x, st)
            if rendered is None:
                return None
            entries.append(_entry(k, rendered, x, st))
        return "{ " + ", ".join(entries) + " }"
    raise TypeError(type(v))


def _key(k: str, st: Style) -> str:
    return k if _IDENT.match(k) else st.q(k)


def _entry(k: str, rendered: str, v: Value, st: Style) -> str:
    if isinstance(v, Spread):
        return rendered
    if isinstance(v, Raw) and k == v.text and _IDENT.match(k):
        return k  # shorthand property
    return f"{_key(k, st)}: {rendered}"


def render(v: Value, st: Style, ind: int = 0, col: int | None = None) -> str:
    """Render ``v`` starting at column ``col`` of a line indented by ``ind``.

    Later lines carry their own indentation. A value goes on one line when it fits the width.
    """
    col = ind if col is None else col
    one = _inline(v, st)
    if one is not None and len(one) + col + 2 <= _LINE_WIDTH:
        return one
    pad = " " * (ind + 2)
    if isinstance(v, Raw):
        lines = v.text.split("\n")
        return "\n".join([lines[0]] + [(" " * ind + line) if line else "" for line in lines[1:]])
    if isinstance(v, dict):
        out = ["{"]
        for k, x in v.items():
            out.append(pad + _entry(k, render(x, st, ind + 2, ind + 4 + len(_key(k, st))), x, st) + ",")
        out.append(" " * ind + "}")
        return "\n".join(out)
    if isinstance(v, list):
        out = ["["]
        for x in v:
            out.append(pad + render(x, st, ind + 2) + ",")
        out.append(" " * ind + "]")
        return "\n".join(out)
    if isinstance(v, Arrow):
        if col + len(v.params) + 4 + 24 > _LINE_WIDTH:
            return f"{v.params} =>\n" + pad + render(v.body, st, ind + 2)
        return f"{v.params} => " + render(v.body, st, ind, col + len(v.params) + 4)
    if isinstance(v, Call):
        *head, last = v.args
        head_inline = [_inline(a, st) for a in head]
        prefix = "".join(f"{h}, " for h in head_inline if h is not None)
        hug_col = col + len(v.callee) + 1 + len(prefix)
        if (
            all(h is not None for h in head_inline)
            and isinstance(last, (dict, list, Call, Arrow))
            and hug_col + 4 <= _LINE_WIDTH
        ):
            return f"{v.callee}({prefix}" + render(last, st, ind, col + len(v.callee) + 1 + len(prefix)) + ")"
        out = [v.callee + "("]
        for a in v.args:
            out.append(pad + render(a, st, ind + 2) + ",")
        out.append(" " * ind + ")")
        return "\n".join(out)
    return one if one is not None else ""


def indent(lines: Sequence[str], n: int) -> list[str]:
    pad = " " * n
    return [pad + line if line else "" for line in lines]


# ---------------------------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------------------------

DOMAINS = [
    "orders", "payments", "inventory", "users", "catalog", "shipping", "billing", "notifications",
    "analytics", "audit", "search", "reports", "sessions", "images", "events", "invoices", "ledger",
    "profiles", "checkout", "reviews", "media", "webhooks", "exports", "ingest", "pricing",
]  # fmt: skip
ROLES = ["processor", "handler", "worker", "api", "validator", "enricher", "sync", "dispatcher"]
ORGS = ["acme", "tap", "contoso", "initech", "globex", "umbrella"]


def camel(*parts: str) -> str:
    words = [w for p in parts for w in re.split(r"[-_\s]+", p) if w]
    return words[0][:1].lower() + words[0][1:] + "".join(w[:1].upper() + w[1:] for w in words[1:])


def pascal(*parts: str) -> str:
    c = camel(*parts)
    return c[:1].upper() + c[1:]


def kebab(*parts: str) -> str:
    return "-".join(w.lower() for p in parts for w in re.split(r"[-_\s]+", p) if w)


# ---------------------------------------------------------------------------------------------
# Generation state
# ---------------------------------------------------------------------------------------------


@dataclass
class Scope:
    """Where statements go: top level, a ComponentResource constructor or a plain class's one."""

    kind: str  # "top" | "component" | "plain"
    tags: str
    env: str
    resources: dict[str, list[str]] = field(default_factory=dict)
    fields: list[tuple[str, str, str]] = field(default_factory=list)  # (field, TS type, value)

    def add(self, kind: str, var: str) -> None:
        self.resources.setdefault(kind, []).append(var)

    def has(self, kind: str) -> bool:
        return bool(self.resources.get(kind))


@dataclass
class ClassInfo:
    name: str
    kind: str  # "component" | "component-no-opts" | "plain"
    args_type: str
    outputs: list[str]
    domain: str


class FileGen:
    """Generates one TypeScript file; all randomness comes from ``rng``."""

    def __init__(
        self,
        rng: random.Random,
        project: str = "acme",
        mistake_rate: float = 1.0,
        class_names: set[str] | None = None,
    ) -> None:
        self.rng = rng
        # Class names are unique across a project, since index.ts imports them all.
        self.class_names = class_names if class_names is not None else set()
        self.project = project
        self.m = mistake_rate
        roll = rng.random()
        if roll < 0.08:
            self.style = Style('"', '"')
        elif roll < 0.2:
            self.style = Style("'", '"')
        else:
            self.style = Style("'", "'")
        # Some files import AWS modules by name (`import { s3 } from '@pulumi/aws'`).
        self.named: set[str] = set()
        if rng.random() < 0.15:
            self.named = set(rng.sample(["s3", "iam", "lambda", "sqs", "dynamodb", "cloudwatch"], 3))
        self.names: set[str] = {
            "aws", "pulumi", "awsx", "config", "region", "environmentSuffix", "commonTags", "tags",
            "name", "args", "opts", "props", "path", "fs", "stack",
        }  # fmt: skip
        self.scope = Scope("top", "commonTags", "environmentSuffix")
        self.unused_fs = rng.random() < 0.1 * self.m

    # -- small helpers -------------------------------------------------------------------------

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def mistake(self, p: float) -> bool:
        return self.rng.random() < p * self.m

    def fresh(self, base: str) -> str:
        if base not in self.names:
            self.names.add(base)
            return base
        i = 2
        while f"{base}{i}" in self.names:
            i += 1
        self.names.add(f"{base}{i}")
        return f"{base}{i}"

    def q(self, s: str) -> str:
        return self.style.q(s)

    def aws(self, module: str) -> str:
        return module if module in self.named else f"aws.{module}"

    def rname(self, slug: str) -> Raw:
        sc = self.scope
        if sc.kind == "component":
            return tpl(f"${{name}}-{slug}")
        return tpl(f"{slug}-${{{sc.env}}}")

    def tags(self, name: str | None = None) -> Value:
        if name is None or self.chance(0.5):
            return Raw(self.scope.tags)
        return {"...": Spread(self.scope.tags), "Name": tpl(f"{name}-${{{self.scope.env}}}")}

    def opts(self, extra: dict[str, Value] | None = None) -> dict[str, Value] | None:
        o: dict[str, Value] = {}
        if self.scope.kind == "component" and not self.mistake(0.08):
            o["parent"] = Raw("this")
        if extra:
            o.update(extra)
        return o or None

    def new(
        self,
        typ: str,
        slug: str,
        args: Value | None,
        var: str | None = None,
        opts: dict[str, Value] | None = None,
        use_opts: bool = True,
        kind: str | None = None,
        comment: str | None = None,
    ) -> list[str]:
        """A resource construction statement; ``var`` None means a bare ``new`` statement."""
        st = self.style
        if use_opts:
            opts = self.opts(opts)
        name = render(self.rname(slug), st)
        lhs = f"const {var} = " if var else ""
        out: list[str] = [f"// {comment}"] if comment else []
        if args is None:
            out.append(f"{lhs}new {typ}({name});")
        elif opts is None and len(f"{lhs}new {typ}({name}, {{") <= _LINE_WIDTH:
            first = f"{lhs}new {typ}({name}, "
            body = render(args, st, 0, len(first))
            out.extend((first + body + ");").split("\n"))
        else:
            out.append(f"{lhs}new {typ}(")
            out.append(f"  {name},")
            if opts is None:
                out.extend(("  " + render(args, st, 2)).split("\n"))
            else:
                out.extend(("  " + render(args, st, 2) + ",").split("\n"))
                out.extend(("  " + render(opts, st, 2)).split("\n"))
            out.append(");")
        if var and kind:
            self.scope.add(kind, var)
        return out

    def snapshot(self) -> tuple[set[str], Scope]:
        return set(self.names), copy.deepcopy(self.scope)

    def restore(self, snap: tuple[set[str], Scope]) -> None:
        self.names, self.scope = snap[0], snap[1]

    # -- building blocks -----------------------------------------------------------------------

    def policy_doc(self, statements: list[Value]) -> dict[str, Value]:
        return {"Version": "2012-10-17", "Statement": statements}

    def lambda_role(self, d: str) -> tuple[str, list[str]]:
        role = self.fresh(camel(d, "role"))
        if self.chance(0.6):
            assume: Value = call(
                "JSON.stringify",
                self.policy_doc(
                    [
                        {
                            "Action": "sts:AssumeRole",
                            "Effect": "Allow",
                            "Principal": {"Service": "lambda.amazonaws.com"},
                        }
                    ]
                ),
            )
        else:
            assume = call(
                f"{self.aws('iam')}.assumeRolePolicyForPrincipal",
                {"Service": "lambda.amazonaws.com"},
            )
        out = self.new(
            f"{self.aws('iam')}.Role",
            f"{d}-role",
            {"assumeRolePolicy": assume, "tags": self.tags()},
            role,
            kind="role",
        )
        out.append("")
        basic: Value = (
            Raw(f"{self.aws('iam')}.ManagedPolicy.AWSLambdaBasicExecutionRole")
            if self.chance(0.5)
            else "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
        )
        attach_var = self.fresh(camel(d, "basic", "execution")) if self.mistake(0.35) else None
        out += self.new(
            f"{self.aws('iam')}.RolePolicyAttachment",
            f"{d}-basic-execution",
            {"role": Raw(f"{role}.name"), "policyArn": basic},
            attach_var,
        )
        out.append("")
        out += self.role_policy(d, role)
        return role, out

    def role_policy(self, d: str, role: str) -> list[str]:
        sc = self.scope
        tables = sc.resources.get("table", [])
        queues = sc.resources.get("queue", [])
        buckets = sc.resources.get("bucket", [])
        roll = self.rng.random()
        policy: Value
        if not self.mistake(0.12) and not (tables or queues or buckets):
            policy = call(
                "JSON.stringify",
                self.policy_doc(
                    [
                        {
                            "Effect": "Allow",
                            "Action": ["ssm:GetParameter", "ssm:GetParametersByPath"],
                            "Resource": tpl(f"arn:aws:ssm:${{region}}:*:parameter/{d}/*"),
                        },
                        {"Effect": "Allow", "Action": ["cloudwatch:PutMetricData"], "Resource": "*"},
                    ]
                ),
            )
        elif self.mistake(0.12) or not (tables or queues or buckets):
            svc = self.rng.choice(["dynamodb", "s3", "sqs", "logs", "sns"])
            stmts: list[Value] = [{"Effect": "Allow", "Action": [f"{svc}:*"], "Resource": "*"}]
            if self.chance(0.4):
                stmts.append(
                    {
                        "Effect": "Allow",
                        "Action": ["xray:PutTraceSegments", "xray:PutTelemetryRecords"],
                        "Resource": "*",
                    }
                )
            policy = call("JSON.stringify", self.policy_doc(stmts))
        elif roll < 0.4 and tables:
            t = self.rng.choice(tables)
            policy = call(
                f"{t}.arn.apply",
                Arrow(
                    "(tableArn)",
                    call(
                        "JSON.stringify",
                        self.policy_doc(
                            [
                                {
                                    "Effect": "Allow",
                                    "Action": [
                                        "dynamodb:GetItem",
                                        "dynamodb:PutItem",
                                        "dynamodb:UpdateItem",
                                        "dynamodb:Query",
                                    ],
                                    "Resource": [Raw("tableArn"), tpl("${tableArn}/index/*")],
                                }
                            ]
                        ),
                    ),
                ),
            )
        elif roll < 0.65 and buckets and self.mistake(0.3):
            # A resource output inside a plain template literal: deployed as a broken string.
            b = self.rng.choice(buckets)
            policy = call(
                "JSON.stringify",
                self.policy_doc(
                    [
                        {
                            "Effect": "Allow",
                            "Action": ["s3:GetObject", "s3:PutObject"],
                            "Resource": tpl(f"${{{b}.arn}}/*"),
                        }
                    ]
                ),
            )
        else:
            stmts = []
            if tables:
                t = self.rng.choice(tables)
                stmts.append(
                    {
                        "Effect": "Allow",
                        "Action": ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"],
                        "Resource": Raw(f"{t}.arn"),
                    }
                )
            if queues:
                qv = self.rng.choice(queues)
                stmts.append(
                    {
                        "Effect": "Allow",
                        "Action": ["sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage"],
                        "Resource": Raw(f"{qv}.arn"),
                    }
                )
            if buckets:
                b = self.rng.choice(buckets)
                stmts.append(
                    {
                        "Effect": "Allow",
                        "Action": ["s3:GetObject", "s3:PutObject"],
                        "Resource": Raw(f"pulumi.interpolate`${{{b}.arn}}/*`"),
                    }
                )
            policy = call("pulumi.jsonStringify", self.policy_doc(stmts))
        return self.new(
            f"{self.aws('iam')}.RolePolicy",
            f"{d}-policy",
            {"role": Raw(f"{role}.id"), "policy": policy},
        )

    def lambda_code(self, d: str, python: bool) -> Value:
        if python or self.chance(0.35):
            if self.chance(0.5):
                return call("new pulumi.asset.FileArchive", call("path.join", Raw("__dirname"), f"../lambda/{d}"))
            return call("new pulumi.asset.FileArchive", f"./lambda/{d}")
        js = (
            "`\n"
            "exports.handler = async (event) => {\n"
            "  const records = event.Records || [];\n"
            f"  console.log('{d}: processing', records.length, 'records');\n"
            "  for (const record of records) {\n"
            "    const body = JSON.parse(record.body || '{}');\n"
            "    console.log('record', body.id, process.env.TABLE_NAME);\n"
            "  }\n"
            "  return { statusCode: 200, body: JSON.stringify({ ok: true, count: records.length }) };\n"
            "};\n"
            "`"
        )
        return call("new pulumi.asset.AssetArchive", {"index.js": call("new pulumi.asset.StringAsset", Raw(js))})

    def lambda_block(self, d: str | None = None) -> tuple[str, list[str]]:
        rng = self.rng
        sc = self.scope
        d = d or kebab(rng.choice(DOMAINS), rng.choice(ROLES))
        role, out = self.lambda_role(d)
        out.append("")
        fn = self.fresh(camel(d, "function") if self.chance(0.5) else camel(d))
        python = self.chance(0.15)
        runtime: Value
        if python:
            runtime = rng.choice(["python3.12", "python3.11", "python3.9"])
        elif self.chance(0.3):
            runtime = Raw(f"{self.aws('lambda')}.Runtime.{rng.choice(['NodeJS20dX', 'NodeJS18dX', 'NodeJS22dX'])}")
        else:
            runtime = rng.choice(["nodejs20.x", "nodejs18.x", "nodejs22.x", "nodejs20.x"])
        explicit_name = self.chance(0.5)
        log_group = None
        if explicit_name and self.chance(0.75):
            log_group = self.fresh(camel(d, "log", "group"))
            lg_args: dict[str, Value] = {"name": tpl(f"/aws/lambda/{d}-${{{sc.env}}}")}
            if not self.mistake(0.2):
                lg_args["retentionInDays"] = rng.choice([7, 14, 30, 90])
            lg_args["tags"] = self.tags()
            out += self.new(f"{self.aws('cloudwatch')}.LogGroup", f"{d}-logs", lg_args, log_group, kind="logGroup")
            out.append("")
        variables: dict[str, Value] = {}
        if sc.has("table"):
            variables["TABLE_NAME"] = Raw(f"{rng.choice(sc.resources['table'])}.name")
        if sc.has("queue") and self.chance(0.6):
            variables["QUEUE_URL"] = Raw(f"{rng.choice(sc.resources['queue'])}.url")
        if sc.has("bucket") and self.chance(0.5):
            variables["BUCKET_NAME"] = Raw(f"{rng.choice(sc.resources['bucket'])}.bucket")
        variables["LOG_LEVEL"] = rng.choice(["info", "debug", "warn"])
        if self.mistake(0.15):
            variables["AWS_REGION"] = Raw("region")
        elif self.chance(0.3):
            variables["REGION"] = Raw("region")
        variables["ENVIRONMENT"] = Raw(sc.env)
        if self.chance(0.2):
            variables["NODE_OPTIONS"] = "--enable-source-maps"
        args: dict[str, Value] = {}
        if explicit_name:
            args["name"] = tpl(f"{d}-${{{sc.env}}}")
        args["runtime"] = runtime
        args["handler"] = "main.handler" if python else "index.handler"
        args["role"] = Raw(f"{role}.arn")
        args["code"] = self.lambda_code(d, python)
        args["memorySize"] = 3008 if self.mistake(0.12) else rng.choice([128, 256, 512, 512, 1024])
        args["timeout"] = rng.choice([10, 30, 60, 120, 300])
        args["environment"] = {"variables": variables}
        if self.chance(0.5):
            args["tracingConfig"] = {"mode": "Active"}
        if sc.has("dlq") and self.chance(0.5):
            args["deadLetterConfig"] = {"targetArn": Raw(f"{rng.choice(sc.resources['dlq'])}.arn")}
        if self.chance(0.2):
            args["reservedConcurrentExecutions"] = rng.choice([5, 10, 50])
        if self.chance(0.15):
            args["architectures"] = ["arm64"]
        args["tags"] = self.tags(d)
        extra: dict[str, Value] = {}
        if log_group and self.chance(0.6):
            extra["dependsOn"] = [Raw(log_group)]
        if sc.kind == "top" and sc.has("provider") and self.mistake(0.05):
            extra["provider"] = Raw(sc.resources["provider"][0])
        elif self.mistake(0.02):
            extra["provider"] = call("new aws.Provider", "us-east-1", {"region": "us-east-1"})
        out += self.new(f"{self.aws('lambda')}.Function", d, args, fn, extra or None, kind="function")
        if not explicit_name and self.chance(0.5):
            out.append("")
            lg = self.fresh(camel(d, "logs"))
            lg_args = {"name": Raw(f"pulumi.interpolate`/aws/lambda/${{{fn}.name}}`")}
            if not self.mistake(0.2):
                lg_args["retentionInDays"] = rng.choice([7, 14, 30])
            out += self.new(f"{self.aws('cloudwatch')}.LogGroup", f"{d}-logs", lg_args, lg, kind="logGroup")
        return fn, out

    def bucket_block(self) -> list[str]:
        rng = self.rng
        d = kebab(rng.choice(DOMAINS), rng.choice(["data", "assets", "logs", "artifacts", "uploads", "archive"]))
        b = self.fresh(camel(d, "bucket"))
        s3 = self.aws("s3")
        out: list[str] = []
        if self.mistake(0.3):
            # Inline configuration that @pulumi/aws deprecates (seed 002 §3).
            rule: dict[str, Value] = {"enabled": True, "expiration": {"days": rng.choice([30, 90, 365])}}
            if self.chance(0.4):
                rule["transitions"] = [
                    {"days": 30, "storageClass": "STANDARD_IA"},
                    {"days": 60, "storageClass": "GLACIER"},
                ]
            args: dict[str, Value] = {
                "versioning": {"enabled": True},
                "lifecycleRules": [rule],
            }
            if self.chance(0.5):
                args["serverSideEncryptionConfiguration"] = {
                    "rule": {"applyServerSideEncryptionByDefault": {"sseAlgorithm": "AES256"}}
                }
            args["tags"] = self.tags(d)
            out += self.new(f"{s3}.Bucket", d, args, b, kind="bucket")
            return out
        v2 = self.chance(0.2)
        suffix = "V2" if v2 else ""
        out += self.new(
            f"{s3}.Bucket{suffix}",
            d,
            {"forceDestroy": self.chance(0.5), "tags": self.tags(d)},
            b,
            kind="bucket",
        )
        out.append("")
        out += self.new(
            f"{s3}.BucketVersioning{suffix}",
            f"{d}-versioning",
            {"bucket": Raw(f"{b}.id"), "versioningConfiguration": {"status": "Enabled"}},
        )
        out.append("")
        out += self.new(
            f"{s3}.BucketServerSideEncryptionConfiguration{suffix}",
            f"{d}-encryption",
            {
                "bucket": Raw(f"{b}.id"),
                "rules": [
                    {
                        "applyServerSideEncryptionByDefault": {"sseAlgorithm": rng.choice(["AES256", "aws:kms"])},
                        "bucketKeyEnabled": True,
                    }
                ],
            },
        )
        out.append("")
        out += self.new(
            f"{s3}.BucketPublicAccessBlock",
            f"{d}-public-access",
            {
                "bucket": Raw(f"{b}.id"),
                "blockPublicAcls": True,
                "blockPublicPolicy": True,
                "ignorePublicAcls": True,
                "restrictPublicBuckets": True,
            },
        )
        if self.chance(0.5):
            out.append("")
            lrule: dict[str, Value] = {"id": "expire-old-objects", "status": "Enabled"}
            lrule["expiration"] = {"days": rng.choice([90, 180, 365])}
            if self.chance(0.6):
                lrule["transitions"] = [
                    {"days": 30, "storageClass": "STANDARD_IA"},
                    {"days": 60, "storageClass": "GLACIER"},
                ]
            out += self.new(
                f"{s3}.BucketLifecycleConfiguration{suffix}",
                f"{d}-lifecycle",
                {"bucket": Raw(f"{b}.id"), "rules": [lrule]},
            )
        if self.scope.has("function") and self.chance(0.3):
            fn = rng.choice(self.scope.resources["function"])
            perm = self.fresh(camel(d, "invoke", "permission"))
            out.append("")
            out += self.new(
                f"{self.aws('lambda')}.Permission",
                f"{d}-invoke",
                {
                    "action": "lambda:InvokeFunction",
                    "function": Raw(f"{fn}.name"),
                    "principal": "s3.amazonaws.com",
                    "sourceArn": Raw(f"{b}.arn"),
                },
                perm,
            )
            out.append("")
            out += self.new(
                f"{s3}.BucketNotification",
                f"{d}-notification",
                {
                    "bucket": Raw(f"{b}.id"),
                    "lambdaFunctions": [
                        {
                            "lambdaFunctionArn": Raw(f"{fn}.arn"),
                            "events": ["s3:ObjectCreated:*"],
                            "filterPrefix": "incoming/",
                        }
                    ],
                },
                opts={"dependsOn": [Raw(perm)]},
            )
        return out

    def table_block(self) -> list[str]:
        rng = self.rng
        d = rng.choice(DOMAINS)
        t = self.fresh(camel(d, "table"))
        provisioned = self.mistake(0.3)
        args: dict[str, Value] = {
            "attributes": [
                {"name": "pk", "type": "S"},
                {"name": "sk", "type": "S"},
                {"name": "gsi1pk", "type": "S"},
            ],
            "hashKey": "pk",
            "rangeKey": "sk",
            "billingMode": "PROVISIONED" if provisioned else "PAY_PER_REQUEST",
        }
        gsi: dict[str, Value] = {"name": "gsi1", "hashKey": "gsi1pk", "projectionType": "ALL"}
        if provisioned:
            args["readCapacity"] = 5
            args["writeCapacity"] = 5
            gsi["readCapacity"] = 5
            gsi["writeCapacity"] = 5
        args["globalSecondaryIndexes"] = [gsi]
        args["pointInTimeRecovery"] = {"enabled": True}
        args["serverSideEncryption"] = {"enabled": True}
        if self.chance(0.4):
            args["streamEnabled"] = True
            args["streamViewType"] = "NEW_AND_OLD_IMAGES"
        if self.chance(0.3):
            args["ttl"] = {"attributeName": "expiresAt", "enabled": True}
        args["tags"] = self.tags(d)
        out = self.new(f"{self.aws('dynamodb')}.Table", f"{d}-table", args, t, kind="table")
        if provisioned and self.chance(0.4):
            target = self.fresh(camel(d, "read", "target"))
            out.append("")
            out += self.new(
                "aws.appautoscaling.Target",
                f"{d}-read-target",
                {
                    "maxCapacity": 100,
                    "minCapacity": 5,
                    "resourceId": Raw(f"pulumi.interpolate`table/${{{t}.name}}`"),
                    "scalableDimension": "dynamodb:table:ReadCapacityUnits",
                    "serviceNamespace": "dynamodb",
                },
                target,
            )
            out.append("")
            out += self.new(
                "aws.appautoscaling.Policy",
                f"{d}-read-policy",
                {
                    "policyType": "TargetTrackingScaling",
                    "resourceId": Raw(f"{target}.resourceId"),
                    "scalableDimension": Raw(f"{target}.scalableDimension"),
                    "serviceNamespace": Raw(f"{target}.serviceNamespace"),
                    "targetTrackingScalingPolicyConfiguration": {
                        "predefinedMetricSpecification": {"predefinedMetricType": "DynamoDBReadCapacityUtilization"},
                        "targetValue": 70,
                    },
                },
            )
        return out

    def queue_block(self) -> list[str]:
        rng = self.rng
        d = rng.choice(DOMAINS)
        sqs = self.aws("sqs")
        dlq = self.fresh(camel(d, "dlq"))
        queue = self.fresh(camel(d, "queue"))
        out = self.new(
            f"{sqs}.Queue",
            f"{d}-dlq",
            {"messageRetentionSeconds": 1209600, "sqsManagedSseEnabled": True, "tags": self.tags()},
            dlq,
            kind="dlq",
        )
        out.append("")
        redrive: Value
        if self.chance(0.5):
            redrive = call(
                f"{dlq}.arn.apply",
                Arrow("(arn)", call("JSON.stringify", {"deadLetterTargetArn": Raw("arn"), "maxReceiveCount": 5})),
            )
        else:
            redrive = call("pulumi.jsonStringify", {"deadLetterTargetArn": Raw(f"{dlq}.arn"), "maxReceiveCount": 3})
        out += self.new(
            f"{sqs}.Queue",
            f"{d}-queue",
            {
                "visibilityTimeoutSeconds": rng.choice([30, 180, 360]),
                "messageRetentionSeconds": 345600,
                "redrivePolicy": redrive,
                "sqsManagedSseEnabled": True,
                "tags": self.tags(d),
            },
            queue,
            kind="queue",
        )
        if not self.mistake(0.3):
            out.append("")
            alarm_var = self.fresh(camel(d, "dlq", "alarm")) if self.mistake(0.3) else None
            alarm: dict[str, Value] = {
                "alarmDescription": f"Messages are waiting in the {d} dead-letter queue",
                "comparisonOperator": "GreaterThanThreshold",
                "evaluationPeriods": 1,
                "metricName": "ApproximateNumberOfMessagesVisible",
                "namespace": "AWS/SQS",
                "period": 300,
                "statistic": "Sum",
                "threshold": 0,
            }
            if not self.mistake(0.15):
                alarm["dimensions"] = {"QueueName": Raw(f"{dlq}.name")}
            if self.scope.has("topic"):
                alarm["alarmActions"] = [Raw(f"{self.scope.resources['topic'][0]}.arn")]
            alarm["tags"] = self.tags()
            out += self.new(f"{self.aws('cloudwatch')}.MetricAlarm", f"{d}-dlq-alarm", alarm, alarm_var)
        if self.scope.has("function") and self.chance(0.4):
            fn = rng.choice(self.scope.resources["function"])
            out.append("")
            out += self.new(
                f"{self.aws('lambda')}.EventSourceMapping",
                f"{d}-mapping",
                {
                    "eventSourceArn": Raw(f"{queue}.arn"),
                    "functionName": Raw(f"{fn}.arn"),
                    "batchSize": rng.choice([1, 10, 25]),
                    "maximumBatchingWindowInSeconds": 5,
                },
            )
        return out

    def topic_block(self) -> list[str]:
        d = self.rng.choice(["alerts", "alarms", "notifications", "ops"])
        topic = self.fresh(camel(d, "topic"))
        out = self.new("aws.sns.Topic", f"{d}-topic", {"tags": self.tags()}, topic, kind="topic")
        if self.chance(0.5):
            out.append("")
            out += self.new(
                "aws.sns.TopicSubscription",
                f"{d}-email",
                {
                    "topic": Raw(f"{topic}.arn"),
                    "protocol": "email",
                    "endpoint": self.rng.choice(["ops@example.com", "oncall@example.com"]),
                },
            )
        return out

    def api_block(self) -> list[str]:
        rng = self.rng
        sc = self.scope
        out: list[str] = []
        if not sc.has("function"):
            _, fn_lines = self.lambda_block()
            out += fn_lines + [""]
        fn = rng.choice(sc.resources["function"])
        d = rng.choice(DOMAINS)
        api = self.fresh(camel(d, "api"))
        ag = self.aws("apigateway")
        out += self.new(
            f"{ag}.RestApi",
            f"{d}-api",
            {"description": f"{d.capitalize()} REST API", "endpointConfiguration": {"types": "REGIONAL"}},
            api,
            kind="api",
        )
        out.append("")
        res = self.fresh(camel(d, "resource"))
        out += self.new(
            f"{ag}.Resource",
            f"{d}-resource",
            {"restApi": Raw(f"{api}.id"), "parentId": Raw(f"{api}.rootResourceId"), "pathPart": d},
            res,
        )
        out.append("")
        method = self.fresh(camel(d, "method"))
        out += self.new(
            f"{ag}.Method",
            f"{d}-method",
            {
                "restApi": Raw(f"{api}.id"),
                "resourceId": Raw(f"{res}.id"),
                "httpMethod": rng.choice(["GET", "POST", "ANY"]),
                "authorization": "NONE",
            },
            method,
        )
        out.append("")
        integ = self.fresh(camel(d, "integration"))
        out += self.new(
            f"{ag}.Integration",
            f"{d}-integration",
            {
                "restApi": Raw(f"{api}.id"),
                "resourceId": Raw(f"{res}.id"),
                "httpMethod": Raw(f"{method}.httpMethod"),
                "integrationHttpMethod": "POST",
                "type": "AWS_PROXY",
                "uri": Raw(f"{fn}.invokeArn"),
            },
            integ,
        )
        out.append("")
        out += self.new(
            f"{self.aws('lambda')}.Permission",
            f"{d}-api-permission",
            {
                "action": "lambda:InvokeFunction",
                "function": Raw(f"{fn}.name"),
                "principal": "apigateway.amazonaws.com",
                "sourceArn": Raw(f"pulumi.interpolate`${{{api}.executionArn}}/*/*`"),
            },
        )
        out.append("")
        dep = self.fresh(camel(d, "deployment"))
        dep_args: dict[str, Value] = {"restApi": Raw(f"{api}.id")}
        old_style = self.mistake(0.25)
        if old_style:
            dep_args["stageName"] = rng.choice(["prod", "dev", "v1"])  # seed 001 §1
        dep_args["triggers"] = {
            "redeployment": call(
                "pulumi.all([" + f"{res}.id, {method}.id, {integ}.id" + "]).apply",
                Arrow("(ids)", call("JSON.stringify", Raw("ids"))),
            )
        }
        out += self.new(f"{ag}.Deployment", f"{d}-deployment", dep_args, dep, {"dependsOn": [Raw(integ)]})
        if old_style and self.chance(0.7):
            sc.add("oldDeployment", dep)
            return out
        out.append("")
        stage = self.fresh(camel(d, "stage"))
        stage_args: dict[str, Value] = {
            "restApi": Raw(f"{api}.id"),
            "deployment": Raw(f"{dep}.id"),
            "stageName": Raw(sc.env),
            "xrayTracingEnabled": True,
        }
        if sc.has("logGroup") and self.chance(0.5):
            stage_args["accessLogSettings"] = {
                "destinationArn": Raw(f"{rng.choice(sc.resources['logGroup'])}.arn"),
                "format": call(
                    "JSON.stringify",
                    {
                        "requestId": "$context.requestId",
                        "ip": "$context.identity.sourceIp",
                        "status": "$context.status",
                    },
                ),
            }
        stage_args["tags"] = self.tags()
        out += self.new(f"{ag}.Stage", f"{d}-stage", stage_args, stage, kind="stage")
        return out

    def monitoring_block(self) -> list[str]:
        rng = self.rng
        sc = self.scope
        if not sc.has("function"):
            return self.topic_block()
        fn = rng.choice(sc.resources["function"])
        d = rng.choice(DOMAINS)
        out: list[str] = []
        alarm: dict[str, Value] = {
            "comparisonOperator": "GreaterThanThreshold",
            "evaluationPeriods": 2,
            "metricName": rng.choice(["Errors", "Throttles", "Duration"]),
            "namespace": "AWS/Lambda",
            "period": 60,
            "statistic": "Sum",
            "threshold": rng.choice([1, 5, 10]),
        }
        if not self.mistake(0.2):
            alarm["dimensions"] = {"FunctionName": Raw(f"{fn}.name")}
        if sc.has("topic"):
            alarm["alarmActions"] = [Raw(f"{sc.resources['topic'][0]}.arn")]
        alarm["treatMissingData"] = "notBreaching"
        out += self.new(f"{self.aws('cloudwatch')}.MetricAlarm", f"{d}-errors-alarm", alarm)
        if self.chance(0.6):
            out.append("")
            inputs = [f"{fn}.name"]
            params = ["fnName"]
            if sc.has("table"):
                inputs.append(f"{rng.choice(sc.resources['table'])}.name")
                params.append("tableName")
            if sc.has("queue"):
                inputs.append(f"{rng.choice(sc.resources['queue'])}.name")
                params.append("queueName")
            forget = self.mistake(0.25)  # seed 001 §6: the name is collected and never used
            lambda_metrics: list[Value] = (
                [
                    ["AWS/Lambda", "Invocations", {"stat": "Sum"}],
                    ["AWS/Lambda", "Duration", {"stat": "Average"}],
                ]
                if forget
                else [
                    ["AWS/Lambda", "Invocations", "FunctionName", Raw("fnName")],
                    ["AWS/Lambda", "Errors", "FunctionName", Raw("fnName")],
                ]
            )
            widgets: list[Value] = [
                {
                    "type": "metric",
                    "x": 0,
                    "y": 0,
                    "width": 12,
                    "height": 6,
                    "properties": {
                        "metrics": lambda_metrics,
                        "period": 300,
                        "stat": "Sum",
                        "region": Raw("region"),
                        "title": "Lambda invocations",
                    },
                }
            ]
            if "tableName" in params:
                widgets.append(
                    {
                        "type": "metric",
                        "x": 12,
                        "y": 0,
                        "width": 12,
                        "height": 6,
                        "properties": {
                            "metrics": [
                                ["AWS/DynamoDB", "ConsumedReadCapacityUnits", "TableName", Raw("tableName")],
                                ["AWS/DynamoDB", "ConsumedWriteCapacityUnits", "TableName", Raw("tableName")],
                            ],
                            "period": 300,
                            "stat": "Sum",
                            "region": Raw("region"),
                            "title": "DynamoDB capacity",
                        },
                    }
                )
            if "queueName" in params:
                widgets.append(
                    {
                        "type": "metric",
                        "x": 0,
                        "y": 6,
                        "width": 12,
                        "height": 6,
                        "properties": {
                            "metrics": [
                                [
                                    "AWS/SQS",
                                    "ApproximateNumberOfMessagesVisible",
                                    "QueueName",
                                    Raw("queueName"),
                                ]
                            ],
                            "period": 60,
                            "stat": "Maximum",
                            "region": Raw("region"),
                            "title": "Queue depth",
                        },
                    }
                )
            body = call(
                f"pulumi.all([{', '.join(inputs)}]).apply",
                Arrow(f"([{', '.join(params)}])", call("JSON.stringify", {"widgets": widgets})),
            )
            out += self.new(
                f"{self.aws('cloudwatch')}.Dashboard",
                f"{d}-dashboard",
                {"dashboardName": tpl(f"{d}-${{{sc.env}}}"), "dashboardBody": body},
            )
        return out

    def vpc_block(self) -> list[str]:
        d = self.rng.choice(["core", "app", "data", "shared"])
        if self.chance(0.4):
            vpc = self.fresh(camel(d, "vpc"))
            return self.new(
                "awsx.ec2.Vpc",
                f"{d}-vpc",
                {
                    "cidrBlock": "10.0.0.0/16",
                    "numberOfAvailabilityZones": 2,
                    "natGateways": {"strategy": "Single"},
                    "tags": self.tags(),
                },
                vpc,
                kind="awsxVpc",
            )
        vpc = self.fresh(camel(d, "vpc"))
        out = self.new(
            "aws.ec2.Vpc",
            f"{d}-vpc",
            {
                "cidrBlock": "10.0.0.0/16",
                "enableDnsHostnames": True,
                "enableDnsSupport": True,
                "tags": self.tags(d),
            },
            vpc,
            kind="vpc",
        )
        for i, az in enumerate(["a", "b"]):
            out.append("")
            out += self.new(
                "aws.ec2.Subnet",
                f"{d}-private-{az}",
                {
                    "vpcId": Raw(f"{vpc}.id"),
                    "cidrBlock": f"10.0.{i + 1}.0/24",
                    "availabilityZone": tpl(f"${{region}}{az}"),
                    "tags": self.tags(f"{d}-private-{az}"),
                },
                self.fresh(camel(d, "private", "subnet", az)),
                kind="subnet",
            )
        out.append("")
        out += self.new(
            "aws.ec2.SecurityGroup",
            f"{d}-lambda-sg",
            {
                "vpcId": Raw(f"{vpc}.id"),
                "description": "Lambda functions",
                "egress": [{"protocol": "-1", "fromPort": 0, "toPort": 0, "cidrBlocks": ["0.0.0.0/0"]}],
                "tags": self.tags(),
            },
            self.fresh(camel(d, "lambda", "sg")),
            kind="sg",
        )
        return out

    def helpers_block(self, module_level: bool = False) -> list[str]:
        """Plain TypeScript around the resources: types, helpers, some with `any` (seed 002 §4).

        ``module_level`` keeps to declarations that need nothing from a program's scope.
        """
        rng = self.rng
        q = self.q
        out: list[str] = []
        roll = rng.random() * (0.8 if module_level else 1.0)
        if roll < 0.35:
            fn_name = self.fresh(camel("build", rng.choice(DOMAINS), "tags"))
            typ = "any" if self.mistake(0.35) else "Record<string, unknown>"
            out += [
                f"function {fn_name}(extra: {typ}): Record<string, string> {{",
                "  const result: Record<string, string> = {};",
                "  for (const key of Object.keys(extra)) {",
                "    result[key] = String(extra[key]);",
                "  }",
                f"  result[{q('ManagedBy')}] = {q('Pulumi')};",
                "  return result;",
                "}",
            ]
            self.scope.add("helperFn", fn_name)
        elif roll < 0.6:
            iface = self.fresh(pascal(rng.choice(DOMAINS), "settings"))
            out += [
                f"interface {iface} {{",
                "  memorySize: number;",
                "  timeout: number;",
                "  retentionDays: number;",
                "  alarmThreshold?: number;",
                "}",
                "",
            ]
            const = self.fresh(camel(iface, "by", "env"))
            out += [
                f"const {const}: Record<string, {iface}> = {{",
                "  dev: { memorySize: 256, timeout: 30, retentionDays: 7 },",
                "  staging: { memorySize: 512, timeout: 30, retentionDays: 14 },",
                "  prod: { memorySize: 1024, timeout: 60, retentionDays: 30, alarmThreshold: 5 },",
                "};",
            ]
            if not module_level and self.chance(0.8):
                sel = self.fresh(camel(iface, "current"))
                out.append(f"const {sel} = {const}[{self.scope.env}] ?? {const}[{q('dev')}];")
                self.scope.add("settings", sel)
        elif roll < 0.8:
            fn_name = self.fresh(camel("parse", rng.choice(DOMAINS), "event"))
            param = "any" if self.mistake(0.4) else "unknown"
            ret = "Promise<any>" if self.mistake(0.2) else "Promise<{ statusCode: number; body: string }>"
            out += [
                f"export async function {fn_name}(event: {param}): {ret} {{",
                f"  const payload = typeof event === {q('string')} ? JSON.parse(event) : event;",
                "  return {",
                "    statusCode: 200,",
                "    body: JSON.stringify({ received: payload !== undefined }),",
                "  };",
                "}",
            ]
        else:
            names = rng.sample(DOMAINS, 3)
            arr = self.fresh(camel(rng.choice(ROLES), "queues"))
            out += [
                f"const {arr} = [{', '.join(q(n) for n in names)}].map(",
                "  (queueName) =>",
                f"    new {self.aws('sqs')}.Queue(",
                f"      `${{queueName}}-{rng.choice(ROLES)}-${{{self.scope.env}}}`,",
                "      {",
                "        visibilityTimeoutSeconds: 60,",
                f"        tags: {{ ...{self.scope.tags}, Queue: queueName }},",
                "      },",
            ]
            if self.scope.kind == "component":
                out.append("      { parent: this }")
            out += ["    )", ");"]
            self.scope.add("queueList", arr)
        return out

    def any_cast_line(self) -> list[str]:
        v = self.fresh(camel(self.rng.choice(DOMAINS), "overrides"))
        self.scope.add("overrides", v)
        return [f"const {v} = JSON.parse(process.env.PULUMI_OVERRIDES ?? {self.q('{}')}) as any;"]

    def top_block(self) -> list[str]:
        """One unit of program text at the current scope, chosen by weight."""
        rng = self.rng
        kinds = ["lambda", "bucket", "table", "queue", "api", "monitoring", "helpers", "topic", "vpc"]
        weights = [28, 14, 12, 12, 7, 9, 8, 4, 3]
        kind = rng.choices(kinds, weights)[0]
        if kind == "vpc" and self.scope.kind != "top":
            kind = "bucket"
        out: list[str] = []
        if self.chance(0.15):
            out.append(f"// {rng.choice(COMMENTS)}")
        if kind == "lambda":
            _, lines = self.lambda_block()
            out += lines
        elif kind == "bucket":
            out += self.bucket_block()
        elif kind == "table":
            out += self.table_block()
        elif kind == "queue":
            out += self.queue_block()
        elif kind == "api":
            out += self.api_block()
        elif kind == "monitoring":
            out += self.monitoring_block()
        elif kind == "helpers":
            out += self.any_cast_line() if self.mistake(0.1) else self.helpers_block()
        elif kind == "topic":
            out += self.topic_block()
        else:
            out += self.vpc_block()
        return out

    # -- classes ---------------------------------------------------------------------------------

    def class_block(self, domain: str, target_lines: int, kind: str) -> tuple[list[str], ClassInfo]:
        """A ComponentResource class (or, as in seed 000, a class that should have been one)."""
        suffixes = ["Service", "Stack", "Component", "Pipeline", "Infra", "Resources", "Backend", "Module"]
        self.rng.shuffle(suffixes)
        options = [pascal(domain, s) for s in suffixes]
        cls = next((c for c in options if c not in self.class_names and c not in self.names), None)
        cls = self.fresh(cls or options[0])
        self.class_names.add(cls)
        args_type = self.fresh(cls + ("Props" if kind == "plain" else "Args"))
        outer = self.scope
        if kind == "plain":
            self.scope = Scope("plain", "tags", "environmentSuffix")
        else:
            self.scope = Scope("component", "tags", "args.environmentSuffix")
        body: list[str] = []
        if kind == "plain":
            body += ["const { environmentSuffix } = props;", "const tags = props.tags ?? {};", ""]
        else:
            body += [f"const tags = {{ ...args.tags, Component: {self.q(cls)} }};", ""]
        blocks = 0
        while len(body) < target_lines or blocks == 0:
            body += self.top_block() + [""]
            blocks += 1
        # Public outputs: the component's most useful resources.
        sc = self.scope
        picks: list[tuple[str, str, str]] = []
        for rkind, prop, typ in [
            ("function", "arn", "pulumi.Output<string>"),
            ("function", "name", "pulumi.Output<string>"),
            ("table", "name", "pulumi.Output<string>"),
            ("queue", "url", "pulumi.Output<string>"),
            ("bucket", "bucket", "pulumi.Output<string>"),
            ("stage", "invokeUrl", "pulumi.Output<string>"),
            ("oldDeployment", "invokeUrl", "pulumi.Output<string>"),
            ("topic", "arn", "pulumi.Output<string>"),
        ]:
            for var in sc.resources.get(rkind, [])[:2]:
                fld = camel(var, "Url" if prop == "invokeUrl" else prop)
                if prop == "bucket":
                    fld = camel(var, "name")
                picks.append((fld, typ, f"{var}.{prop}"))
        picks = picks[:6]
        for fld, _typ, value in picks:
            body.append(f"this.{fld} = {value};")
        if kind != "plain":
            if picks and not self.mistake(0.2):
                body += ["", "this.registerOutputs({"]
                body += [f"  {fld}: this.{fld}," for fld, _t, _v in picks]
                body += ["});"]
            elif not picks:
                body += ["this.registerOutputs({});"]
        while body and body[-1] == "":
            body.pop()
        self.scope = outer

        out: list[str] = [f"export interface {args_type} {{", "  environmentSuffix: string;"]
        out += ["  tags?: Record<string, string>;", "  alarmTopicArn?: pulumi.Input<string>;", "}", ""]
        if kind == "plain":
            out.append(f"export class {cls} {{")
        else:
            out.append(f"export class {cls} extends pulumi.ComponentResource {{")
        out += [f"  public readonly {fld}: {typ};" for fld, typ, _v in picks]
        if picks:
            out.append("")
        org = self.project
        if kind == "plain":
            out.append(f"  constructor(props: {args_type}) {{")
        elif kind == "component-no-opts":
            out.append(f"  constructor(name: string, args: {args_type}) {{")
            out.append(f"    super({self.q(f'{org}:{domain}:{cls}')}, name, {{}});")
        else:
            out.append(f"  constructor(name: string, args: {args_type}, opts?: pulumi.ComponentResourceOptions) {{")
            token = f"{org}:{domain}:{cls}" if not self.mistake(0.05) else cls
            out.append(f"    super({self.q(token)}, name, {{}}, opts);")
            out.append("")
        out += indent(body, 4)
        out += ["  }", "}"]
        return out, ClassInfo(cls, kind, args_type, [p[0] for p in picks], domain)

    def class_kind(self) -> str:
        if self.mistake(0.15):
            return "plain"
        if self.mistake(0.06):
            return "component-no-opts"
        return "component"

    def instantiate(self, info: ClassInfo, extra_args: str = "") -> tuple[str, list[str]]:
        var = self.fresh(camel(info.domain))
        if info.kind == "plain":
            return var, [f"const {var} = new {info.name}({{ environmentSuffix{extra_args}, tags: commonTags }});"]
        slug = kebab(var)
        return var, [
            f"const {var} = new {info.name}({self.q(slug)}, {{",
            f"  environmentSuffix{extra_args},",
            "  tags: commonTags,",
            "});",
        ]

    # -- whole files -----------------------------------------------------------------------------

    def header(self, body: str, component_file: bool) -> list[str]:
        qi = self.style.qi

        def uses(ident: str, text: str = body) -> bool:
            return re.search(rf"(?<![\w.$]){re.escape(ident)}\b", text) is not None

        consts: list[str] = []
        if not component_file and (uses("config") or uses("environmentSuffix")):
            consts.append("const config = new pulumi.Config();")
        if not component_file and uses("environmentSuffix"):
            consts.append(f"const environmentSuffix = config.get({self.q('environmentSuffix')}) || {self.q('dev')};")
        if uses("region"):
            consts.append(f"const region = aws.config.region ?? {self.q('us-east-1')};")
        if not component_file and uses("commonTags"):
            consts += [
                "const commonTags = {",
                f"  Project: {self.q(self.project)},",
                "  Environment: environmentSuffix,",
                f"  ManagedBy: {self.q('Pulumi')},",
                "};",
            ]
        everything = body + "\n" + "\n".join(consts)
        imports: list[str] = []
        if uses("pulumi", everything):
            imports.append(f"import * as pulumi from {qi('@pulumi/pulumi')};")
        if re.search(r"(?<![\w.$])aws\.", everything):
            where = 0 if self.chance(0.5) else len(imports)
            imports.insert(where, f"import * as aws from {qi('@pulumi/aws')};")
        if self.named:
            used = sorted(m for m in self.named if re.search(rf"(?<![\w.$]){m}\.", body))
            if used:
                imports.append(f"import {{ {', '.join(used)} }} from {qi('@pulumi/aws')};")
        if uses("awsx"):
            imports.append(f"import * as awsx from {qi('@pulumi/awsx')};")
        if uses("path"):
            imports.append(f"import * as path from {qi('path')};")
        if self.unused_fs:
            imports.append(f"import * as fs from {qi('fs')};")  # seed 000 §5: never used
        lines = imports + [""]
        if consts:
            lines += consts + [""]
        return lines

    def exports(self, limit: int | None = None) -> Iterator[str]:
        """One-line exports of top-level resources' outputs, for the end of an entry file."""
        props = {
            "function": ["arn", "name"],
            "table": ["name", "arn"],
            "queue": ["url", "arn"],
            "dlq": ["url"],
            "bucket": ["bucket", "arn"],
            "stage": ["invokeUrl"],
            "oldDeployment": ["invokeUrl"],  # seed 001 §1: read from the Deployment
            "api": ["id"],
            "topic": ["arn"],
            "logGroup": ["name"],
            "role": ["arn"],
            "vpc": ["id"],
            "awsxVpc": ["vpcId"],
            "component": [],
        }
        count = 0
        for kind, ps in props.items():
            for var in self.scope.resources.get(kind, []):
                for p in ps:
                    if limit is not None and count >= limit:
                        return
                    name = self.fresh(camel(var, {"vpcId": "id", "bucket": "name"}.get(p, p)))
                    count += 1
                    yield f"export const {name} = {var}.{p};"


COMMENTS = [
    "Dead-letter handling for failed invocations",
    "Storage for processed records",
    "Least-privilege access for the function",
    "Keep logs for a bounded time to control cost",
    "Alarms page the on-call rotation",
    "TODO: move to a shared component",
    "Public API entry point",
    "Encryption at rest with AWS-managed keys",
]


def generate_file(lines: int, seed: int = 0, mistake_rate: float = 1.0) -> str:
    """One program of exactly ``lines`` lines (a large ``index.ts``)."""
    rng = random.Random(seed)
    g = FileGen(rng, rng.choice(ORGS), mistake_rate)
    header_reserve = 20
    budget = max(lines - header_reserve, 0)
    body: list[str] = []
    # An aliased provider early on, as multi-region programs have.
    if lines > 200 and g.chance(0.5):
        prov = g.fresh("usEast1")
        body += [
            f"const {prov} = new aws.Provider({g.q('us-east-1')}, {{ region: {g.q('us-east-1')} }});",
            "",
        ]
        g.scope.add("provider", prov)
    failures = 0
    while failures < 8:
        remaining = budget - len(body)
        if remaining <= 0:
            break
        snap = g.snapshot()
        block: list[str]
        if remaining > 80 and g.chance(0.12):
            info_lines, info = g.class_block(rng.choice(DOMAINS), rng.randint(40, 120), g.class_kind())
            var, inst = g.instantiate(info)
            g.scope.add("component", var)
            block = info_lines + [""] + inst
            # Some component instances go unread (seed 001 §2) unless exported later.
            for fld in info.outputs[:2]:
                if g.chance(0.5):
                    block.append(f"export const {g.fresh(camel(var, fld))} = {var}.{fld};")
        else:
            block = g.top_block()
        if len(body) + len(block) + 1 <= budget:
            body += block + [""]
            failures = 0
        else:
            g.restore(snap)
            failures += 1
    text_body = "\n".join(body)
    head = g.header(text_body, component_file=False)
    out = head + body
    # Fill up to the exact count with exports of what was built, then comments.
    export_iter = g.exports()
    while len(out) < lines:
        nxt = next(export_iter, None)
        out.append(nxt if nxt is not None else f"// {rng.choice(COMMENTS)}")
    # A file shorter than its header (tiny requests) is truncated at a statement-free boundary.
    if len(out) > lines:
        out = [f"// {rng.choice(COMMENTS)}" for _ in range(lines)]
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------------------------
# Corpus: several Pulumi projects
# ---------------------------------------------------------------------------------------------


def component_file(g: FileGen, domain: str, target: int) -> tuple[str, list[ClassInfo]]:
    body: list[str] = []
    infos: list[ClassInfo] = []
    n_classes = 2 if target > 160 and g.chance(0.4) else 1
    for i in range(n_classes):
        if g.chance(0.3):
            body += g.helpers_block(module_level=True) + [""]
        lines, info = g.class_block(domain if i == 0 else g.rng.choice(DOMAINS), target // n_classes, g.class_kind())
        body += lines + [""]
        infos.append(info)
    text = "\n".join(body)
    head = g.header(text, component_file=True)
    while body and body[-1] == "":
        body.pop()
    return "\n".join(head + body) + "\n", infos


def index_file(g: FileGen, modules: list[tuple[str, list[ClassInfo]]]) -> str:
    body: list[str] = []
    qi = g.style.qi
    imports: list[str] = []
    for mod, infos in modules:
        imports.append(f"import {{ {', '.join(i.name for i in infos)} }} from {qi('./components/' + mod)};")
    instances: list[tuple[str, ClassInfo]] = []
    for _mod, infos in modules:
        for info in infos:
            var, lines = g.instantiate(info)
            body += lines + [""]
            instances.append((var, info))
            g.scope.add("component", var)
    # A few top-level resources beside the components, as entry files often have.
    for _ in range(g.rng.randint(0, 3)):
        body += g.top_block() + [""]
    for var, info in instances:
        if info.outputs and g.chance(0.85):
            for fld in info.outputs[:3]:
                name = g.fresh(camel(var, fld))
                body.append(f"export const {name} = {var}.{fld};")
    body += list(g.exports(limit=g.rng.randint(2, 6)))
    text = "\n".join(body)
    head = g.header(text, component_file=False)
    head = (
        [h for h in head if h.startswith("import")] + imports + [""] + [h for h in head if not h.startswith("import")]
    )
    # header() ends with blank lines; normalise to single blank separators.
    lines = head + body
    cleaned: list[str] = []
    for line in lines:
        if line == "" and (not cleaned or cleaned[-1] == ""):
            continue
        cleaned.append(line)
    while cleaned and cleaned[-1] == "":
        cleaned.pop()
    return "\n".join(cleaned) + "\n"


@dataclass
class CorpusStats:
    projects: int
    ts_files: int
    ts_lines: int


def generate_corpus(out: Path, files: int = 250, seed: int = 0, mistake_rate: float = 1.0) -> CorpusStats:
    """``files`` TypeScript files spread over about files/10 Pulumi projects under ``out``."""
    rng = random.Random(seed)
    n_projects = max(1, round(files / 10))
    # Every project gets an index.ts and at least one component; the rest is spread unevenly.
    sizes = [2] * n_projects
    for _ in range(files - 2 * n_projects):
        sizes[rng.randrange(n_projects)] += 1
    if files < 2 * n_projects:
        sizes = [1] * files
    total_lines = 0
    ts_files = 0
    used_names: set[str] = set()
    for p, size in enumerate(sizes):
        pseed = rng.randrange(2**32)
        prng = random.Random(pseed)
        base = kebab(prng.choice(DOMAINS), prng.choice(["platform", "service", "pipeline", "api", "infra"]))
        pname = base
        while pname in used_names:
            pname = f"{base}-{p}"
        used_names.add(pname)
        org = prng.choice(ORGS)
        pdir = out / pname
        (pdir / "components").mkdir(parents=True, exist_ok=True)
        aws_major = prng.choice([6, 7, 7])
        uses_awsx = False
        modules: list[tuple[str, list[ClassInfo]]] = []
        class_names: set[str] = set()
        for c in range(size - 1):
            g = FileGen(random.Random(prng.randrange(2**32)), org, mistake_rate, class_names)
            domain = prng.choice(DOMAINS)
            target = prng.randint(50, 200)
            text, infos = component_file(g, domain, target)
            mod = f"{kebab(domain)}-{c + 1}"
            (pdir / "components" / f"{mod}.ts").write_text(text)
            uses_awsx |= "awsx." in text
            modules.append((mod, infos))
            total_lines += text.count("\n")
            ts_files += 1
        g = FileGen(random.Random(prng.randrange(2**32)), org, mistake_rate)
        index = index_file(g, modules) if modules else generate_file(prng.randint(80, 200), prng.randrange(2**32))
        (pdir / "index.ts").write_text(index)
        uses_awsx |= "awsx." in index
        total_lines += index.count("\n")
        ts_files += 1
        write_project_files(pdir, pname, org, aws_major, uses_awsx, prng)
    return CorpusStats(len(sizes), ts_files, total_lines)


def write_project_files(pdir: Path, name: str, org: str, aws_major: int, uses_awsx: bool, rng: random.Random) -> None:
    main = ""
    if rng.random() < 0.05:
        main = "main: bin/tap.ts\n"  # seed 002 §2: names a file that does not exist
    elif rng.random() < 0.3:
        main = "main: index.ts\n"
    (pdir / "Pulumi.yaml").write_text(
        f"name: {name}\nruntime:\n  name: nodejs\n  options:\n    typescript: true\n"
        f"description: {name.replace('-', ' ').capitalize()} infrastructure\n{main}"
    )
    ns = name if rng.random() > 0.1 else "pulumi-infra"  # seed 004 §5: a foreign namespace
    (pdir / "Pulumi.dev.yaml").write_text(
        f"config:\n  aws:region: us-east-1\n  {ns}:environmentSuffix: dev\n  {ns}:logLevel: info\n"
    )
    deps = {"@pulumi/pulumi": "^3.140.0", "@pulumi/aws": "^7.10.0" if aws_major == 7 else "^6.66.0"}
    if uses_awsx:
        deps["@pulumi/awsx"] = "^3.0.0" if aws_major == 7 else "^2.19.0"
    package = {
        "name": f"@{org}/{name}",
        "version": "1.0.0",
        "private": True,
        "main": "index.ts",
        "scripts": {"build": "tsc", "lint": "eslint .", "test": "jest"},
        "dependencies": deps,
        "devDependencies": {"@types/node": "^20.11.0", "typescript": "^5.4.0"},
    }
    (pdir / "package.json").write_text(json.dumps(package, indent=2) + "\n")
    tsconfig = {
        "compilerOptions": {
            "strict": True,
            "outDir": "bin",
            "target": "es2020",
            "module": "commonjs",
            "moduleResolution": "node",
            "sourceMap": True,
            "experimentalDecorators": True,
            "forceConsistentCasingInFileNames": True,
        },
        "files": ["index.ts"],
    }
    (pdir / "tsconfig.json").write_text(json.dumps(tsconfig, indent=2) + "\n")


# ---------------------------------------------------------------------------------------------
# Verification with tree-sitter
# ---------------------------------------------------------------------------------------------


def syntax_problems(source: bytes, limit: int = 5) -> list[str]:
    """Positions of ERROR and MISSING nodes; empty when the file parses cleanly."""
    import tree_sitter_typescript
    from tree_sitter import Language, Node, Parser

    parser = Parser(Language(tree_sitter_typescript.language_typescript()))
    tree = parser.parse(source)
    if not tree.root_node.has_error:
        return []
    found: list[str] = []
    stack: list[Node] = [tree.root_node]
    while stack and len(found) < limit:
        node = stack.pop()
        if node.is_error or node.is_missing:
            row, col = node.start_point
            kind = "MISSING " + node.type if node.is_missing else "ERROR"
            found.append(f"{row + 1}:{col + 1}: {kind}")
            continue
        if node.has_error:
            stack.extend(reversed(node.children))
    return found or ["(has_error set but no ERROR/MISSING node found)"]


def ts_files_under(paths: Sequence[Path]) -> list[Path]:
    files: list[Path] = []
    for p in paths:
        files += sorted(p.rglob("*.ts")) if p.is_dir() else [p]
    return files


def verify(paths: Sequence[Path]) -> int:
    files = ts_files_under(paths)
    bad = 0
    for f in files:
        problems = syntax_problems(f.read_bytes())
        if problems:
            bad += 1
            print(f"{f}: " + "; ".join(problems), file=sys.stderr)
    lines = sum(f.read_bytes().count(b"\n") for f in files)
    print(f"verified {len(files)} files, {lines} lines: {bad} with syntax errors")
    return 1 if bad else 0


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    f = sub.add_parser("file", help="one program of an exact line count")
    f.add_argument("--lines", type=int, default=5000)
    f.add_argument("--seed", type=int, default=0)
    f.add_argument("--mistake-rate", type=float, default=1.0, help="scale the seeds' mistakes (0 disables)")
    f.add_argument("-o", "--output", type=Path, required=True)
    f.add_argument("--verify", action="store_true", help="parse the result with tree-sitter")
    c = sub.add_parser("corpus", help="many programs laid out as Pulumi projects")
    c.add_argument("--files", type=int, default=250, help="number of .ts files")
    c.add_argument("--seed", type=int, default=0)
    c.add_argument("--mistake-rate", type=float, default=1.0)
    c.add_argument("-o", "--output", type=Path, required=True)
    c.add_argument("--verify", action="store_true")
    v = sub.add_parser("verify", help="parse .ts files (or directories of them) with tree-sitter")
    v.add_argument("paths", nargs="+", type=Path)
    a = ap.parse_args(argv)
    if a.cmd == "file":
        a.output.parent.mkdir(parents=True, exist_ok=True)
        a.output.write_text(generate_file(a.lines, a.seed, a.mistake_rate))
        print(f"wrote {a.output}: {a.lines} lines")
        return verify([a.output]) if a.verify else 0
    if a.cmd == "corpus":
        stats = generate_corpus(a.output, a.files, a.seed, a.mistake_rate)
        print(f"wrote {a.output}: {stats.projects} projects, {stats.ts_files} .ts files, {stats.ts_lines} lines")
        return verify([a.output]) if a.verify else 0
    return verify(a.paths)


if __name__ == "__main__":
    sys.exit(main())
