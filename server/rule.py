"""What a rule is: metadata, its documentation, and a check over the program model.

A rule module defines a docstring (its documentation page), ``META`` and ``check``::

    META = RuleMeta(code="AWS001", name="lambda-reserved-env-var", severity=Severity.ERROR,
                    fix=FixAvailability.SOMETIMES)

    def check(ctx: Context) -> Iterator[Finding]:
        ...
        yield ctx.finding(start, end, "message", fixes=[ctx.fix("title", [edit], SAFE)])

A rule that reports on one subject at a time (a resource, a policy statement) checks each through
:func:`~pulumi_lint.kept_findings.each`, which keeps the subject's findings across edits while what
the check read is unchanged; see that module for what a check may depend on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from types import ModuleType
from typing import TYPE_CHECKING, Any

from .findings import Applicability, Edit, Finding, Fix, LazyFixes, Severity, Tag
from .model import Located, Program

if TYPE_CHECKING:
    from .document import Document
    from .kept_findings import Scope
    from .suppressions import Suppression


# Where each rule's documentation page lives; clients link every diagnostic to it.
DOCS_BASE_URL = "https://github.com/pulumi-lint/pulumi-lint/blob/main/docs/rules/"


def docs_url(code: str, base: str | None = None) -> str:
    base = base or DOCS_BASE_URL
    return f"{base.rstrip('/')}/{code}.md"


class FixAvailability(str, Enum):
    NONE = "none"
    SOMETIMES = "sometimes"
    ALWAYS = "always"


@dataclass(frozen=True, slots=True)
class RuleMeta:
    code: str
    name: str
    severity: Severity
    fix: FixAvailability = FixAvailability.NONE
    tags: tuple[Tag, ...] = ()
    options: Mapping[str, Any] = field(default_factory=dict)
    # Off unless selected (rules whose noise only some projects want).
    default_enabled: bool = True
    # Needs the project around the file (Pulumi.yaml, stack files, other program files).
    project: bool = False

    def finding(
        self,
        start: int,
        end: int,
        message: str,
        *,
        path: str | None,
        fixes: Iterable[Fix] | LazyFixes = (),
        severity: Severity | None = None,
        tags: tuple[Tag, ...] | None = None,
    ) -> Finding:
        """A finding of this rule, at its default severity and tags unless given."""
        return Finding(
            code=self.code,
            name=self.name,
            message=message,
            start=start,
            end=end,
            severity=severity or self.severity,
            fixes=fixes if isinstance(fixes, LazyFixes) else tuple(fixes),
            tags=self.tags if tags is None else tags,
            path=path,
        )


@dataclass(frozen=True, slots=True)
class Rule:
    meta: RuleMeta
    docs: str
    check: Callable[[Context], Iterable[Finding]]
    module: str
    # A post-pass over the suppression comments, run after every other rule's findings were
    # matched against them (so each suppression knows which codes it silenced).
    check_suppressions: Callable[[list[Suppression], Context], Iterable[Finding]] | None = None

    @property
    def code(self) -> str:
        return self.meta.code

    @property
    def name(self) -> str:
        return self.meta.name

    @property
    def summary(self) -> str:
        """The first sentence of the "What it does" section."""
        paragraph: list[str] = []
        for line in self.docs.splitlines():
            text = line.strip()
            if text.startswith("#") or not text:
                if paragraph:
                    break
                continue
            paragraph.append(text)
        return first_sentence(" ".join(paragraph)) if paragraph else self.name

    @classmethod
    def from_module(cls, module: ModuleType) -> Rule:
        meta = module.META
        docs = (module.__doc__ or "").strip()
        return cls(
            meta=meta,
            docs=docs,
            check=module.check,
            module=module.__name__,
            check_suppressions=getattr(module, "check_suppressions", None),
        )


_ABBREVIATIONS = ("e.g", "i.e", "etc", "vs")


def first_sentence(text: str) -> str:
    """``text`` up to the first full stop outside code spans and brackets (not "e.g.")."""
    in_code = False
    depth = 0
    for index, ch in enumerate(text):
        if ch == "`":
            in_code = not in_code
        elif in_code:
            continue
        elif ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif (
            ch in ".!?"
            and depth == 0
            and (index + 1 == len(text) or text[index + 1] == " ")
            and not text[:index].lower().endswith(_ABBREVIATIONS)
        ):
            return text[: index + 1]
    return text


class Context:
    """What a rule's ``check`` gets: the document, its model, options and helpers."""

    __slots__ = (
        "document", "program", "rule", "options", "project", "today", "settings", "suppressions_checked", "scope",
        "kept_key",
    )

    def __init__(
        self,
        document: Document,
        program: Program,
        rule: Rule,
        options: Mapping[str, Any],
        project: Any = None,
        today: date | None = None,
    ) -> None:
        self.document = document
        self.program = program
        self.rule = rule
        self.options = options
        self.project = project
        self.today = today or date.today()
        # For suppression post-passes: the codes that ran on this document.
        self.suppressions_checked: list[str] = []
        # What findings kept across edits assume (kept_findings.Scope); None keeps none.
        self.scope: Scope | None = None
        # Where a statement's memo keeps this rule's findings (kept_findings.each).
        self.kept_key = ("kept", rule.meta.code)

    @property
    def source(self) -> bytes:
        return self.document.source

    def text(self, item: Located | tuple[int, int]) -> str:
        start, end = (item.start, item.end) if isinstance(item, Located) else item
        return self.document.source[start:end].decode("utf-8", errors="replace")

    def line_indent(self, offset: int) -> str:
        """The leading white space of the line that contains ``offset``."""
        lines = self.document.lines
        line_start = lines.starts[lines.line_of(offset)]
        text = self.document.source[line_start:offset]
        return text[: len(text) - len(text.lstrip(b" \t"))].decode()

    def finding(
        self,
        where: Located | tuple[int, int],
        message: str,
        *,
        fixes: Iterable[Fix] | Callable[[], Iterable[Fix]] = (),
        severity: Severity | None = None,
        tags: tuple[Tag, ...] | None = None,
    ) -> Finding:
        """A finding at ``where``. ``fixes`` may be a function of no arguments that makes them:
        it then runs only if the fixes are asked for (a quick fix, fix-all, ``--fix``)."""
        start, end = (where.start, where.end) if isinstance(where, Located) else where
        made: Iterable[Fix] | LazyFixes = self.lazy(fixes) if callable(fixes) else fixes
        return self.rule.meta.finding(
            start, end, message, path=self.document.path, fixes=made, severity=severity, tags=tags
        )

    def lazy(self, make: Callable[[], Iterable[Fix]]) -> LazyFixes:
        # Fixes are byte edits of this very text, and the facts they are made from move with
        # later edits: computed after the text changed, they would edit the wrong bytes.
        document = self.document
        source = document.source
        return LazyFixes(make, lambda: document.source is source, self.rule.code)

    @staticmethod
    def fix(title: str, edits: Iterable[Edit], applicability: Applicability) -> Fix:
        return Fix(title=title, edits=tuple(sorted(edits, key=lambda e: (e.start, e.end))), applicability=applicability)

    @staticmethod
    def edit(start: int, end: int, text: str) -> Edit:
        return Edit(start, end, text)


CheckFunction = Callable[[Context], Iterator[Finding]]


def one_fix(make: Callable[..., Fix | None], *args: Any, **kwargs: Any) -> Callable[[], list[Fix]]:
    """The fixes ``make(*args, **kwargs)`` gives (it returns one fix or None), made when asked for."""

    def fixes() -> list[Fix]:
        fix = make(*args, **kwargs)
        return [fix] if fix is not None else []

    return fixes
