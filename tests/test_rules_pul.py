"""PUL003 and PUL006 beyond their examples: the alias fix, formatting, options."""

from __future__ import annotations

import textwrap

from pulumi_lint.document import Document
from pulumi_lint.findings import Finding
from pulumi_lint.fixes import apply_edits
from pulumi_lint.rules.pul003_missing_parent import ALIAS_FIX_TITLE

from .test_rules_ts import fixed, lint

COMPONENT = """\
import * as sdk from '@pulumi/pulumi';
import * as aws from '@pulumi/aws';

export class Site extends sdk.ComponentResource {
  constructor(name: string, args: {}, opts?: sdk.ComponentResourceOptions) {
    super('tap:web:Site', name, {}, opts);
    BODY
  }
}
"""


def component(body: str) -> str:
    return COMPONENT.replace("BODY", textwrap.indent(textwrap.dedent(body), "    ").strip())


def apply(source: str, finding: Finding, title: str) -> str:
    fix = next(f for f in finding.fixes if f.title == title)
    result = apply_edits(source.encode(), fix.edits).decode()
    assert not Document(result.encode(), "index.ts").tree.root_node.has_error
    return result


def test_pul003_alias_fix_uses_the_local_name_of_the_sdk() -> None:
    source = component("new aws.s3.Bucket(`${name}-site`, { forceDestroy: true });")
    (finding,) = lint("PUL003", source)
    assert [f.title for f in finding.fixes] == ["Add { parent: this }", ALIAS_FIX_TITLE]
    assert all(not f.is_safe for f in finding.fixes)
    assert (
        "new aws.s3.Bucket(`${name}-site`, { forceDestroy: true }, "
        "{ parent: this, aliases: [{ parent: sdk.rootStackResource }] });"
    ) in apply(source, finding, ALIAS_FIX_TITLE)


def test_pul003_alias_fix_in_a_multiline_call_and_options_object() -> None:
    source = component(
        """\
        new aws.s3.Bucket(
          `${name}-site`,
          { forceDestroy: true },
        );
        new aws.s3.Bucket(`${name}-logs`, {}, {
          protect: true,
        });
        """
    )
    first, second = lint("PUL003", source)
    assert (
        "      { forceDestroy: true },\n"
        "      {\n"
        "        parent: this,\n"
        "        aliases: [{ parent: sdk.rootStackResource }],\n"
        "      },\n"
        "    );"
    ) in apply(source, first, ALIAS_FIX_TITLE)
    assert (
        "{}, {\n"
        "      parent: this,\n"
        "      aliases: [{ parent: sdk.rootStackResource }],\n"
        "      protect: true,\n"
        "    });"
    ) in apply(source, second, ALIAS_FIX_TITLE)


def test_pul003_no_alias_fix_when_aliases_exist_or_the_sdk_has_no_namespace() -> None:
    source = component("new aws.s3.Bucket('b', {}, { aliases: [{ name: 'old' }] });")
    (finding,) = lint("PUL003", source)
    assert [f.title for f in finding.fixes] == ["Add { parent: this }"]
    named = (
        "import { ComponentResource } from '@pulumi/pulumi';\nimport * as aws from '@pulumi/aws';\n"
        "export class Site extends ComponentResource {\n"
        "  constructor(name: string) {\n    super('tap:web:Site', name);\n"
        "    new aws.s3.Bucket('b', {});\n  }\n}\n"
    )
    (finding,) = lint("PUL003", named)
    assert [f.title for f in finding.fixes] == ["Add { parent: this }"]


def test_pul003_resolves_a_required_sdk() -> None:
    source = (
        "const pulumi = require('@pulumi/pulumi');\nconst aws = require('@pulumi/aws');\n"
        "class Site extends pulumi.ComponentResource {\n"
        "  constructor(name, args, opts) {\n    super('tap:web:Site', name, {}, opts);\n"
        "    new aws.s3.Bucket('b', {});\n  }\n}\n"
    )
    (finding,) = lint("PUL003", source)
    assert "aliases: [{ parent: pulumi.rootStackResource }]" in apply(source, finding, ALIAS_FIX_TITLE)


