"""AWS011's findings kept across edits follow the statements they depend on: the bucket a
lifecycle configuration names and the versioning resources that enable it."""

from __future__ import annotations

from pulumi_lint.config import LintConfig
from pulumi_lint.document import Document
from pulumi_lint.engine import Engine

from .kept_edits import analysed, replace, same_as_fresh

CONFIG = LintConfig(select=["AWS011"])

BUCKET = "const archive = new aws.s3.Bucket('archive', {});\n"
VERSIONING = (
    "new aws.s3.BucketVersioning('archive-versioning', {\n"
    "  bucket: archive.id,\n"
    "  versioningConfiguration: { status: 'Enabled' },\n"
    "});\n"
)
SOURCE = (
    "import * as aws from '@pulumi/aws';\n"
    + BUCKET
    + VERSIONING
    + "new aws.s3.BucketLifecycleConfiguration('archive-lifecycle', {\n"
    "  bucket: archive.id,\n"
    "  rules: [{ id: 'expire', status: 'Enabled', expiration: { days: 45 } }],\n"
    "});\n"
)


def test_the_versioning_resource_going_and_coming_back() -> None:
    engine = Engine(CONFIG)
    document = Document(SOURCE.encode(), "index.ts")
    (first,) = analysed("AWS011", engine, document)
    assert "noncurrentVersionExpiration" in first[2]
    replace(document, VERSIONING, "")
    (without,) = same_as_fresh("AWS011", engine, document)
    assert "noncurrentVersionExpiration" not in without[2]
    at = document.source.index(b"new aws.s3.BucketLifecycleConfiguration")
    document.apply_change(at, at, VERSIONING.encode())
    (again,) = same_as_fresh("AWS011", engine, document)
    assert "noncurrentVersionExpiration" in again[2]


def test_the_named_bucket_no_longer_a_bucket() -> None:
    engine = Engine(CONFIG)
    document = Document(SOURCE.encode(), "index.ts")
    (first,) = analysed("AWS011", engine, document)
    assert "noncurrentVersionExpiration" in first[2]
    # Only the declaration changes: the lifecycle configuration's statement stays as it was.
    replace(document, BUCKET, "const archive = { id: 'archive' };\n")
    (after,) = same_as_fresh("AWS011", engine, document)
    assert "noncurrentVersionExpiration" not in after[2]


def test_the_versioning_status_from_a_constant() -> None:
    engine = Engine(CONFIG)
    source = SOURCE.replace("status: 'Enabled' },\n});", "status: versioningStatus },\n});")
    source = source.replace(BUCKET, BUCKET + "const versioningStatus = 'Suspended';\n")
    document = Document(source.encode(), "index.ts")
    (first,) = analysed("AWS011", engine, document)
    assert "noncurrentVersionExpiration" not in first[2]
    replace(document, "'Suspended'", "'Enabled'")
    (after,) = same_as_fresh("AWS011", engine, document)
    assert "noncurrentVersionExpiration" in after[2]
