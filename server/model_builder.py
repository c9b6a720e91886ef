"""Builds the :class:`~pulumi_lint.model.Program` of a syntax tree in one walk.

The walk summarises each expression into a :class:`~pulumi_lint.model.Value` and records the
facts rules need as it passes them. TypeScript specifics stay here; the model speaks Pulumi.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from itertools import chain
from operator import attrgetter
from types import MappingProxyType

from tree_sitter import Node, Tree

from .derived import ANY_TYPE, EVERYTHING, GLOBAL_THIS, THIS_ASSIGNED, DerivedStore, fact_key, read_key, type_key
from .model import (
    PULUMI_PACKAGE_PREFIX,
    Anchor,
    Call,
    ClassField,
    ClassInfo,
    Concatenation,
    Construction,
    Function,
    Import,
    ImportBinding,
    Param,
    Program,
    Property,
    Span,
    Template,
    ThisAssignment,
    Value,
    VarDecl,
    per_program,
)

# Past this depth an expression is summarised as "other" without looking inside: hostile input
# (thousands of nested parentheses) must not exhaust the stack.
MAX_DEPTH = 400
if sys.getrecursionlimit() < 4 * MAX_DEPTH + 200:
    sys.setrecursionlimit(4 * MAX_DEPTH + 200)

_FUNCTION_TYPES = frozenset(
    {
        "arrow_function",
        "function_expression",
        "function",
        "function_declaration",
        "generator_function",
        "generator_function_declaration",
        "method_definition",
    }
)
_UNWRAP = frozenset(
    {"parenthesized_expression", "as_expression", "satisfies_expression", "non_null_expression"}
)
_DECLARATIONS = frozenset({"lexical_declaration", "variable_declaration"})
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "0": "\0", "b": "\b", "f": "\f", "v": "\v"}


@dataclass(slots=True)
class _Context:
    anchor: Anchor
    scope: Span
    function: Function | None = None
    cls: ClassInfo | None = None
    in_constructor: bool = False
    callbacks: tuple[str, ...] = ()
    exported: bool = False
    depth: int = 0
    var_kind: str | None = None
    pending_vars: list[VarDecl] = field(default_factory=list)


# Function scopes hold their own spans; the program's scope is everything, whatever the length.
PROGRAM_SCOPE = Span(Anchor(0), 0, sys.maxsize)


class StatementCache:
    """The facts of each top-level statement, kept across edits of one document.

    A statement whose text did not change keeps its facts: only its anchor moves. An edit then
    costs the walk of the statements it touched, not of the whole file.
    """

    __slots__ = ("spans", "source", "parts", "indexes", "store", "program", "removed", "dropped")

    def __init__(self) -> None:
        # The error-free statements of the last build: (start, end, node type, anchor, facts).
        self.spans: list[tuple[int, int, str, Anchor, Program]] = []
        self.source = b""  # the text of the last build
        self.parts: list[Program] = []
        # The name indexes (reads, type_refs, ...) of the whole file, updated statement by
        # statement: merging them afresh would cost every name of every statement per edit.
        self.indexes: dict[str, dict[str, list[Span]]] = {name: {} for name in _DICT_FIELDS}
        self.store = DerivedStore()
        # The last program built, whose per-program lookups are dropped when the next one is.
        self.program: Program | None = None
        # The statements the last build dropped.
        self.removed: list[Program] = []
        # Statements dropped by recent builds, by (node type, text), with the generation that
        # dropped them: an edit that leaves a syntax error may swallow the rest of the file into
        # an error node, and the edit that mends it brings thousands of statements back as they
        # were, to be reused rather than walked again.
        self.dropped: dict[tuple[str, bytes], list[tuple[Anchor, Program, int]]] = {}

    def forget_answers(self) -> None:
        """Drop what was worked out from the facts (answers and findings kept across edits, the
        indexes of the last program), keeping the facts: for a document no longer in use, whose
        next analysis works them out again from the statements it still reuses."""
        for part in self.parts:
            part.memo.clear()
        if self.program is not None:
            self.program.memo.clear()
        self.dropped.clear()
        self.store.kept.clear()

    def update_indexes(self, parts: list[Program]) -> list[Program]:
        """Bring the indexes to ``parts``; the parts that are new, for what must see only them."""
        current = {id(part) for part in parts}
        previous = {id(part) for part in self.parts}
        changed: set[str] = set()
        self.removed = []
        for part in self.parts:
            if id(part) not in current:
                self._remove(part)
                changed.update(_declared(part))
                self.removed.append(part)
        added = [part for part in parts if id(part) not in previous]
        for part in added:
            self._add(part)
            changed.update(_declared(part))
        self.parts = parts
        self.store.advance(frozenset(changed), parts)
        return added

    def _add(self, part: Program) -> None:
        for field_name, index in self.indexes.items():
            for name, spans in getattr(part, field_name).items():
                index.setdefault(name, []).extend(spans)

    def _remove(self, part: Program) -> None:
        for field_name, index in self.indexes.items():
            for name, spans in getattr(part, field_name).items():
                current = index.get(name)
                if not current:
                    continue
                left = _without_run(current, spans)
                if left:
                    index[name] = left
                else:
                    index.pop(name, None)


def _without_run(current: list[Span], spans: list[Span]) -> list[Span]:
    """``current`` without ``spans``, as a new list (a program may still hold the old one).

    A statement's spans under a name went in with one ``extend`` and only whole statements are
    taken out, so they are still one run: found by identity and cut out by slicing, in C. A name
    read thousands of times (``aws``, a shared ``tags``) would otherwise cost a Python loop over
    every read of it for each edit of a statement that reads it.
    """
    count = len(spans)
    try:
        # Spans compare by identity (no __eq__), so this is a scan by identity.
        at = current.index(spans[0])
    except ValueError:
        at = -1
    if at >= 0 and all(a is b for a, b in zip(current[at : at + count], spans, strict=False)) and (
        len(current) >= at + count
    ):
        return current[:at] + current[at + count :]
    gone = {id(span) for span in spans}
    return [span for span in current if id(span) not in gone]


def _declared(part: Program) -> frozenset[str]:
    """The names a statement declares, as derived answers record them (see derived.py)."""
    names: frozenset[str] | None = part.memo.get("declared")
    if names is None:
        found = {decl.name for decl in part.variables}
        for cls in part.classes:
            for assignment in cls.this_assignments:
                found.add("this." + assignment.field)
                value = assignment.value
                if value.kind == "identifier" and value.name:
                    found.add(THIS_ASSIGNED + value.name)
                    if not _stays_local(part, value):
                        found.add(GLOBAL_THIS)
        if part.imports or part.reexports or import_prefixes(part):  # resource types may change
            found.add(EVERYTHING)
        names = part.memo["declared"] = frozenset(found) if found else _EMPTY_NAMES
    return names


def _stays_local(part: Program, value: Value) -> bool:
    """Whether ``value``, followed through constants as ``Program.resolve`` does, surely ends in
    ``part`` (its statement): every name on the way is declared inside the statement."""
    for _ in range(8):
        if value.kind != "identifier" or not value.name:
            return True
        at = value.start
        local = [
            d for d in part.variables if d.name == value.name and d.scope is not PROGRAM_SCOPE and d.scope.contains(at)
        ]
        if not local:
            return False
        decl = min(local, key=lambda d: d.scope.end - d.scope.start)
        if decl.kind != "const" or decl.value is None:
            return True
        value = decl.value
    return False


def build_program(
    tree: Tree, source: bytes, cache: StatementCache | None = None, edits: list[Edited] | None = None
) -> Program:
    """The program model of ``tree``, whose text is ``source``.

    ``edits`` are the changes made to the text since ``cache`` last built (``(start, old end, new
    end)``, each in the text as it was then): statements outside them are reused by position
    without comparing their text. Without them, every statement's text is compared.
    """
    # The walk allocates many small objects and frees none: the cyclic collector would rescan
    # the growing heap again and again, making large files quadratic. Collect once afterwards.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _build_program(tree, source, cache, edits)
    finally:
        if enabled:
            gc.enable()


Edited = tuple[int, int, int]


def _window(edits: list[Edited]) -> tuple[int, int, int] | None:
    """The span of text the edits may have changed, as ``(start, end now, end before)``: text
    before ``start`` is where it was, text after it moved by ``end now - end before``."""
    window: tuple[int, int, int] | None = None
    for start, old_end, new_end in edits:
        if window is None:
            window = (start, new_end, old_end)
            continue
        low, high, high_before = window
        end = max(high, old_end)
        window = (min(low, start), end + new_end - old_end, high_before + end - high)
    return window


def _build_program(tree: Tree, source: bytes, cache: StatementCache | None, edits: list[Edited] | None) -> Program:
    root = tree.root_node
    previous = cache.spans if cache is not None else []
    window: tuple[int, int, int] | None = None
    if edits is not None and previous:
        # No edit at all: every statement is where it was.
        window = _window(edits) if edits else (0, 0, 0)
    by_span: dict[tuple[int, int, str], tuple[Anchor, Program]] = {}
    if window is not None:
        by_span = {(start, end, kind): (anchor, facts) for start, end, kind, anchor, facts in previous}
    by_text: dict[tuple[str, bytes], list[tuple[Anchor, Program]]] | None = None
    spans: list[tuple[int, int, str, Anchor, Program]] = []
    parts: list[Program] = []
    for child in root.children:
        start = child.start_byte
        end = child.end_byte
        kind = child.type
        error = child.has_error
        reusable: tuple[Anchor, Program] | None = None
        if error:
            pass
        elif window is not None and end <= window[0]:
            reusable = by_span.pop((start, end, kind), None)
        elif window is not None and start >= window[1]:
            shift = window[1] - window[2]
            reusable = by_span.pop((start - shift, end - shift, kind), None)
        else:
            if by_text is None:
                by_text = _by_text(cache, window)
            same = by_text.get((kind, source[start:end]))
            reusable = same.pop() if same else None
        if reusable is None and not error and cache is not None and cache.dropped:
            reusable = _undropped(cache, kind, source[start:end])
        if reusable is not None:
            anchor, facts = reusable
            anchor.base = start
        else:
            anchor = Anchor(start)
            builder = _Builder(source)
            value = builder.visit(child, _Context(anchor=anchor, scope=PROGRAM_SCOPE))
            if value is not None:
                builder.program.statements.append(value)
            facts = _sealed(builder.program)
            facts.anchor = anchor
        if not error:
            spans.append((start, end, kind, anchor, facts))
            anchor.size = end - start
            anchor.kind = kind
        parts.append(facts)
    if cache is None:
        cache = StatementCache()
    old_source = cache.source
    cache.spans = spans
    cache.source = source
    added = cache.update_indexes(parts)
    _keep_dropped(cache, old_source)
    program = merge_programs(parts, cache.indexes)
    program.store = cache.store
    if cache.program is not None:
        # Lookups of a program may refer back to it (facts that name their program): clearing
        # the superseded program's lets reference counting free it without the cyclic collector.
        cache.program.memo.clear()
    cache.program = program
    if EVERYTHING in cache.store.changes.get(cache.store.generation, (EVERYTHING,)):
        resolve_resource_types(program)
    else:
        # No import changed: the kept statements' resource types still hold.
        resolve_resource_types(program, [c for part in added for c in part.constructions])
        # Checks that enumerate constructions of a type depend on which ones there are.
        cache.store.note(_type_keys(chain(added, cache.removed)))
    cache.removed = []
    return program


# How many statements one build must drop for them to be kept (see _keep_dropped), for how many
# builds, and how many texts are kept at most.
_DROPPED_TOGETHER = 32
_DROPPED_BUILDS = 16
_DROPPED_KEPT = 20_000


def _undropped(cache: StatementCache, kind: str, text: bytes) -> tuple[Anchor, Program] | None:
    same = cache.dropped.get((kind, text))
    if not same:
        return None
    anchor, facts, _generation = same.pop()
    if not same:
        del cache.dropped[(kind, text)]
    return anchor, facts


def _keep_dropped(cache: StatementCache, old: bytes) -> None:
    """Keep the statements the build dropped (``cache.removed``, whose text was ``old``) that
    parsed without error, and forget those dropped too long ago."""
    generation = cache.store.generation
    dropped = cache.dropped
    # A keystroke drops the one statement it edited, seldom wanted again, and an error in a small
    # file swallows a few, cheap to walk again: keeping those would hold old versions of every
    # edited document's statements. What is worth keeping is the rest of a large file swallowed.
    removed = cache.removed if len(cache.removed) >= _DROPPED_TOGETHER else ()
    for part in removed:
        anchor = part.anchor
        if anchor is not None and anchor.kind:
            dropped.setdefault((anchor.kind, old[anchor.base : anchor.base + anchor.size]), []).append(
                (anchor, part, generation)
            )
    if not dropped:
        return
    oldest = generation - _DROPPED_BUILDS
    if len(dropped) > _DROPPED_KEPT or any(entries[0][2] < oldest for entries in dropped.values()):
        for key in list(dropped):
            entries = [entry for entry in dropped[key] if entry[2] >= oldest]
            if entries:
                dropped[key] = entries
            else:
                del dropped[key]
        if len(dropped) > _DROPPED_KEPT:
            dropped.clear()


def _type_keys(parts: Iterable[Program]) -> set[str]:
    """What checks that look beyond a statement's names depend on, for statements that came or went:
    the types constructed, the names read, the kinds of facts held (see kept_findings.py)."""
    keys: set[str] = set()
    for part in parts:
        for construction in part.constructions:
            keys.add(ANY_TYPE)
            if construction.resource_type is not None:
                keys.add(type_key(construction.resource_type))
        keys.update(map(read_key, part.reads))
        keys.update(map(read_key, part.type_refs))
        for name in _KEYED_FIELDS:
            if getattr(part, name):
                keys.add(fact_key(name))
    return keys


def _by_text(
    cache: StatementCache | None, window: tuple[int, int, int] | None
) -> dict[tuple[str, bytes], list[tuple[Anchor, Program]]]:
    """The last build's statements by text: those the edits touched, or all without edits."""
    found: dict[tuple[str, bytes], list[tuple[Anchor, Program]]] = {}
    if cache is None:
        return found
    old = cache.source
    for start, end, kind, anchor, facts in reversed(cache.spans):
        if window is not None and (end <= window[0] or start >= window[2]):
            continue  # outside the edits: looked up by position
        found.setdefault((kind, old[start:end]), []).append((anchor, facts))
    return found


