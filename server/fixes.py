"""Applying fixes to source text: non-overlapping, never leaving a file that no longer parses."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from .findings import Applicability, Edit, Finding, Fix

log = logging.getLogger(__name__)

# Each pass applies every fix that does not overlap an earlier one; later passes pick up the
# rest. Real files settle in two or three passes; the bound stops two fixes that undo each other.
MAX_FIX_PASSES = 10


def apply_edits(source: bytes, edits: Sequence[Edit]) -> bytes:
    """Apply non-overlapping edits (byte offsets into ``source``)."""
    out: list[bytes] = []
    cursor = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.start < cursor:
            raise ValueError(f"overlapping edit at byte {edit.start}")
        out.append(source[cursor : edit.start])
        out.append(edit.text.encode("utf-8"))
        cursor = edit.end
    out.append(source[cursor:])
    return b"".join(out)


def _overlaps(edit: Edit, taken: list[tuple[int, int]]) -> bool:
    for start, end in taken:
        # Two insertions at the same point conflict too: their order would be arbitrary.
        if edit.start < end and start < edit.end:
            return True
        if edit.start == edit.end == start == end:
            return True
        if edit.start == edit.end and start < edit.start < end:
            return True
        if start == end and edit.start < start < edit.end:
            return True
    return False


def well_formed(fix: Fix) -> bool:
    """Whether the edits of ``fix`` can be applied together (a rule's bug must not crash fix-all)."""
    taken: list[tuple[int, int]] = []
    for edit in fix.edits:
        if edit.start > edit.end or _overlaps(edit, taken):
            return False
        taken.append((edit.start, edit.end))
    return True


def select_fixes(findings: Iterable[Finding], unsafe: bool) -> list[Fix]:
    """The first eligible fix of each finding, dropping any that overlaps one already chosen."""
    chosen: list[Fix] = []
    taken: list[tuple[int, int]] = []
    for finding in sorted(findings, key=lambda f: f.sort_key):
        fix = next(
            (f for f in finding.fixes if f.applicability is Applicability.SAFE or unsafe),
            None,
        )
        if fix is None or any(_overlaps(e, taken) for e in fix.edits):
            continue
        if not well_formed(fix):
            log.error("%s: fix %r has overlapping edits; skipped", finding.code, fix.title)
            continue
        chosen.append(fix)
        taken.extend((e.start, e.end) for e in fix.edits)
    return chosen


@dataclass(slots=True)
class FixResult:
    source: bytes
    applied: int
    passes: int
    remaining: list[Finding]


def fix_all(
    source: bytes,
    lint: Callable[[bytes], list[Finding]],
    parses: Callable[[bytes], bool],
    *,
    unsafe: bool = False,
    max_passes: int = MAX_FIX_PASSES,
) -> FixResult:
    """Lint, apply fixes, re-lint, until nothing changes or the bound is reached.

    A pass whose fixes together break the parse is retried one fix at a time, keeping only the
    fixes that leave the file parsing (when it parsed before).
    """
    applied = 0
    passes = 0
    findings = lint(source)
    while passes < max_passes:
        fixes = select_fixes(findings, unsafe)
        if not fixes:
            break
        passes += 1
        candidate = apply_edits(source, [e for fix in fixes for e in fix.edits])
        if not parses(candidate) and parses(source):
            candidate, count = _first_fix_that_parses(source, fixes, parses)
        else:
            count = len(fixes)
        if candidate == source or count == 0:
            break
        source = candidate
        applied += count
        findings = lint(source)
    return FixResult(source, applied, passes, findings)


def _first_fix_that_parses(
    source: bytes, fixes: list[Fix], parses: Callable[[bytes], bool]
) -> tuple[bytes, int]:
    # Apply the first fix that keeps the file parsing; the next pass of fix_all re-lints and
    # offers the others again at their new offsets.
    for fix in fixes:
        candidate = apply_edits(source, fix.edits)
        if parses(candidate):
            return candidate, 1
    return source, 0
