"""Recognising AWS resources and IAM policies in the program model.

Shared by the AWS rules. Everything here reads :class:`~pulumi_lint.model.Program` facts; nothing
walks the syntax tree. Names published here are stable: rules in other modules import them.

- Resource types: ``@pulumi/aws`` v6 and v7 name some resources differently (v6's
  ``aws.s3.BucketV2`` is v7's ``aws.s3.Bucket``). :func:`canonical_type` maps either name to the
  v7 one, and the lookups below match on it.
- Cross-resource lookups take a sequence of programs: the current file first, then, when the
  project is known, its other program files (:func:`programs_in_scope`).
- IAM: :func:`policy_statements` finds every policy statement of a file, in any of the forms a
  Pulumi program writes them (object literals, ``JSON.stringify``, ``pulumi.jsonStringify``,
  ``.apply`` callbacks, ``aws.iam.getPolicyDocument`` statements).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from .derived import GLOBAL_THIS, THIS_ASSIGNED, depend, derived, type_key, untracked
from .model import Call, Construction, Program, Property, Value, per_program
from .model_builder import import_prefixes, resolve_name, statement_parts

# Resource types -----------------------------------------------------------------------------

# v6 name -> v7 name. Source: the ``@deprecated ... has been deprecated in favor of ...`` marks of
# @pulumi/aws 7.48.0's declarations (s3/*V2.d.ts), checked 2026-11-23. In v6 ``aws.s3.Bucket`` is
# the legacy resource and ``BucketV2`` the current one; v7 renamed ``BucketV2`` to ``Bucket``.
S3_V6_TO_V7: dict[str, str] = {
    "aws.s3.BucketV2": "aws.s3.Bucket",
    "aws.s3.BucketAccelerateConfigurationV2": "aws.s3.BucketAccelerateConfiguration",
    "aws.s3.BucketAclV2": "aws.s3.BucketAcl",
    "aws.s3.BucketCorsConfigurationV2": "aws.s3.BucketCorsConfiguration",
    "aws.s3.BucketLifecycleConfigurationV2": "aws.s3.BucketLifecycleConfiguration",
    "aws.s3.BucketLoggingV2": "aws.s3.BucketLogging",
    "aws.s3.BucketObjectLockConfigurationV2": "aws.s3.BucketObjectLockConfiguration",
    "aws.s3.BucketRequestPaymentConfigurationV2": "aws.s3.BucketRequestPaymentConfiguration",
    "aws.s3.BucketServerSideEncryptionConfigurationV2": "aws.s3.BucketServerSideEncryptionConfiguration",
    "aws.s3.BucketVersioningV2": "aws.s3.BucketVersioning",
    "aws.s3.BucketWebsiteConfigurationV2": "aws.s3.BucketWebsiteConfiguration",
}
S3_V7_TO_V6: dict[str, str] = {v7: v6 for v6, v7 in S3_V6_TO_V7.items()}

# Any other name of a type -> its canonical (v7) name.
TYPE_ALIASES: dict[str, str] = {**S3_V6_TO_V7}

LAMBDA_FUNCTION_TYPES = frozenset({"aws.lambda.Function", "aws.lambda.CallbackFunction"})
DYNAMODB_TABLE_TYPES = frozenset({"aws.dynamodb.Table"})
SQS_QUEUE_TYPES = frozenset({"aws.sqs.Queue"})
LOG_GROUP_TYPES = frozenset({"aws.cloudwatch.LogGroup"})
METRIC_ALARM_TYPES = frozenset({"aws.cloudwatch.MetricAlarm"})
S3_BUCKET_TYPES = frozenset({"aws.s3.Bucket"})  # canonical; matches v6 ``BucketV2`` too
KMS_KEY_POLICY_TYPES = frozenset({"aws.kms.Key", "aws.kms.KeyPolicy", "aws.kms.ReplicaKey"})


def canonical_type(resource_type: str | None) -> str | None:
    """The v7 name of a resource type written with either major version's name."""
    if resource_type is None:
        return None
    return TYPE_ALIASES.get(resource_type, resource_type)


def type_names(resource_type: str) -> frozenset[str]:
    """Every name a type goes by: ``aws.s3.Bucket`` gives it and ``aws.s3.BucketV2``."""
    canonical = canonical_type(resource_type) or resource_type
    return frozenset({canonical, *(old for old, new in TYPE_ALIASES.items() if new == canonical)})


def is_type(construction: Construction, *types: str) -> bool:
    """Whether ``construction`` is one of ``types`` (names of either version)."""
    canonical = canonical_type(construction.resource_type)
    return canonical is not None and canonical in {canonical_type(t) for t in types}


def constructions_of(program: Program, *types: str) -> Iterator[Construction]:
    """Constructions of ``types`` in ``program``, whichever version's name the code uses."""
    if program.tracking:
        program.tracking[-1].update(type_key(name) for t in types for name in type_names(t))
    by_type = _facts(program).by_type
    if by_type is None:
        by_type = {}
        for construction in program.constructions:
            canonical = canonical_type(construction.resource_type)
            if canonical is not None:
                by_type.setdefault(canonical, []).append(construction)
        _facts(program).by_type = by_type
    of_types = _facts(program).of_types
    found = of_types.get(types)
    if found is None:
        wanted = {canonical_type(t) or t for t in types}
        found = [c for t in wanted for c in by_type.get(t, ())]
        if len(wanted) > 1:
            found.sort(key=lambda c: c.value.start)
        of_types[types] = found
    return iter(found)


def resources_in(programs: Iterable[Program], *types: str) -> Iterator[tuple[Program, Construction]]:
    """``(program, construction)`` for each construction of ``types`` in any of ``programs``."""
    for program in programs:
        for construction in constructions_of(program, *types):
            yield program, construction


def programs_in_scope(ctx: Any) -> list[Program]:
    """The programs a cross-resource check looks through: this file, then the project's others.

    ``ctx.project`` (when given) offers the project's other program models either as
    ``program_files()`` + ``program(path)`` (``pulumi_lint.project.Project``) or as ``programs``
    (a sequence or mapping, or a method returning one) whose entries are Programs or carry a
    ``program``. The current file's own model always comes first and is never listed twice.
    """
    project = getattr(ctx, "project", None)
    if project is None:
        return [ctx.program]
    # Several rules ask in one analysis; each answer lists (and stats) every program file.
    key = ("programs_in_scope", id(project))
    cached: list[Program] | None = ctx.program.memo.get(key)
    if cached is None:
        cached = ctx.program.memo[key] = _programs_in_scope(ctx, project)
    return list(cached)