_FACT_FIELDS = [f for f in fields(Program) if f.compare]
# Kinds of facts whose coming and going a build records (fact_key); constructions have type keys.
_KEYED_FIELDS = ("imports", "reexports", "classes", "calls", "templates", "concatenations", "comments",
                 "writes", "exports", "functions", "any_types", "syntax_errors", "statements", "variables")
_LIST_FIELDS = [f.name for f in _FACT_FIELDS if str(f.type).startswith("list[")]
_DICT_FIELDS = [f.name for f in _FACT_FIELDS if str(f.type).startswith("dict[")]
_SET_FIELDS = [f.name for f in _FACT_FIELDS if str(f.type).startswith("set[")]
_BOOL_FIELDS = [f.name for f in _FACT_FIELDS if str(f.type) == "bool"]
assert len(_FACT_FIELDS) == len(_LIST_FIELDS) + len(_DICT_FIELDS) + len(_SET_FIELDS) + len(_BOOL_FIELDS), (
    "merge_programs must know how to merge every Program field"
)


_EMPTY_INDEX: Mapping[str, list[Span]] = MappingProxyType({})
_EMPTY_NAMES: frozenset[str] = frozenset()  # ``frozenset()`` makes a new object each call


def _sealed(part: Program) -> Program:
    """A statement's facts with each empty field replaced by one shared immutable empty value.

    A statement's facts are never written once its walk is done (the merged program copies them),
    and most statements fill few of the program's fields: a 1,000-line file would otherwise keep
    some 1,500 empty lists, dicts and sets.
    """
    for name in _LIST_FIELDS:
        if not getattr(part, name):
            setattr(part, name, ())
    for name in _DICT_FIELDS:
        if not getattr(part, name):
            setattr(part, name, _EMPTY_INDEX)
    for name in _SET_FIELDS:
        if not getattr(part, name):
            setattr(part, name, _EMPTY_NAMES)
    return part


