"""## What it does
Reports configuration written inline on an S3 bucket that the project's `@pulumi/aws` version
deprecates in favour of a separate resource: `versioning`, `lifecycleRules`,
`serverSideEncryptionConfiguration`, `logging`, `website`, `corsRules`, `acl`, `grants`, `policy`,
`replicationConfiguration`, `objectLockConfiguration`, `accelerationStatus`, `requestPayer` on
v7's `aws.s3.Bucket`, and their plural forms (`versionings`, `loggings`, ...) on `aws.s3.BucketV2`.
Which properties are deprecated, and by which resource they are replaced, is read from the
`@deprecated` notes of the SDK's own declarations for the major version in the nearest
`package.json` (v7 when there is none).

In v6, `aws.s3.Bucket` is the legacy resource whose inline properties the SDK does not mark; they
are reported as information, suggesting `aws.s3.BucketV2` with the separate `...V2` resources.

## Why is this bad?
The inline forms are kept only for compatibility: every preview prints deprecation warnings, they
will be removed in a future major version, and they cannot express everything the separate
resources can (lifecycle filters by size, `BucketOwnerEnforced` ownership with ACLs, versioning's
MFA settings). Mixing both forms on one bucket makes the two fight over the same setting.

## Example
```typescript
const bucket = new aws.s3.Bucket('data', {
  versioning: { enabled: true },
  lifecycleRules: [{ enabled: true, expiration: { days: 30 } }],
});
```

## Use instead
```typescript
const bucket = new aws.s3.Bucket('data', {});

new aws.s3.BucketVersioning('data-versioning', {
  bucket: bucket.id,
  versioningConfiguration: { status: 'Enabled' },
});

new aws.s3.BucketLifecycleConfiguration('data-lifecycle', {
  bucket: bucket.id,
  rules: [{ id: 'rule-1', status: 'Enabled', filter: {}, expiration: { days: 30 } }],
});
```
With @pulumi/aws v6 the separate resources are the `...V2` ones (`aws.s3.BucketVersioningV2`,
`aws.s3.BucketLifecycleConfigurationV2`, ...).

## Fix safety
Unsafe: the fix adds resources that take over settings the bucket managed (review the preview: the
settings should not change, but a separate resource reads and writes them on its own), gives
lifecycle rules without an `id` a generated one, and writes `filter: {}` for rules that had no
prefix. `grants`, `replicationConfiguration`, versioning with MFA delete and computed values are
not moved automatically. The legacy v6 `aws.s3.Bucket` gets no fix: moving to `BucketV2` changes
the resource type, which needs an alias to keep the bucket.

## References
- Seed 002 §3. @pulumi/aws 7.x `s3.Bucket` and 6.x `s3.BucketV2` deprecation notes; Pulumi's
  "Migrating to v7" guide (S3 bucket changes).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial

from pulumi_lint.aws_model import constructions_of
from pulumi_lint.aws_schema import schema
from pulumi_lint.aws_support import (
    Arr,
    Code,
    Obj,
    Raw,
    aws_major,
    child_options,
    insert_after_statement,
    kebab,
    literal_bool,
    literal_string,
    new_statement,
    raw,
    remove_member,
    resource_ref,
    style,
    suffixed_name,
    type_text,
    version_note,
)
from pulumi_lint.findings import Applicability, Edit, Finding, Fix, Severity, Tag
from pulumi_lint.kept_findings import each
from pulumi_lint.model import Construction, Program, Property, Value
from pulumi_lint.rule import Context, FixAvailability, RuleMeta

META = RuleMeta(
    code="AWS009",
    name="s3-bucket-inline-config",
    severity=Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
    tags=(Tag.DEPRECATED,),
)

BUCKET_TYPES = ("aws.s3.Bucket", "aws.s3.BucketV2")
LEGACY_V6 = "aws.s3.Bucket"
CURRENT_V6 = "aws.s3.BucketV2"


@dataclass
class _Move:
    """How one inline property becomes a separate resource."""

    prop: Property
    replacement: str  # the resource type, e.g. aws.s3.BucketVersioning
    args: Obj | None  # the new resource's arguments besides `bucket`; None: only the bucket edit
    bucket_edit: str | None = None  # text replacing the property instead of deleting it
    note: str = ""


@dataclass
class _Bucket:
    construction: Construction
    args: Value | None
    moves: list[_Move] = field(default_factory=list)


def check(ctx: Context) -> Iterator[Finding]:
    major, _ = aws_major(ctx)
    for construction in constructions_of(ctx.program, *BUCKET_TYPES):
        # The major is an argument: without a project it comes from a package.json on disk.
        yield from each(ctx, construction, _check_bucket, major)


def _check_bucket(ctx: Context, construction: Construction, major: int) -> Iterator[Finding]:
    """One bucket's inline properties: its own statement and the constants its arguments name
    (what the fixes read besides, such as the imports, is read again when they are asked for)."""
    program = ctx.program
    data = schema()
    resource_type = construction.resource_type
    assert resource_type is not None
    info = data.resource(resource_type, major)
    if info is None:
        return
    props = [p for p in program.object_properties(construction.args) if p.key is not None]
    if major < 7 and resource_type == LEGACY_V6:
        yield from _legacy(ctx, props)
        return
    bucket = _Bucket(construction, program.resolve(construction.args))
    found: list[tuple[Property, str]] = []
    for prop in props:
        text = info.deprecated_inputs.get(prop.key or "")
        if text is None or (prop.value is not None and prop.value.kind == "undefined"):
            continue
        replacement = data.mentioned_type(text, major, exclude=resource_type)
        if replacement is None:
            continue
        found.append((prop, replacement))
        move = _plan(ctx, bucket, prop, replacement)
        if move is not None:
            bucket.moves.append(move)
    for prop, replacement in found:
        key = prop.key
        message = (
            f"`{key}` on {resource_type} is deprecated in @pulumi/aws v{major}: manage it with a "
            f"separate {replacement} resource."
        )
        move = next((m for m in bucket.moves if m.prop is prop), None)
        fixes: list[Fix] | partial[list[Fix]] = partial(_fixes, ctx, bucket, move) if move is not None else []
        yield ctx.finding(prop.key_span, message, fixes=fixes)


def _fixes(ctx: Context, bucket: _Bucket, move: _Move) -> list[Fix]:
    """Move every deprecated property at once (when there are several), or this one alone."""
    fixes: list[Fix] = []
    if len(bucket.moves) > 1:
        move_all = _fix(ctx, bucket, bucket.moves, all_moves=True)
        if move_all is not None:
            fixes.append(move_all)
    single = _fix(ctx, bucket, [move], all_moves=False)
    if single is not None:
        fixes.append(single)
    return fixes


def _legacy(ctx: Context, props: list[Property]) -> Iterator[Finding]:
    """v6's legacy aws.s3.Bucket: the inline forms that BucketV2 deprecates, as information."""
    data = schema()
    current = data.resource(CURRENT_V6, 6)
    if current is None:
        return
    for prop in props:
        key = prop.key or ""
        text = current.deprecated_inputs.get(key) or current.deprecated_inputs.get(key + "s")
        if text is None:
            continue
        replacement = data.mentioned_type(text, 6, exclude=CURRENT_V6)
        if replacement is None:
            continue
        message = (
            f"aws.s3.Bucket is the legacy bucket of @pulumi/aws v6 and `{key}` is its inline form: prefer "
            f"aws.s3.BucketV2 with a separate {replacement} (keep the bucket with an `aliases` option "
            "when changing its type)."
        )
        yield ctx.finding(prop.key_span, message, severity=Severity.INFO)


