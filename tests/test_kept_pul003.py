"""PUL003 findings kept across edits: what decides them outside the construction's own statement
(the options constant it names, the base class that makes its class a component, the constructor
of a child component) changes in another statement, and the edited document must report what a
fresh open reports."""

from __future__ import annotations

import pytest
from pulumi_lint.config import LintConfig
from pulumi_lint.document import Document
from pulumi_lint.engine import Engine
from pulumi_lint.findings import Finding

CONFIG = LintConfig(select=["PUL003"])

SOURCE = b"""import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

const childOpts: pulumi.CustomResourceOptions = { protect: true };

class Base extends pulumi.ComponentResource {}

class Child extends pulumi.ComponentResource {
  constructor(name: string, args: {}, opts?: pulumi.ComponentResourceOptions) {
    super('tap:web:Child', name, {}, opts);
  }
}

class Stack extends Base {
  constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
    super('tap:web:Stack', name, {}, opts);
    const logs = new aws.s3.BucketV2(`${name}-logs`, {}, childOpts);
    const child = new Child(`${name}-child`, {});
  }
}
"""

EDITS = [
    # The options constant gains a parent: the bucket is no longer reported.
    (b"{ protect: true }", b"{ protect: true, parent: undefined }"),
    # The base class is no longer a component: nothing in Stack is reported.
    (b"class Base extends pulumi.ComponentResource {}", b"class Base {}"),
    # The child component no longer takes options: it is not reported.
    (b"constructor(name: string, args: {}, opts?", b"constructor(name: string, args?"),
]


def _summary(findings: list[Finding]) -> list[tuple[str, int, int, str]]:
    return [(f.code, f.start, f.end, f.message) for f in findings]


@pytest.mark.parametrize("old,new", EDITS)
@pytest.mark.parametrize("forth", [True, False], ids=["edit", "undo"])
def test_an_edit_of_another_statement_reports_what_a_fresh_open_reports(old: bytes, new: bytes, forth: bool) -> None:
    source = SOURCE if forth else SOURCE.replace(old, new)
    old, new = (old, new) if forth else (new, old)
    engine = Engine(CONFIG)
    document = Document(source, "index.ts")
    before = engine.analyse(document).findings
    at = source.index(old)
    document.apply_change(at, at + len(old), new)
    after = engine.analyse(document).findings
    fresh = Engine(CONFIG).analyse(Document(document.source, "index.ts")).findings
    assert _summary(after) == _summary(fresh)
    assert len(before) != len(fresh), "the edit changes what is reported"
