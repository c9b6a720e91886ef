"""Which statements can read a resource: a reverse lookup whose answer a kept finding depends on.

A rule asking "does anything read this queue under a dead-letter key" or "does another resource
read this function" answers from the statements that read the resource's variable, directly or
through ``const`` aliases (``const target = queue.arn``, then ``target`` elsewhere): the values of
the model reach a resource only through identifiers, and every identifier is a read of its name.
A statement that comes, goes or is edited records the names it reads (``read_key``), so a check
that depends on the read keys of those names sees every such statement that could start or stop
reading the resource.
"""

from __future__ import annotations

from collections.abc import Iterable

from pulumi_lint.derived import ANY_TYPE, depend, fact_key, read_key
from pulumi_lint.model import Program, Span, Value

# Every kind of fact a statement can hold: a statement that holds a value holds one of them, so
# depending on all is depending on any statement that holds a value coming, going or being edited.
_FACT_KINDS = (
    "imports", "reexports", "classes", "calls", "templates", "concatenations", "comments", "writes",
    "exports", "functions", "any_types", "syntax_errors", "statements", "variables",
)


class Readers:
    """The statements that can reach a resource through names (see :func:`reading_statements`)."""

    __slots__ = ("subject", "statements", "_reads")

    def __init__(self, subject: Value, statements: list[Program], reads: dict[int, list[Span]]) -> None:
        self.subject = subject
        self.statements = statements
        # By statement (the id of its anchor): where it reads one of the names.
        self._reads = reads

    def within(self, value: Value) -> bool:
        """Whether ``value`` (of one of the statements) holds the resource or a read of one of the
        names: a value that does not cannot reach the resource, through any name."""
        lo = value.rs
        hi = lo + value.size
        subject = self.subject
        if value.anchor is subject.anchor and lo <= subject.rs and subject.rs + subject.size <= hi:
            return True
        return any(lo <= span.rs < hi for span in self._reads.get(id(value.anchor), ()))


def reading_statements(program: Program, subject: Value, refs: Iterable[str]) -> Readers | None:
    """The statements (their facts) that can reach ``subject`` (a ``new`` value) through names: its
    own statement, and those that read one of ``refs`` (the names that stand for it), a ``const``
    whose value holds it, or a ``const`` whose value reads one of these, transitively; the names
    are recorded as dependencies of the check being worked out.

    An over-approximation (names are matched whatever their scope): a caller still checks each
    value it finds. None when it cannot be answered this way: a ``this.x`` reference (no name is
    read), or a program without per-statement facts; the caller then looks at every statement and
    calls :func:`depend_on_every_statement`.
    """
    store = program.store
    names = list(refs)
    if store is None or any("." in name for name in names):
        return None
    part_of = store.part_of
    own = part_of.get(id(subject.anchor))
    if own is None:
        return None
    found: dict[int, Program] = {id(own): own}
    # ``const x = { dlq: new aws.sqs.Queue(...) }``: ``x.dlq`` reaches the queue.
    names.extend(
        decl.name
        for decl in own.variables
        if decl.value is not None and decl.value.anchor is subject.anchor and decl.value.encloses(subject)
    )
    reads = program.reads
    seen = set(names)
    spans: dict[int, list[Span]] = {}
    while names:
        name = names.pop()
        depend(program, read_key(name))
        for span in reads.get(name, ()):
            part = part_of.get(id(span.anchor))
            if part is None:
                return None
            found.setdefault(id(part), part)
            spans.setdefault(id(span.anchor), []).append(span)
            for decl in part.variables:
                value = decl.value
                # Resolving a name to a ``new`` stops there: the resource, not its inputs.
                if (
                    value is not None
                    and value.kind != "new"
                    and decl.name not in seen
                    and value.anchor is span.anchor
                    and value.rs <= span.rs < value.rs + value.size
                ):
                    seen.add(decl.name)
                    names.append(decl.name)
    return Readers(subject, list(found.values()), spans)


def depend_on_every_statement(program: Program) -> None:
    """Record that the check looked at every statement: any statement with facts that comes, goes
    or is edited checks it again."""
    depend(program, ANY_TYPE, *(fact_key(kind) for kind in _FACT_KINDS))