# Planning the moves ----------------------------------------------------------------------------

_PLURALS = {
    "versionings": "versioning",
    "loggings": "logging",
    "websites": "website",
    "replicationConfigurations": "replicationConfiguration",
    "serverSideEncryptionConfigurations": "serverSideEncryptionConfiguration",
}


def _plan(ctx: Context, bucket: _Bucket, prop: Property, replacement: str) -> _Move | None:
    args = bucket.args
    if args is None or args.kind != "object" or prop not in args.properties or prop.value is None:
        return None  # written through a spread or a constant: moving it would edit shared code
    key = prop.key or ""
    plural = key in _PLURALS
    inline = _PLURALS.get(key, key)
    value = ctx.program.resolve(prop.value)
    if value is None:
        return None
    if plural:  # BucketV2's one-element lists
        value = _only_item(ctx.program, value)
        if value is None:
            return None
    planner = _PLANNERS.get(inline)
    if planner is None:
        return None
    result = planner(ctx, bucket, value, prop)
    if result is None:
        return None
    args_code, bucket_edit = result
    return _Move(prop, replacement, args_code, bucket_edit)


def _only_item(program: Program, value: Value) -> Value | None:
    if value.kind != "array" or len(value.items) != 1:
        return None
    return program.resolve(value.items[0])