def merge_programs(parts: list[Program], indexes: dict[str, dict[str, list[Span]]]) -> Program:
    """One program of the statements' facts, in document order (name indexes excepted).

    Lists are merged when a rule first reads them: an edit then pays only for what the enabled
    rules use. The name indexes come ready, kept up to date by the statement cache; the spans
    under one name are not in document order.
    """
    program = _MergedProgram(parts)
    for name, index in indexes.items():
        setattr(program, name, index)
    return program


def statement_parts(program: Program) -> list[Program] | None:
    """The per-statement programs a merged program is made of (None for any other program).

    A part is reused as long as its statement's text does not change, so what is computed from
    one part alone (and cached in its ``memo``) survives edits elsewhere in the file.
    """
    return program._parts if isinstance(program, _MergedProgram) else None


class _MergedProgram(Program):
    __slots__ = ("_parts",)

    def __init__(self, parts: list[Program]) -> None:  # fields stay unset until first read
        self._parts = parts
        self.memo = {}
        self.anchor = None
        self.store = None
        self.tracking = []

    def __getattr__(self, name: str) -> object:
        # Only called for a field not merged yet (or a name that does not exist).
        if name.startswith("__") or name == "_parts":
            raise AttributeError(name)
        parts = self._parts
        value: object
        if name in _LIST_SET:
            value = list(chain.from_iterable(map(attrgetter(name), parts)))
        elif name in _SET_SET:
            value = set().union(*map(attrgetter(name), parts))
        elif name in _BOOL_SET:
            value = any(map(attrgetter(name), parts))
        else:
            raise AttributeError(name)
        setattr(self, name, value)
        return value


_LIST_SET = frozenset(_LIST_FIELDS)
_SET_SET = frozenset(_SET_FIELDS)
_BOOL_SET = frozenset(_BOOL_FIELDS)


def _text(node: Node) -> str:
    # Interned: the same few thousand names and keys recur in every file, and one copy of each
    # held by all the facts of all open documents saves some 90 KiB per 1,000 lines.
    raw = node.text
    return sys.intern(raw.decode("utf-8", errors="replace")) if raw is not None else ""