def _programs_in_scope(ctx: Any, project: Any) -> list[Program]:
    programs: list[Program] = [ctx.program]
    path = getattr(getattr(ctx, "document", None), "path", None)
    files = getattr(project, "program_files", None)
    load = getattr(project, "program", None)
    if callable(files) and callable(load):
        # pulumi_lint.project.Project: program_files() lists paths, program(path) parses one.
        for file in files():
            if path is not None and _same_path(str(file), path):
                continue
            program = load(file)
            if isinstance(program, Program) and program is not ctx.program:
                programs.append(program)
        return programs
    others: Any = getattr(project, "programs", None)
    if callable(others):
        try:
            others = others()
        except TypeError:
            others = None
    if not others:
        return programs
    try:
        items = list(others.items()) if isinstance(others, dict) else [(None, o) for o in others]
    except TypeError:
        return programs
    for key, entry in items:
        program = entry if isinstance(entry, Program) else getattr(entry, "program", None)
        if not isinstance(program, Program) or program is ctx.program:
            continue
        entry_path = key if key is not None else getattr(entry, "path", None)
        if path is not None and entry_path is not None and _same_path(str(entry_path), path):
            continue
        programs.append(program)
    return programs


def _same_path(a: str, b: str) -> bool:
    return a == b or _resolved(a) == _resolved(b)


@lru_cache(maxsize=4096)
def _resolved(path: str) -> str:
    # Resolving touches the file system; the same few paths are compared for every file linted.
    try:
        return str(Path(path).resolve())
    except OSError:
        return path


# Callees and imports ------------------------------------------------------------------------


def canonical_callee(program: Program, name: str | None) -> str | None:
    """``aws.iam.getPolicyDocument`` for ``iam.getPolicyDocument`` after ``import { iam }``.

    Names not bound by a Pulumi import are returned unchanged (``JSON.stringify``).
    """
    resolved = resolve_name(program, name)
    return resolved[1] if resolved is not None else name


def calls_to(program: Program, *names: str) -> Iterator[Call]:
    """Calls whose callee resolves (through Pulumi imports) to one of ``names``."""
    wanted = set(names)
    for call in program.calls:
        if canonical_callee(program, call.value.name) in wanted:
            yield call


def module_expression(program: Program, module: str) -> str | None:
    """How this file writes the ``@pulumi/<package>`` namespace ``module`` (``aws.cloudwatch``).

    ``aws.cloudwatch`` is ``aws.cloudwatch`` after ``import * as aws from '@pulumi/aws'``,
    ``cloudwatch`` after ``import { cloudwatch } from '@pulumi/aws'``, ``cw`` after
    ``import * as cw from '@pulumi/aws/cloudwatch'``. None when no import binds it.
    """
    best: tuple[int, str] | None = None
    for local, (_package, path) in import_prefixes(program).items():
        if module == path:
            candidate = (0, local)
        elif module.startswith(path + "."):
            candidate = (len(module) - len(path), local + module[len(path) :])
        else:
            continue
        if best is None or candidate < best:
            best = candidate
    return best[1] if best is not None else None


def type_expression(program: Program, resource_type: str) -> str | None:
    """How this file writes a type such as ``aws.cloudwatch.LogGroup``, or None if it cannot."""
    module, _, cls = resource_type.rpartition(".")
    for local, (_package, path) in import_prefixes(program).items():
        if path == resource_type:  # import { LogGroup } from '@pulumi/aws/cloudwatch'
            return local
    prefix = module_expression(program, module)
    return f"{prefix}.{cls}" if prefix is not None else None


def pulumi_namespace(program: Program) -> str | None:
    """The local name of ``import * as pulumi from '@pulumi/pulumi'``, if any."""
    for imp in program.imports:
        if imp.module == "@pulumi/pulumi" and not imp.type_only:
            for binding in imp.bindings:
                if binding.imported in ("*", "default"):
                    return binding.local
    return None


# Versions -----------------------------------------------------------------------------------

_MAJOR = re.compile(r"(\d+)")


@lru_cache(maxsize=64)
def _package_json_aws_major(path: str, _mtime_ns: int, _size: int) -> int | None:
    # The file's modification time and size are part of the key, so an edit is seen.
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    for section in ("dependencies", "devDependencies", "peerDependencies"):
        deps = data.get(section)
        if isinstance(deps, dict) and isinstance(deps.get("@pulumi/aws"), str):
            match = _MAJOR.search(deps["@pulumi/aws"])
            return int(match.group(1)) if match else None
    return None


def nearest_package_json(path: str | None) -> Path | None:
    """The ``package.json`` nearest above ``path`` (a program file), or None."""
    if not path:
        return None
    try:
        folder = Path(path).resolve().parent
    except OSError:
        return None
    for candidate in (folder, *folder.parents):
        package = candidate / "package.json"
        if package.is_file():
            return package
    return None


def aws_major_version(path: str | None) -> int | None:
    """The ``@pulumi/aws`` major version the nearest ``package.json`` asks for, or None.

    ``^6.83.0``, ``~6.0``, ``6.x`` and ``>=6.0.0 <7`` all give 6. None when there is no
    ``package.json`` or it does not depend on ``@pulumi/aws``: callers then use v7 names and say so.
    """
    package = nearest_package_json(path)
    if package is None:
        return None
    try:
        stat = package.stat()
    except OSError:
        return None
    return _package_json_aws_major(str(package), stat.st_mtime_ns, stat.st_size)


def versioned_type(resource_type: str, major: int | None) -> str:
    """The name of a canonical type in ``major`` (v6 keeps the ``...V2`` names); v7 when None."""
    canonical = canonical_type(resource_type) or resource_type
    if major is not None and major < 7:
        return S3_V7_TO_V6.get(canonical, canonical)
    return canonical


# Values -------------------------------------------------------------------------------------


def string_of(program: Program, value: Value | None) -> str | None:
    """The text of a string (or substitution-free template) value, through constants."""
    resolved = program.resolve(value)
    if resolved is None:
        return None
    if resolved.kind in ("string", "template") and resolved.string is not None:
        return resolved.string
    return None


def number_of(program: Program, value: Value | None) -> float | None:
    resolved = program.resolve(value)
    if resolved is not None and resolved.kind == "number":
        return resolved.number
    return None


def boolean_of(program: Program, value: Value | None) -> bool | None:
    resolved = program.resolve(value)
    if resolved is not None and resolved.kind == "boolean":
        return resolved.boolean
    return None