def _object(program: Program, value: Value | None) -> dict[str, Property] | None:
    resolved = program.resolve(value)
    if resolved is None or resolved.kind != "object" or resolved.spreads:
        return None
    props = {p.key: p for p in resolved.properties if p.key is not None}
    if len(props) != len(resolved.properties):
        return None
    return props


def _raw(ctx: Context, prop: Property) -> Raw:
    assert prop.value is not None
    return raw(ctx, prop.value)


_Plan = tuple[Obj | None, str | None]


def _versioning(ctx: Context, bucket: _Bucket, value: Value, prop: Property) -> _Plan | None:
    program = ctx.program
    fields = _object(program, value)
    if fields is None or set(fields) - {"enabled", "mfaDelete"}:
        return None
    if "mfaDelete" in fields and literal_bool(program, fields["mfaDelete"].value) is not False:
        return None  # MFA delete needs the `mfa` argument: only its owner can write it
    enabled = literal_bool(program, fields["enabled"].value) if "enabled" in fields else False
    if enabled is None:
        return None
    q = style(ctx).quote
    status = f"{q}Enabled{q}" if enabled else f"{q}Disabled{q}"
    return Obj([("versioningConfiguration", f"{{ status: {status} }}")]), None


def _lifecycle(ctx: Context, bucket: _Bucket, value: Value, prop: Property) -> _Plan | None:
    program = ctx.program
    if value.kind != "array":
        return None
    q = style(ctx).quote
    rules = Arr()
    for number, item in enumerate(value.items, start=1):
        fields = _object(program, item)
        if fields is None:
            return None
        rule = _lifecycle_rule(ctx, fields, number, q)
        if rule is None:
            return None
        rules.append(rule)
    return Obj([("rules", rules)]), None


_RULE_KEYS = frozenset(
    {
        "id",
        "enabled",
        "prefix",
        "tags",
        "abortIncompleteMultipartUploadDays",
        "expiration",
        "expirations",
        "noncurrentVersionExpiration",
        "noncurrentVersionExpirations",
        "noncurrentVersionTransitions",
        "transitions",
    }
)


def _lifecycle_rule(ctx: Context, fields: dict[str, Property], number: int, q: str) -> Obj | None:
    program = ctx.program
    if set(fields) - _RULE_KEYS:
        return None
    rule = Obj()
    rule.append(("id", _raw(ctx, fields["id"]) if "id" in fields else f"{q}rule-{number}{q}"))
    enabled = literal_bool(program, fields["enabled"].value) if "enabled" in fields else None
    if enabled is None:
        return None
    rule.append(("status", f"{q}Enabled{q}" if enabled else f"{q}Disabled{q}"))
    prefix, tags = fields.get("prefix"), fields.get("tags")
    if tags is not None:
        both = Obj([("prefix", _raw(ctx, prefix))] if prefix is not None else [])
        both.append(("tags", _raw(ctx, tags)))
        rule.append(("filter", Obj([("and", both)])))
    elif prefix is not None:
        rule.append(("filter", Obj([("prefix", _raw(ctx, prefix))])))
    else:
        rule.append(("filter", "{}"))
    if "abortIncompleteMultipartUploadDays" in fields:
        days = _raw(ctx, fields["abortIncompleteMultipartUploadDays"])
        rule.append(("abortIncompleteMultipartUpload", Obj([("daysAfterInitiation", days)])))
    fits, expiration = _single(ctx, fields, "expiration", "expirations")
    if not fits:
        return None
    if expiration is not None:
        rule.append(("expiration", expiration))
    noncurrent = fields.get("noncurrentVersionExpiration") or fields.get("noncurrentVersionExpirations")
    if noncurrent is not None:
        value = program.resolve(noncurrent.value)
        if value is not None and value.kind == "array":
            value = _only_item(program, value)
        inner = _object(program, value)
        if inner is None or set(inner) != {"days"}:
            return None
        rule.append(("noncurrentVersionExpiration", Obj([("noncurrentDays", _raw(ctx, inner["days"]))])))
    if "noncurrentVersionTransitions" in fields:
        items = program.resolve(fields["noncurrentVersionTransitions"].value)
        if items is None or items.kind != "array":
            return None
        moved = Arr()
        for item in items.items:
            inner = _object(program, item)
            if inner is None or set(inner) - {"days", "storageClass"} or "days" not in inner:
                return None
            entry = Obj([("noncurrentDays", _raw(ctx, inner["days"]))])
            if "storageClass" in inner:
                entry.append(("storageClass", _raw(ctx, inner["storageClass"])))
            moved.append(entry)
        rule.append(("noncurrentVersionTransitions", moved))
    if "transitions" in fields:
        rule.append(("transitions", _raw(ctx, fields["transitions"])))
    return rule


