"""## What it does
Reports an IAM policy statement that allows every action (`Action: '*'`), every action of a
service (`'dynamodb:*'`), or write actions on every resource (`Resource: '*'`).

Policies are found however the program writes them: object literals given to `policy`,
`assumeRolePolicy` or `inlinePolicies`, `JSON.stringify({...})`, `pulumi.jsonStringify({...})`,
`.apply(... => JSON.stringify({...}))`, and the `statements` of `aws.iam.getPolicyDocument` /
`getPolicyDocumentOutput` (lowercase `actions`, `resources`, `effect`). Actions and resources are
followed through constants and array spreads.

A statement with both a wildcard action and `Resource: '*'` is an error; either alone is a
warning.

Not reported:
- `Effect: 'Deny'` statements: a broad deny is a guardrail (deny `s3:*` without TLS).
- A KMS key policy statement that gives `kms:*` to the account's root principal: that is AWS's
  default key policy, and `Resource: '*'` in a key policy means "this key".
- `Resource: '*'` for read-only actions (`Get*`, `List*`, `Describe*`, ...) and for actions that
  support no resource-level permission (`xray:PutTraceSegments`, `cloudwatch:PutMetricData`,
  `ec2:CreateNetworkInterface` for VPC functions, `sts:GetCallerIdentity`, ...; the table with
  its source is in `pulumi_lint.aws_model`). `logs:CreateLogGroup` is reported: it can be scoped
  to a log group ARN.

## Why is this bad?
A wildcard grants far more than the code uses. `dynamodb:*` on `*` lets a Lambda function delete
every table in the account, read any table's data and change their settings; a leaked
credential or a bug then reaches everything. Least privilege limits the blast radius.

## Example
```typescript
new aws.iam.RolePolicy('fn-dynamo', {
  role: role.id,
  policy: pulumi.jsonStringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: ['dynamodb:*'], Resource: '*' }],
  }),
});
```

## Use instead
```typescript
new aws.iam.RolePolicy('fn-dynamo', {
  role: role.id,
  policy: pulumi.jsonStringify({
    Version: '2012-10-17',
    Statement: [{
      Effect: 'Allow',
      Action: ['dynamodb:PutItem', 'dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:UpdateItem'],
      Resource: table.arn,
    }],
  }),
});
```

## Fix safety
Unsafe. For `dynamodb:*` when one DynamoDB table of the file is in scope, the fix lists the item
actions of seed 003 (`PutItem`, `GetItem`, `Query`, `UpdateItem`) and scopes the resource to
`<table>.arn`. Code that needs other actions (`DeleteItem`, `BatchWriteItem`, index queries on
`<table>.arn/index/*`) then fails with AccessDenied until they are added. A plain
`JSON.stringify` becomes `pulumi.jsonStringify`, since the table's ARN is an Output.

## References
- Seed 003 §2. AWS IAM User Guide, "Security best practices in IAM: apply least-privilege
  permissions". AWS Service Authorization Reference (actions without resource-level
  permissions). AWS KMS Developer Guide, "Default key policy".
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from pulumi_lint.aws_model import (
    DYNAMODB_TABLE_TYPES,
    KMS_KEY_POLICY_TYPES,
    PolicyItem,
    PolicyStatement,
    canonical_callee,
    construction_refs,
    constructions_of,
    constructions_read,
    is_full_wildcard_action,
    is_read_only_action,
    is_type,
    lacks_resource_level_permissions,
    mentions,
    policy_statements,
    pulumi_namespace,
    reachable,
    statement_core,
)
from pulumi_lint.derived import derived
from pulumi_lint.findings import Applicability, Edit, Finding, Fix, Severity
from pulumi_lint.kept_findings import each
from pulumi_lint.model import Program, Value, per_program
from pulumi_lint.rule import Context, FixAvailability, RuleMeta

from ._aws_edits import reference_at

META = RuleMeta(
    code="AWS002",
    name="iam-wildcard",
    severity=Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
)

# Seed 003's least-privilege list for a function that reads and writes items of one table.
DYNAMODB_ITEM_ACTIONS = ("dynamodb:PutItem", "dynamodb:GetItem", "dynamodb:Query", "dynamodb:UpdateItem")

_SERVICE_NAMES = {
    "dynamodb": "DynamoDB",
    "s3": "S3",
    "sqs": "SQS",
    "sns": "SNS",
    "lambda": "Lambda",
    "iam": "IAM",
    "kms": "KMS",
    "logs": "CloudWatch Logs",
    "ec2": "EC2",
    "secretsmanager": "Secrets Manager",
    "ssm": "Systems Manager",
}


def check(ctx: Context) -> Iterator[Finding]:
    for statement in policy_statements(ctx.program):
        owner_is_key = statement.owner is not None and is_type(statement.owner, *KMS_KEY_POLICY_TYPES)
        # What the rest of the file says about the statement (how its policy is written, whose
        # policy it is) is passed along: a kept finding holds while these are the same.
        yield from each(ctx, statement.value, _check_one, statement.form, owner_is_key)


def _check_one(ctx: Context, value: Value, form: str, owner_is_key: bool) -> Iterator[Finding]:
    program = ctx.program
    statement = _by_value(program)[id(value)]
    # The statement's own reading (effect, actions, resources, principal) was worked out with the
    # policies of the whole file: looking it up again records the names it read.
    derived(program, value, ("statement", statement.form), statement_core, program, value, statement.form)
    yield from _check_statement(ctx, statement)


@per_program
def _by_value(program: Program) -> dict[int, PolicyStatement]:
    return {id(statement.value): statement for statement in policy_statements(program)}


def _check_statement(ctx: Context, statement: PolicyStatement) -> Iterator[Finding]:
    if not statement.is_allow:
        return
    known = [a.text for a in statement.actions if a.text is not None]
    kms_policy = (statement.owner is not None and is_type(statement.owner, *KMS_KEY_POLICY_TYPES)) or (
        statement.principal_property is not None and bool(known) and all(_is_kms(a) for a in known)
    )
    wild_actions = [a for a in statement.actions if a.text is not None and is_full_wildcard_action(a.text)]
    if kms_policy and _root_principal(ctx, statement):
        wild_actions = [a for a in wild_actions if not _is_kms(a.text or "")]
    star_resources = [r for r in statement.resources if r.text is not None and r.text.strip() == "*"]
    broad_actions = [
        a for a in known if not is_read_only_action(a) and not lacks_resource_level_permissions(a)
    ]
    resource_finding = bool(star_resources) and not kms_policy and bool(broad_actions)
    resource_text = _resource_text(statement)

    for action in wild_actions:
        text = action.text or "*"
        if resource_finding:
            message = (
                f"`{text}` on {resource_text} allows {_scope(text)} on every resource in the account. "
                "List the actions the code needs and scope the resource to the ARNs it uses."
            )
            severity = Severity.ERROR
        else:
            message = f"`{text}` allows {_scope(text)}. List the actions the code needs."
            severity = Severity.WARNING
        fixes = partial(_dynamodb_fix, ctx, statement, action, star_resources)
        yield ctx.finding(action.value, message, fixes=fixes, severity=severity)

    if resource_finding and not wild_actions:
        shown = ", ".join(f"`{a}`" for a in broad_actions[:3]) + (", ..." if len(broad_actions) > 3 else "")
        for resource in star_resources:
            message = (
                f"{resource_text} applies {shown} to every resource in the account. "
                "Scope it to the ARNs the code uses."
            )
            yield ctx.finding(resource.value, message, severity=Severity.WARNING)


def _is_kms(action: str) -> bool:
    text = action.strip().lower()
    return text == "*" or text.startswith("kms:")


def _scope(action: str) -> str:
    if action.strip() == "*":
        return "every action of every service"
    service = action.split(":", 1)[0].lower()
    return f"every {_SERVICE_NAMES.get(service, service)} action"


def _resource_text(statement: PolicyStatement) -> str:
    return "`Resource: '*'`" if statement.form == "json" else "`resources: ['*']`"


def _root_principal(ctx: Context, statement: PolicyStatement) -> bool:
    """The account itself (``arn:aws:iam::<account>:root`` or a bare account id) is the principal."""
    prop = statement.principal_property
    if prop is None or prop.value is None:
        return False
    if ":root" in ctx.text(prop.value):
        return True
    for value in reachable(ctx.program, prop.value):
        if ":root" in ctx.text(value):
            return True
        name = (value.name or "").lower()
        if name.endswith("accountid") or name.endswith("account_id"):
            return True
    return False


# The fix ------------------------------------------------------------------------------------


def _dynamodb_fix(
    ctx: Context, statement: PolicyStatement, action: PolicyItem, star_resources: list[PolicyItem]
) -> list[Fix]:
    program = ctx.program
    if action.text is None or action.text.strip().lower() != "dynamodb:*":
        return []
    if any(a.text is None or not a.text.lower().startswith("dynamodb:") for a in statement.actions):
        return []
    if not statement.value.encloses(action.value) or statement.in_callback:
        return []
    if len(star_resources) > 1 or (star_resources and not statement.value.encloses(star_resources[0].value)):
        return []
    edits: list[Edit] = []
    if statement.container == "json-stringify":
        namespace = pulumi_namespace(program)
        if statement.call is None or statement.call.value.callee is None or namespace is None:
            return []
        callee = statement.call.value.callee
        edits.append(ctx.edit(callee.start, callee.end, f"{namespace}.jsonStringify"))
    elif statement.container == "policy-document":
        # getPolicyDocument takes plain strings; only the Output form accepts an ARN Output.
        call = statement.call
        name = canonical_callee(program, call.value.name) if call is not None else None
        if name != "aws.iam.getPolicyDocumentOutput":
            return []
    table = _table_in_scope(ctx, statement)
    if table is None:
        return []
    quote = action.value.quote or "'"
    listed = ", ".join(f"{quote}{a}{quote}" for a in DYNAMODB_ITEM_ACTIONS)
    prop_value = statement.action_property.value if statement.action_property else None
    if prop_value is action.value:
        edits.append(ctx.edit(action.value.start, action.value.end, f"[{listed}]"))
    else:
        edits.append(ctx.edit(action.value.start, action.value.end, listed))
    if star_resources:
        resource = star_resources[0].value
        edits.append(ctx.edit(resource.start, resource.end, f"{table}.arn"))
    elif not _mentions_table(ctx, statement):
        return []
    return [
        ctx.fix(
            f"Allow only the item actions on {table}",
            edits,
            Applicability.UNSAFE,
        )
    ]


def _mentions_table(ctx: Context, statement: PolicyStatement) -> bool:
    program = ctx.program
    resource = statement.resource_property.value if statement.resource_property else None
    return any(
        mentions(program, resource, construction_refs(program, table))
        for table in constructions_of(program, *DYNAMODB_TABLE_TYPES)
    )


def _table_in_scope(ctx: Context, statement: PolicyStatement) -> str | None:
    """How the statement can name the one table it should be scoped to, if there is one: the
    only table its policy already mentions, else the only table of the file."""
    program = ctx.program
    tables = list(constructions_of(program, *DYNAMODB_TABLE_TYPES))
    read = {id(c) for c in constructions_read(program, statement.document or statement.value)}
    mentioned = [t for t in tables if id(t) in read]
    candidates = mentioned or tables
    if len(candidates) != 1:
        return None
    return reference_at(ctx, candidates[0], statement.value.start)
