"""## What it does
Reports a Lambda function whose package type and configuration disagree: `packageType: 'Image'`
together with `runtime`, `handler`, `code` or `layers`, or an `imageUri` without
`packageType: 'Image'`.

## Why is this bad?
A container-image function takes its runtime, handler and dependencies from the image: Lambda
rejects `Runtime`, `Handler` and `Layers` on an image function, and a `.zip` package (`code`) cannot
be combined with an image. A function with an `imageUri` but the default package type (`Zip`) is
rejected for the opposite reason. Either way the deployment fails with
`InvalidParameterValueException`.

To override the image's `CMD` or `ENTRYPOINT` (what `handler` does for a `.zip` function), use
`imageConfig: { command: ['index.handler'] }`.

## Example
```typescript
const fn = new aws.lambda.Function('api', {
  packageType: 'Image',
  imageUri: pulumi.interpolate`${repo.repositoryUrl}:latest`,
  runtime: 'nodejs22.x',
  handler: 'index.handler',
  role: role.arn,
});
```

## Use instead
```typescript
const fn = new aws.lambda.Function('api', {
  packageType: 'Image',
  imageUri: pulumi.interpolate`${repo.repositoryUrl}:latest`,
  role: role.arn,
});
```

## Fix safety
Safe: the fixes remove `runtime`, `handler` and `layers` from an image function, `code` when an
`imageUri` is also set, and add `packageType: 'Image'` to a function that has an `imageUri` and no
`.zip` settings. A function with this conflict cannot be deployed, so nothing deployed changes.
When it is unclear which package type was meant (an `imageUri` together with `code`, `runtime` or
`handler`, or an explicit `packageType: 'Zip'`), no fix is offered.

## References
- Seed 001 §3. AWS Lambda Developer Guide, "Create a Lambda function using a container image";
  Lambda API reference, `CreateFunction` (`PackageType`, `ImageConfig`).
"""

from __future__ import annotations

from collections.abc import Iterator

from pulumi_lint.aws_support import add_member, insert_before_member, literal_string, remove_member, style
from pulumi_lint.findings import Applicability, Finding, Severity
from pulumi_lint.model import Construction, Property
from pulumi_lint.rule import Context, FixAvailability, RuleMeta

META = RuleMeta(
    code="AWS015",
    name="lambda-image-config",
    severity=Severity.ERROR,
    fix=FixAvailability.SOMETIMES,
)

LAMBDA_FUNCTION_TYPES = ("aws.lambda.Function",)
ZIP_ONLY = ("runtime", "handler", "code", "layers")


def check(ctx: Context) -> Iterator[Finding]:
    program = ctx.program
    for construction in program.resources_of(*LAMBDA_FUNCTION_TYPES):
        props = {p.key: p for p in program.object_properties(construction.args) if p.key is not None}
        package_prop = props.get("packageType")
        package = literal_string(program, package_prop.value) if package_prop is not None else None
        if package_prop is not None and package is None:
            continue  # decided at run time
        image_uri = props.get("imageUri")
        if package == "Image":
            for key in ZIP_ONLY:
                prop = props.get(key)
                if prop is None or _undefined(prop):
                    continue
                yield _zip_setting(ctx, construction, prop, has_image=image_uri is not None)
        elif image_uri is not None and not _undefined(image_uri):
            yield _missing_package_type(ctx, construction, image_uri, props, package)


def _undefined(prop: Property) -> bool:
    return prop.value is not None and prop.value.kind == "undefined"


def _zip_setting(ctx: Context, construction: Construction, prop: Property, has_image: bool) -> Finding:
    key = prop.key
    if key == "code":
        remedy = (
            "Remove `code` to deploy the image named by `imageUri`"
            if has_image
            else "Replace `code` with an `imageUri`, or remove `packageType` to deploy the .zip package"
        )
        message = f"`code` (a .zip package) cannot be combined with `packageType: 'Image'`: deployment fails. {remedy}."
    elif key == "handler":
        message = (
            "A container-image function takes its handler from the image: Lambda rejects `handler` with "
            "`packageType: 'Image'`. Remove it (override the image's CMD with "
            "`imageConfig: { command: [...] }` if needed)."
        )
    else:
        message = (
            f"A container-image function takes its runtime and dependencies from the image: Lambda "
            f"rejects `{key}` with `packageType: 'Image'`. Remove it."
        )
    fixes = []
    args = construction.args
    if args is not None and args.kind == "object" and prop in args.properties and (key != "code" or has_image):
        edit = remove_member(ctx, args, prop)
        fixes.append(ctx.fix(f"Remove `{key}` from the image function", [edit], Applicability.SAFE))
    return ctx.finding(prop.key_span, message, fixes=fixes)


def _missing_package_type(
    ctx: Context,
    construction: Construction,
    image_uri: Property,
    props: dict[str, Property],
    package: str | None,
) -> Finding:
    if package is None:
        message = (
            "`imageUri` needs `packageType: 'Image'`: without it the function is a .zip function and "
            "deployment fails. Add `packageType: 'Image'`."
        )
    else:
        message = (
            f"`imageUri` is set on a function with `packageType: '{package}'`: deployment fails. Use "
            "`packageType: 'Image'` (and no `runtime`, `handler` or `code`), or remove `imageUri`."
        )
    fixes = []
    args = construction.args
    zip_settings = [k for k in ZIP_ONLY if k in props and not _undefined(props[k])]
    if package is None and not zip_settings and args is not None and args.kind == "object":
        quote = style(ctx).quote
        if image_uri in args.properties:
            edit = insert_before_member(ctx, args, image_uri, f"{quote}Image{quote}", "packageType", style(ctx))
        else:
            edit = add_member(ctx, args, f"{quote}Image{quote}", "packageType", style(ctx))
        fixes.append(ctx.fix("Add packageType: 'Image'", [edit], Applicability.SAFE))
    return ctx.finding(image_uri.key_span, message, fixes=fixes)