def array_items(program: Program, value: Value | None) -> list[Value] | None:
    """The items of an array value, through constants and ``...spreads`` of arrays in scope.

    None when ``value`` is not an array (a single value written where an array may be).
    """
    resolved = program.resolve(value)
    if resolved is None or resolved.kind != "array":
        return None
    items: list[Value] = []
    for item in resolved.items:
        inner = _spread_target(item)
        if inner is not None:
            expanded = array_items(program, inner)
            if expanded is not None:
                items.extend(expanded)
                continue
        items.append(item)
    return items


def _spread_target(item: Value) -> Value | None:
    # The builder summarises ``...x`` in an array as an "other" value around ``x``.
    if item.kind == "other" and len(item.items) == 1 and item.items[0].start > item.start:
        return item.items[0]
    return None


class _Facts:
    """What the lookups below compute about one program, kept while it is being checked.

    Several rules ask the same questions of the same program (which names a value reads,
    which resource a name stands for); answering each once keeps cross-resource checks linear.
    """

    __slots__ = (
        "by_ref",
        "by_new",
        "by_type",
        "of_types",
        "statements",
        "values",
    )

    def __init__(self) -> None:
        self.by_ref: dict[str, list[Construction]] | None = None
        self.by_new: dict[int, Construction] | None = None
        self.by_type: dict[str, list[Construction]] | None = None
        self.of_types: dict[tuple[str, ...], list[Construction]] = {}
        self.statements: list[PolicyStatement] | None = None
        self.values: list[Value] | None = None


@per_program
def _facts(program: Program) -> _Facts:
    # Kept in the program's memo: it lives as long as the program, and holds no reference
    # back to it (a cycle only the cyclic collector could free).
    return _Facts()


def _resolve(program: Program, value: Value) -> Value | None:
    if value.kind != "identifier":
        return value
    return derived(program, value, "resolve", program.resolve, value)


def _prefixes(name: str) -> Iterator[str]:
    """``a.b.c`` -> ``a``, ``a.b``, ``a.b.c``."""
    index = name.find(".")
    while index >= 0:
        yield name[:index]
        index = name.find(".", index + 1)
    yield name


def construction_refs(program: Program, construction: Construction) -> frozenset[str]:
    """The dotted names that refer to ``construction`` in its file: its variable, ``this.x`` fields."""
    return derived(program, construction.value, "refs", _construction_refs, program, construction)


def _construction_refs(program: Program, construction: Construction) -> frozenset[str]:
    names: set[str] = set()
    variable = construction.variable.name if construction.variable is not None else None
    # Another statement's ``this.x = variable``, or ``this.x = alias`` of a name declared outside it.
    depend(program, GLOBAL_THIS, THIS_ASSIGNED + (variable or ""))
    if variable is not None:
        names.add(variable)
    for cls in program.classes:
        for assignment in cls.this_assignments:
            value = assignment.value
            named = value.kind == "identifier" and (
                value.name == variable or _resolve(program, value) is construction.value
            )
            if value is construction.value or named:
                names.add("this." + assignment.field)
    return frozenset(names)


def _names_ref(name: str | None, refs: frozenset[str]) -> bool:
    if not name:
        return False
    return any(name == ref or name.startswith(ref + ".") for ref in refs)


def reachable(program: Program, value: Value | None, limit: int = 5000) -> Iterator[Value]:
    """Every value inside ``value``, following identifiers to the constants they name."""
    if value is None:
        return
    seen: set[int] = set()
    stack: list[Value] = [value]
    while stack and len(seen) < limit:
        current = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        if current.kind == "identifier":
            target = _resolve(program, current)
            if target is not None and target is not current:
                if target.kind == "new":
                    # A name for a resource stands for the resource, not for its inputs.
                    if id(target) not in seen:
                        seen.add(id(target))
                        yield target
                else:
                    stack.append(target)
            continue
        if current.kind == "member" and current.callee is not None:
            stack.append(current.callee)
        stack.extend(p.value for p in reversed(current.properties) if p.value is not None)
        stack.extend(reversed(current.spreads))
        stack.extend(reversed(current.items))
        stack.extend(reversed(current.args))
        stack.extend(reversed(current.substitutions))
        if current.kind in ("call", "new") and current.callee is not None:
            stack.append(current.callee)


def _reached(program: Program, value: Value) -> tuple[frozenset[str], tuple[str | Value, ...]]:
    """Every dotted-name prefix ``value`` reads, and its names and ``new`` values in walk order."""
    return derived(program, value, "reached", _reach, program, value)


def _reach(program: Program, value: Value) -> tuple[frozenset[str], tuple[str | Value, ...]]:
    prefixes: set[str] = set()
    hits: list[str | Value] = []
    for candidate in reachable(program, value):
        if candidate.kind == "new":
            hits.append(candidate)
        elif candidate.name and candidate.kind in ("identifier", "member"):
            hits.append(candidate.name)
            prefixes.update(_prefixes(candidate.name))
    return (frozenset(prefixes), tuple(hits))


def reached_names(program: Program, value: Value) -> frozenset[str]:
    """Every dotted-name prefix ``value`` reads: ``mentions(program, value, refs)`` is whether
    ``refs`` meets this set."""
    return _reached(program, value)[0]


def mentions(program: Program, value: Value | None, refs: frozenset[str]) -> bool:
    """Whether ``value`` reads any of ``refs`` (``table``, ``table.name``, ``this.table.arn``)."""
    if not refs or value is None:
        return False
    return not refs.isdisjoint(_reached(program, value)[0])


def mentioned_constructions(program: Program, value: Value | None) -> list[Construction]:
    """The constructions ``c`` of this file for which ``mentions(program, value, construction_refs(program, c))``.

    One lookup per name ``value`` reads instead of one :func:`mentions` per construction.
    """
    if value is None:
        return []
    by_ref, _by_new = _indexes(program)
    found: dict[int, Construction] = {}
    prefixes = _reached(program, value)[0]
    depend(program, *prefixes)
    for prefix in prefixes:
        for construction in by_ref.get(prefix, ()):
            found.setdefault(id(construction), construction)
    return list(found.values())


def _indexes(program: Program) -> tuple[dict[str, list[Construction]], dict[int, Construction]]:
    facts = _facts(program)
    if facts.by_ref is None or facts.by_new is None:
        # Readers record the names they look up in it (``depend``), not the whole index.
        facts.by_ref = untracked(program, _refs_index, program)
        facts.by_new = {id(c.value): c for c in program.constructions}
    return facts.by_ref, facts.by_new


def _refs_index(program: Program) -> dict[str, list[Construction]]:
    by_ref: dict[str, list[Construction]] = {}
    for construction in program.constructions:
        for ref in construction_refs(program, construction):
            by_ref.setdefault(ref, []).append(construction)
    return by_ref


