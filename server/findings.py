"""What a rule reports: findings with byte ranges, and fixes made of byte-range edits."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


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


@dataclass(slots=True)
class Finding:
    code: str
    name: str
    message: str
    start: int
    end: int
    severity: Severity
    fixes: tuple[Fix, ...] = ()
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
