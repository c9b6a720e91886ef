"""## What it does
Reports stage settings on an `aws.apigateway.Deployment` (`stageName`, `stageDescription`,
`canarySettings`) and reads of the stage outputs a deployment no longer has (`<deployment>.stageName`,
`.invokeUrl`, `.executionArn`).

## Why is this bad?
In @pulumi/aws v7 a REST API deployment has no stage settings at all: `stageName` is not a property
of `DeploymentArgs`, and `invokeUrl`, `executionArn` and `stageName` are not outputs of
`Deployment`, so the program does not compile. In v6 they were deprecated: the stage the deployment
created implicitly is not managed as a resource (it cannot carry access logging, throttling or
tracing, and it is left behind or recreated in surprising ways). In both versions the stage is a
resource of its own, `aws.apigateway.Stage`, and the invoke URL is one of its outputs.

## Example
```typescript
const apiDeployment = new aws.apigateway.Deployment('api-deployment', {
  restApi: api.id,
  stageName: 'prod',
}, { dependsOn: [integration] });
export const url = apiDeployment.invokeUrl;
```

## Use instead
```typescript
const apiDeployment = new aws.apigateway.Deployment('api-deployment', {
  restApi: api.id,
}, { dependsOn: [integration] });

const apiStage = new aws.apigateway.Stage('api-stage', {
  restApi: api.id,
  deployment: apiDeployment.id,
  stageName: 'prod',
});
export const url = apiStage.invokeUrl;
```

## Fix safety
Unsafe: the fix adds an `aws.apigateway.Stage` resource (in v6 the stage the deployment made
implicitly is then replaced by a managed one with the same name; import it or expect a brief gap),
and rewrites the reads of the stage outputs to the new stage. When a Stage for the deployment
already exists, the fix only removes the settings and points the reads at it. Deployments with
`canarySettings` get no fix: a stage's canary names the deployment it tests, which only you know.

## References
- Seed 001 §1. @pulumi/aws 7.x `apigateway.Deployment` (args: `description`, `restApi`,
  `triggers`, `variables`); Pulumi's v7 migration guide.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from pulumi_lint.aws_model import constructions_of
from pulumi_lint.aws_schema import schema
from pulumi_lint.aws_support import (
    Obj,
    aws_major,
    child_options,
    construction_of,
    fresh_name,
    insert_after_statement,
    new_statement,
    raw,
    remove_member,
    resource_ref,
    style,
    suffixed_name,
    type_text,
    version_note,
)
from pulumi_lint.derived import depend, read_key
from pulumi_lint.findings import Applicability, Edit, Finding, Fix, Severity, Tag
from pulumi_lint.kept_findings import each
from pulumi_lint.model import Construction, Property
from pulumi_lint.rule import Context, FixAvailability, RuleMeta, one_fix

META = RuleMeta(
    code="AWS008",
    name="apigateway-deployment-stage-name",
    severity=Severity.ERROR,
    fix=FixAvailability.SOMETIMES,
)

DEPLOYMENT = "aws.apigateway.Deployment"
STAGE = "aws.apigateway.Stage"
# Stage outputs a deployment had in v6, and what the Stage calls them.
STAGE_OUTPUTS = {
    "stageName": "stageName",
    "invokeUrl": "invokeUrl",
    "executionArn": "executionArn",
    "stageDescription": "description",
    "canarySettings": "canarySettings",
}
FALLBACK_SETTINGS = ("stageName", "stageDescription", "canarySettings")


def _stage_settings() -> tuple[str, ...]:
    """The deployment's stage settings, as @pulumi/aws v6 marks them deprecated."""
    info = schema().resource(DEPLOYMENT, 6)
    if info is None:
        return FALLBACK_SETTINGS
    return tuple(sorted(info.deprecated_inputs)) or FALLBACK_SETTINGS


def _stage_outputs() -> tuple[str, ...]:
    info = schema().resource(DEPLOYMENT, 6)
    names = sorted(info.deprecated_outputs) if info is not None else []
    return tuple(n for n in names if n in STAGE_OUTPUTS) or tuple(STAGE_OUTPUTS)


@dataclass
class _Read:
    start: int  # the deployment's name
    end: int
    attr_start: int  # the output name
    attr_end: int
    attr: str


@dataclass
class _Deployment:
    construction: Construction
    settings: list[Property] = field(default_factory=list)
    reads: list[_Read] = field(default_factory=list)


def check(ctx: Context) -> Iterator[Finding]:
    major, _ = aws_major(ctx)
    settings_names = _stage_settings()
    outputs = _stage_outputs()
    for construction in constructions_of(ctx.program, DEPLOYMENT):
        # The major is an argument: without a project it comes from a package.json on disk.
        yield from each(ctx, construction, _check_deployment, major, settings_names, outputs)


