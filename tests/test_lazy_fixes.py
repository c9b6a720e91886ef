"""Fixes are made when asked for (findings.LazyFixes), for the text the finding was made on."""

from __future__ import annotations

from pathlib import Path

from pulumi_lint.document import Document
from pulumi_lint.engine import Engine
from pulumi_lint.findings import Applicability, Edit, Fix, LazyFixes

EXAMPLE = Path(__file__).parent / "rules" / "AWS005" / "bad.ts"


def test_fixes_are_made_only_when_read() -> None:
    made: list[int] = []

    def make() -> list[Fix]:
        made.append(1)
        return [Fix("title", (Edit(0, 0, "x"),), Applicability.SAFE)]

    fixes = LazyFixes(make, lambda: True, "X001")
    assert made == []
    assert fixes[0].title == "title" and len(fixes) == 1 and fixes == (fixes[0],)
    assert made == [1], "made once, then kept"


def test_a_fix_asked_for_after_the_text_changed_is_refused() -> None:
    document = Document(EXAMPLE.read_bytes(), str(EXAMPLE))
    findings = Engine().analyse(document).findings
    lazy = [f for f in findings if isinstance(f.fixes, LazyFixes)]
    assert lazy, "the example's AWS005 findings carry fixes made on demand"
    document.apply_change(0, 0, b"// edited\n")
    assert all(len(f.fixes) == 0 for f in lazy)


def test_fixes_read_before_an_edit_stay_those_of_that_text() -> None:
    document = Document(EXAMPLE.read_bytes(), str(EXAMPLE))
    findings = Engine().analyse(document).findings
    lazy = [f for f in findings if isinstance(f.fixes, LazyFixes)]
    before = [tuple(f.fixes) for f in lazy]
    document.apply_change(0, 0, b"// edited\n")
    assert [tuple(f.fixes) for f in lazy] == before
    assert any(before)


def test_a_fix_that_raises_is_offered_as_no_fix() -> None:
    def broken() -> list[Fix]:
        raise RuntimeError("bug in a fix")

    fixes = LazyFixes(broken, lambda: True, "X001")
    assert list(fixes) == []