def _dotted(node: Node | None) -> str | None:
    """``a.b.c`` for a chain of identifiers/member accesses, else None."""
    if node is None:
        return None
    kind = node.type
    if kind in ("identifier", "property_identifier", "type_identifier", "this", "super"):
        return _text(node)
    if kind in ("member_expression", "nested_identifier", "nested_type_identifier"):
        obj = node.child_by_field_name("object") or node.child_by_field_name("module")
        prop = node.child_by_field_name("property") or node.child_by_field_name("name")
        if obj is None or prop is None:
            named = node.named_children
            if len(named) != 2:
                return None
            obj, prop = named
        left = _dotted(obj)
        return sys.intern(f"{left}.{_text(prop)}") if left is not None else None
    if kind in _UNWRAP:
        inner = node.named_children
        return _dotted(inner[0]) if inner else None
    return None


def _is_plus(node: Node) -> bool:
    if node.type != "binary_expression":
        return False
    operator = node.child_by_field_name("operator")
    return operator is not None and operator.type == "+"


def _string_value(node: Node) -> str:
    parts: list[str] = []
    for child in node.named_children:
        if child.type == "string_fragment":
            parts.append(_text(child))
        elif child.type == "escape_sequence":
            esc = _text(child)[1:]
            parts.append(_ESCAPES.get(esc, esc) if len(esc) == 1 else _decode_escape(esc))
    return sys.intern("".join(parts))


def _decode_escape(esc: str) -> str:
    try:
        if esc.startswith("u{"):
            return chr(int(esc[2:-1], 16))
        if esc[0] in "ux":
            return chr(int(esc[1:], 16))
    except ValueError:
        pass
    return esc


