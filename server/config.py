"""Which rules run, at which severity, with which options.

:class:`LintConfig` is what the engine consumes. Configuration files and client settings are
layered into one by the loaders; the engine never reads files itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .findings import Severity
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