def constructions_read(program: Program, value: Value | None) -> list[Construction]:
    """Every construction of this file that ``value`` reads, in the order it reads them.

    The list is kept across edits and shared between callers: do not change it.
    """
    if value is None:
        return []
    return derived(program, value, "constructions-read", _constructions_read, program, value)


def _constructions_read(program: Program, value: Value) -> list[Construction]:
    by_ref, by_new = _indexes(program)
    found: list[Construction] = []
    seen: set[int] = set()
    for hit in _reached(program, value)[1]:
        candidates = [by_new[id(hit)]] if isinstance(hit, Value) and id(hit) in by_new else []
        if isinstance(hit, str):
            probed = list(_prefixes(hit))
            depend(program, *probed)
            candidates = [c for prefix in probed for c in by_ref.get(prefix, ())]
        for construction in candidates:
            if id(construction) not in seen:
                seen.add(id(construction))
                found.append(construction)
    return found


def referenced_construction(program: Program, value: Value | None, *types: str) -> Construction | None:
    """The construction ``value`` reads (``fn.arn``, ``this.queue.arn``, ``fnName``), if in this file."""
    if value is None:
        return None
    wanted = {canonical_type(t) for t in types} if types else None

    def fits(construction: Construction) -> bool:
        return wanted is None or canonical_type(construction.resource_type) in wanted

    by_ref, by_new = _indexes(program)
    for hit in _reached(program, value)[1]:
        if isinstance(hit, Value):
            construction = by_new.get(id(hit))
            if construction is not None and fits(construction):
                return construction
            continue
        for prefix in _prefixes(hit):
            depend(program, prefix)
            for construction in by_ref.get(prefix, ()):
                if fits(construction):
                    return construction
    return None


def physical_name(program: Program, construction: Construction) -> str | None:
    """The resource's ``name`` argument when it is a plain string in scope."""
    return string_of(program, program.lookup(construction.args, "name"))


def template_text(source: bytes, value: Value) -> str:
    return source[value.start : value.end].decode("utf-8", errors="replace")


# IAM policies -------------------------------------------------------------------------------

# Actions that support no resource-level permission: IAM accepts only ``Resource: "*"`` for
# them, so a wildcard resource is not a finding. Source: AWS Service Authorization Reference
# ("Actions, resources, and condition keys for ..." pages: the actions whose "Resource types"
# column is empty), and the statements of the managed policies AWSLambdaVPCAccessExecutionRole
# and AWSXRayDaemonWriteAccess, which grant these on "*". Checked 2026-11-23. Matching is
# case-insensitive, as IAM's. ``logs:CreateLogGroup`` is deliberately absent: it is scoped by
# log-group ARN.
ACTIONS_WITHOUT_RESOURCE_LEVEL_PERMISSIONS_CHECKED = "2026-11-23"
ACTIONS_WITHOUT_RESOURCE_LEVEL_PERMISSIONS: frozenset[str] = frozenset(
    a.lower()
    for a in (
        # AWSXRayDaemonWriteAccess
        "xray:PutTraceSegments",
        "xray:PutTelemetryRecords",
        "xray:GetSamplingRules",
        "xray:GetSamplingTargets",
        "xray:GetSamplingStatisticSummaries",
        # AWSLambdaVPCAccessExecutionRole (ENI management for VPC functions)
        "ec2:CreateNetworkInterface",
        "ec2:DescribeNetworkInterfaces",
        "ec2:DescribeSubnets",
        "ec2:DeleteNetworkInterface",
        "ec2:AssignPrivateIpAddresses",
        "ec2:UnassignPrivateIpAddresses",
        "ec2:Describe*",
        # Service Authorization Reference: no resource types
        "cloudwatch:PutMetricData",
        "cloudwatch:GetMetricData",
        "cloudwatch:ListMetrics",
        "cloudwatch:GetMetricStatistics",
        "sts:GetCallerIdentity",
        "logs:DescribeLogGroups",
        "ecr:GetAuthorizationToken",
        "ssm:DescribeParameters",
        "kms:ListKeys",
        "kms:ListAliases",
        "kms:CreateKey",
        "s3:ListAllMyBuckets",
        "sqs:ListQueues",
        "sns:ListTopics",
        "lambda:ListFunctions",
        "secretsmanager:GetRandomPassword",
        "secretsmanager:ListSecrets",
        "tag:GetResources",
        "iam:ListRoles",
        "iam:ListPolicies",
        "autoscaling:Describe*",
        "elasticloadbalancing:Describe*",
    )
)

# IAM access levels "List" and "Read" start with these verbs (Service Authorization Reference).
READ_ONLY_VERBS: tuple[str, ...] = (
    "Get",
    "List",
    "Describe",
    "BatchGet",
    "Query",
    "Scan",
    "Head",
    "Lookup",
    "Search",
    "View",
    "Filter",
)

StatementForm = Literal["json", "document"]
# How the enclosing policy is written: a bare object literal (a Pulumi input accepts a
# PolicyDocument object), ``JSON.stringify(...)``, ``pulumi.jsonStringify(...)``, or the
# ``statements`` of an ``aws.iam.getPolicyDocument`` call.
PolicyContainer = Literal["object", "json-stringify", "pulumi-json-stringify", "policy-document"]

POLICY_DOCUMENT_FUNCTIONS = frozenset({"aws.iam.getPolicyDocument", "aws.iam.getPolicyDocumentOutput"})


@dataclass(slots=True)
class PolicyItem:
    """One action or resource: ``text`` is its string when known, ``value`` where it is written."""

    text: str | None
    value: Value


@dataclass(slots=True)
class PolicyStatement:
    """One IAM policy statement, in either spelling.

    ``form`` is ``json`` for the policy language's own keys (``Effect``, ``Action``, ``Resource``)
    and ``document`` for ``aws.iam.getPolicyDocument``'s (``effect``, ``actions``, ``resources``).
    ``effect`` is ``Allow`` when the statement has none, None when it cannot be read.
    ``owner``/``owner_property`` name the resource and argument the policy is given to, when the
    file shows it (``aws.kms.Key`` / ``policy``).
    """

    value: Value
    form: StatementForm
    container: PolicyContainer
    in_callback: bool
    effect: str | None
    effect_property: Property | None
    actions: list[PolicyItem]
    action_property: Property | None
    not_action_property: Property | None
    resources: list[PolicyItem]
    resource_property: Property | None
    not_resource_property: Property | None
    principal_property: Property | None
    document: Value | None = None
    owner: Construction | None = None
    owner_property: str | None = None
    # What the statement says, as read by statement_core: the same object while that holds.
    core: object = field(default=None, repr=False, compare=False)
    call: Call | None = None  # the getPolicyDocument / JSON.stringify call around it
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def is_allow(self) -> bool:
        return self.effect is not None and self.effect.lower() == "allow"

    @property
    def action_key(self) -> str:
        return "Action" if self.form == "json" else "actions"

    @property
    def resource_key(self) -> str:
        return "Resource" if self.form == "json" else "resources"


