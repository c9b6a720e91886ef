"""## What it does
Reports an `aws.dynamodb.Table` with provisioned capacity (`billingMode: 'PROVISIONED'`, or
`readCapacity`/`writeCapacity` without a billing mode, since provisioned is the default) for which
the project has no `aws.appautoscaling.Target`.

A target counts when its `resourceId` names the table (`table/${table.name}`, a constant such as
`'table/orders'` matching the table's `name`, or an index of it), or when the rule cannot tell
which table it scales (a target built from a function parameter, or in another program file).

## Why is this bad?
Fixed capacity throttles requests as soon as traffic exceeds it and is paid for when the table is
idle: 5 read and 5 write units cost about $3 a month with no traffic at all. On-demand billing
scales with the load and costs nothing when idle; provisioned capacity needs Application Auto
Scaling targets and policies to follow the load.

## Example
```typescript
const table = new aws.dynamodb.Table('orders', {
  attributes: [{ name: 'id', type: 'S' }],
  hashKey: 'id',
  billingMode: 'PROVISIONED',
  readCapacity: 5,
  writeCapacity: 5,
});
```

## Use instead
```typescript
const table = new aws.dynamodb.Table('orders', {
  attributes: [{ name: 'id', type: 'S' }],
  hashKey: 'id',
  billingMode: 'PAY_PER_REQUEST',
});
```
or keep provisioned capacity and add `aws.appautoscaling.Target` and `aws.appautoscaling.Policy`
resources for `dynamodb:table:ReadCapacityUnits` and `dynamodb:table:WriteCapacityUnits`.

## Fix safety
Unsafe: switching to on-demand changes how the table is billed, and DynamoDB allows a switch
between billing modes only once every 24 hours. The fix sets `billingMode: 'PAY_PER_REQUEST'` and
removes `readCapacity`/`writeCapacity` from the table and from its global secondary indexes.

## References
- Seed 003 §3. Amazon DynamoDB Developer Guide, "DynamoDB throughput capacity" and "Managing
  throughput capacity automatically with DynamoDB auto scaling".
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from pulumi_lint.aws_model import (
    DYNAMODB_TABLE_TYPES,
    array_items,
    constructions_of,
    number_of,
    physical_name,
    programs_in_scope,
    relation,
    resources_in,
    string_of,
)
from pulumi_lint.findings import Applicability, Edit, Finding, Fix, Severity
from pulumi_lint.kept_findings import each
from pulumi_lint.model import Construction, Program, Property, Value
from pulumi_lint.rule import Context, FixAvailability, RuleMeta

from ._aws_edits import literal_args, remove_properties, set_property

META = RuleMeta(
    code="AWS003",
    name="dynamodb-fixed-provisioning",
    severity=Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
)

CAPACITY_KEYS = ("readCapacity", "writeCapacity")


def check(ctx: Context) -> Iterator[Finding]:
    for table in constructions_of(ctx.program, *DYNAMODB_TABLE_TYPES):
        yield from each(ctx, table, _check_table)


def _check_table(ctx: Context, table: Construction) -> Iterator[Finding]:
    program = ctx.program
    mode_prop = program.property(table.args, "billingMode")
    capacities = [p for key in CAPACITY_KEYS if (p := program.property(table.args, key)) is not None]
    if mode_prop is not None:
        mode = string_of(program, mode_prop.value)
        if mode is None or mode.upper() != "PROVISIONED":
            return
    elif not capacities:
        return
    # The scaling targets are looked up while the table's findings are worked out: a target
    # added, removed or edited anywhere in the file makes them be worked out again.
    if _has_autoscaling(ctx, programs_in_scope(ctx), table):
        return
    where = mode_prop.value if mode_prop is not None and mode_prop.value is not None else table.callee
    yield ctx.finding(where, _message(ctx, table), fixes=partial(_fix, ctx, table))


def _message(ctx: Context, table: Construction) -> str:
    program = ctx.program
    read = number_of(program, program.lookup(table.args, "readCapacity"))
    write = number_of(program, program.lookup(table.args, "writeCapacity"))
    units = ""
    if read is not None and write is not None:
        units = f" ({read:g} read / {write:g} write units)"
    return (
        f"This table has fixed provisioned capacity{units} and no auto scaling target: it throttles "
        "above that capacity and is billed for it when idle. Use `billingMode: 'PAY_PER_REQUEST'`, "
        "or add aws.appautoscaling Target and Policy resources for its read and write capacity."
    )


def _has_autoscaling(ctx: Context, programs: list[Program], table: Construction) -> bool:
    name = physical_name(ctx.program, table)

    def names_table(text: str) -> bool:
        return name is not None and (text == f"table/{name}" or text.startswith(f"table/{name}/index/"))

    for program, target in resources_in(programs, "aws.appautoscaling.Target"):
        namespace = string_of(program, program.lookup(target.args, "serviceNamespace"))
        if namespace is not None and namespace != "dynamodb":
            continue
        found = relation(
            program,
            program.lookup(target.args, "resourceId"),
            ctx.program,
            table,
            types=DYNAMODB_TABLE_TYPES,
            text_matches=names_table,
            source=ctx.source,
        )
        if found != "no":
            return True
    return False


def _fix(ctx: Context, table: Construction) -> list[Fix]:
    program = ctx.program
    args = literal_args(program, table)
    if args is None:
        return []
    edits: list[Edit] = []
    # Capacities that reach the table through a spread or constant would survive the fix.
    for key in CAPACITY_KEYS:
        prop = program.property(args, key)
        if prop is not None and args.get(key) is not prop:
            return []
    mode = args.get("billingMode")
    quote = "'"
    if mode is not None and mode.value is not None and mode.value.quote:
        quote = mode.value.quote
    if mode is None and program.property(args, "billingMode") is not None:
        return []
    edit = set_property(ctx, args, "billingMode", f"{quote}PAY_PER_REQUEST{quote}")
    if edit is None:
        return []
    removals = [p for key in CAPACITY_KEYS if (p := args.get(key)) is not None]
    removal_edits = remove_properties(ctx, args, removals)
    if mode is None and removals:
        # Put the billing mode where the first capacity was, rather than at the end.
        first = min(removals, key=lambda p: p.start)
        removal_edits = remove_properties(ctx, args, [p for p in removals if p is not first])
        edit = Edit(first.start, first.end, f"billingMode: {quote}PAY_PER_REQUEST{quote}")
    edits.append(edit)
    edits.extend(removal_edits)
    gsi_edits = _index_capacity_edits(ctx, args)
    if gsi_edits is None:
        return []
    edits.extend(gsi_edits)
    return [ctx.fix("Switch the table to on-demand billing", edits, Applicability.UNSAFE)]


def _index_capacity_edits(ctx: Context, args: Value) -> list[Edit] | None:
    program = ctx.program
    prop: Property | None = args.get("globalSecondaryIndexes")
    if prop is None:
        return [] if program.property(args, "globalSecondaryIndexes") is None else None
    items = array_items(program, prop.value)
    if items is None:
        return None
    edits: list[Edit] = []
    for item in items:
        if item.kind != "object" or not args.encloses(item):
            if any(program.property(item, key) is not None for key in CAPACITY_KEYS):
                return None
            continue
        removals = [p for key in CAPACITY_KEYS if (p := item.get(key)) is not None]
        if any(program.property(item, key) is not None and item.get(key) is None for key in CAPACITY_KEYS):
            return None
        edits.extend(remove_properties(ctx, item, removals))
    return edits
