"""The program model: what a Pulumi program says, in Pulumi's terms, with byte ranges.

Rules read this model rather than the syntax tree. It is built in one walk of the tree
(:mod:`pulumi_lint.model_builder`) and holds imports, resource constructions, classes,
variable declarations, identifier reads, calls, template literals and comments.

Every located fact stores its offsets relative to an :class:`Anchor`, one per top-level
statement. When an edit shifts a statement without touching it, moving its anchor moves every
fact inside it at once, so an unchanged statement's facts can be kept across edits.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import wraps
from typing import TYPE_CHECKING, Any, Concatenate, Literal, ParamSpec, TypeVar

from .derived import derived, type_key

if TYPE_CHECKING:
    from .derived import DerivedStore

ValueKind = Literal[
    "string",
    "template",
    "number",
    "boolean",
    "null",
    "undefined",
    "object",
    "array",
    "identifier",
    "member",
    "call",
    "new",
    "function",
    "this",
    "other",
]

# npm packages whose exports construct Pulumi resources.
PULUMI_PACKAGE_PREFIX = "@pulumi/"
# The classes of @pulumi/pulumi that are resources; its other classes (Config, assets) are not.
PULUMI_SDK_RESOURCES = frozenset(
    {"pulumi.StackReference", "pulumi.ComponentResource", "pulumi.CustomResource", "pulumi.dynamic.Resource"}
)


class Anchor:
    """The byte offset of a top-level statement; facts inside it are relative to it.

    ``size`` and ``kind`` are the statement's length and node type once it parsed without error:
    what finds it again by its text if an edit drops it and a later one brings it back.
    """

    __slots__ = ("base", "size", "kind")

    def __init__(self, base: int) -> None:
        self.base = base
        self.size = 0
        self.kind = ""


class Located:
    """Something with a byte range in the current source."""

    # The start relative to the anchor, and the length: most lengths are below 257, so Python's
    # shared small ints hold them, where an end offset would be a new int object each time.
    __slots__ = ("anchor", "rs", "size")

    def __init__(self, anchor: Anchor, start: int, end: int) -> None:
        self.anchor = anchor
        self.rs = start - anchor.base
        self.size = end - start

    @property
    def start(self) -> int:
        return self.anchor.base + self.rs

    @property
    def end(self) -> int:
        return self.anchor.base + self.rs + self.size

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.start}-{self.end})"

    def contains(self, offset: int) -> bool:
        return self.start <= offset < self.end

    def encloses(self, other: Located) -> bool:
        return self.start <= other.start and other.end <= self.end


class Span(Located):
    """A bare byte range."""

    __slots__ = ()


class Value(Located):
    """A summary of an expression.

    ``name`` is the dotted path of identifiers and member expressions (``aws.s3.Bucket``,
    ``bucket.arn``), the callee path of calls and ``new`` expressions, and ``None`` when the
    path is not a plain chain of names. ``string`` is the decoded text of string literals and of
    template literals without substitutions.
    """

    __slots__ = (
        "kind",
        "string",
        "number",
        "boolean",
        "name",
        "properties",
        "spreads",
        "items",
        "args",
        "substitutions",
        "quote",
        "callee",
        "optional",
    )

    def __init__(self, anchor: Anchor, start: int, end: int, kind: ValueKind) -> None:
        super().__init__(anchor, start, end)
        self.kind: ValueKind = kind
        self.string: str | None = None
        self.number: float | None = None
        self.boolean: bool | None = None
        self.name: str | None = None
        # Most values have no members of a kind: they share one empty tuple instead of holding an
        # empty list each (five per value were a fifth of the memory of an open document). The
        # builder assigns a tuple when it has something to put in; nothing else writes facts.
        self.properties: Sequence[Property] = ()
        self.spreads: Sequence[Value] = ()
        self.items: Sequence[Value] = ()
        self.args: Sequence[Value] = ()
        self.substitutions: Sequence[Value] = ()
        self.quote: str | None = None
        self.callee: Value | None = None
        self.optional = False

    def __repr__(self) -> str:
        detail = self.string if self.string is not None else self.name
        return f"Value({self.kind}, {detail!r}, {self.start}-{self.end})"

    # Object helpers -----------------------------------------------------------------------
    def get(self, key: str) -> Property | None:
        """The last property named ``key`` of an object literal (the one that wins at run time)."""
        for prop in reversed(self.properties):
            if prop.key == key:
                return prop
        return None

    def value_of(self, key: str) -> Value | None:
        prop = self.get(key)
        return prop.value if prop is not None else None

    def keys(self) -> list[str]:
        return [p.key for p in self.properties if p.key is not None]

    @property
    def is_literal(self) -> bool:
        return self.kind in ("string", "number", "boolean", "null", "undefined")

    def walk(self) -> Iterator[Value]:
        """This value and every value nested in it (object values, items, arguments)."""
        stack: list[Value] = [self]
        while stack:
            value = stack.pop()
            yield value
            stack.extend(p.value for p in reversed(value.properties) if p.value is not None)
            stack.extend(reversed(value.spreads))
            stack.extend(reversed(value.items))
            stack.extend(reversed(value.args))
            stack.extend(reversed(value.substitutions))
            if value.callee is not None:
                stack.append(value.callee)


class Property(Located):
    """``key: value`` in an object literal; shorthand ``{ key }`` has the identifier as value.

    ``key`` is ``None`` for computed keys whose value is not a string literal.
    """

    __slots__ = ("key", "key_span", "value", "shorthand", "quoted")

    def __init__(
        self,
        anchor: Anchor,
        start: int,
        end: int,
        key: str | None,
        key_span: Span,
        value: Value | None,
        *,
        shorthand: bool = False,
        quoted: bool = False,
    ) -> None:
        super().__init__(anchor, start, end)
        self.key = key
        self.key_span = key_span
        self.value = value
        self.shorthand = shorthand
        self.quoted = quoted

    def __repr__(self) -> str:
        return f"Property({self.key!r}, {self.value!r})"


@dataclass(slots=True)
class ImportBinding:
    """One local name bound by an import; ``imported`` is ``*`` for namespaces, ``default``."""

    local: str
    imported: str
    span: Span
    type_only: bool = False


@dataclass(slots=True)
class Import:
    module: str
    module_span: Span  # the string literal including its quotes
    quote: str
    span: Span  # the whole statement
    bindings: list[ImportBinding] = field(default_factory=list)
    type_only: bool = False
    side_effect_only: bool = False


@dataclass(slots=True)
class Param:
    name: str
    type_text: str | None
    optional: bool
    span: Span


@dataclass(slots=True)
class Function:
    """A function-like body: constructor, method, function declaration or arrow function."""

    span: Span
    body: Span | None
    params: list[Param] = field(default_factory=list)
    name: str | None = None


@dataclass(slots=True)
class ClassField:
    name: str
    span: Span
    readonly: bool
    public: bool
    static: bool
    type_text: str | None


@dataclass(slots=True)
class ThisAssignment:
    """``this.<field> = <value>`` inside a class."""

    field: str
    value: Value
    span: Span
    in_constructor: bool


@dataclass(slots=True)
class ClassInfo:
    name: str
    name_span: Span
    span: Span
    body: Span
    extends: str | None  # dotted text of the heritage expression
    extends_span: Span | None
    exported: bool
    constructor: Function | None = None
    super_call: Value | None = None  # the ``super(...)`` call in the constructor
    fields: list[ClassField] = field(default_factory=list)
    methods: list[str] = field(default_factory=list)
    this_assignments: list[ThisAssignment] = field(default_factory=list)
    this_calls: list[Value] = field(default_factory=list)  # ``this.x(...)`` calls anywhere in it


@dataclass(slots=True)
class VarDecl:
    name: str
    name_span: Span
    kind: str  # const, let, var
    value: Value | None
    declarator: Span  # ``name = value``
    statement: Span  # the whole ``const ...;`` declaration
    exported: bool
    scope: Span  # the function body or program that contains it
    single: bool  # the only declarator of its statement
    class_name: str | None = None


@dataclass(slots=True)
class Construction:
    """A ``new`` expression. ``resource_type`` is set when the callee resolves to a Pulumi package.

    ``resource_type`` is the canonical dotted path ``<package>.<module...>.<Class>`` where the
    package is the npm name without ``@pulumi/`` (``aws.lambda.Function``,
    ``pulumi.ComponentResource``, ``awsx.ec2.Vpc``) however the package was imported.
    """

    value: Value  # the ``new`` expression itself; ``value.callee`` is the constructor
    resource_type: str | None
    package: str | None
    variable: VarDecl | None
    class_name: str | None  # the enclosing class, if any
    in_constructor: bool
    function: Function | None  # innermost enclosing function

    @property
    def callee(self) -> Value:
        assert self.value.callee is not None
        return self.value.callee

    @property
    def name_arg(self) -> Value | None:
        return self.value.args[0] if len(self.value.args) > 0 else None

    @property
    def args(self) -> Value | None:
        return self.value.args[1] if len(self.value.args) > 1 else None

    @property
    def opts(self) -> Value | None:
        return self.value.args[2] if len(self.value.args) > 2 else None

    @property
    def is_resource(self) -> bool:
        """A Pulumi resource, as opposed to SDK helpers such as ``pulumi.Config`` or assets."""
        if self.resource_type is None:
            return False
        if self.package == "@pulumi/pulumi":
            return self.resource_type in PULUMI_SDK_RESOURCES
        return True


@dataclass(slots=True)
class Call:
    """A call expression with the context the rules need."""

    value: Value  # kind "call"; ``value.name`` is the dotted callee when it is plain
    function: Function | None
    class_name: str | None


@dataclass(slots=True)
class Template:
    """A template literal with at least one substitution."""

    value: Value
    tag: str | None  # dotted tag of a tagged template (``pulumi.interpolate``)
    in_callback_of: list[str]  # callee paths of the calls whose function arguments enclose it


@dataclass(slots=True)
class Concatenation:
    """A chain of ``+`` with at least one string or template operand: ``'arn:' + x + '/*'``.

    Only the outermost chain is recorded; ``operands`` are its terms, left to right.
    """

    value: Value
    operands: list[Value]
    in_callback_of: list[str]  # as for :class:`Template`


@dataclass(slots=True)
class Comment:
    text: str
    span: Span


@dataclass(slots=True)
class Program:
    """Every fact of one file, in document order."""

    imports: list[Import] = field(default_factory=list)
    # ``export ... from '<module>'``: module specifiers that bind no local name.
    reexports: list[Import] = field(default_factory=list)
    constructions: list[Construction] = field(default_factory=list)
    classes: list[ClassInfo] = field(default_factory=list)
    variables: list[VarDecl] = field(default_factory=list)
    calls: list[Call] = field(default_factory=list)
    templates: list[Template] = field(default_factory=list)
    concatenations: list[Concatenation] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    reads: dict[str, list[Span]] = field(default_factory=dict)
    # ``name = value`` assignments to a plain identifier (they are not reads).
    writes: dict[str, list[Span]] = field(default_factory=dict)
    exports: set[str] = field(default_factory=set)
    functions: list[Function] = field(default_factory=list)
    type_refs: dict[str, list[Span]] = field(default_factory=dict)
    any_types: list[Span] = field(default_factory=list)
    syntax_errors: list[Span] = field(default_factory=list)
    # The value of each top-level statement (function bodies included), for walks that must
    # reach every expression, such as an object literal returned by a helper function.
    statements: list[Value] = field(default_factory=list)
    # ``export =`` / ``export default`` / ``module.exports`` make every name reachable.
    exports_everything: bool = False
    # Lookups computed once per program (not a fact: never merged, compared or printed).
    memo: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)
    # The statement these facts belong to, for one statement's facts (see model_builder).
    anchor: Anchor | None = field(default=None, repr=False, compare=False)
    # Answers kept across edits, and the names the answer being worked out looked up (derived.py).
    store: DerivedStore | None = field(default=None, repr=False, compare=False)
    tracking: list[set[str]] = field(default_factory=list, repr=False, compare=False)

    # Lookups ------------------------------------------------------------------------------
    def resources(self) -> Iterator[Construction]:
        return (c for c in self.constructions if c.is_resource)

    def resources_of(self, *types: str) -> Iterator[Construction]:
        if self.tracking:
            self.tracking[-1].update(map(type_key, types))
        return iter(_resources_of(self, *types))

    def class_named(self, name: str) -> ClassInfo | None:
        for cls in self.classes:
            if cls.name == name:
                return cls
        return None

    def variable(self, name: str, at: int | None = None) -> VarDecl | None:
        """The declaration of ``name`` visible at offset ``at`` (innermost scope wins)."""
        if self.tracking:
            self.tracking[-1].add(name)
        best: VarDecl | None = None
        for decl in _variables_by_name(self).get(name, ()):
            if at is not None and not decl.scope.contains(at):
                continue
            if best is None or best.scope.encloses(decl.scope):
                best = decl
        return best

    def is_read(self, name: str) -> bool:
        return bool(self.reads.get(name)) or bool(self.type_refs.get(name))

    def resolve(self, value: Value | None, depth: int = 0) -> Value | None:
        """Follow an identifier to the value of the ``const`` it names, through simple chains."""
        while value is not None and value.kind == "identifier" and value.name and depth < 8:
            decl = self.variable(value.name, value.start)
            if decl is None or decl.kind != "const" or decl.value is None:
                return value
            value = decl.value
            depth += 1
        return value

    def property(self, value: Value | None, *path: str) -> Property | None:
        """The property at ``path`` inside an object value, following constants and spreads.

        ``program.property(fn.args, "environment", "variables")`` finds ``variables`` whether it is
        written inline, in a ``const`` or spread in from one; the last definition wins.
        """
        found: Property | None = None
        current = value
        for key in path:
            found = next((p for p in reversed(self.object_properties(current)) if p.key == key), None)
            if found is None:
                return None
            current = found.value
        return found

    def lookup(self, value: Value | None, *path: str) -> Value | None:
        """The resolved value at ``path`` (see :meth:`property`)."""
        prop = self.property(value, *path)
        return self.resolve(prop.value) if prop is not None else None

    def object_properties(self, value: Value | None) -> Sequence[Property]:
        """The properties of an object value, with spreads of objects in scope merged in order.

        The list is shared between callers: do not change it.
        """
        obj = self.resolve(value)
        if obj is None or obj.kind != "object":
            return []
        if not obj.spreads:
            return obj.properties
        busy: set[int] = self.memo.setdefault("spreading", set())
        if id(obj) in busy:  # a spread of the object itself (`const a = { ...a }`) adds nothing
            return []
        busy.add(id(obj))
        try:
            return derived(self, obj, "properties", self._spread_properties, obj)
        finally:
            busy.discard(id(obj))

    def _spread_properties(self, obj: Value) -> list[Property]:
        result: list[Property] = []
        spread_ids = {id(s) for s in obj.spreads}
        for item in _object_members(obj):
            if id(item) in spread_ids:
                assert isinstance(item, Value)
                result.extend(self.object_properties(item))
            else:
                assert isinstance(item, Property)
                result.append(item)
        return result


def _object_members(obj: Value) -> list[Located]:
    members: list[Located] = [*obj.properties, *obj.spreads]
    members.sort(key=lambda m: m.start)
    return members


P = ParamSpec("P")
T = TypeVar("T")


def per_program(compute: Callable[Concatenate[Program, P], T]) -> Callable[Concatenate[Program, P], T]:
    """``compute(program, *args)`` worked out once per program (the program's lookups never
    change once it is built); ``args`` must be hashable."""

    @wraps(compute)
    def once(program: Program, /, *args: P.args, **kwargs: P.kwargs) -> T:
        key: object = (compute, args, tuple(kwargs.items())) if args or kwargs else compute
        memo = program.memo
        try:
            result: T = memo[key]
        except KeyError:
            result = memo[key] = compute(program, *args, **kwargs)
        return result

    return once


@per_program
def _resources_of(program: Program, *types: str) -> list[Construction]:
    by_type = _construction_positions(program)
    if len(types) == 1:
        positions = by_type.get(types[0], [])
    else:  # in the order of ``constructions``, as one scan of it would give them
        positions = sorted(i for t in set(types) for i in by_type.get(t, ()))
    constructions = program.constructions
    return [constructions[i] for i in positions]


@per_program
def _construction_positions(program: Program) -> dict[str | None, list[int]]:
    """Where each resource type's constructions are in ``constructions``: one scan of a file's
    thousands of constructions serves every type a rule asks for."""
    by_type: dict[str | None, list[int]] = {}
    for index, construction in enumerate(program.constructions):
        by_type.setdefault(construction.resource_type, []).append(index)
    return by_type


@per_program
def _variables_by_name(program: Program) -> dict[str, list[VarDecl]]:
    by_name: dict[str, list[VarDecl]] = {}
    for decl in program.variables:
        by_name.setdefault(decl.name, []).append(decl)
    return by_name