_JSON_KEYS = {
    "effect": "Effect",
    "action": "Action",
    "not_action": "NotAction",
    "resource": "Resource",
    "not_resource": "NotResource",
    "principal": "Principal",
}
_DOCUMENT_KEYS = {
    "effect": "effect",
    "action": "actions",
    "not_action": "notActions",
    "resource": "resources",
    "not_resource": "notResources",
    "principal": "principals",
}


def _root_groups(program: Program) -> tuple[list[Value], ...]:
    return (
        program.statements,
        [decl.value for decl in program.variables if decl.value is not None],
        [construction.value for construction in program.constructions],
        [call.value for call in program.calls],
        [assignment.value for cls in program.classes for assignment in cls.this_assignments],
        [template.value for template in program.templates],
    )


def all_values(program: Program) -> Iterator[Value]:
    """Every value of the file once (no identifier following)."""
    facts = _facts(program)
    if facts.values is None:
        facts.values = values_where(program, "all", None)
    return iter(facts.values)


def values_where(program: Program, key: str, keep: Callable[[Value], bool] | None) -> list[Value]:
    """The values of :func:`all_values` for which ``keep(value)`` holds, in the same order.

    ``keep`` must depend on the value alone and ``key`` must name it: the filtered values of each
    top-level statement are kept with the statement's facts and reused until its text changes.
    """
    parts = statement_parts(program)
    if parts is None:
        groups = _walk_groups(program)
        return [value for group in groups for value in group if keep is None or keep(value)]
    memo_key = ("values", key)
    per_part = [_part_groups(part, memo_key, keep) for part in parts]
    # Values never cross statements, so walking statement by statement visits the same values
    # as one walk of the file; the root groups keep the file-wide order.
    found: list[Value] = []
    for index in range(len(per_part[0]) if per_part else 0):
        for part_groups in per_part:
            found.extend(part_groups[index])
    return found


def _part_groups(
    part: Program, memo_key: tuple[str, str], keep: Callable[[Value], bool] | None
) -> tuple[Sequence[Value], ...]:
    """One statement's values by root group, filtered by ``keep``, kept with the statement."""
    cached: tuple[Sequence[Value], ...] | None = part.memo.get(memo_key)
    if cached is None:
        walked: tuple[list[Value], ...] | None = part.memo.get(("values", "all"))
        if walked is None:
            walked = _walk_groups(part)
            part.memo[("values", "all")] = walked
        # Tuples: most filtered groups are empty, and every empty tuple is the same object.
        cached = walked if keep is None else tuple(tuple([v for v in group if keep(v)]) for group in walked)
        part.memo[memo_key] = cached
    return cached


def _walk_groups(program: Program) -> tuple[list[Value], ...]:
    """The values reached from each root group of ``program`` (each value once, in the first)."""
    seen: set[int] = set()
    result: list[list[Value]] = []
    for roots in _root_groups(program):
        found: list[Value] = []
        for root in roots:
            stack = [root]
            while stack:
                current = stack.pop()
                if id(current) in seen:
                    continue
                seen.add(id(current))
                found.append(current)
                stack.extend(p.value for p in current.properties if p.value is not None)
                stack.extend(current.spreads)
                stack.extend(current.items)
                stack.extend(current.args)
                stack.extend(current.substitutions)
                if current.callee is not None:
                    stack.append(current.callee)
        result.append(found)
    return tuple(result)


def _callback_spans(program: Program) -> dict[int, list[Value]]:
    """Function values passed as call arguments (``.apply(v => ...)``): Outputs are plain there.

    By statement (the id of its anchor): only a callback of its own statement can enclose a value.
    """
    found: dict[int, list[Value]] = {}
    for call in program.calls:
        for arg in call.value.args:
            if arg.kind == "function":
                found.setdefault(id(arg.anchor), []).append(arg)
    return found


def policy_statements(program: Program) -> list[PolicyStatement]:
    """Every IAM policy statement in ``program``, in document order (computed once per program)."""
    facts = _facts(program)
    if facts.statements is None:
        facts.statements = extract_statements(program)
    return facts.statements


def extract_statements(program: Program) -> list[PolicyStatement]:
    """Every IAM policy statement of ``program``, worked out now (see :func:`policy_statements`).

    For a program made of statements kept across edits, what each statement contributes (policy
    documents, statement objects, JSON calls, resources given policies) is kept with it while the
    names it looked up are unchanged: an edit then costs the statements it touched and the merge.
    """
    json_calls, pulumi_json_calls = _json_callees(program)
    parts = statement_parts(program)
    store = program.store
    if parts is None or store is None:
        contributions = [_contribution(program, program, json_calls, pulumi_json_calls)]
    else:
        contributions = _kept_contributions(program, store, parts, json_calls, pulumi_json_calls)
        kept = store.kept.get(_MERGED)
        if (
            isinstance(kept, _Merged)
            and len(kept.contributions) == len(contributions)
            and all(a is b for a, b in zip(kept.contributions, contributions, strict=True))
        ):
            # The same contributions in the same order make the same statements: only what a
            # statement itself says (read through constants) may have changed since.
            return kept.again(program)
    # The first JSON call around a document, and the first resource given a policy object, in
    # document order, as one walk of the file finds them.
    containers: dict[int, tuple[PolicyContainer, Call]] = {}
    owners: dict[int, tuple[Construction, str]] = {}
    for contribution in contributions:
        for target, kind, call in contribution.containers:
            containers.setdefault(target, (kind, call))
        for value_id, construction, key in contribution.owners:
            owners.setdefault(value_id, (construction, key))

    found: list[PolicyStatement] = []
    seen: set[int] = set()

    def add(stmt_value: Value, form: StatementForm, container: PolicyContainer, document: Value | None,
            call: Call | None) -> None:
        if id(stmt_value) in seen:
            return
        seen.add(id(stmt_value))
        statement = _statement(program, stmt_value, form, container, document, call)
        statement.in_callback = any(cb.encloses(stmt_value) for cb in _callbacks_around(program, stmt_value))
        owner = owners.get(id(document)) if document is not None else None
        if owner is None:
            owner = owners.get(id(stmt_value))
        if owner is not None:
            statement.owner, statement.owner_property = owner
        found.append(statement)

    # getPolicyDocument statements first: their objects must not be read as JSON-form ones.
    for contribution in contributions:
        for stmt_value, document, call in contribution.documents:
            add(stmt_value, "document", "policy-document", document, call)
    # Then the statement objects, in the order of the file's values: group by group, statement by
    # statement within a group (see values_where).
    for group in range(_ROOT_GROUPS):
        for contribution in contributions:
            for stmt_value, value in contribution.statements[group]:
                container: PolicyContainer = "object"
                json_call: Call | None = None
                if id(value) in containers:
                    container, json_call = containers[id(value)]
                add(stmt_value, "json", container, value, json_call)

    found.sort(key=lambda s: s.value.start)
    if store is not None and parts is not None:
        store.kept[_MERGED] = _Merged(contributions, found)
    return found


