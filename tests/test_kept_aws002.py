"""AWS002's findings kept across edits follow what other statements say about a policy statement:
which resource the policy is given to (a KMS key's policy may use `Resource: '*'`) and which
statements make up the policy."""

from __future__ import annotations

from pulumi_lint.config import LintConfig
from pulumi_lint.document import Document
from pulumi_lint.engine import Engine

CONFIG = LintConfig(select=["AWS002"])

DOCUMENT = (
    "const keyPolicy = {\n"
    "  Version: '2012-10-17',\n"
    "  Statement: [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }],\n"
    "};\n"
)
KEY = "new aws.kms.Key('key', { policy: JSON.stringify(keyPolicy) });\n"
SOURCE = "import * as aws from '@pulumi/aws';\n" + DOCUMENT + KEY


def _summary(engine: Engine, document: Document) -> list[tuple[int, int, str]]:
    return [(f.start, f.end, f.message) for f in engine.analyse(document).findings]


def _replace(document: Document, old: str, new: str) -> None:
    start = document.source.index(old.encode())
    document.apply_change(start, start + len(old.encode()), new.encode())


def _same_as_fresh(engine: Engine, document: Document) -> list[tuple[int, int, str]]:
    kept = _summary(engine, document)
    assert kept == _summary(Engine(CONFIG), Document(document.source, "index.ts"))
    return kept


def test_the_key_the_policy_is_given_to_going_and_coming_back() -> None:
    engine = Engine(CONFIG)
    document = Document(SOURCE.encode(), "index.ts")
    assert _summary(engine, document) == [], "a key policy's `Resource: '*'` means the key"
    _replace(document, KEY, "")
    (finding,) = _same_as_fresh(engine, document)
    assert "every resource in the account" in finding[2]
    document.apply_change(len(document.source), len(document.source), KEY.encode())
    assert _same_as_fresh(engine, document) == []


def test_the_owner_becoming_another_resource() -> None:
    engine = Engine(CONFIG)
    document = Document(SOURCE.encode(), "index.ts")
    assert _summary(engine, document) == []
    _replace(document, "new aws.kms.Key('key'", "new aws.iam.Policy('key'")
    assert len(_same_as_fresh(engine, document)) == 1


def test_a_statement_given_by_a_constant_changing() -> None:
    engine = Engine(CONFIG)
    source = SOURCE.replace(KEY, "new aws.iam.Policy('p', { policy: JSON.stringify(keyPolicy) });\n")
    statement = "{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }"
    source = source.replace(f"[{statement}]", "[decrypt]")
    source = source.replace("const keyPolicy", f"const decrypt = {statement};\nconst keyPolicy")
    document = Document(source.encode(), "index.ts")
    assert len(_summary(engine, document)) == 1
    _replace(document, "Effect: 'Allow'", "Effect: 'Deny'")
    assert _same_as_fresh(engine, document) == []
    # The document no longer lists the statement: the statement's own text is unchanged.
    _replace(document, "Effect: 'Deny'", "Effect: 'Allow'")
    assert len(_same_as_fresh(engine, document)) == 1
    _replace(document, "[decrypt]", "[]")
    assert _same_as_fresh(engine, document) == []
