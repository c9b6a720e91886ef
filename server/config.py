"""Which rules run, at which severity, with which options.

:class:`LintConfig` is what the engine consumes. Configuration files and client settings are
layered into one by the loaders; the engine never reads files itself.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from .findings import Severity

if TYPE_CHECKING:
    # Only for annotations: the rules' module pulls in the program model, which a run answered
    # from the result cache never needs.
    from .rule import Rule


def code_matches(code: str, selector: str) -> bool:
    """``AWS`` and ``AWS0`` select by prefix; ``ALL`` selects everything."""
    return selector == "ALL" or code.startswith(selector)


@dataclass(slots=True)
class LintConfig:
    select: tuple[str, ...] | None = None  # None: every rule enabled by default
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity | None] = field(default_factory=dict)  # None: off
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    unsafe_fixes: bool = False
    # (glob, selectors): globs are absolute, or relative to no directory when the config has no file.
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    exclude: tuple[str, ...] = ()
    docs_base_url: str | None = None

    def ignored_for(self, path: str | None) -> tuple[str, ...]:
        """The selectors ``per_file_ignores`` turns off for ``path``."""
        if not path or not self.per_file_ignores:
            return ()
        absolute = os.path.abspath(path)
        found: list[str] = []
        for pattern, codes in self.per_file_ignores:
            if glob_match(pattern, absolute):
                found.extend(codes)
        return tuple(found)

    def excluded(self, path: str | None) -> bool:
        if not path or not self.exclude:
            return False
        absolute = os.path.abspath(path)
        return any(glob_match(pattern, absolute) for pattern in self.exclude)

    def rules_for(self, rules: Iterable[Rule], path: str | None) -> list[Rule]:
        """``rules`` minus those the per-file ignores turn off for ``path``."""
        ignored = self.ignored_for(path)
        if not ignored:
            return list(rules)
        return [rule for rule in rules if not any(code_matches(rule.code, s) for s in ignored)]

    def enabled(self, rule: Rule) -> bool:
        code = rule.code
        if code in self.severity and self.severity[code] is None:
            return False
        on = rule.meta.default_enabled if self.select is None else _best_match(code, self.select) is not None
        if not on and _best_match(code, self.extend_select) is not None:
            on = True
        if on:
            ignored = _best_match(code, self.ignore)
            selected = _best_match(code, (*(self.select or ()), *self.extend_select))
            # The more specific selector wins, as in Ruff: select AWS001 beats ignore AWS.
            if ignored is not None and (selected is None or len(ignored) >= len(selected)):
                on = False
        return on

    def enabled_rules(self, rules: Iterable[Rule]) -> list[Rule]:
        return [rule for rule in rules if self.enabled(rule)]

    def options_for(self, rule: Rule) -> dict[str, Any]:
        merged = dict(rule.meta.options)
        merged.update(self.options.get(rule.code, {}))
        return merged

    def severity_for(self, rule: Rule) -> Severity:
        return self.severity.get(rule.code) or rule.meta.severity


def _best_match(code: str, selectors: Iterable[str]) -> str | None:
    best: str | None = None
    for selector in selectors:
        if code_matches(code, selector) and (best is None or len(selector) > len(best)):
            best = selector
    return best


def glob_match(pattern: str, path: str | PurePath) -> bool:
    """Gitignore-like matching: ``**`` crosses directories, ``*`` does not.

    A pattern without a slash matches a file name or any directory name in the path, so
    ``generated`` excludes everything under any ``generated/`` directory.
    """
    text = PurePath(path).as_posix()
    if "/" not in pattern.rstrip("/"):
        parts = text.split("/")
        regex = _compile(pattern.rstrip("/"))
        return any(regex.fullmatch(part) for part in parts)
    regex = _compile(posixpath.normpath(pattern) if not pattern.endswith("/**") else pattern)
    if regex.fullmatch(text):
        return True
    # A directory pattern matches what is under it.
    return _compile(pattern.rstrip("/") + "/**").fullmatch(text) is not None


@cache
def _compile(pattern: str) -> re.Pattern[str]:
    out: list[str] = []
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif char == "*":
            out.append("[^/]*")
            i += 1
        elif char == "?":
            out.append("[^/]")
            i += 1
        elif char == "[" and "]" in pattern[i + 1 :]:
            close = pattern.index("]", i + 1)
            body = pattern[i + 1 : close].replace("\\", "\\\\")
            if body.startswith("!"):
                body = "^" + body[1:]
            out.append(f"[{body}]")
            i = close + 1
        else:
            out.append(re.escape(char))
            i += 1
    return re.compile("".join(out))
