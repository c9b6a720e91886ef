"""Client settings under the ``pulumiLint`` section, typed, with defaults.

Bad values are reported and replaced by their defaults; unknown keys are reported and ignored.
The VS Code extension contributes exactly these settings (plus its own ``server.path`` and
``interpreter``, which only the extension reads).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any, Literal

RunMode = Literal["onType", "onSave"]
LogLevel = Literal["error", "warning", "info", "debug"]
SeverityName = Literal["error", "warning", "info", "hint", "off"]

_RUN_MODES: tuple[str, ...] = ("onType", "onSave")
_LOG_LEVELS: tuple[str, ...] = ("error", "warning", "info", "debug")
_SEVERITIES: tuple[str, ...] = ("error", "warning", "info", "hint", "off")
# Settings the extension owns and the server ignores without complaint.
EXTENSION_ONLY = frozenset({"server", "interpreter"})


@dataclass(slots=True)
class ClientSettings:
    enable: bool = True
    run: RunMode = "onType"
    severity: dict[str, SeverityName] = field(default_factory=dict)
    unsafe_fixes: bool = True
    fix_all_on_save: bool = False
    log_level: LogLevel = "info"
    # Past this many bytes a file is not linted as you type: analysis would lag every keystroke.
    max_file_size: int = 2_000_000
    # A file with more findings than this shows the first ones and one note saying how many more.
    max_diagnostics: int = 1000


def wire_name(python_name: str) -> str:
    head, *rest = python_name.split("_")
    return head + "".join(word.capitalize() for word in rest)


def setting_names() -> list[str]:
    """The camelCase names of every server setting, as clients send them."""
    return [wire_name(f.name) for f in fields(ClientSettings)]


def parse_settings(raw: object) -> tuple[ClientSettings, list[str]]:
    """Settings from a client's JSON, and a message for every value that was replaced."""
    settings = ClientSettings()
    problems: list[str] = []
    if raw is None:
        return settings, problems
    if not isinstance(raw, Mapping):
        return settings, [f"pulumiLint settings must be an object, got {type(raw).__name__}"]
    known = {wire_name(f.name): f.name for f in fields(ClientSettings)}
    for key, value in raw.items():
        if key in EXTENSION_ONLY:
            continue
        attr = known.get(key)
        if attr is None:
            problems.append(f"unknown setting pulumiLint.{key} (ignored)")
            continue
        error = _check(attr, value)
        if error:
            problems.append(f"pulumiLint.{key}: {error}; using the default")
            continue
        if attr == "severity" and value == []:
            value = {}
        setattr(settings, attr, dict(value) if isinstance(value, Mapping) else value)
    return settings, problems


def _check(attr: str, value: Any) -> str | None:
    if attr in ("enable", "unsafe_fixes", "fix_all_on_save"):
        return None if isinstance(value, bool) else f"expected true or false, got {value!r}"
    if attr in ("max_file_size", "max_diagnostics"):
        ok = isinstance(value, int) and not isinstance(value, bool) and value > 0
        return None if ok else f"expected a positive integer, got {value!r}"
    if attr == "run":
        return None if value in _RUN_MODES else f"expected one of {', '.join(_RUN_MODES)}, got {value!r}"
    if attr == "log_level":
        return None if value in _LOG_LEVELS else f"expected one of {', '.join(_LOG_LEVELS)}, got {value!r}"
    if attr == "severity":
        if value == []:
            return None  # Lua clients (Neovim) encode an empty table as an empty array
        if not isinstance(value, Mapping):
            return f"expected an object of rule code to severity, got {value!r}"
        bad = [f"{k}={v!r}" for k, v in value.items() if v not in _SEVERITIES or not isinstance(k, str)]
        return f"bad severities {', '.join(bad)} (use {', '.join(_SEVERITIES)})" if bad else None
    return None
