"""## What it does
Reports network and API entry points that keep no access log:
- an `aws.ec2.Vpc` (or `awsx.ec2.Vpc`) with no `aws.ec2.FlowLog` for it in the project;
- an `aws.apigateway.Stage` without `accessLogSettings`;
- an application load balancer (`aws.lb.LoadBalancer`, `aws.alb.LoadBalancer`) whose `accessLogs`
  are missing or not enabled (`enabled` defaults to `false`, even with a `bucket`).

A flow log whose `vpcId` cannot be traced to a VPC (a parameter, another file's output) is taken
to cover the VPCs it may be for. The rule looks through the project's other program files when it
knows the project, and through this file only otherwise.

## Why is this bad?
Without them there is no record of who called the API or reached the network: no audit trail
after an incident, no way to debug rejected connections or throttled requests, and security
baselines (AWS Security Hub EC2.6, APIGateway.1, ELB.5) fail.

REST API logging to CloudWatch also needs, once per account and region, an
`aws.apigateway.Account` whose `cloudwatchRoleArn` lets API Gateway write logs; without it the
stage update fails with "CloudWatch Logs role ARN must be set in account settings".

## Example
```typescript
const vpc = new aws.ec2.Vpc('main', { cidrBlock: '10.0.0.0/16' });
const stage = new aws.apigateway.Stage('prod', {
  restApi: api.id,
  deployment: deployment.id,
  stageName: 'prod',
});
```

## Use instead
```typescript
const vpc = new aws.ec2.Vpc('main', { cidrBlock: '10.0.0.0/16' });
new aws.ec2.FlowLog('main-flow-log', {
  vpcId: vpc.id,
  trafficType: 'ALL',
  logDestinationType: 'cloud-watch-logs',
  logDestination: flowLogGroup.arn,
  iamRoleArn: flowLogRole.arn,
});
const stage = new aws.apigateway.Stage('prod', {
  restApi: api.id,
  deployment: deployment.id,
  stageName: 'prod',
  accessLogSettings: {
    destinationArn: accessLogGroup.arn,
    format: JSON.stringify({ requestId: '$context.requestId', status: '$context.status' }),
  },
}, { dependsOn: [apiGatewayAccount] });
```

## Fix safety
Unsafe: the fixes add resources (a log group with `retentionInDays`, option `retention-days`,
default 30; for a VPC an IAM role and policy for the flow-log service and the flow log; for the
first REST API stage without logging, when the project has no `aws.apigateway.Account`, the
account's CloudWatch role and the `Account` itself, which is a per-region setting shared by every
API of the account). Logs are billed. The role policy ARN is written for the `aws` partition.
Load balancers get no fix: their logs need an S3 bucket whose policy admits the region's Elastic
Load Balancing principal.

## References
- Seed 001 §8. Amazon VPC User Guide, "Publish flow logs to CloudWatch Logs" (IAM role);
  API Gateway Developer Guide, "Set up CloudWatch logging for REST APIs"; Elastic Load Balancing,
  "Access logs for your Application Load Balancer".
"""

from __future__ import annotations

from collections.abc import Iterator

from pulumi_lint.aws_support import (
    Arr,
    Obj,
    Raw,
    add_member,
    add_option,
    camel,
    child_options,
    construction_of,
    fresh_name,
    insert_after_statement,
    insert_before_statement,
    int_option,
    literal_bool,
    literal_string,
    new_statement,
    project_programs,
    render,
    resource_ref,
    style,
    suffixed_name,
    type_text,
)
from pulumi_lint.findings import Applicability, Edit, Finding, Fix, Severity
from pulumi_lint.model import Construction, Program
from pulumi_lint.rule import Context, FixAvailability, RuleMeta, one_fix

META = RuleMeta(
    code="AWS012",
    name="missing-access-logging",
    severity=Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
    options={"retention-days": 30},
)

VPC_TYPES = ("aws.ec2.Vpc", "awsx.ec2.Vpc")
FLOW_LOG = "aws.ec2.FlowLog"
STAGE = "aws.apigateway.Stage"
ACCOUNT = "aws.apigateway.Account"
LOAD_BALANCERS = ("aws.lb.LoadBalancer", "aws.alb.LoadBalancer")
LOG_GROUP = "aws.cloudwatch.LogGroup"
ROLE = "aws.iam.Role"
ROLE_POLICY = "aws.iam.RolePolicy"
ROLE_POLICY_ATTACHMENT = "aws.iam.RolePolicyAttachment"
PUSH_TO_CLOUDWATCH = "arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs"
# A JSON access log with the fields API Gateway's console suggests.
ACCESS_LOG_FORMAT = (
    ("requestId", "$context.requestId"),
    ("ip", "$context.identity.sourceIp"),
    ("requestTime", "$context.requestTime"),
    ("httpMethod", "$context.httpMethod"),
    ("resourcePath", "$context.resourcePath"),
    ("status", "$context.status"),
    ("responseLength", "$context.responseLength"),
)


def _policy(statements: list[Obj], quote: str) -> Obj:
    return Obj([("Version", f"{quote}2012-10-17{quote}"), ("Statement", Arr(statements))])