_MERGED = "policy-statements"


class _Merged:
    """The policy statements of the last analysis and the contributions they were merged from."""

    __slots__ = ("contributions", "statements")

    def __init__(self, contributions: list[_Contribution], statements: list[PolicyStatement]) -> None:
        self.contributions = contributions
        self.statements = statements

    def again(self, program: Program) -> list[PolicyStatement]:
        statements: list[PolicyStatement] = []
        for statement in self.statements:
            value = statement.value
            form = statement.form
            core = derived(program, value, ("statement", form), statement_core, program, value, form)
            statements.append(statement if core is statement.core else replace(statement, **_core_fields(core)))
        # A new list each time: the last program's rules hold the old one.
        self.statements = statements
        return statements


def _json_callees(program: Program) -> tuple[frozenset[str], frozenset[str]]:
    """The callees read as ``JSON.stringify`` and as ``pulumi.jsonStringify`` (imports decide)."""
    pulumi_ns = pulumi_namespace(program)
    pulumi_json_calls = {f"{pulumi_ns}.jsonStringify"} if pulumi_ns else set()
    for local, (_package, path) in import_prefixes(program).items():
        if path == "pulumi.jsonStringify":
            pulumi_json_calls.add(local)
    return frozenset({"JSON.stringify"}), frozenset(pulumi_json_calls)


class _Contribution:
    """What one statement (or a whole program) contributes to the file's policy statements."""

    __slots__ = ("containers", "owners", "documents", "statements", "names", "generation")

    def __init__(self) -> None:
        # (id of the value a JSON call serialises, which call, the call)
        self.containers: list[tuple[int, PolicyContainer, Call]] = []
        # (id of a policy object, the resource given it, the argument's name)
        self.owners: list[tuple[int, Construction, str]] = []
        # getPolicyDocument statements: (statement object, the document, the call)
        self.documents: list[tuple[Value, Value | None, Call]] = []
        # JSON-form statements by root group of values: (statement object, its policy document)
        self.statements: tuple[list[tuple[Value, Value]], ...] = ()
        self.names: frozenset[str] = frozenset()
        self.generation = 0

    def is_empty(self) -> bool:
        return not (self.containers or self.owners or self.documents or any(self.statements))


_CONTRIBUTION = "policy-contribution"
# The root groups of values_where: statements, declarations, constructions, calls, assignments, templates.
_ROOT_GROUPS = 6


def _kept_contributions(
    program: Program, store: Any, parts: list[Program], json_calls: frozenset[str], pulumi_json_calls: frozenset[str]
) -> list[_Contribution]:
    """The contributions of the statements that contribute anything, in file order.

    A statement's contribution holds while the names it looked up stand and no import changed
    (resource types and callees are read through the imports). Most statements contribute nothing
    and look nothing up: for them the memo holds only the generation it was last valid in.
    """
    found: list[_Contribution] = []
    generation = store.generation
    tracking = program.tracking
    for part in parts:
        memo = part.memo
        kept: _Contribution | int | None = memo.get(_CONTRIBUTION)
        if kept is not None:
            made = kept if isinstance(kept, int) else kept.generation
            if made != generation:
                changed = store.changed_since(made)
                if changed is None or (not isinstance(kept, int) and not kept.names.isdisjoint(changed)):
                    kept = None
                elif isinstance(kept, int):
                    kept = memo[_CONTRIBUTION] = generation
                else:
                    kept.generation = generation
        if kept is None:
            tracking.append(set())
            try:
                contribution = _contribution(program, part, json_calls, pulumi_json_calls)
            finally:
                names = frozenset(tracking.pop())
            if contribution.is_empty() and not names:
                memo[_CONTRIBUTION] = generation
                continue
            contribution.names = names
            contribution.generation = generation
            memo[_CONTRIBUTION] = kept = contribution
        elif isinstance(kept, int):
            continue
        if tracking:
            tracking[-1].update(kept.names)
        found.append(kept)
    return found


def _contribution(
    program: Program, part: Program, json_calls: frozenset[str], pulumi_json_calls: frozenset[str]
) -> _Contribution:
    """What ``part``'s facts contribute, looking names up in ``program`` (the whole file)."""
    made = _Contribution()
    for call in part.calls:
        name = call.value.name
        if not call.value.args or name is None:
            continue
        kind: PolicyContainer | None = None
        if name in json_calls:
            kind = "json-stringify"
        elif name in pulumi_json_calls:
            kind = "pulumi-json-stringify"
        if kind is None:
            continue
        target = program.resolve(call.value.args[0])
        if target is not None:
            made.containers.append((id(target), kind, call))
    for construction in part.constructions:
        if not construction.resource_type or not construction.resource_type.startswith("aws."):
            continue
        for value, key in derived(program, construction.value, "policies", policy_objects, program, construction):
            made.owners.append((id(value), construction, key))
    for call in part.calls:
        if canonical_callee(program, call.value.name) not in POLICY_DOCUMENT_FUNCTIONS:
            continue
        args = call.value.args[0] if call.value.args else None
        document = program.resolve(args)
        for stmt_value in _statement_values(program, program.lookup(args, "statements")):
            made.documents.append((stmt_value, document, call))
    groups = _candidate_groups(part)
    statements: list[list[tuple[Value, Value]]] = []
    for group in groups:
        found: list[tuple[Value, Value]] = []
        for value in group:
            statement_prop = program.property(value, "Statement")
            if statement_prop is None:
                continue
            found.extend((stmt_value, value) for stmt_value in _statement_values(program, statement_prop.value))
        statements.append(found)
    made.statements = tuple(statements)
    return made