def _single(ctx: Context, fields: dict[str, Property], key: str, plural: str) -> tuple[bool, Code | None]:
    """`key` as written, or the only item of its v6 plural form; (False, None) when neither fits."""
    if key in fields:
        return True, _raw(ctx, fields[key])
    if plural in fields:
        value = ctx.program.resolve(fields[plural].value)
        item = _only_item(ctx.program, value) if value is not None else None
        return (True, raw(ctx, item)) if item is not None else (False, None)
    return True, None


def _encryption(ctx: Context, bucket: _Bucket, value: Value, prop: Property) -> _Plan | None:
    program = ctx.program
    fields = _object(program, value)
    if fields is None:
        return None
    rules: list[dict[str, Property] | None]
    if set(fields) == {"rule"}:  # v7 Bucket / v6 legacy Bucket: one rule
        rules = [_object(program, fields["rule"].value)]
    elif set(fields) == {"rules"}:  # BucketV2: rules with plural defaults
        items = program.resolve(fields["rules"].value)
        if items is None or items.kind != "array":
            return None
        rules = [_object(program, item) for item in items.items]
    else:
        return None
    if any(r is None for r in rules):
        return None
    moved = Arr()
    for rule in rules:
        assert rule is not None
        entry = Obj()
        for key, field_prop in rule.items():
            if key == "applyServerSideEncryptionByDefaults":
                fits, single = _single(ctx, rule, "applyServerSideEncryptionByDefault", key)
                if not fits or single is None:
                    return None
                entry.append(("applyServerSideEncryptionByDefault", single))
            else:
                entry.append((key, _raw(ctx, field_prop)))
        moved.append(entry)
    return Obj([("rules", moved)]), None


def _logging(ctx: Context, bucket: _Bucket, value: Value, prop: Property) -> _Plan | None:
    fields = _object(ctx.program, value)
    if fields is None or set(fields) - {"targetBucket", "targetPrefix"} or "targetBucket" not in fields:
        return None
    q = style(ctx).quote
    prefix: Code = _raw(ctx, fields["targetPrefix"]) if "targetPrefix" in fields else f"{q}{q}"
    return Obj([("targetBucket", _raw(ctx, fields["targetBucket"])), ("targetPrefix", prefix)]), None


_REDIRECT = re.compile(r"^(?:(?P<protocol>https?)://)?(?P<host>[^/]+)/?$")


def _website(ctx: Context, bucket: _Bucket, value: Value, prop: Property) -> _Plan | None:
    program = ctx.program
    fields = _object(program, value)
    if fields is None or set(fields) - {
        "indexDocument",
        "errorDocument",
        "redirectAllRequestsTo",
        "routingRules",
    }:
        return None
    q = style(ctx).quote
    args = Obj()
    if "indexDocument" in fields:
        args.append(("indexDocument", Obj([("suffix", _raw(ctx, fields["indexDocument"]))])))
    if "errorDocument" in fields:
        args.append(("errorDocument", Obj([("key", _raw(ctx, fields["errorDocument"]))])))
    if "redirectAllRequestsTo" in fields:
        target = literal_string(program, fields["redirectAllRequestsTo"].value)
        match = _REDIRECT.match(target or "")
        if match is None:
            return None
        redirect = Obj([("hostName", f"{q}{match.group('host')}{q}")])
        if match.group("protocol"):
            redirect.append(("protocol", f"{q}{match.group('protocol')}{q}"))
        args.append(("redirectAllRequestsTo", redirect))
    if "routingRules" in fields:
        args.append(("routingRuleDetails", _raw(ctx, fields["routingRules"])))
    return args, None