class _Builder:
    def __init__(self, source: bytes) -> None:
        self.source = source
        self.program = Program()

    # Helpers ------------------------------------------------------------------------------
    @staticmethod
    def span(node: Node, ctx: _Context) -> Span:
        return Span(ctx.anchor, node.start_byte, node.end_byte)

    def read(self, name: str, node: Node, ctx: _Context) -> None:
        self.program.reads.setdefault(name, []).append(self.span(node, ctx))

    def type_ref(self, name: str, node: Node, ctx: _Context) -> None:
        self.program.type_refs.setdefault(name, []).append(self.span(node, ctx))

    def visit_children(self, node: Node, ctx: _Context) -> Sequence[Value]:
        values = []
        for child in node.named_children:
            value = self.visit(child, ctx)
            if value is not None:
                values.append(value)
        return tuple(values)  # no spare capacity, and one shared () when empty

    # Dispatch -----------------------------------------------------------------------------
    def visit(self, node: Node, ctx: _Context) -> Value | None:  # noqa: C901 - a dispatch table
        kind = node.type
        if kind == "comment":
            return None
        # An error or missing node has an error: most nodes of most files have none, and asking
        # that first spares two questions of every node.
        if node.has_error and (node.is_error or node.is_missing):
            self.program.syntax_errors.append(self.span(node, ctx))
        if ctx.depth > MAX_DEPTH:
            return Value(ctx.anchor, node.start_byte, node.end_byte, "other")
        ctx.depth += 1
        try:
            handler = _HANDLERS.get(kind)
            if handler is not None:
                result: Value | None = handler(self, node, ctx)
                return result
            if kind in _UNWRAP:
                return self.v_unwrap(node, ctx)
            if kind in _FUNCTION_TYPES:
                return self.v_function(node, ctx)
            if kind in _DECLARATIONS:
                self.v_declaration(node, ctx)
                return None
            value = Value(ctx.anchor, node.start_byte, node.end_byte, "other")
            value.items = self.visit_children(node, ctx)
            return value
        finally:
            ctx.depth -= 1

    # Literals -----------------------------------------------------------------------------
    def v_string(self, node: Node, ctx: _Context) -> Value:
        value = Value(ctx.anchor, node.start_byte, node.end_byte, "string")
        value.string = _string_value(node)
        value.quote = chr(self.source[node.start_byte]) if node.end_byte > node.start_byte else "'"
        return value

    def v_template_string(self, node: Node, ctx: _Context) -> Value:
        value = Value(ctx.anchor, node.start_byte, node.end_byte, "template")
        parts: list[str] = []
        substitutions: list[Value] = []
        for child in node.named_children:
            if child.type == "template_substitution":
                inner = child.named_children
                sub = self.visit(inner[0], ctx) if inner else None
                if sub is not None:
                    substitutions.append(sub)
            elif child.type == "string_fragment":
                parts.append(_text(child))
            elif child.type == "escape_sequence":
                parts.append(_decode_escape(_text(child)[1:]))
        if substitutions:
            value.substitutions = tuple(substitutions)
        if not substitutions:
            value.string = "".join(parts)
        else:
            parent = node.parent
            tag = None
            if parent is not None and parent.type == "call_expression":
                fn = parent.child_by_field_name("function")
                if fn is not None and fn.end_byte <= node.start_byte:
                    tag = _dotted(fn) or _text(fn)
            self.program.templates.append(Template(value, tag, list(ctx.callbacks)))
        return value

    def v_number(self, node: Node, ctx: _Context) -> Value:
        value = Value(ctx.anchor, node.start_byte, node.end_byte, "number")
        text = _text(node).replace("_", "")
        try:
            value.number = float(int(text, 0)) if text[:2].lower() in ("0x", "0o", "0b") else float(text)
        except ValueError:
            value.number = None
        return value

    def v_true(self, node: Node, ctx: _Context) -> Value:
        value = Value(ctx.anchor, node.start_byte, node.end_byte, "boolean")
        value.boolean = True
        return value

    def v_false(self, node: Node, ctx: _Context) -> Value:
        value = Value(ctx.anchor, node.start_byte, node.end_byte, "boolean")
        value.boolean = False
        return value

    def v_null(self, node: Node, ctx: _Context) -> Value:
        return Value(ctx.anchor, node.start_byte, node.end_byte, "null")

    def v_undefined(self, node: Node, ctx: _Context) -> Value:
        return Value(ctx.anchor, node.start_byte, node.end_byte, "undefined")

    def v_this(self, node: Node, ctx: _Context) -> Value:
        value = Value(ctx.anchor, node.start_byte, node.end_byte, "this")
        value.name = "this"
        return value

    def v_predefined_type(self, node: Node, ctx: _Context) -> None:
        if _text(node) == "any":
            self.program.any_types.append(self.span(node, ctx))
        return None

    # Names --------------------------------------------------------------------------------
    def v_identifier(self, node: Node, ctx: _Context) -> Value:
        name = _text(node)
        value = Value(ctx.anchor, node.start_byte, node.end_byte, "identifier")
        value.name = name
        if name == "undefined":
            value.kind = "undefined"
        else:
            self.read(name, node, ctx)
        return value

    def v_type_identifier(self, node: Node, ctx: _Context) -> None:
        self.type_ref(_text(node), node, ctx)
        return None

    def v_nested_type_identifier(self, node: Node, ctx: _Context) -> None:
        dotted = _dotted(node)
        if dotted:
            head = node.named_children[0] if node.named_children else node
            self.type_ref(dotted.split(".", 1)[0], head, ctx)
        return None

    def v_member_expression(self, node: Node, ctx: _Context) -> Value:
        value = Value(ctx.anchor, node.start_byte, node.end_byte, "member")
        obj = node.child_by_field_name("object")
        if obj is not None:
            inner = self.visit(obj, ctx)
            if inner is not None:
                value.callee = inner
        value.name = _dotted(node)
        value.optional = any(c.type == "optional_chain" for c in node.children)
        return value

    def v_subscript_expression(self, node: Node, ctx: _Context) -> Value:
        value = Value(ctx.anchor, node.start_byte, node.end_byte, "member")
        obj = node.child_by_field_name("object")
        index = node.child_by_field_name("index")
        if obj is not None:
            value.callee = self.visit(obj, ctx)
        if index is not None:
            sub = self.visit(index, ctx)
            if sub is not None:
                value.args = (sub,)
            if obj is not None and index.type == "string" and value.callee and value.callee.name:
                value.name = f"{value.callee.name}.{_string_value(index)}"
        return value

    def v_unwrap(self, node: Node, ctx: _Context) -> Value | None:
        result: Value | None = None
        for child in node.named_children:
            value = self.visit(child, ctx)
            if result is None and value is not None:
                result = value
        return result

    # Objects and arrays -------------------------------------------------------------------
    def v_object(self, node: Node, ctx: _Context) -> Value:
        value = Value(ctx.anchor, node.start_byte, node.end_byte, "object")
        properties: list[Property] = []
        spreads: list[Value] = []
        for child in node.named_children:
            kind = child.type
            if kind == "pair":
                properties.append(self.pair(child, ctx))
            elif kind == "shorthand_property_identifier":
                name = _text(child)
                self.read(name, child, ctx)
                ident = Value(ctx.anchor, child.start_byte, child.end_byte, "identifier")
                ident.name = name
                properties.append(
                    Property(
                        ctx.anchor,
                        child.start_byte,
                        child.end_byte,
                        name,
                        self.span(child, ctx),
                        ident,
                        shorthand=True,
                    )
                )
            elif kind == "spread_element":
                inner = child.named_children
                spread = self.visit(inner[0], ctx) if inner else None
                if spread is not None:
                    spreads.append(spread)
            elif kind == "method_definition":
                key_node = child.child_by_field_name("name")
                fn = self.v_function(child, ctx)
                key = _text(key_node) if key_node is not None else None
                key_span = self.span(key_node or child, ctx)
                properties.append(Property(ctx.anchor, child.start_byte, child.end_byte, key, key_span, fn))
            else:
                self.visit(child, ctx)
        if properties:
            value.properties = tuple(properties)
        if spreads:
            value.spreads = tuple(spreads)
        return value

    def pair(self, node: Node, ctx: _Context) -> Property:
        key_node = node.child_by_field_name("key")
        value_node = node.child_by_field_name("value")
        key: str | None = None
        quoted = False
        if key_node is not None:
            if key_node.type == "string":
                key = _string_value(key_node)
                quoted = True
            elif key_node.type == "computed_property_name":
                inner = key_node.named_children
                computed = self.visit(inner[0], ctx) if inner else None
                if computed is not None and computed.kind == "string":
                    key = computed.string
            else:
                key = _text(key_node)
        value = self.visit(value_node, ctx) if value_node is not None else None
        return Property(
            ctx.anchor,
            node.start_byte,
            node.end_byte,
            key,
            self.span(key_node or node, ctx),
            value,
            quoted=quoted,
        )

    def v_array(self, node: Node, ctx: _Context) -> Value:
        value = Value(ctx.anchor, node.start_byte, node.end_byte, "array")
        value.items = self.visit_children(node, ctx)
        return value

    def v_binary_expression(self, node: Node, ctx: _Context) -> Value:
        value = Value(ctx.anchor, node.start_byte, node.end_byte, "other")
        if not _is_plus(node):
            value.items = self.visit_children(node, ctx)
            return value
        # Flatten the left-leaning chain ``a + b + c`` without recursing on its spine.
        terms: list[Node] = []
        current: Node | None = node
        while current is not None and _is_plus(current):
            right = current.child_by_field_name("right")
            if right is not None:
                terms.append(right)
            current = current.child_by_field_name("left")
        if current is not None:
            terms.append(current)
        terms.reverse()
        operands = [v for v in (self.visit(term, ctx) for term in terms) if v is not None]
        value.items = tuple(operands)
        if any(o.kind in ("string", "template") for o in operands):
            self.program.concatenations.append(Concatenation(value, operands, list(ctx.callbacks)))
        return value

    # Calls --------------------------------------------------------------------------------
    def visit_type_arguments(self, node: Node, ctx: _Context) -> None:
        # ``f<Props>()`` and ``new Map<string, any>()``: type references and explicit anys.
        type_args = node.child_by_field_name("type_arguments")
        if type_args is not None:
            self.visit(type_args, ctx)

    def arguments(self, node: Node | None, ctx: _Context, callee: str | None) -> Sequence[Value]:
        if node is None:
            return ()
        if node.type == "template_string":
            tagged = self.visit(node, ctx)
            return (tagged,) if tagged is not None else ()
        args: list[Value] = []
        saved = ctx.callbacks
        for child in node.named_children:
            if child.type in _FUNCTION_TYPES and callee is not None:
                ctx.callbacks = (*saved, callee)
            value = self.visit(child, ctx)
            ctx.callbacks = saved
            if value is not None:
                args.append(value)
        return tuple(args)

    def v_call_expression(self, node: Node, ctx: _Context) -> Value:
        value = Value(ctx.anchor, node.start_byte, node.end_byte, "call")
        fn = node.child_by_field_name("function")
        if fn is not None:
            value.callee = self.visit(fn, ctx)
            value.name = _dotted(fn)
        callee_name = value.name
        if callee_name is None and value.callee is not None and value.callee.kind == "member":
            prop = fn.child_by_field_name("property") if fn is not None else None
            callee_name = "?." + _text(prop) if prop is not None else None
        self.visit_type_arguments(node, ctx)
        value.args = self.arguments(node.child_by_field_name("arguments"), ctx, callee_name)
        self.program.calls.append(Call(value, ctx.function, ctx.cls.name if ctx.cls else None))
        if ctx.cls is not None and value.name is not None and value.name.startswith("this."):
            ctx.cls.this_calls.append(value)
        if ctx.cls is not None and ctx.in_constructor and value.name == "super":
            ctx.cls.super_call = value
        return value

    def v_new_expression(self, node: Node, ctx: _Context) -> Value:
        value = Value(ctx.anchor, node.start_byte, node.end_byte, "new")
        ctor = node.child_by_field_name("constructor")
        if ctor is not None:
            value.callee = self.visit(ctor, ctx)
            value.name = _dotted(ctor)
        self.visit_type_arguments(node, ctx)
        value.args = self.arguments(node.child_by_field_name("arguments"), ctx, value.name)
        self.program.constructions.append(
            Construction(
                value=value,
                resource_type=None,
                package=None,
                variable=None,
                class_name=ctx.cls.name if ctx.cls else None,
                in_constructor=ctx.in_constructor,
                function=ctx.function,
            )
        )
        return value

    def v_assignment_expression(self, node: Node, ctx: _Context) -> Value:
        value = Value(ctx.anchor, node.start_byte, node.end_byte, "other")
        left = node.child_by_field_name("left")
        right = node.child_by_field_name("right")
        rhs = self.visit(right, ctx) if right is not None else None
        if left is not None:
            if left.type == "identifier":
                # A write, not a read.
                self.program.writes.setdefault(_text(left), []).append(self.span(left, ctx))
            else:
                self.visit(left, ctx)
            target = _dotted(left)
            if target is not None and target.startswith("this.") and ctx.cls is not None and rhs:
                ctx.cls.this_assignments.append(
                    ThisAssignment(target[5:], rhs, self.span(node, ctx), ctx.in_constructor)
                )
            if target in ("module.exports", "exports"):
                self.program.exports_everything = True
        if rhs is not None:
            value.items = (rhs,)
        return value

    # Declarations -------------------------------------------------------------------------
    def v_export_statement(self, node: Node, ctx: _Context) -> Value:
        # The exported declaration's value (an exported function's body) stays reachable.
        value = Value(ctx.anchor, node.start_byte, node.end_byte, "other")
        saved = ctx.exported
        ctx.exported = True
        is_default = any(c.type == "default" for c in node.children)
        source = node.child_by_field_name("source")
        if source is not None:
            self.reexport(node, source, ctx)
            ctx.exported = saved
            return value
        items: list[Value] = []
        for child in node.named_children:
            if child.type == "export_clause":
                for spec in child.named_children:
                    name_node = spec.child_by_field_name("name")
                    alias = spec.child_by_field_name("alias")
                    if name_node is not None:
                        self.read(_text(name_node), name_node, ctx)
                        self.program.exports.add(_text(alias or name_node))
            elif child.type in ("class_declaration", "function_declaration") or child.type in _DECLARATIONS:
                inner = self.visit(child, ctx)
                if inner is not None:
                    items.append(inner)
            else:
                inner = self.visit(child, ctx)
                if inner is not None:
                    items.append(inner)
                if is_default or any(c.type == "=" for c in node.children):
                    self.program.exports_everything = True
        if items:
            value.items = tuple(items)
        ctx.exported = saved
        return value

    def reexport(self, node: Node, source: Node, ctx: _Context) -> None:
        """``export { a as b } from './x'``, ``export * as ns from './x'``: no local name is read."""
        self.program.reexports.append(
            Import(
                module=_string_value(source),
                module_span=self.span(source, ctx),
                quote=chr(self.source[source.start_byte]),
                span=self.span(node, ctx),
                type_only=any(c.type == "type" for c in node.children),
            )
        )
        for child in node.named_children:
            if child.type == "export_clause":
                for spec in child.named_children:
                    name_node = spec.child_by_field_name("name")
                    alias = spec.child_by_field_name("alias")
                    if name_node is not None:
                        self.program.exports.add(_text(alias or name_node))
            elif child.type == "namespace_export":
                ident = next((c for c in child.named_children if c.type == "identifier"), None)
                if ident is not None:
                    self.program.exports.add(_text(ident))

    def v_declaration(self, node: Node, ctx: _Context) -> None:
        kind_node = node.child_by_field_name("kind")
        kind = _text(kind_node) if kind_node is not None else _text(node.children[0])
        declarators = [c for c in node.named_children if c.type == "variable_declarator"]
        exported = ctx.exported
        ctx.exported = False
        for child in node.named_children:
            if child.type != "variable_declarator":
                self.visit(child, ctx)
                continue
            name_node = child.child_by_field_name("name")
            value_node = child.child_by_field_name("value")
            type_node = child.child_by_field_name("type")
            if type_node is not None:
                self.visit(type_node, ctx)
            value = self.visit(value_node, ctx) if value_node is not None else None
            if name_node is None:
                continue
            if name_node.type != "identifier":
                self.pattern(name_node, ctx)
                continue
            name = _text(name_node)
            decl = VarDecl(
                name=name,
                name_span=self.span(name_node, ctx),
                kind=kind,
                value=value,
                declarator=self.span(child, ctx),
                statement=self.span(node, ctx),
                exported=exported,
                scope=ctx.scope,
                single=len(declarators) == 1,
                class_name=ctx.cls.name if ctx.cls else None,
            )
            self.program.variables.append(decl)
            if exported:
                self.program.exports.add(name)
            if value is not None and value.kind == "new":
                for construction in reversed(self.program.constructions):
                    if construction.value is value:
                        construction.variable = decl
                        break
        ctx.exported = exported
        return None

    def pattern(self, node: Node, ctx: _Context) -> None:
        """A destructuring pattern: its names are declarations; its defaults are read."""
        for child in node.named_children:
            if child.type in ("identifier", "shorthand_property_identifier_pattern"):
                continue
            if child.type in ("pair_pattern", "object_assignment_pattern", "assignment_pattern"):
                value = child.child_by_field_name("value") or child.child_by_field_name("right")
                target = child.child_by_field_name("pattern") or child.child_by_field_name("left")
                if child.type == "pair_pattern":
                    if value is not None:
                        self.pattern(value, ctx) if value.type != "identifier" else None
                    continue
                if value is not None:
                    self.visit(value, ctx)
                if target is not None and target.type not in ("identifier",):
                    self.pattern(target, ctx)
            else:
                self.pattern(child, ctx)

    def v_import_statement(self, node: Node, ctx: _Context) -> None:
        source = node.child_by_field_name("source")
        if source is None:
            require = next((c for c in node.named_children if c.type == "import_require_clause"), None)
            if require is None:
                return None
            # import aws = require('@pulumi/aws')
            ident = require.named_children[0] if require.named_children else None
            source = require.child_by_field_name("source")
            if ident is None or source is None:
                return None
            imp = Import(
                module=_string_value(source),
                module_span=self.span(source, ctx),
                quote=chr(self.source[source.start_byte]),
                span=self.span(node, ctx),
            )
            imp.bindings.append(ImportBinding(_text(ident), "*", self.span(ident, ctx)))
            self.program.imports.append(imp)
            return None
        type_only = any(c.type == "type" for c in node.children)
        imp = Import(
            module=_string_value(source),
            module_span=self.span(source, ctx),
            quote=chr(self.source[source.start_byte]),
            span=self.span(node, ctx),
            type_only=type_only,
        )
        clause = next((c for c in node.named_children if c.type == "import_clause"), None)
        if clause is None:
            imp.side_effect_only = True
        else:
            for child in clause.named_children:
                if child.type == "identifier":
                    imp.bindings.append(ImportBinding(_text(child), "default", self.span(child, ctx)))
                elif child.type == "namespace_import":
                    ident = next((c for c in child.named_children if c.type == "identifier"), None)
                    if ident is not None:
                        imp.bindings.append(ImportBinding(_text(ident), "*", self.span(ident, ctx)))
                elif child.type == "named_imports":
                    for spec in child.named_children:
                        if spec.type != "import_specifier":
                            continue
                        name = spec.child_by_field_name("name")
                        alias = spec.child_by_field_name("alias")
                        if name is None:
                            continue
                        spec_type_only = any(c.type == "type" for c in spec.children)
                        imp.bindings.append(
                            ImportBinding(
                                _text(alias or name),
                                _text(name),
                                self.span(spec, ctx),
                                type_only=spec_type_only or type_only,
                            )
                        )
        self.program.imports.append(imp)
        return None

    def v_function(self, node: Node, ctx: _Context) -> Value:
        value = Value(ctx.anchor, node.start_byte, node.end_byte, "function")
        name_node = node.child_by_field_name("name")
        body = node.child_by_field_name("body")
        fn = Function(
            span=self.span(node, ctx),
            body=self.span(body, ctx) if body is not None else None,
            name=_text(name_node) if name_node is not None else None,
        )
        self.program.functions.append(fn)
        is_ctor = node.type == "method_definition" and fn.name == "constructor" and ctx.cls is not None
        if node.type == "method_definition" and ctx.cls is not None and fn.name and not is_ctor:
            ctx.cls.methods.append(fn.name)
        if is_ctor and ctx.cls is not None:
            ctx.cls.constructor = fn
        if node.type == "function_declaration" and ctx.exported and fn.name:
            self.program.exports.add(fn.name)
        inner = _Context(
            anchor=ctx.anchor,
            scope=fn.body or fn.span,
            function=fn,
            cls=ctx.cls,
            in_constructor=is_ctor or (ctx.in_constructor and node.type == "arrow_function"),
            callbacks=ctx.callbacks,
            depth=ctx.depth,
        )
        params = node.child_by_field_name("parameters")
        if params is None:
            single = node.child_by_field_name("parameter")
            if single is not None:
                fn.params.append(Param(_text(single), None, False, self.span(single, ctx)))
        else:
            for param in params.named_children:
                self.parameter(param, fn, inner)
        for child in node.named_children:
            if child.type in ("formal_parameters", "statement_block") or child == name_node:
                continue
            if child.type in ("type_annotation", "type_parameters", "type_predicate_annotation"):
                self.visit(child, inner)
        if body is not None:
            inner_value = self.visit(body, inner)
            if inner_value is not None:
                value.items = (inner_value,)
        return value

    def parameter(self, node: Node, fn: Function, ctx: _Context) -> None:
        pattern = node.child_by_field_name("pattern")
        type_node = node.child_by_field_name("type")
        default = node.child_by_field_name("value")
        optional = node.type == "optional_parameter" or default is not None
        if pattern is not None:
            if pattern.type == "identifier":
                name = _text(pattern)
            elif pattern.type == "this":
                name = "this"
            else:
                name = _text(pattern)
                self.pattern(pattern, ctx)
            type_text = None
            if type_node is not None:
                type_text = _text(type_node).lstrip(":").strip()
                self.visit(type_node, ctx)
            fn.params.append(Param(name, type_text, optional, self.span(node, ctx)))
        for child in node.named_children:
            if child.type in ("accessibility_modifier", "override_modifier"):
                continue
            if child in (pattern, type_node):
                continue
            self.visit(child, ctx)
        if default is not None and default not in node.named_children:
            self.visit(default, ctx)

    def v_class_declaration(self, node: Node, ctx: _Context) -> Value:
        return self.klass(node, ctx)

    def v_class(self, node: Node, ctx: _Context) -> Value:
        return self.klass(node, ctx)

    def v_abstract_class_declaration(self, node: Node, ctx: _Context) -> Value:
        return self.klass(node, ctx)

    def klass(self, node: Node, ctx: _Context) -> Value:
        value = Value(ctx.anchor, node.start_byte, node.end_byte, "other")
        name_node = node.child_by_field_name("name")
        body = node.child_by_field_name("body")
        extends: str | None = None
        extends_span: Span | None = None
        heritage = next((c for c in node.named_children if c.type == "class_heritage"), None)
        for child in node.named_children:
            if child.type in ("decorator", "type_parameters"):
                self.visit(child, ctx)
        if heritage is not None:
            for clause in heritage.named_children:
                if clause.type == "extends_clause":
                    target = clause.child_by_field_name("value") or (
                        clause.named_children[0] if clause.named_children else None
                    )
                    if target is not None:
                        extends = _dotted(target) or _text(target)
                        extends_span = self.span(target, ctx)
                self.visit(clause, ctx)
        name = _text(name_node) if name_node is not None else ""
        info = ClassInfo(
            name=name,
            name_span=self.span(name_node or node, ctx),
            span=self.span(node, ctx),
            body=self.span(body or node, ctx),
            extends=extends,
            extends_span=extends_span,
            exported=ctx.exported,
        )
        if ctx.exported and name:
            self.program.exports.add(name)
        self.program.classes.append(info)
        inner = _Context(anchor=ctx.anchor, scope=ctx.scope, function=ctx.function, cls=info, depth=ctx.depth)
        if body is not None:
            for member in body.named_children:
                if member.type in ("public_field_definition", "property_definition"):
                    self.field(member, info, inner)
                else:
                    self.visit(member, inner)
        return value

    def field(self, node: Node, info: ClassInfo, ctx: _Context) -> None:
        name_node = node.child_by_field_name("name")
        type_node = node.child_by_field_name("type")
        value_node = node.child_by_field_name("value")
        words = {_text(c) for c in node.children if c.type in ("accessibility_modifier", "readonly", "static")}
        words |= {c.type for c in node.children if c.type in ("readonly", "static")}
        if name_node is not None:
            info.fields.append(
                ClassField(
                    name=_text(name_node),
                    span=self.span(node, ctx),
                    readonly="readonly" in words,
                    public=not ({"private", "protected"} & words) and not _text(name_node).startswith("#"),
                    static="static" in words,
                    type_text=_text(type_node).lstrip(":").strip() if type_node is not None else None,
                )
            )
        for child in node.named_children:
            if child.type == "decorator":
                self.visit(child, ctx)
        if type_node is not None:
            self.visit(type_node, ctx)
        if value_node is not None:
            self.visit(value_node, ctx)

    def v_catch_clause(self, node: Node, ctx: _Context) -> None:
        param = node.child_by_field_name("parameter")
        for child in node.named_children:
            if child == param and child.type == "identifier":
                continue
            self.visit(child, ctx)
        return None

    def v_for_in_statement(self, node: Node, ctx: _Context) -> None:
        left = node.child_by_field_name("left")
        for child in node.named_children:
            if child == left and child.type == "identifier" and node.child_by_field_name("kind"):
                continue
            self.visit(child, ctx)
        return None

    def v_labeled_statement(self, node: Node, ctx: _Context) -> None:
        body = node.child_by_field_name("body")
        if body is not None:
            self.visit(body, ctx)
        return None

    def v_break_statement(self, node: Node, ctx: _Context) -> None:
        return None

    def v_continue_statement(self, node: Node, ctx: _Context) -> None:
        return None

    def v_jsx_attribute(self, node: Node, ctx: _Context) -> None:
        for child in node.named_children[1:]:
            self.visit(child, ctx)
        return None


