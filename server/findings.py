"""What a rule reports: findings with byte ranges, and fixes made of byte-range edits."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import overload

log = logging.getLogger(__name__)


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    HINT = "hint"


class Applicability(str, Enum):
    """How sure a fix is: safe fixes run in fix-all; unsafe ones only when asked."""

    SAFE = "safe"
    UNSAFE = "unsafe"


class Tag(str, Enum):
    UNNECESSARY = "unnecessary"
    DEPRECATED = "deprecated"


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``source[start:end]`` with ``text``."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, object]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Fix:
    title: str
    edits: tuple[Edit, ...]
    applicability: Applicability

    @property
    def is_safe(self) -> bool:
        return self.applicability is Applicability.SAFE

    def to_dict(self) -> dict[str, object]:
        return {
            "title": self.title,
            "applicability": self.applicability.value,
            "edits": [e.to_dict() for e in self.edits],
        }


class LazyFixes(Sequence[Fix]):
    """The fixes of a finding, worked out when first read.

    Most findings are shown and never fixed: building every fix on every keystroke would cost
    more than finding the problems. ``valid`` says whether the text the finding was computed on
    is still the text a fix would edit; when it is not, the finding offers no fix rather than
    a wrong one. A fix that raises is logged and offered as no fix.
    """

    __slots__ = ("_make", "_valid", "_fixes", "_code")

    def __init__(self, make: Callable[[], Iterable[Fix]], valid: Callable[[], bool], code: str = "") -> None:
        self._make: Callable[[], Iterable[Fix]] | None = make
        self._valid = valid
        self._fixes: tuple[Fix, ...] = ()
        self._code = code

    def _get(self) -> tuple[Fix, ...]:
        make = self._make
        if make is not None:
            self._make = None
            if not self._valid():
                log.warning("%s: the text changed before its fixes were asked for; none offered", self._code)
            else:
                try:
                    self._fixes = tuple(make())
                except Exception:  # a broken fix must not take the request down
                    log.exception("%s: computing a fix failed", self._code)
        return self._fixes

    @overload
    def __getitem__(self, index: int) -> Fix: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Fix, ...]: ...
    def __getitem__(self, index: int | slice) -> Fix | tuple[Fix, ...]:
        return self._get()[index]

    def __len__(self) -> int:
        return len(self._get())

    def __iter__(self) -> Iterator[Fix]:
        return iter(self._get())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LazyFixes):
            other = other._get()
        return isinstance(other, tuple) and self._get() == other

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"LazyFixes({self._get()!r})"


@dataclass(slots=True)
class Finding:
    code: str
    name: str
    message: str
    start: int
    end: int
    severity: Severity
    fixes: Sequence[Fix] = ()
    tags: tuple[Tag, ...] = ()
    path: str | None = None
    # Set when the finding is about another file than the one linted (project rules).
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def sort_key(self) -> tuple[int, int, str]:
        return (self.start, self.end, self.code)

    def same_as(self, other: Finding) -> bool:
        return (self.code, self.start, self.end, self.message) == (
            other.code,
            other.start,
            other.end,
            other.message,
        )
