"""Answers kept across edits (derived.py): reused while the names they looked up are unchanged,
worked out again when one of them changes, when an import changes, or with their statement."""

from __future__ import annotations

from pathlib import Path

from pulumi_lint.derived import derived
from pulumi_lint.document import Document
from pulumi_lint.engine import Engine
from pulumi_lint.model import Program, Value
from pulumi_lint.model_builder import build_program

SOURCE = b"""import * as aws from '@pulumi/aws';

const prefix = 'orders';
const unrelated = 1;
const bucket = new aws.s3.Bucket('b', { bucket: prefix });
"""


def _bucket_name(document: Document) -> tuple[Program, Value]:
    program = build_program(document.tree, document.source, document.statements)
    (construction,) = program.constructions
    prop = program.property(construction.args, "bucket")
    assert prop is not None and prop.value is not None
    return program, prop.value


def _resolved_string(program: Program, value: Value, calls: list[int]) -> str | None:
    def compute() -> str | None:
        calls.append(1)
        resolved = program.resolve(value)
        return resolved.string if resolved is not None else None

    return derived(program, value, "test.string", compute)


def _edit(document: Document, old: bytes, new: bytes) -> None:
    start = document.source.index(old)
    document.apply_change(start, start + len(old), new)


def test_an_answer_is_reused_across_an_edit_of_an_unrelated_statement() -> None:
    document = Document(SOURCE, "/tmp/index.ts")
    calls: list[int] = []
    program, value = _bucket_name(document)
    assert _resolved_string(program, value, calls) == "orders"
    _edit(document, b"const unrelated = 1;", b"const unrelated = 22;")
    program, value = _bucket_name(document)
    assert _resolved_string(program, value, calls) == "orders"
    assert len(calls) == 1


def test_an_answer_is_worked_out_again_when_a_name_it_read_changes() -> None:
    document = Document(SOURCE, "/tmp/index.ts")
    calls: list[int] = []
    program, value = _bucket_name(document)
    assert _resolved_string(program, value, calls) == "orders"
    _edit(document, b"'orders'", b"'invoices'")
    program, value = _bucket_name(document)
    assert _resolved_string(program, value, calls) == "invoices"
    assert len(calls) == 2


def test_an_import_change_invalidates_every_answer() -> None:
    document = Document(SOURCE, "/tmp/index.ts")
    calls: list[int] = []
    program, value = _bucket_name(document)
    _resolved_string(program, value, calls)
    _edit(document, b"import * as aws", b"import * as awsx")
    program, value = _bucket_name(document)
    _resolved_string(program, value, calls)
    assert len(calls) == 2


def test_an_answer_goes_with_its_statement() -> None:
    document = Document(SOURCE, "/tmp/index.ts")
    calls: list[int] = []
    program, value = _bucket_name(document)
    _resolved_string(program, value, calls)
    _edit(document, b"new aws.s3.Bucket('b'", b"new aws.s3.Bucket('c'")
    program, value = _bucket_name(document)
    assert _resolved_string(program, value, calls) == "orders"
    assert len(calls) == 2


def test_an_analysis_leaves_no_reference_cycles() -> None:
    import gc

    path = Path(__file__).parent / "rules" / "AWS005" / "bad.ts"
    document = Document(path.read_bytes() + b"\nconst unrelated = 1;\n", str(path))
    engine = Engine()
    engine.analyse(document)
    gc.collect()
    for old, new in ((b"unrelated = 1", b"unrelated = 2"), (b"unrelated = 2", b"unrelated = 3")):
        _edit(document, old, new)
        engine.analyse(document)
    gc.disable()
    try:
        assert gc.collect() == 0
    finally:
        gc.enable()