def _package_short(module: str) -> tuple[str, str] | None:
    """``@pulumi/aws/s3`` -> (``@pulumi/aws``, ``aws.s3``)."""
    if not module.startswith(PULUMI_PACKAGE_PREFIX):
        return None
    rest = module[len(PULUMI_PACKAGE_PREFIX) :].split("/")
    package = PULUMI_PACKAGE_PREFIX + rest[0]
    return package, ".".join(p for p in rest if p)



# The node handlers by node type (``v_<type>``), looked up once per node without building a name.
_HANDLERS: dict[str, Callable[[_Builder, Node, _Context], Value | None]] = {
    name[2:]: handler for name, handler in vars(_Builder).items() if name.startswith("v_") and callable(handler)
}


@per_program
def import_prefixes(program: Program) -> dict[str, tuple[str, str]]:
    """Local name -> (npm package, canonical dotted prefix) for every Pulumi import."""
    return _import_prefixes(program)


def resolve_name(program: Program, dotted: str | None) -> tuple[str, str] | None:
    """(npm package, canonical path) of a name written through a Pulumi import, else None:
    ``lambda.Function`` after ``import { lambda } from '@pulumi/aws'`` is ``aws.lambda.Function``."""
    if not dotted:
        return None
    head, _, rest = dotted.partition(".")
    bound = import_prefixes(program).get(head)
    if bound is None:
        return None
    package, path = bound
    return package, (f"{path}.{rest}" if rest else path)


def _import_prefixes(program: Program) -> dict[str, tuple[str, str]]:
    prefixes: dict[str, tuple[str, str]] = {}
    for imp in program.imports:
        short = _package_short(imp.module)
        if short is None:
            continue
        package, path = short
        for binding in imp.bindings:
            if binding.imported in ("*", "default"):
                prefixes[binding.local] = (package, path)
            else:
                prefixes[binding.local] = (package, f"{path}.{binding.imported}")
    # const aws = require('@pulumi/aws')
    for decl in program.variables:
        value = decl.value
        if (
            value is not None
            and value.kind == "call"
            and value.name == "require"
            and value.args
            and value.args[0].kind == "string"
            and value.args[0].string
        ):
            short = _package_short(value.args[0].string)
            if short is not None:
                prefixes[decl.name] = short
    return prefixes


def resolve_resource_types(program: Program, constructions: list[Construction] | None = None) -> None:
    for construction in program.constructions if constructions is None else constructions:
        # Facts are reused across edits: an import removed since must unbind them.
        resolved = resolve_name(program, construction.value.name)
        construction.package, construction.resource_type = resolved if resolved else (None, None)
