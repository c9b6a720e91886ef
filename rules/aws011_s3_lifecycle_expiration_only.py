"""## What it does
Reports an S3 lifecycle rule that expires objects but never moves them to a cheaper storage class:
an `expiration` (after `days` or on a `date`) without `transitions`. On a versioned bucket it also
notes a missing `noncurrentVersionExpiration`. It reads the inline `lifecycleRules` of a bucket and
the `rules` of an `aws.s3.BucketLifecycleConfiguration` (and the v6 `...V2` names). Disabled rules
are ignored.

Options: `ia-days` (30), `glacier-days` (60) and `noncurrent-days` (30), the days the fix uses.

## Why is this bad?
Objects that are kept for months but read rarely (logs, exports, backups) cost several times more
in S3 Standard than in Standard-IA or Glacier; a rule that only deletes them pays the highest price
until the last day. On a versioned bucket, `expiration` only adds a delete marker: the noncurrent
versions stay, and are billed, forever unless `noncurrentVersionExpiration` removes them.

When the expiration is shorter than the first transition (logs deleted after 30 days), no
transition can pay off; check the retention the data needs (audit and compliance logs often must be
kept longer) rather than shortening the transitions.

## Example
```typescript
const logsBucket = new aws.s3.Bucket('logs', {
  lifecycleRules: [{ enabled: true, expiration: { days: 365 } }],
});
```

## Use instead
```typescript
const logsBucket = new aws.s3.Bucket('logs', {
  lifecycleRules: [{
    enabled: true,
    expiration: { days: 365 },
    transitions: [
      { days: 30, storageClass: 'STANDARD_IA' },
      { days: 60, storageClass: 'GLACIER' },
    ],
  }],
});
```

## Fix safety
Unsafe: transitions change the storage class, retrieval cost and latency of the objects, and
Standard-IA and Glacier bill a minimum storage duration. The fix adds only the transitions that
come before the expiration. When none does, the fix also lengthens the expiration to 30 days past
the Glacier transition (seed 001's 90 days), which keeps the data longer: its title says so.

## References
- Seed 001 §7. Amazon S3 User Guide, "Managing the lifecycle of objects" (transitions, minimum
  storage durations, `NoncurrentVersionExpiration`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from pulumi_lint.aws_support import (
    Arr,
    Code,
    add_members,
    construction_of,
    format_days,
    int_option,
    literal_bool,
    literal_number,
    literal_string,
    resource_ref,
    style,
)
from pulumi_lint.derived import depend
from pulumi_lint.findings import Applicability, Edit, Finding, Fix, Severity
from pulumi_lint.kept_findings import each
from pulumi_lint.model import Construction, Program, Property, Value
from pulumi_lint.rule import Context, FixAvailability, RuleMeta, one_fix

META = RuleMeta(
    code="AWS011",
    name="s3-lifecycle-expiration-only",
    severity=Severity.INFO,
    fix=FixAvailability.SOMETIMES,
    options={"ia-days": 30, "glacier-days": 60, "noncurrent-days": 30},
)

BUCKET = "aws.s3.Bucket"  # canonical: v6's BucketV2 too
BUCKET_TYPES = ("aws.s3.Bucket", "aws.s3.BucketV2")
LIFECYCLE_TYPES = ("aws.s3.BucketLifecycleConfiguration", "aws.s3.BucketLifecycleConfigurationV2")
VERSIONING_TYPES = ("aws.s3.BucketVersioning", "aws.s3.BucketVersioningV2")


@dataclass
class _Rule:
    value: Value  # the rule's object literal
    inline: bool  # a bucket's `lifecycleRules` entry (else a BucketLifecycleConfiguration rule)
    bucket: Construction | None


def check(ctx: Context) -> Iterator[Finding]:
    ia_days = int_option(ctx.options, "ia-days", 30)
    glacier_days = int_option(ctx.options, "glacier-days", 60)
    noncurrent_days = int_option(ctx.options, "noncurrent-days", 30)
    for construction in ctx.program.resources_of(*BUCKET_TYPES, *LIFECYCLE_TYPES):
        yield from each(ctx, construction, _check_construction, ia_days, glacier_days, noncurrent_days)


def _check_construction(
    ctx: Context, construction: Construction, ia_days: int, glacier_days: int, noncurrent_days: int
) -> Iterator[Finding]:
    program = ctx.program
    for rule in _lifecycle_rules(program, construction):
        if _disabled(program, rule):
            continue
        expiration_prop = _first(program, rule.value, "expiration", "expirations")
        if expiration_prop is None:
            continue
        expiration = _single(program, expiration_prop.value)
        if expiration is None or not (_has(program, expiration, "days") or _has(program, expiration, "date")):
            continue  # only expired delete markers, or not a literal
        transitions = program.lookup(rule.value, "transitions")
        if transitions is not None and (transitions.kind != "array" or transitions.items):
            continue
        versioned = rule.bucket is not None and _versioned(program, rule.bucket)
        noncurrent_missing = (
            versioned
            and _first(program, rule.value, "noncurrentVersionExpiration", "noncurrentVersionExpirations") is None
        )
        days = literal_number(program, program.lookup(expiration, "days"))
        shown = f"after {format_days(days)} days" if days is not None else "on a date"
        message = (
            f"This lifecycle rule deletes objects {shown} but keeps them in S3 Standard until then. Add "
            f"`transitions` to STANDARD_IA (day {ia_days}) and GLACIER (day {glacier_days}) before the "
            "expiration"
        )
        if noncurrent_missing:
            message += (
                f", and `noncurrentVersionExpiration` ({noncurrent_days} days): on this versioned bucket "
                "expired objects' old versions are kept forever"
            )
        message += "."
        fixes = one_fix(_fix, ctx, rule, expiration, days, noncurrent_missing, ia_days, glacier_days, noncurrent_days)
        yield ctx.finding(expiration_prop.key_span, message, fixes=fixes)


def _lifecycle_rules(program: Program, construction: Construction) -> Iterator[_Rule]:
    if construction.resource_type in BUCKET_TYPES:
        rules = program.lookup(construction.args, "lifecycleRules")
        bucket: Construction | None = construction
        inline = True
    else:
        reference = program.lookup(construction.args, "bucket")
        rules = program.lookup(construction.args, "rules")
        bucket = _bucket_of(program, reference)
        inline = False
    if rules is None or rules.kind != "array":
        return
    for item in rules.items:
        value = program.resolve(item)
        if value is not None and value.kind == "object":
            yield _Rule(value, inline, bucket)


def _bucket_of(program: Program, reference: Value | None) -> Construction | None:
    """The bucket ``reference`` (``bucket.id``) names, recording the name it is looked up by:
    ``construction_of`` looks declarations up through an index, unseen by kept findings."""
    if reference is not None and reference.name is not None:
        head = reference.name.partition(".")[0]
        if head != "this":  # ``this.x`` is looked up in the class around it: the same statement
            depend(program, head)
    return construction_of(program, reference, *BUCKET_TYPES)


def _first(program: Program, value: Value, *keys: str) -> Property | None:
    for key in keys:
        prop = program.property(value, key)
        if prop is not None and prop.value is not None and prop.value.kind != "undefined":
            return prop
    return None


def _single(program: Program, value: Value | None) -> Value | None:
    """The object of a property, or the only object of a one-element list (v6 plural forms)."""
    resolved = program.resolve(value)
    if resolved is not None and resolved.kind == "array" and len(resolved.items) == 1:
        resolved = program.resolve(resolved.items[0])
    return resolved if resolved is not None and resolved.kind == "object" else None


def _has(program: Program, value: Value, key: str) -> bool:
    prop = program.property(value, key)
    return prop is not None and prop.value is not None and prop.value.kind not in ("undefined", "null")


def _disabled(program: Program, rule: _Rule) -> bool:
    enabled = program.lookup(rule.value, "enabled")
    if enabled is not None and literal_bool(program, enabled) is False:
        return True
    status = literal_string(program, program.lookup(rule.value, "status"))
    return status is not None and status != "Enabled"


def _versioned(program: Program, bucket: Construction) -> bool:
    for key in ("versioning", "versionings"):
        setting = _single(program, program.lookup(bucket.args, key))
        if setting is not None and literal_bool(program, program.lookup(setting, "enabled")):
            return True
    ref = resource_ref(program, bucket)
    if ref is None:
        return False
    # A separate versioning resource of the file that enables this bucket. Enumerated here, not
    # in an index of the whole file, so that the versioning resources and the names they look
    # up are what a kept finding depends on.
    for construction in program.resources_of(*VERSIONING_TYPES):
        target = _bucket_of(program, program.lookup(construction.args, "bucket"))
        if target is not bucket:
            continue
        status = literal_string(program, program.lookup(construction.args, "versioningConfiguration", "status"))
        if status == "Enabled":
            return True
    return False


def _fix(
    ctx: Context,
    rule: _Rule,
    expiration: Value,
    days: float | None,
    noncurrent_missing: bool,
    ia_days: int,
    glacier_days: int,
    noncurrent_days: int,
) -> Fix | None:
    program = ctx.program
    if days is None or rule.value.kind != "object":
        return None  # a date (or computed) expiration: transitions by day may not fit it
    style_ = style(ctx)
    quote = style_.quote
    edits: list[Edit] = []
    keep = days
    steps = [(d, c) for d, c in ((ia_days, "STANDARD_IA"), (glacier_days, "GLACIER")) if d < days]
    if not steps:
        keep = glacier_days + 30
        days_prop = program.property(expiration, "days")
        if days_prop is None or days_prop.value is None or days_prop.value.kind != "number":
            return None
        edits.append(ctx.edit(days_prop.value.start, days_prop.value.end, format_days(keep)))
        steps = [(ia_days, "STANDARD_IA"), (glacier_days, "GLACIER")]
    items = Arr(f"{{ days: {d}, storageClass: {quote}{c}{quote} }}" for d, c in steps)
    entries: list[tuple[str | None, Code]] = [("transitions", items)]
    if noncurrent_missing:
        if not rule.inline:
            entries.append(("noncurrentVersionExpiration", f"{{ noncurrentDays: {noncurrent_days} }}"))
        elif program.property(rule.value, "expirations") is not None:  # v6 BucketV2's list forms
            entries.append(("noncurrentVersionExpirations", f"[{{ days: {noncurrent_days} }}]"))
        else:
            entries.append(("noncurrentVersionExpiration", f"{{ days: {noncurrent_days} }}"))
    edits.append(add_members(ctx, rule.value, entries, style_))
    classes = " and ".join(f"{c} at {d} days" for d, c in steps)
    if keep != days:
        title = f"Keep objects {format_days(keep)} days (not {format_days(days)}), moving them to {classes}"
    else:
        title = f"Move objects to {classes} before they expire"
    if noncurrent_missing:
        title += f"; expire old versions after {noncurrent_days} days"
    return ctx.fix(title, edits, Applicability.UNSAFE)