def _same(name: str) -> Callable[[Context, _Bucket, Value, Property], _Plan | None]:
    """An inline property whose value the separate resource takes unchanged, under `name`."""

    def plan(ctx: Context, bucket: _Bucket, value: Value, prop: Property) -> _Plan | None:
        return Obj([(name, _raw(ctx, prop))]), None

    return plan


def _object_lock(ctx: Context, bucket: _Bucket, value: Value, prop: Property) -> _Plan | None:
    program = ctx.program
    fields = _object(program, value)
    if fields is None or set(fields) - {"objectLockEnabled", "rule"}:
        return None
    enabled = literal_string(program, fields["objectLockEnabled"].value) if "objectLockEnabled" in fields else None
    if "objectLockEnabled" in fields and enabled != "Enabled":
        return None
    args = bucket.args
    has_flag = args is not None and program.property(args, "objectLockEnabled") is not None
    bucket_edit = None if has_flag or enabled is None else "objectLockEnabled: true"
    if "rule" not in fields:
        return (None, bucket_edit) if bucket_edit is not None else None
    return Obj([("rule", _raw(ctx, fields["rule"]))]), bucket_edit


_PLANNERS: dict[str, Callable[[Context, _Bucket, Value, Property], _Plan | None]] = {
    "versioning": _versioning,
    "lifecycleRules": _lifecycle,
    "serverSideEncryptionConfiguration": _encryption,
    "logging": _logging,
    "website": _website,
    "corsRules": _same("corsRules"),
    "acl": _same("acl"),
    "policy": _same("policy"),
    "accelerationStatus": _same("status"),
    "requestPayer": _same("payer"),
    "objectLockConfiguration": _object_lock,
}


# Writing the fix -------------------------------------------------------------------------------


def _suffix(type_path: str) -> str:
    name = type_path.rpartition(".")[2]
    name = name.removeprefix("Bucket").removesuffix("V2")
    for ending in ("Configuration", "Config"):
        if name.endswith(ending) and name != ending:
            name = name[: -len(ending)]
    return kebab(name) or "config"


def _fix(ctx: Context, bucket: _Bucket, moves: list[_Move], all_moves: bool) -> Fix | None:
    program = ctx.program
    construction = bucket.construction
    args = bucket.args
    ref = resource_ref(program, construction)
    if ref is None or args is None or not moves:
        return None
    style_ = style(ctx)
    statements: list[str] = []
    for move in moves:
        if move.args is None:
            continue
        type_name = type_text(program, move.replacement, construction)
        if type_name is None:
            return None
        new_args = Obj([("bucket", f"{ref}.id"), *move.args])
        name = suffixed_name(ctx, construction.name_arg, _suffix(move.replacement))
        statements.append(new_statement(style_, None, type_name, name, new_args, child_options(ctx, construction)))
    edits = _bucket_edits(ctx, args, moves)
    if statements:
        edits.append(insert_after_statement(ctx, construction.value.start, "\n\n".join(statements)))
    note = version_note(ctx)
    if all_moves:
        title = f"Move the inline configuration to separate resources{note}"
    else:
        move = moves[0]
        title = f"Move `{move.prop.key}` to {move.replacement}{note}"
    return ctx.fix(title, edits, Applicability.UNSAFE)


def _bucket_edits(ctx: Context, args: Value, moves: list[_Move]) -> list[Edit]:
    """Delete the moved properties (or replace them), merging deletions that touch."""
    members = len(args.properties) + len(args.spreads)
    deleted = [m for m in moves if m.bucket_edit is None]
    if len(deleted) == members and not any(m.bucket_edit for m in moves):
        return [ctx.edit(args.start, args.end, "{}")]
    edits: list[Edit] = []
    for move in moves:
        if move.bucket_edit is not None:
            edits.append(ctx.edit(move.prop.start, move.prop.end, move.bucket_edit))
        elif members == 1:
            edits.append(ctx.edit(args.start, args.end, "{}"))
        else:
            edits.append(remove_member(ctx, args, move.prop))
    edits.sort(key=lambda e: (e.start, e.end))
    merged: list[Edit] = []
    for edit in edits:
        if merged and edit.start < merged[-1].end and not edit.text and not merged[-1].text:
            last = merged.pop()
            edit = Edit(last.start, max(last.end, edit.end), "")
        merged.append(edit)
    return merged