def test_pul003_ignores_constructions_inside_the_super_call_and_other_classes() -> None:
    source = (
        "import * as pulumi from '@pulumi/pulumi';\nimport * as aws from '@pulumi/aws';\n"
        "class NotAComponent extends Map<string, string> {\n"
        "  make() { return new aws.s3.Bucket('b', {}); }\n}\n"
        "class Site extends pulumi.ComponentResource {\n"
        "  constructor(name: string, opts?: pulumi.ComponentResourceOptions) {\n"
        "    super('tap:web:Site', name, { bucket: new aws.s3.Bucket('inner', {}) }, opts);\n  }\n}\n"
    )
    assert lint("PUL003", source) == []


def test_pul006_ignore_pattern_is_an_option() -> None:
    source = (
        "import * as aws from '@pulumi/aws';\n"
        "const _logs = new aws.s3.Bucket('logs');\n"
        "const keepAlive = new aws.s3.Bucket('keep');\n"
    )
    assert [f.start for f in lint("PUL006", source)] == [source.index("keepAlive")]
    assert len(lint("PUL006", source, {"ignore-pattern": ""})) == 2
    assert lint("PUL006", source, {"ignore-pattern": "^(_|keep)"}) == []


def test_pul006_fix_keeps_wrapped_constructions_parseable() -> None:
    source = (
        "import * as aws from '@pulumi/aws';\n"
        "const logs = (new aws.s3.Bucket('logs'));\n"
        "const data = new aws.s3.Bucket('data') as Resource;\n"
    )
    assert fixed("PUL006", source).decode() == (
        "import * as aws from '@pulumi/aws';\n"
        "void (new aws.s3.Bucket('logs'));\n"
        "void new aws.s3.Bucket('data') as Resource;\n"
    )


def test_pul006_ignores_loop_initialisers() -> None:
    source = (
        "import * as aws from '@pulumi/aws';\n"
        "for (let bucket = new aws.s3.Bucket('b'); ; ) { break; }\n"
    )
    assert lint("PUL006", source) == []


def test_pul003_child_component_inherits_its_constructor_signature() -> None:
    source = (
        "import * as pulumi from '@pulumi/pulumi';\n"
        "class Base extends pulumi.ComponentResource {\n"
        "  constructor(name: string, args: {}, opts?: pulumi.ComponentResourceOptions) {\n"
        "    super('tap:x:Base', name, args, opts);\n  }\n}\n"
        "class Child extends Base {}\n"
        "class NoOptions extends pulumi.ComponentResource {\n"
        "  constructor(name: string) {\n    super('tap:x:NoOptions', name);\n  }\n}\n"
        "class Parent extends Base {\n"
        "  constructor(name: string, args: {}, opts?: pulumi.ComponentResourceOptions) {\n"
        "    super(name, args, opts);\n"
        "    new Child(`${name}-child`, {});\n"
        "    new NoOptions(`${name}-plain`);\n  }\n}\n"
    )
    (finding,) = lint("PUL003", source)
    assert source[finding.start : finding.end] == "Child"
    assert "new Child(`${name}-child`, {}, { parent: this });" in fixed("PUL003", source).decode()


def test_pul003_no_fix_before_the_super_call() -> None:
    source = (
        "import * as pulumi from '@pulumi/pulumi';\nimport * as aws from '@pulumi/aws';\n"
        "class Site extends pulumi.ComponentResource {\n"
        "  constructor(name: string, opts?: pulumi.ComponentResourceOptions) {\n"
        "    const role = new aws.iam.Role(`${name}-role`, { assumeRolePolicy: '{}' });\n"
        "    super('tap:web:Site', name, { roleArn: role.arn }, opts);\n"
        "    new aws.s3.Bucket(`${name}-site`, {});\n  }\n}\n"
    )
    before, after = lint("PUL003", source)
    assert source[before.start : before.end] == "aws.iam.Role" and before.fixes == ()
    assert source[after.start : after.end] == "aws.s3.Bucket" and after.fixes
