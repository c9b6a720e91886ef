"""Results derived from the program model, kept across edits while what they read is unchanged.

Rules ask the same questions on every keystroke: what a value resolves to, which names it reads,
which resource it refers to. The answers for a value depend on its own statement and on the
declarations its names resolve to, which an edit elsewhere seldom touches. So an answer is kept
with the statement that holds the value (dropped with it when its text changes), together with
the names it looked up while it was worked out; each build of the model records the names its
edit declared or removed, and an answer is reused only if none of its names is among them.

Names are recorded where lookups happen (:meth:`Program.variable`, :func:`depend`), so a derived
result never has to list its dependencies itself, and an answer built from other answers
inherits their names.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from .model import Located, Program

T = TypeVar("T")

# Change sets older than this many builds are forgotten: what depended on them is recomputed.
_HISTORY = 64
# The key that stands for every name: imports changed, so resource types may have too.
EVERYTHING = "*"
# ``this.x = name`` in a class makes ``this.x`` another name for what ``name`` stands for.
# ``this=<name>`` is changed with an assignment of ``name``; GLOBAL_THIS with an assignment whose
# name may stand for something outside its own statement.
THIS_ASSIGNED = "this="
GLOBAL_THIS = "<this-global>"
# A construction of any type came or went: what enumerating every construction depends on.
ANY_TYPE = "type:*"


def type_key(resource_type: str) -> str:
    """The name a build records when a construction of ``resource_type`` comes or goes."""
    return "type:" + resource_type


def read_key(name: str) -> str:
    """The name a build records when a statement that reads identifier ``name`` comes or goes:
    what a check that looks for the readers of a name (the opposite of resolving it) depends on."""
    return "read:" + name


def fact_key(field: str) -> str:
    """The name a build records when a statement with facts of ``field`` of the model (``calls``,
    ``classes``, ``templates``...) comes or goes: what enumerating them depends on."""
    return "facts:" + field


class DerivedStore:
    """The build history of one document's model: which names each build changed.

    ``part_of`` maps a statement's anchor to the statement's facts, whose ``memo`` holds the
    answers about values of that statement.
    """

    __slots__ = ("generation", "changes", "part_of", "since", "scope", "kept")

    def __init__(self) -> None:
        self.generation = 0
        self.changes: dict[int, frozenset[str]] = {}
        self.part_of: dict[int, Program] = {}
        # generation -> every name changed after it (None: too long ago, or imports changed); read
        # directly by the hottest callers (kept_findings.each), filled by changed_since.
        self.since: dict[int, frozenset[str] | None] = {}
        # The scope the document's kept findings were made in (see kept_findings.py).
        self.scope: object = None
        # File-wide results kept across builds by whoever made them, each checking itself.
        self.kept: dict[str, object] = {}

    def note(self, names: Iterable[str]) -> None:
        """Add ``names`` to what the current build changed (facts known only after the walk)."""
        current = self.changes.get(self.generation, frozenset())
        if not current.issuperset(names):
            self.changes[self.generation] = current.union(names)
            self.since = {}

    def advance(self, changed: frozenset[str], parts: Iterable[Program]) -> None:
        self.generation += 1
        self.changes[self.generation] = changed
        self.changes.pop(self.generation - _HISTORY, None)
        self.since = {}
        self.part_of = {id(part.anchor): part for part in parts if part.anchor is not None}

    def changed_since(self, generation: int) -> frozenset[str] | None:
        """Every name changed by the builds after ``generation``; None when that is unknown."""
        if generation in self.since:
            return self.since[generation]
        names: set[str] = set()
        result: frozenset[str] | None = None
        for later in range(generation + 1, self.generation + 1):
            changed = self.changes.get(later)
            if changed is None or EVERYTHING in changed:
                break
            names.update(changed)
        else:
            result = frozenset(names)
        self.since[generation] = result
        return result

    def still_valid(self, generation: int, names: frozenset[str]) -> bool:
        """Whether an answer worked out at ``generation`` from ``names`` holds now."""
        changed = self.changed_since(generation)
        return changed is not None and names.isdisjoint(changed)


# One copy of each set of names: a few thousand distinct sets serve tens of thousands of answers
# (most read one or two names). Cleared when full; sets already shared stay with their answers.
_NAME_SETS: dict[frozenset[str], frozenset[str]] = {}
_NAME_SETS_KEPT = 8192


def _shared(names: frozenset[str]) -> frozenset[str]:
    found = _NAME_SETS.get(names)
    if found is None:
        if len(_NAME_SETS) >= _NAME_SETS_KEPT:
            _NAME_SETS.clear()
        found = _NAME_SETS[names] = names
    return found


class _Entry:
    __slots__ = ("result", "names", "generation")

    def __init__(self, result: object, names: frozenset[str], generation: int) -> None:
        self.result = result
        self.names = names
        self.generation = generation


def untracked(program: Program, compute: Callable[..., T], *args: object) -> T:
    """``compute(*args)`` without recording what it looks up: for indexes over the whole program,
    whose readers record the entries they read instead (or every answer would depend on all)."""
    program.tracking.append(set())
    try:
        return compute(*args)
    finally:
        program.tracking.pop()


def depend(program: Program, *names: str) -> None:
    """Record that the answer being worked out read ``names`` (a lookup outside the model's own)."""
    tracking = program.tracking
    if tracking:
        tracking[-1].update(names)


def derived(program: Program, owner: Located, kind: Hashable, compute: Callable[..., T], *args: object) -> T:
    """``compute(*args)``, the answer to question ``kind`` about ``owner``, reused while it holds.

    ``compute`` must depend only on ``owner``'s statement and on what it looks up through
    ``program`` (names resolved, indexes read with :func:`depend`).
    """
    store = program.store
    part = store.part_of.get(id(owner.anchor)) if store is not None else None
    memo = part.memo if part is not None else program.memo
    key = (kind, id(owner))
    entry: _Entry | None = memo.get(key)
    if entry is not None:
        if store is None or part is None or entry.generation == store.generation:
            valid = True
        else:
            valid = store.still_valid(entry.generation, entry.names)
            if valid:
                entry.generation = store.generation
        if valid:
            tracking = program.tracking
            if tracking:
                tracking[-1].update(entry.names)
            result: T = entry.result  # type: ignore[assignment]
            return result
    tracking = program.tracking
    tracking.append(set())
    try:
        result = compute(*args)
    finally:
        names = _shared(frozenset(tracking.pop()))
        if tracking:
            tracking[-1].update(names)
    generation = store.generation if store is not None else 0
    memo[key] = _Entry(result, names, generation)
    return result
