"""Findings kept per subject across edits (kept_findings.each): reused while their statement, the
names they looked up and the constructions they enumerated are unchanged, moved with their
statement, and checked again otherwise."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from pulumi_lint.aws_model import constructions_of, number_of
from pulumi_lint.config import LintConfig
from pulumi_lint.document import Document
from pulumi_lint.engine import Engine
from pulumi_lint.findings import Applicability, Finding, Severity
from pulumi_lint.fixes import apply_edits
from pulumi_lint.kept_findings import each
from pulumi_lint.model import Construction
from pulumi_lint.rule import Context, FixAvailability, Rule, RuleMeta

HEADER = b'import * as aws from "@pulumi/aws";\n'
FUNCTION = b'const fn = new aws.lambda.Function("fn", { memorySize: size, role: "r" });\n'
SIZE = b"const size = 4096;\n"


class Probe:
    """A rule reporting every Lambda function's memorySize above 1024, counting its checks."""

    def __init__(self, *, with_queues: bool = False, elsewhere: bool = False) -> None:
        self.checked: list[int] = []
        self.with_queues = with_queues
        self.elsewhere = elsewhere
        meta = RuleMeta("TST001", "probe", Severity.WARNING, fix=FixAvailability.SOMETIMES)
        self.rule = Rule(meta, "Probe.", self.check, "probe")

    def check(self, ctx: Context) -> Iterator[Finding]:
        for fn in constructions_of(ctx.program, "aws.lambda.Function"):
            yield from each(ctx, fn, self.check_one)

    def check_one(self, ctx: Context, fn: Construction) -> Iterator[Finding]:
        self.checked.append(fn.value.start)
        program = ctx.program
        if self.with_queues and any(constructions_of(program, "aws.sqs.Queue")):
            return
        prop = program.property(fn.args, "memorySize")
        if prop is None or prop.value is None:
            return
        size = number_of(program, prop.value)
        if size is None or size <= 1024:
            return
        # Across the import and the next statement: a range no single statement holds.
        where = (0, len(HEADER) + len(SIZE) - 1) if self.elsewhere else prop.value
        fix = ctx.fix("Set 1024", [ctx.edit(prop.value.start, prop.value.end, "1024")], Applicability.SAFE)
        yield ctx.finding(where, f"memorySize {size:g}", fixes=[fix])


def _analyse(engine: Engine, document: Document) -> list[Finding]:
    return [f for f in engine.analyse(document).findings if f.code == "TST001"]


def _positions(findings: list[Finding]) -> list[tuple[int, int, str]]:
    return [(f.start, f.end, f.message) for f in findings]


def test_a_kept_finding_moves_with_its_statement_without_a_new_check() -> None:
    probe = Probe()
    engine = Engine(rules=[probe.rule])
    source = HEADER + SIZE + FUNCTION
    document = Document(source, "index.ts")
    first = _analyse(engine, document)
    assert [f.message for f in first] == ["memorySize 4096"] and len(probe.checked) == 1
    document.apply_change(len(HEADER), len(HEADER), b"// a comment above\n")
    moved = _analyse(engine, document)
    assert len(probe.checked) == 1, "nothing the finding depends on changed"
    fresh = _analyse(Engine(rules=[Probe().rule]), Document(document.source, "index.ts"))
    assert _positions(moved) == _positions(fresh)
    assert document.source[moved[0].start : moved[0].end] == b"size"


def test_the_fix_of_a_kept_finding_edits_the_current_text() -> None:
    probe = Probe()
    engine = Engine(rules=[probe.rule])
    document = Document(HEADER + SIZE + FUNCTION, "index.ts")
    _analyse(engine, document)
    document.apply_change(0, 0, b"// moved down\n")
    (finding,) = _analyse(engine, document)
    (fix,) = finding.fixes
    fixed = apply_edits(document.source, fix.edits)
    assert b"memorySize: 1024" in fixed and fixed.startswith(b"// moved down\n")
    assert len(probe.checked) == 2, "the fix came from checking the function again"


def test_an_edit_of_the_subject_checks_it_again() -> None:
    probe = Probe()
    engine = Engine(rules=[probe.rule])
    source = HEADER + SIZE + FUNCTION
    document = Document(source, "index.ts")
    _analyse(engine, document)
    at = source.index(b'"r"') + 1
    document.apply_change(at, at + 1, b"x")
    assert [f.message for f in _analyse(engine, document)] == ["memorySize 4096"]
    assert len(probe.checked) == 2


def test_a_name_it_looked_up_changing_elsewhere_checks_it_again() -> None:
    probe = Probe()
    engine = Engine(rules=[probe.rule])
    source = HEADER + SIZE + FUNCTION
    document = Document(source, "index.ts")
    _analyse(engine, document)
    at = source.index(b"4096")
    document.apply_change(at, at + 4, b"512")
    assert _analyse(engine, document) == []
    assert len(probe.checked) == 2


def test_a_construction_of_an_enumerated_type_coming_or_going_checks_it_again() -> None:
    probe = Probe(with_queues=True)
    engine = Engine(rules=[probe.rule])
    source = HEADER + SIZE + FUNCTION
    document = Document(source, "index.ts")
    assert len(_analyse(engine, document)) == 1
    queue = b'new aws.sqs.Queue("q");\n'
    document.apply_change(len(source), len(source), queue)
    assert _analyse(engine, document) == [], "a queue now exists"
    document.apply_change(len(source), len(source) + len(queue), b"")
    assert len(_analyse(engine, document)) == 1, "and is gone again"
    assert len(probe.checked) == 3
    unrelated = b'new aws.s3.Bucket("b");\n'
    document.apply_change(len(source), len(source), unrelated)
    assert len(_analyse(engine, document)) == 1
    assert len(probe.checked) == 3, "a bucket is not a queue"


def test_another_configuration_or_date_checks_again() -> None:
    probe = Probe()
    document = Document(HEADER + SIZE + FUNCTION, "index.ts")
    engine = Engine(rules=[probe.rule], today=date(2026, 1, 1))
    _analyse(engine, document)
    _analyse(engine, document)
    assert len(probe.checked) == 1
    _analyse(engine.with_config(LintConfig()), document)
    assert len(probe.checked) == 2
    _analyse(Engine(rules=[probe.rule], today=date(2026, 1, 2)), document)
    assert len(probe.checked) == 3


def test_a_finding_across_statements_is_checked_each_time() -> None:
    probe = Probe(elsewhere=True)
    engine = Engine(rules=[probe.rule])
    document = Document(HEADER + SIZE + FUNCTION, "index.ts")
    first = _analyse(engine, document)
    document.apply_change(len(HEADER), len(HEADER), b"\n")
    second = _analyse(engine, document)
    assert [f.start for f in first] == [f.start for f in second] == [0]
    assert second[0].fixes[0].edits[0].start == first[0].fixes[0].edits[0].start + 1
    assert len(probe.checked) == 2
