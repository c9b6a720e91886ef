"""PUL010 findings kept across edits depend on the class declarations of the file: whether an
instance of a class of the file is a resource, and whether the field a template reads is declared
an Output, are decided by the class's statement, not by the template's or the instance's."""

from __future__ import annotations

from pulumi_lint.config import LintConfig
from pulumi_lint.document import Document
from pulumi_lint.engine import Engine
from pulumi_lint.findings import Finding

CONFIG = LintConfig(select=["PUL010"])

SITE = b"""import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

class Site extends pulumi.ComponentResource {
  public readonly url: pulumi.Output<string>;
  constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
    super('tap:web:Site', name, {}, opts);
    const bucket = new aws.s3.BucketV2(name, {}, { parent: this });
    this.url = bucket.bucketRegionalDomainName;
  }
}

const site = new Site('site');

export const link = `https://${site.url}/index.html`;
"""


def _summary(findings: list[Finding]) -> list[tuple[str, int, int, str]]:
    return [(f.code, f.start, f.end, f.message) for f in findings]


def _edited_then_fresh(source: bytes, old: bytes, new: bytes) -> tuple[list[Finding], list[Finding], list[Finding]]:
    engine = Engine(CONFIG)
    document = Document(source, "index.ts")
    before = engine.analyse(document).findings
    at = source.index(old)
    document.apply_change(at, at + len(old), new)
    after = engine.analyse(document).findings
    fresh = Engine(CONFIG).analyse(Document(document.source, "index.ts")).findings
    return before, after, fresh


def test_a_field_no_longer_declared_an_output_takes_the_finding_away() -> None:
    before, after, fresh = _edited_then_fresh(SITE, b"url: pulumi.Output<string>;", b"url: string;")
    assert len(before) == 1 and fresh == []
    assert _summary(after) == _summary(fresh)


def test_a_field_declared_an_output_again_brings_the_finding_back() -> None:
    plain = SITE.replace(b"url: pulumi.Output<string>;", b"url: string;")
    before, after, fresh = _edited_then_fresh(plain, b"url: string;", b"url: pulumi.Output<string>;")
    assert before == [] and len(fresh) == 1
    assert _summary(after) == _summary(fresh)


def test_a_class_no_longer_a_component_takes_the_finding_away() -> None:
    before, after, fresh = _edited_then_fresh(SITE, b"extends pulumi.ComponentResource", b"extends Object")
    assert len(before) == 1 and fresh == []
    assert _summary(after) == _summary(fresh)
