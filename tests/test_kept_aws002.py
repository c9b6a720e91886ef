"""AWS002's findings kept across edits follow what other statements say about a policy statement:
which resource the policy is given to (a KMS key's policy may use `Resource: '*'`) and which
statements make up the policy."""

from __future__ import annotations

from pulumi_lint.config import LintConfig
from pulumi_lint.document import Document
from pulumi_lint.engine import Engine

from .kept_edits import analysed, replace, same_as_fresh

CONFIG = LintConfig(select=["AWS002"])

DOCUMENT = (
    "const keyPolicy = {\n"
    "  Version: '2012-10-17',\n"
    "  Statement: [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }],\n"
    "};\n"
)
KEY = "new aws.kms.Key('key', { policy: JSON.stringify(keyPolicy) });\n"
SOURCE = "import * as aws from '@pulumi/aws';\n" + DOCUMENT + KEY


def test_the_key_the_policy_is_given_to_going_and_coming_back() -> None:
    engine = Engine(CONFIG)
    document = Document(SOURCE.encode(), "index.ts")
    assert analysed("AWS002", engine, document) == [], "a key policy's `Resource: '*'` means the key"
    replace(document, KEY, "")
    (finding,) = same_as_fresh("AWS002", engine, document)
    assert "every resource in the account" in finding[2]
    document.apply_change(len(document.source), len(document.source), KEY.encode())
    assert same_as_fresh("AWS002", engine, document) == []


def test_the_owner_becoming_another_resource() -> None:
    engine = Engine(CONFIG)
    document = Document(SOURCE.encode(), "index.ts")
    assert analysed("AWS002", engine, document) == []
    replace(document, "new aws.kms.Key('key'", "new aws.iam.Policy('key'")
    assert len(same_as_fresh("AWS002", engine, document)) == 1


def test_a_statement_given_by_a_constant_changing() -> None:
    engine = Engine(CONFIG)
    source = SOURCE.replace(KEY, "new aws.iam.Policy('p', { policy: JSON.stringify(keyPolicy) });\n")
    statement = "{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }"
    source = source.replace(f"[{statement}]", "[decrypt]")
    source = source.replace("const keyPolicy", f"const decrypt = {statement};\nconst keyPolicy")
    document = Document(source.encode(), "index.ts")
    assert len(analysed("AWS002", engine, document)) == 1
    replace(document, "Effect: 'Allow'", "Effect: 'Deny'")
    assert same_as_fresh("AWS002", engine, document) == []
    # The document no longer lists the statement: the statement's own text is unchanged.
    replace(document, "Effect: 'Deny'", "Effect: 'Allow'")
    assert len(same_as_fresh("AWS002", engine, document)) == 1
    replace(document, "[decrypt]", "[]")
    assert same_as_fresh("AWS002", engine, document) == []