def _json(value: Obj, unit: str) -> Raw:
    return Raw(f"JSON.stringify({render(value, '', unit)})")


def check(ctx: Context) -> Iterator[Finding]:
    program = ctx.program
    programs = project_programs(ctx)
    retention = int_option(ctx.options, "retention-days", 30)
    yield from _vpcs(ctx, programs, retention)
    yield from _stages(ctx, programs, retention)
    for lb in program.constructions:
        if lb.resource_type not in LOAD_BALANCERS:
            continue
        kind = literal_string(program, program.lookup(lb.args, "loadBalancerType"))
        if program.property(lb.args, "loadBalancerType") is not None and kind != "application":
            continue
        args = program.resolve(lb.args)
        if lb.args is not None and (args is None or args.kind != "object"):
            continue
        logs = program.property(args, "accessLogs") if args is not None else None
        if logs is not None:
            value = program.resolve(logs.value)
            if value is None or value.kind != "object":
                continue  # computed settings
            enabled = program.property(value, "enabled")
            if enabled is not None and literal_bool(program, enabled.value) is not False:
                continue  # enabled, or decided at run time
        message = (
            "This load balancer keeps no access log (`accessLogs.enabled` defaults to false). Set "
            "`accessLogs: { bucket, enabled: true }` with an S3 bucket whose policy lets Elastic Load "
            "Balancing write to it."
        )
        yield ctx.finding(lb.callee, message)


# VPC flow logs ---------------------------------------------------------------------------------


def _vpcs(ctx: Context, programs: list[Program], retention: int) -> Iterator[Finding]:
    program = ctx.program
    covered: set[int] = set()
    anything = False
    for other in programs:
        for flow_log in other.resources_of(FLOW_LOG):
            target_value = other.lookup(flow_log.args, "vpcId")
            if target_value is None:
                if other.property(flow_log.args, "vpcId") is not None or other.resolve(flow_log.args) is None:
                    anything = True
                continue
            target = construction_of(other, target_value, *VPC_TYPES)
            if target is None:
                anything = True
            else:
                covered.add(id(target))
    if anything:
        return
    for vpc in program.constructions:
        if vpc.resource_type not in VPC_TYPES or id(vpc) in covered:
            continue
        message = (
            "This VPC has no flow log: rejected and accepted traffic is not recorded. Add an "
            "aws.ec2.FlowLog with `vpcId` set to it (to CloudWatch Logs with retention, or to S3)."
        )
        yield ctx.finding(vpc.callee, message, fixes=one_fix(_flow_log_fix, ctx, vpc, retention))


def _flow_log_fix(ctx: Context, vpc: Construction, retention: int) -> Fix | None:
    program = ctx.program
    ref = resource_ref(program, vpc)
    near = None
    types = {t: type_text(program, t, near) for t in (LOG_GROUP, ROLE, ROLE_POLICY, FLOW_LOG)}
    if ref is None or any(v is None for v in types.values()):
        return None
    style_ = style(ctx)
    q = style_.quote
    base = ref.removeprefix("this.")
    group = fresh_name(program, camel(base, "FlowLogGroup"))
    role = fresh_name(program, camel(base, "FlowLogRole"), [group])
    vpc_id = f"{ref}.vpcId" if vpc.resource_type == "awsx.ec2.Vpc" else f"{ref}.id"
    opts = child_options(ctx, vpc)
    name = vpc.name_arg
    u = style_.unit
    principal = f"{{ Service: {q}vpc-flow-logs.amazonaws.com{q} }}"
    assume = Obj([("Effect", f"{q}Allow{q}"), ("Principal", principal), ("Action", f"{q}sts:AssumeRole{q}")])
    trust = _json(_policy([assume], q), u)
    writes = Arr(f"{q}logs:{a}{q}" for a in ("CreateLogStream", "PutLogEvents", "DescribeLogStreams"))
    document = _policy(
        [
            Obj([("Effect", f"{q}Allow{q}"), ("Action", writes), ("Resource", "`${arn}:*`")]),
            Obj(
                [
                    ("Effect", f"{q}Allow{q}"),
                    ("Action", f"{q}logs:DescribeLogGroups{q}"),
                    ("Resource", f"{q}*{q}"),
                ]
            ),
        ],
        q,
    )
    policy = Raw(f"{group}.arn.apply((arn) =>\n{u}JSON.stringify({render(document, u, u)}),\n)")
    statements = [
        new_statement(
            style_,
            group,
            str(types[LOG_GROUP]),
            suffixed_name(ctx, name, "flow-logs"),
            Obj([("retentionInDays", str(retention))]),
            opts,
        ),
        new_statement(
            style_,
            role,
            str(types[ROLE]),
            suffixed_name(ctx, name, "flow-log-role"),
            Obj([("assumeRolePolicy", trust)]),
            opts,
        ),
        new_statement(
            style_,
            None,
            str(types[ROLE_POLICY]),
            suffixed_name(ctx, name, "flow-log-policy"),
            Obj([("role", f"{role}.id"), ("policy", policy)]),
            opts,
        ),
        new_statement(
            style_,
            None,
            str(types[FLOW_LOG]),
            suffixed_name(ctx, name, "flow-log"),
            Obj(
                [
                    ("vpcId", vpc_id),
                    ("trafficType", f"{q}ALL{q}"),
                    ("logDestinationType", f"{q}cloud-watch-logs{q}"),
                    ("logDestination", f"{group}.arn"),
                    ("iamRoleArn", f"{role}.arn"),
                ]
            ),
            opts,
        ),
    ]
    edit = insert_after_statement(ctx, vpc.value.start, "\n\n".join(statements))
    return ctx.fix("Add a flow log to CloudWatch Logs for this VPC", [edit], Applicability.UNSAFE)


