"""A rule's findings about one subject, kept across edits while what they were made from holds.

Most rules look at one resource (or one policy, one template) at a time and report on it. Those
findings depend on the subject's own statement and on what was looked up while checking it: names
resolved (recorded as :mod:`pulumi_lint.derived` records them) and constructions of other types
enumerated (``type:`` keys, recorded by :func:`~pulumi_lint.aws_model.constructions_of`). A
keystroke elsewhere in a 5,000-line file changes none of that for almost every subject, so
:func:`each` gives the findings of the last analysis again, moved with their statements, instead
of checking the subject again.

A kept finding's position is stored relative to the statement that holds it, so it moves with
that statement. Its fixes are not kept: they are byte edits of the text they were made on. When a
kept finding's fixes are asked for, the subject is checked again on the current text and the
fixes of the same finding are taken from that.

Findings are kept only while the analysis scope is the same (:class:`Scope`): the same engine
(configuration), the same date, and the same project files.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from .derived import _shared
from .findings import Finding, Fix, LazyFixes
from .model import Located
from .rule import FixAvailability

if TYPE_CHECKING:
    from .model import Anchor
    from .rule import Context

class Scope:
    """What every kept finding of one document assumes besides its statement and names: the
    engine (its configuration), the date, the project and the models of the project's other files.

    A new scope makes every kept finding of the document be worked out again: each entry holds the
    scope it was made in, and the engine starts a new one when any of these differs.
    """

    __slots__ = ("engine", "today", "project", "others")

    def __init__(self, engine: object, today: date, project: object, others: tuple[object, ...]) -> None:
        self.engine = engine
        self.today = today
        self.project = project
        self.others = others

    def same(self, other: Scope) -> bool:
        return (
            self.engine is other.engine
            and self.today == other.today
            and self.project is other.project
            and len(self.others) == len(other.others)
            and all(a is b for a, b in zip(self.others, other.others, strict=True))
        )


class _Kept:
    """One subject's findings as last worked out; ``located`` is None when they cannot move with
    their statements (a finding outside any statement, or across two)."""

    __slots__ = ("located", "names", "generation", "scope", "args")

    def __init__(
        self,
        located: list[tuple[Finding, Anchor, int]] | None,
        names: frozenset[str],
        generation: int,
        scope: Scope,
        args: tuple[Any, ...],
    ) -> None:
        self.located = located
        self.names = names
        self.generation = generation
        self.scope = scope
        self.args = args


Check = Callable[..., Iterable[Finding]]


def each(ctx: Context, subject: Any, check: Check, *args: Any) -> list[Finding]:
    """``check(ctx, subject, *args)``, or its findings of the last analysis when they still hold.

    ``subject`` is a fact of the model: a located one (a value, a property) or one that has a
    ``value`` (a construction, a call); its findings are kept with its statement.

    ``check`` must depend only on ``subject``'s statement, ``args`` (compared by equality), the
    rule's options, and what it looks up through ``ctx.program`` (names resolved, constructions
    enumerated with ``constructions_of`` or ``resources_of``, or :func:`~pulumi_lint.derived.depend`
    for anything else). Its findings may lie in other statements than the subject's.
    """
    program = ctx.program
    store = program.store
    scope = ctx.scope
    # Called some thousand times per keystroke on a large file: the common path (kept, nothing to
    # report) does without method calls.
    anchor = subject.anchor if isinstance(subject, Located) else subject.value.anchor
    part = store.part_of.get(id(anchor)) if store is not None else None
    if store is None or part is None or scope is None:
        return list(check(ctx, subject, *args))
    # One dictionary per rule and statement: a key per subject tuple would cost an allocation each.
    memo = part.memo
    key = ctx.kept_key
    kept: dict[int, _Kept] | None = memo.get(key)
    if kept is None:
        kept = memo[key] = {}
    entry = kept.get(id(subject))
    tracking = program.tracking
    if entry is not None and entry.scope is scope and entry.args == args:
        generation = store.generation
        made = entry.generation
        if made == generation:
            valid = True
        else:
            since = store.since
            changed = since[made] if made in since else store.changed_since(made)
            valid = changed is not None and entry.names.isdisjoint(changed)
        positions = entry.located
        if valid and positions is not None:
            if not positions:
                entry.generation = generation
                if tracking:  # what encloses this (a kept result) rests on what this rests on
                    tracking[-1].update(entry.names)
                return []  # most subjects have nothing to report
            if all(id(at) in store.part_of for _finding, at, _rs in positions):
                entry.generation = generation
                if tracking:
                    tracking[-1].update(entry.names)
                return [_moved(ctx, finding, at, rs, subject, check, args) for finding, at, rs in positions]
    tracking.append(set())
    try:
        findings = list(check(ctx, subject, *args))
    finally:
        names = _shared(frozenset(tracking.pop()))
        if tracking:
            tracking[-1].update(names)
    kept[id(subject)] = _Kept(_locate(ctx, findings), names, store.generation, scope, args)
    return findings


def _locate(ctx: Context, findings: Sequence[Finding]) -> list[tuple[Finding, Anchor, int]] | None:
    """Each finding with the statement it lies in, or None if one lies in no single statement."""
    spans = ctx.document.statements.spans
    starts = _starts(ctx)
    located: list[tuple[Finding, Anchor, int]] = []
    for finding in findings:
        index = bisect.bisect_right(starts, finding.start) - 1
        if index < 0:
            return None
        start, end, _kind, anchor, _facts = spans[index]
        if finding.end > end or anchor.base != start:
            return None
        # A copy: the engine sets the configured severity on the finding it reports.
        kept = Finding(
            finding.code, finding.name, finding.message, finding.start, finding.end, finding.severity,
            (), finding.tags, finding.path, finding.extra,
        )
        located.append((kept, anchor, finding.start - start))
    return located


def _starts(ctx: Context) -> list[int]:
    statements = ctx.document.statements
    cached: list[int] | None = ctx.program.memo.get("statement-starts")
    if cached is None:
        cached = ctx.program.memo["statement-starts"] = [span[0] for span in statements.spans]
    return cached


def _moved(
    ctx: Context, kept: Finding, anchor: Anchor, rs: int, subject: Any, check: Check, args: tuple[Any, ...]
) -> Finding:
    start = anchor.base + rs
    finding = Finding(
        kept.code, kept.name, kept.message, start, start + kept.end - kept.start, kept.severity,
        (), kept.tags, kept.path, dict(kept.extra),
    )
    if ctx.rule.meta.fix is not FixAvailability.NONE:
        document = ctx.document
        source = document.source
        # The fixes are found by the finding's place and message, through a copy without fixes: a
        # closure over the finding itself would be a reference cycle (finding, fixes, closure).
        probe = Finding(finding.code, finding.name, finding.message, finding.start, finding.end, finding.severity)
        finding.fixes = LazyFixes(
            lambda: _fixes_again(ctx, probe, subject, check, args),
            lambda: document.source is source,
            kept.code,
        )
    return finding


def _fixes_again(
    ctx: Context, finding: Finding, subject: Any, check: Check, args: tuple[Any, ...]
) -> Iterable[Fix]:
    """The fixes of ``finding`` (a kept one), from checking its subject again on the current text."""
    for fresh in check(ctx, subject, *args):
        if fresh.same_as(finding):
            return tuple(fresh.fixes)
    return ()