def _check_deployment(
    ctx: Context, construction: Construction, major: int, settings_names: tuple[str, ...], outputs: tuple[str, ...]
) -> Iterator[Finding]:
    found = _Deployment(construction)
    args = construction.args
    if args is not None and args.kind == "object":
        found.settings = [p for p in args.properties if p.key in settings_names]
    found.reads = list(_reads(ctx, construction, outputs))
    if not found.settings and not found.reads:
        return
    fixes = one_fix(_fix, ctx, found)
    tags: tuple[Tag, ...] = ()
    if major >= 7:
        severity = Severity.ERROR
        gone = "is not part of aws.apigateway.Deployment in @pulumi/aws v7: the program does not compile"
    else:
        severity, tags = Severity.WARNING, (Tag.DEPRECATED,)
        gone = "is deprecated on aws.apigateway.Deployment"
    for prop in found.settings:
        message = (
            f"`{prop.key}` {gone}. Create an aws.apigateway.Stage with `deployment: <deployment>.id` "
            "and the stage settings."
        )
        yield ctx.finding(prop.key_span, message, fixes=fixes, severity=severity, tags=tags)
    for read in found.reads:
        message = (
            f"`{read.attr}` {gone}. Read `{STAGE_OUTPUTS[read.attr]}` from the aws.apigateway.Stage "
            "of this deployment."
        )
        yield ctx.finding((read.attr_start, read.attr_end), message, fixes=fixes, severity=severity, tags=tags)


def _reads(ctx: Context, construction: Construction, outputs: tuple[str, ...]) -> Iterator[_Read]:
    program = ctx.program
    names = b"|".join(o.encode() for o in outputs)
    source = ctx.source
    decl = construction.variable
    if decl is not None:
        # The statements that read the deployment's name, their text after the name included: a
        # build records the name for every reader that came, went or was edited. (What each read
        # refers to is looked up with program.variable, which records the name itself.)
        depend(program, read_key(decl.name))
        pattern = re.compile(rb"\s*\??\.\s*(" + names + rb")\b")
        for span in program.reads.get(decl.name, []):
            if program.variable(decl.name, span.start) is not decl:
                continue
            match = pattern.match(source, span.end)
            if match is not None:
                yield _Read(span.start, span.end, match.start(1), match.end(1), match.group(1).decode())
        return
    # A deployment held in a field: its reads anywhere in its class (`this.deployment.invokeUrl`),
    # which is part of the deployment's own statement.
    ref = resource_ref(program, construction)
    if ref is None or not ref.startswith("this."):
        return
    cls = next((c for c in program.classes if c.span.contains(construction.value.start)), None)
    if cls is None:
        return
    field = re.escape(ref[len("this.") :].encode())
    pattern = re.compile(rb"\bthis\s*\.\s*" + field + rb"\s*\??\.\s*(" + names + rb")\b")
    for match in pattern.finditer(source, cls.body.start, cls.body.end):
        yield _Read(match.start(), match.start(1), match.start(1), match.end(1), match.group(1).decode())


def _fix(ctx: Context, found: _Deployment) -> Fix | None:
    program = ctx.program
    construction = found.construction
    args = construction.args
    decl = construction.variable
    if decl is None or args is None or args.kind != "object":
        return None
    if any(p.key == "canarySettings" for p in found.settings):
        return None
    style_ = style(ctx)
    edits: list[Edit] = [remove_member(ctx, args, prop) for prop in found.settings]
    existing = _existing_stage(ctx, construction)
    if existing is not None:
        if existing.variable is None:
            if found.reads:
                return None
            return ctx.fix("Remove the stage settings (a Stage already exists)", edits, Applicability.UNSAFE)
        stage_var = existing.variable.name
        title = f"Remove the stage settings and read them from `{stage_var}`"
    else:
        stage_name = next((p for p in found.settings if p.key == "stageName"), None)
        rest_api = program.property(args, "restApi")
        stage_type = type_text(program, STAGE, construction)
        if stage_name is None or stage_name.value is None or rest_api is None or rest_api.value is None:
            return None
        if stage_type is None:
            return None
        stage_var = fresh_name(program, _stage_variable(decl.name))
        stage_args = Obj(
            [
                ("restApi", raw(ctx, rest_api.value)),
                ("deployment", f"{decl.name}.id"),
                ("stageName", raw(ctx, stage_name.value)),
            ]
        )
        description = next((p for p in found.settings if p.key == "stageDescription"), None)
        if description is not None and description.value is not None:
            stage_args.append(("description", raw(ctx, description.value)))
        text = new_statement(
            style_,
            stage_var,
            stage_type,
            _stage_name(ctx, construction),
            stage_args,
            child_options(ctx, construction),
        )
        edits.append(insert_after_statement(ctx, construction.value.start, text))
        title = f"Create an aws.apigateway.Stage `{stage_var}` for the deployment{version_note(ctx)}"
    for read in found.reads:
        edits.append(ctx.edit(read.start, read.end, stage_var))
        if STAGE_OUTPUTS[read.attr] != read.attr:
            edits.append(ctx.edit(read.attr_start, read.attr_end, STAGE_OUTPUTS[read.attr]))
    return ctx.fix(title, edits, Applicability.UNSAFE)


def _existing_stage(ctx: Context, deployment: Construction) -> Construction | None:
    program = ctx.program
    for stage in program.resources_of(STAGE):
        target = program.lookup(stage.args, "deployment")
        if target is not None and construction_of(program, target, DEPLOYMENT) is deployment:
            return stage
    return None


def _stage_variable(deployment_var: str) -> str:
    for old, new in (("Deployment", "Stage"), ("deployment", "stage")):
        if old in deployment_var:
            return deployment_var.replace(old, new)
    return deployment_var + "Stage"


def _stage_name(ctx: Context, construction: Construction) -> str:
    name = construction.name_arg
    if name is not None and name.kind in ("string", "template"):
        text = ctx.text(name)
        for old, new in (("deployment", "stage"), ("Deployment", "Stage")):
            if old in text:
                return text.replace(old, new)
    return suffixed_name(ctx, name, "stage")