def _candidate_groups(program: Program) -> tuple[Sequence[Value], ...]:
    """The values of ``program`` that may hold a ``Statement`` key, by root group."""
    key = ("values", "policy-candidates")
    parts = statement_parts(program)
    if parts is None:
        if program.anchor is not None:  # one statement's facts: kept with them
            return _part_groups(program, key, may_hold_statement)
        return tuple([v for v in group if may_hold_statement(v)] for group in _walk_groups(program))
    per_part = [_part_groups(part, key, may_hold_statement) for part in parts]
    return tuple([v for groups in per_part for v in groups[index]] for index in range(_ROOT_GROUPS))


def _callbacks_around(program: Program, value: Value) -> Sequence[Value]:
    """The function values passed as call arguments in ``value``'s statement (``.apply(v =>
    ...)``): Outputs are plain inside them. Only a callback of its own statement can enclose it."""
    store = program.store
    part = store.part_of.get(id(value.anchor)) if store is not None else None
    if part is None:
        return _callback_spans(program).get(id(value.anchor), ())
    found: list[Value] | None = part.memo.get("callbacks")
    if found is None:
        found = part.memo["callbacks"] = [
            arg for call in part.calls for arg in call.value.args if arg.kind == "function"
        ]
    return found


def may_hold_statement(value: Value) -> bool:
    # ``program.property(value, "Statement")`` finds nothing in an object that neither has the
    # key nor spreads another object in.
    return value.kind == "object" and (bool(value.spreads) or any(p.key == "Statement" for p in value.properties))


def _statement_values(program: Program, value: Value | None) -> list[Value]:
    resolved = program.resolve(value)
    if resolved is None:
        return []
    if resolved.kind == "object":
        return [resolved]
    items = array_items(program, resolved)
    if items is None:
        return []
    result = []
    for item in items:
        target = program.resolve(item)
        if target is not None and target.kind == "object":
            result.append(target)
    return result


def _items(program: Program, prop: Property | None) -> list[PolicyItem]:
    if prop is None or prop.value is None:
        return []
    items = array_items(program, prop.value)
    written = items if items is not None else [prop.value]
    return [PolicyItem(string_of(program, item), item) for item in written]


def _statement(
    program: Program,
    value: Value,
    form: StatementForm,
    container: PolicyContainer,
    document: Value | None,
    call: Call | None,
) -> PolicyStatement:
    core = derived(program, value, ("statement", form), statement_core, program, value, form)
    return PolicyStatement(
        value=value, form=form, container=container, in_callback=False, document=document, call=call,
        **_core_fields(core),
    )


def _core_fields(core: _StatementCore) -> dict[str, Any]:
    (effect, effect_prop, actions, action_prop, not_action_prop, resources, resource_prop, not_resource_prop,
     principal) = core
    return {
        "effect": effect,
        "effect_property": effect_prop,
        "actions": actions,
        "action_property": action_prop,
        "not_action_property": not_action_prop,
        "resources": resources,
        "resource_property": resource_prop,
        "not_resource_property": not_resource_prop,
        "principal_property": principal,
        "core": core,
    }


_StatementCore = tuple[
    "str | None",
    "Property | None",
    "list[PolicyItem]",
    "Property | None",
    "Property | None",
    "list[PolicyItem]",
    "Property | None",
    "Property | None",
    "Property | None",
]


def statement_core(program: Program, value: Value, form: StatementForm) -> _StatementCore:
    """What a statement object says, whatever contains it (kept while its names resolve alike)."""
    keys = _JSON_KEYS if form == "json" else _DOCUMENT_KEYS
    effect_prop = program.property(value, keys["effect"])
    effect = "Allow" if effect_prop is None else string_of(program, effect_prop.value)
    action_prop = program.property(value, keys["action"])
    resource_prop = program.property(value, keys["resource"])
    return (
        effect,
        effect_prop,
        _items(program, action_prop),
        action_prop,
        program.property(value, keys["not_action"]),
        _items(program, resource_prop),
        resource_prop,
        program.property(value, keys["not_resource"]),
        program.property(value, keys["principal"]),
    )


def policy_objects(program: Program, construction: Construction) -> list[tuple[Value, str]]:
    """The object literals a resource's policy arguments reach, with the argument's name."""
    found: list[tuple[Value, str]] = []
    for prop in program.object_properties(construction.args):
        if prop.key is None or "olic" not in prop.key:  # policy, assumeRolePolicy, inlinePolicies
            continue
        found.extend((value, prop.key) for value in reachable(program, prop.value) if value.kind == "object")
    return found


# Actions ------------------------------------------------------------------------------------


def action_service(action: str) -> str | None:
    service, sep, _ = action.partition(":")
    return service.lower() if sep else None


def is_full_wildcard_action(action: str) -> bool:
    """``*`` or ``<service>:*``."""
    text = action.strip()
    return text == "*" or (text.endswith(":*") and ":" not in text[:-2] and len(text) > 2)


def is_read_only_action(action: str) -> bool:
    _, sep, name = action.partition(":")
    if not sep or not name or name == "*":
        return False
    return name.startswith(READ_ONLY_VERBS)


# ``ec2:DescribeInstances`` is covered by the table's ``ec2:Describe*``.
_WITHOUT_RESOURCE_LEVEL_PREFIXES = tuple(
    sorted(entry[:-1] for entry in ACTIONS_WITHOUT_RESOURCE_LEVEL_PERMISSIONS if entry.endswith("*"))
)


def lacks_resource_level_permissions(action: str) -> bool:
    text = action.strip().lower()
    return text in ACTIONS_WITHOUT_RESOURCE_LEVEL_PERMISSIONS or text.startswith(_WITHOUT_RESOURCE_LEVEL_PREFIXES)


# Relations between resources ------------------------------------------------------------------

Relation = Literal["yes", "no", "maybe"]


def static_text(program: Program, value: Value | None, source: bytes | None = None) -> str | None:
    """The string a value always has: string literals, constants, and template literals whose
    substitutions are themselves static (needs the file's ``source`` for the template's text)."""
    resolved = program.resolve(value)
    if resolved is None:
        return None
    if resolved.kind in ("string", "template") and resolved.string is not None:
        return resolved.string
    if resolved.kind != "template" or source is None:
        return None
    raw = source[resolved.start : resolved.end].decode("utf-8", errors="replace")
    if not raw.startswith("`") or not raw.endswith("`"):
        return None
    parts: list[str] = []
    cursor = resolved.start + 1
    for sub in resolved.substitutions:
        text = static_text(program, sub, source)
        if text is None:
            return None
        # The fragment before ``${`` (escapes in fragments are rare in names; kept raw).
        opening = source.rfind(b"${", cursor, sub.start)
        if opening < 0:
            return None
        parts.append(source[cursor:opening].decode("utf-8", errors="replace"))
        parts.append(text)
        closing = source.find(b"}", sub.end)
        if closing < 0:
            return None
        cursor = closing + 1
    parts.append(source[cursor : resolved.end - 1].decode("utf-8", errors="replace"))
    return "".join(parts)


