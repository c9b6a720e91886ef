"""Edits of other statements, checked against a fresh open: the shared step of the tests of rules
whose findings are kept across edits (tests/test_kept_*.py)."""

from __future__ import annotations

from pulumi_lint.config import LintConfig
from pulumi_lint.document import Document
from pulumi_lint.engine import Engine
from pulumi_lint.findings import Finding


def summary(findings: list[Finding], code: str) -> list[tuple[object, ...]]:
    """What ``code`` reports, fixes included (a kept finding's fixes come from checking again)."""
    return [
        (f.start, f.end, f.message, f.severity, tuple((x.title, x.applicability, x.edits) for x in f.fixes))
        for f in findings
        if f.code == code
    ]


def check_edits(code: str, source: str, edits: list[tuple[str, str]], path: str = "index.ts") -> None:
    """Apply each (old, new) replacement in turn to one document analysed by one engine: each must
    change ``code``'s findings, and they must be those of a fresh open of the new text."""
    engine = Engine(LintConfig(select=[code]))
    text = source
    document = Document(text.encode(), path)
    before = summary(engine.analyse(document).findings, code)
    for old, new in edits:
        at = text.index(old)
        start = len(text[:at].encode())
        document.apply_change(start, start + len(old.encode()), new.encode())
        text = text[:at] + new + text[at + len(old) :]
        assert document.source == text.encode()
        edited = summary(engine.analyse(document).findings, code)
        fresh = summary(Engine(LintConfig(select=[code])).analyse(Document(text.encode(), path)).findings, code)
        assert edited == fresh, (old, new)
        assert edited != before, f"the edit {old!r} -> {new!r} was meant to change {code}'s findings"
        before = edited


def fresh(code: str, text: str, path: str = "index.ts") -> list[tuple[object, ...]]:
    """``code``'s findings in a fresh open of ``text`` at ``path``."""
    return summary(Engine(LintConfig(select=[code])).analyse(Document(text.encode(), path)).findings, code)


def analysed(code: str, engine: Engine, document: Document) -> list[tuple[object, ...]]:
    """``code``'s findings when ``engine`` analyses ``document`` (again)."""
    return summary(engine.analyse(document).findings, code)


def replace(document: Document, old: str, new: str) -> None:
    """Replace the first ``old`` in ``document`` by ``new``, as an editor's change would."""
    start = document.source.index(old.encode())
    document.apply_change(start, start + len(old.encode()), new.encode())


def same_as_fresh(code: str, engine: Engine, document: Document) -> list[tuple[object, ...]]:
    """``code``'s findings on ``document`` analysed again, asserted equal to a fresh open's."""
    kept = analysed(code, engine, document)
    assert kept == fresh(code, document.source.decode(), document.path or "index.ts")
    return kept


def edited_and_fresh(code: str, source: bytes, old: bytes, new: bytes) -> tuple[list[tuple[object, ...]], ...]:
    """``code``'s findings before replacing ``old`` by ``new`` in an analysed document, after it,
    and those of a fresh document of the new text."""
    engine = Engine(LintConfig(select=[code]))
    document = Document(source, "index.ts")
    before = analysed(code, engine, document)
    at = source.index(old)
    document.apply_change(at, at + len(old), new)
    edited = analysed(code, engine, document)
    return before, edited, fresh(code, document.source.decode(), "index.ts")