# API Gateway stages ----------------------------------------------------------------------------


def _stages(ctx: Context, programs: list[Program], retention: int) -> Iterator[Finding]:
    program = ctx.program
    accounts = [(p, c) for p in programs for c in p.resources_of(ACCOUNT)]
    local_account = next((c for p, c in accounts if p is program and c.variable is not None), None)
    first = True
    for stage in program.resources_of(STAGE):
        args = program.resolve(stage.args)
        if stage.args is not None and (args is None or args.kind != "object"):
            continue
        if args is not None and program.property(args, "accessLogSettings") is not None:
            continue
        account_note = (
            ""
            if accounts
            else " REST API logging also needs an aws.apigateway.Account with a `cloudwatchRoleArn`, once "
            "per region: the project has none."
        )
        message = (
            "This API Gateway stage keeps no access log. Add `accessLogSettings` with a CloudWatch log "
            f"group (`destinationArn`) and a `format`.{account_note}"
        )
        if not accounts and not first:
            # The first stage's fix creates the account; the next pass can depend on it.
            yield ctx.finding(stage.callee, message)
        else:
            fixes = one_fix(_stage_fix, ctx, stage, retention, local_account, create_account=not accounts and first)
            yield ctx.finding(stage.callee, message, fixes=fixes)
        first = False


def _stage_fix(
    ctx: Context,
    stage: Construction,
    retention: int,
    account: Construction | None,
    create_account: bool,
) -> Fix | None:
    program = ctx.program
    args = stage.args
    ref = resource_ref(program, stage)
    log_group_type = type_text(program, LOG_GROUP)
    if args is None or args.kind != "object" or log_group_type is None:
        return None
    style_ = style(ctx)
    q = style_.quote
    base = (ref or "stage").removeprefix("this.")
    taken: list[str] = []
    group = fresh_name(program, camel(base, "AccessLogs"))
    taken.append(group)
    statements = [
        new_statement(
            style_,
            group,
            log_group_type,
            suffixed_name(ctx, stage.name_arg, "access-logs"),
            Obj([("retentionInDays", str(retention))]),
            child_options(ctx, stage),
        )
    ]
    account_var = None
    if account is not None and account.variable is not None and account.value.start < stage.value.start:
        account_var = account.variable.name
    if create_account:
        types = [type_text(program, t) for t in (ROLE, ROLE_POLICY_ATTACHMENT, ACCOUNT)]
        if any(t is None for t in types):
            return None
        role_type, attachment_type, account_type = (str(t) for t in types)
        role = fresh_name(program, "apiGatewayCloudWatchRole", taken)
        account_var = fresh_name(program, "apiGatewayAccount", [*taken, role])
        trust = _json(
            _policy(
                [
                    Obj(
                        [
                            ("Effect", f"{q}Allow{q}"),
                            ("Principal", f"{{ Service: {q}apigateway.amazonaws.com{q} }}"),
                            ("Action", f"{q}sts:AssumeRole{q}"),
                        ]
                    )
                ],
                q,
            ),
            style_.unit,
        )
        statements += [
            new_statement(
                style_,
                role,
                role_type,
                f"{q}apigateway-cloudwatch-role{q}",
                Obj([("assumeRolePolicy", trust)]),
            ),
            new_statement(
                style_,
                None,
                attachment_type,
                f"{q}apigateway-cloudwatch-logs{q}",
                Obj([("role", f"{role}.name"), ("policyArn", f"{q}{PUSH_TO_CLOUDWATCH}{q}")]),
            ),
            new_statement(
                style_,
                account_var,
                account_type,
                f"{q}apigateway-account{q}",
                Obj([("cloudwatchRoleArn", f"{role}.arn")]),
            ),
        ]
    edits: list[Edit] = [insert_before_statement(ctx, stage.value.start, "\n\n".join(statements))]
    settings = Obj(
        [
            ("destinationArn", f"{group}.arn"),
            ("format", _json(Obj((key, f"{q}{value}{q}") for key, value in ACCESS_LOG_FORMAT), style_.unit)),
        ]
    )
    edits.append(add_member(ctx, args, settings, "accessLogSettings", style_))
    if account_var is not None:
        depends = add_option(ctx, stage, "dependsOn", account_var, style_)
        if depends is None:
            return None
        edits.append(depends)
    title = "Log this stage's requests to a CloudWatch log group"
    if create_account:
        title += " (and set the account's API Gateway CloudWatch role)"
    return ctx.fix(title, edits, Applicability.UNSAFE)