class ValueFacts:
    """What a value says about the resource it names, whatever resource it is compared with:
    worked out once, then related to many resources with :func:`relate`."""

    __slots__ = ("program", "value", "same_file", "reads", "text", "other", "_texts")

    def __init__(
        self,
        program: Program,
        value: Value | None,
        same_file: bool,
        reads: frozenset[str],
        text: str | None,
        other: Construction | None,
    ) -> None:
        self.program = program
        self.value = value
        self.same_file = same_file
        self.reads = reads
        self.text = text
        self.other = other
        self._texts: tuple[str, ...] | None = None

    @property
    def texts(self) -> tuple[str, ...]:
        if self._texts is None:
            self._texts = _reachable_texts(self.program, self.value) if self.value is not None else ()
        return self._texts


def value_facts(
    program: Program,
    value: Value | None,
    target_program: Program,
    *,
    types: Iterable[str] = (),
    source: bytes | None = None,
) -> ValueFacts:
    """The :class:`ValueFacts` of ``value`` (in ``program``) for resources of ``target_program``."""
    same_file = program is target_program
    if value is None:
        return ValueFacts(program, None, same_file, frozenset(), None, None)
    with_source = source is not None and same_file
    type_key = tuple(types)

    def compute() -> tuple[str | None, Construction | None]:
        text = static_text(program, value, source if with_source else None)
        return text, (referenced_construction(program, value, *type_key) if text is None else None)

    text, other = derived(program, value, ("relation", with_source, type_key), compute)
    reads = _reached(program, value)[0] if same_file else frozenset()
    return ValueFacts(program, value, same_file, reads, text, other)


def relate(facts: ValueFacts, target: Construction, target_refs: frozenset[str], text_matches: Any = None) -> Relation:
    """:func:`relation` from the value's facts and the target's ``construction_refs``."""
    if facts.value is None:
        return "no"
    if facts.same_file and target_refs and not target_refs.isdisjoint(facts.reads):
        return "yes"
    text = facts.text
    if text is not None:
        return "yes" if text_matches is not None and text_matches(text) else "no"
    # A value that reads another resource of its own file (``queue.arn`` where a function is
    # sought) names that resource. ``types`` narrows this to resources of those types.
    if facts.other is not None and facts.other is not target:
        return "no"
    if text_matches is not None and any(text_matches(item_text) for item_text in facts.texts):
        return "yes"
    return "maybe"


_FUNCTION_ARN = ":function:"


def function_name_keys(text: str) -> set[str]:
    """Every function name ``n`` for which ``text`` names the function as AWS005's matcher reads
    it: ``text == n``, ``text`` ends with ``:function:n``, or holds ``:function:n:``."""
    keys = {text}
    start = text.find(_FUNCTION_ARN)
    while start >= 0:
        rest = start + len(_FUNCTION_ARN)
        keys.add(text[rest:])
        colon = text.find(":", rest)
        while colon >= 0:
            keys.add(text[rest:colon])
            colon = text.find(":", colon + 1)
        start = text.find(_FUNCTION_ARN, start + 1)
    return keys


class RelationIndex:
    """:func:`relate` for many values at once: which of ``values`` name a given resource.

    Built once per analysis from the values' facts; ``outcomes`` then costs lookups, not one
    comparison per value. ``name_keys(text)`` must give every target name ``text`` matches.
    """

    def __init__(self, values: list[ValueFacts], name_keys: Callable[[str], Iterable[str]]) -> None:
        self.by_read: dict[str, list[int]] = {}
        self.by_name: dict[str, list[int]] = {}
        self.maybe_all: list[int] = []
        self.maybe_only: dict[int, list[int]] = {}
        self.keys_of: dict[int, set[str]] = {}
        for index, facts in enumerate(values):
            if facts.value is None:
                continue
            for prefix in facts.reads:
                self.by_read.setdefault(prefix, []).append(index)
            if facts.text is not None:
                for key in name_keys(facts.text):
                    self.by_name.setdefault(key, []).append(index)
                continue
            keys = {key for text in facts.texts for key in name_keys(text)}
            if facts.other is not None:
                # It reads another resource: it names no other target than that one.
                self.maybe_only.setdefault(id(facts.other), []).append(index)
                self.keys_of[index] = keys
                continue
            self.maybe_all.append(index)
            for key in keys:
                self.by_name.setdefault(key, []).append(index)

    def outcomes(
        self, target: Construction, target_refs: frozenset[str], name: str | None
    ) -> tuple[set[int], set[int]]:
        """The indexes of the values that name ``target`` (``yes``) and that may (``maybe``)."""
        yes = {index for ref in target_refs for index in self.by_read.get(ref, ())}
        if name is not None:
            yes.update(self.by_name.get(name, ()))
        maybe = {index for index in self.maybe_all if index not in yes}
        for index in self.maybe_only.get(id(target), ()):
            if index in yes:
                continue
            if name is not None and name in self.keys_of[index]:
                yes.add(index)
            else:
                maybe.add(index)
        return yes, maybe


def relation(
    program: Program,
    value: Value | None,
    target_program: Program,
    target: Construction,
    *,
    types: Iterable[str] = (),
    text_matches: Any = None,
    source: bytes | None = None,
) -> Relation:
    """Whether ``value`` (in ``program``) refers to ``target`` (in ``target_program``).

    ``yes`` when it reads the target's variable or field in the same file, or its static text
    satisfies ``text_matches`` (a predicate, typically on the target's physical name); ``no``
    when it is absent, is static text that does not match, or reads another resource (of
    ``types`` when given, else of any type); ``maybe`` when it cannot be told (a function
    parameter, an import). Checks that look for something that silences a finding treat
    ``maybe`` as found.
    """
    if value is None:
        return "no"
    facts = value_facts(program, value, target_program, types=types, source=source)
    refs = construction_refs(program, target) if facts.same_file else frozenset()
    return relate(facts, target, refs, text_matches)


def _reachable_texts(program: Program, value: Value) -> tuple[str, ...]:
    """The static texts of every value inside ``value`` (see :func:`reachable`), in walk order."""
    def compute() -> tuple[str, ...]:
        found: list[str] = []
        for item in reachable(program, value):
            item_text = static_text(program, item)
            if item_text is not None:
                found.append(item_text)
        return tuple(found)

    return derived(program, value, "texts", compute)
