"""``pulumi-lint.toml`` (or ``.pulumi-lint.toml``): finding, reading, validating and caching it.

The nearest file walking up from the linted file wins; a file may ``extend`` another by a path
relative to itself. Every problem names the file, the line and the key, and only the bad part
falls back to its default: a typo in one option never turns the whole configuration off.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .config import LintConfig, code_matches
from .findings import Severity

if TYPE_CHECKING:
    # Only for annotations: the rules' module pulls in the program model, which a run answered
    # from the result cache never needs.
    from .rule import Rule

CONFIG_NAMES = ("pulumi-lint.toml", ".pulumi-lint.toml")
SEVERITY_NAMES: dict[str, Severity | None] = {
    "error": Severity.ERROR,
    "warning": Severity.WARNING,
    "info": Severity.INFO,
    "hint": Severity.HINT,
    "off": None,
}
_SELECTOR_KEYS = ("select", "extend-select", "ignore")
KNOWN_KEYS = (
    "extend",
    *_SELECTOR_KEYS,
    "severity",
    "per-file-ignores",
    "exclude",
    "unsafe-fixes",
    "docs-base-url",
    "rules",
)


@dataclass(frozen=True, slots=True)
class ConfigProblem:
    path: str
    line: int  # 1-based; 0 when the problem is not about one line (a missing file)
    key: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.key}: {self.message}" if self.key else f"{where}: {self.message}"


@dataclass(slots=True)
class LoadedConfig:
    path: Path | None
    config: LintConfig
    problems: list[ConfigProblem] = field(default_factory=list)
    # Every file read (the config and what it extends), for cache invalidation.
    files: tuple[Path, ...] = ()
    # True when nothing of a file could be read (a TOML syntax error, a missing file).
    fatal: bool = False
    # The validated settings, per key, after ``extend`` was resolved (for --show-settings).
    settings: dict[str, Any] = field(default_factory=dict)


def find_config(start: str | os.PathLike[str]) -> Path | None:
    """The nearest config file in ``start`` (a file or directory) or a parent directory."""
    here = Path(start).resolve()
    directory = here if here.is_dir() else here.parent
    for folder in (directory, *directory.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return candidate
    return None


def load_config(path: str | os.PathLike[str], rules: Iterable[Rule] | None = None) -> LoadedConfig:
    """Read, validate and layer one config file (and what it extends) into a :class:`LintConfig`."""
    rule_list = list(rules) if rules is not None else _all_rules()
    file = Path(path).resolve()
    problems: list[ConfigProblem] = []
    files: list[Path] = []
    settings, fatal = _load_layered(file, rule_list, problems, files, ())
    return LoadedConfig(file, to_lint_config(settings), problems, tuple(files), fatal, settings)


def to_lint_config(settings: Mapping[str, Any]) -> LintConfig:
    select = settings.get("select")
    return LintConfig(
        select=tuple(select) if select is not None else None,
        extend_select=tuple(settings.get("extend-select", ())),
        ignore=tuple(settings.get("ignore", ())),
        severity=dict(settings.get("severity", {})),
        options={code: dict(values) for code, values in settings.get("rules", {}).items()},
        unsafe_fixes=bool(settings.get("unsafe-fixes", False)),
        per_file_ignores=tuple(
            (glob, tuple(codes)) for glob, codes in settings.get("per-file-ignores", {}).items()
        ),
        exclude=tuple(settings.get("exclude", ())),
        docs_base_url=settings.get("docs-base-url"),
    )


def _all_rules() -> list[Rule]:
    from .rules import all_rules

    return all_rules()


def _load_layered(
    file: Path,
    rules: list[Rule],
    problems: list[ConfigProblem],
    files: list[Path],
    chain: tuple[Path, ...],
) -> tuple[dict[str, Any], bool]:
    files.append(file)
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as exc:
        problems.append(
            ConfigProblem(str(file), 0, "", f"cannot read the configuration: {exc.strerror or exc}")
        )
        return {}, True
    # Imported here: a run whose configuration comes from the result cache never parses TOML.
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None) or _line_of_decode_error(str(exc), text)
        problems.append(ConfigProblem(str(file), line, "", f"invalid TOML: {exc}"))
        return {}, True
    validator = _Validator(file, text, rules, problems)
    own = validator.validate(raw)
    base: dict[str, Any] = {}
    fatal = False
    extend = own.pop("extend", None)
    if extend is not None:
        target = (file.parent / extend).resolve()
        if target in chain or target == file:
            problems.append(
                ConfigProblem(
                    str(file), validator.line_of(("extend",)), "extend", f"circular extend of {target}"
                )
            )
        else:
            base, fatal = _load_layered(target, rules, problems, files, (*chain, file))
            if fatal and not target.exists():
                # Name the line that asked for the missing file, not just the file.
                problems[-1] = ConfigProblem(
                    str(file), validator.line_of(("extend",)), "extend", f"extended file {target} not found"
                )
    return _merge(base, own), fatal


def _line_of_decode_error(message: str, text: str) -> int:
    match = re.search(r"line (\d+)", message)
    if match:
        return int(match.group(1))
    return max(1, len(text.splitlines())) if "end of document" in message else 1


def _merge(base: dict[str, Any], own: dict[str, Any]) -> dict[str, Any]:
    """``own`` over ``base``: tables merge key by key, ``extend-select`` accumulates, the rest replaces."""
    merged = dict(base)
    for key, value in own.items():
        if key in ("severity", "per-file-ignores") and key in merged:
            merged[key] = {**merged[key], **value}
        elif key == "rules" and key in merged:
            rules = {code: dict(options) for code, options in merged[key].items()}
            for code, options in value.items():
                rules.setdefault(code, {}).update(options)
            merged[key] = rules
        elif key == "extend-select" and key in merged:
            merged[key] = [*merged[key], *(c for c in value if c not in merged[key])]
        else:
            merged[key] = value
    return merged


class _Validator:
    """Checks the parsed TOML against the schema; keeps what is valid, reports the rest."""

    def __init__(self, file: Path, text: str, rules: list[Rule], problems: list[ConfigProblem]) -> None:
        self.file = file
        self.lines = text.splitlines()
        self.rules = {rule.code: rule for rule in rules}
        self.problems = problems
        self._base = file.parent

    def report(self, key_path: tuple[str, ...], message: str) -> None:
        self.problems.append(
            ConfigProblem(str(self.file), self.line_of(key_path), ".".join(key_path), message)
        )

    def validate(self, raw: Mapping[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in raw.items():
            if key not in KNOWN_KEYS:
                hint = _closest(key, KNOWN_KEYS)
                self.report((key,), f"unknown key{hint} (ignored)")
                continue
            if key == "extend" or key == "docs-base-url":
                if isinstance(value, str) and value:
                    out[key] = value
                else:
                    self.report((key,), f"expected a string, got {_type_name(value)}")
            elif key in _SELECTOR_KEYS:
                codes = self._selectors((key,), value)
                if codes is not None:
                    out[key] = codes
            elif key == "exclude":
                globs = self._strings((key,), value)
                if globs is not None:
                    out[key] = [self._absolute(g) for g in globs]
            elif key == "unsafe-fixes":
                if isinstance(value, bool):
                    out[key] = value
                else:
                    self.report((key,), f"expected true or false, got {_type_name(value)}")
            elif key == "severity":
                out[key] = self._severity(value)
            elif key == "per-file-ignores":
                out[key] = self._per_file_ignores(value)
            elif key == "rules":
                out[key] = self._rule_options(value)
        return out

    def _absolute(self, glob: str) -> str:
        # Globs are relative to the file that declares them; a bare name matches at any depth.
        if "/" not in glob.rstrip("/") or glob.startswith("/"):
            return glob
        return f"{self._base.as_posix()}/{glob.removeprefix('./')}"

    def _strings(self, key_path: tuple[str, ...], value: Any) -> list[str] | None:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.report(key_path, f"expected a list of strings, got {_type_name(value)}")
            return None
        return list(value)

    def _selectors(self, key_path: tuple[str, ...], value: Any) -> list[str] | None:
        values = self._strings(key_path, value)
        if values is None:
            return None
        kept: list[str] = []
        for selector in values:
            code = selector.upper()
            if code == "ALL" or any(code_matches(known, code) for known in self.rules):
                kept.append(code)
            else:
                self.report(
                    key_path,
                    f"unknown rule code or prefix {selector!r} (ignored){_closest(code, self.rules)}",
                )
        return kept

    def _severity(self, value: Any) -> dict[str, Severity | None]:
        if not isinstance(value, Mapping):
            self.report(("severity",), f"expected a table of rule code = severity, got {_type_name(value)}")
            return {}
        out: dict[str, Severity | None] = {}
        for code, name in value.items():
            if code.upper() not in self.rules:
                self.report(
                    ("severity", code), f"unknown rule code {code!r} (ignored){_closest(code, self.rules)}"
                )
            elif not isinstance(name, str) or name not in SEVERITY_NAMES:
                allowed = ", ".join(map(repr, SEVERITY_NAMES))
                self.report(("severity", code), f"expected one of {allowed}, got {name!r}; using the default")
            else:
                out[code.upper()] = SEVERITY_NAMES[name]
        return out

    def _per_file_ignores(self, value: Any) -> dict[str, list[str]]:
        if not isinstance(value, Mapping):
            self.report(("per-file-ignores",), f"expected a table of glob = [codes], got {_type_name(value)}")
            return {}
        out: dict[str, list[str]] = {}
        for glob, codes in value.items():
            kept = self._selectors(("per-file-ignores", glob), codes)
            if kept:
                out[self._absolute(glob)] = kept
        return out

    def _rule_options(self, value: Any) -> dict[str, dict[str, Any]]:
        if not isinstance(value, Mapping):
            self.report(("rules",), f"expected tables such as [rules.TS004], got {_type_name(value)}")
            return {}
        out: dict[str, dict[str, Any]] = {}
        for code, options in value.items():
            rule = self.rules.get(code.upper())
            if rule is None:
                self.report(
                    ("rules", code), f"unknown rule code {code!r} (ignored){_closest(code, self.rules)}"
                )
                continue
            if not isinstance(options, Mapping):
                self.report(("rules", code), f"expected a table of options, got {_type_name(options)}")
                continue
            known = rule.meta.options
            kept: dict[str, Any] = {}
            for name, option in options.items():
                if name not in known:
                    names = (", ".join(known) or "none") + _closest(name, known)
                    message = f"unknown option for {rule.code} (ignored); its options: {names}"
                    self.report(("rules", code, name), message)
                    continue
                default = known[name]
                if not _same_type(option, default):
                    self.report(
                        ("rules", code, name),
                        f"expected {_type_name(default)} like the default {default!r}, got {option!r}; "
                        "using the default",
                    )
                    continue
                kept[name] = option
            out[rule.code] = kept
        return out

    def line_of(self, key_path: tuple[str, ...]) -> int:
        """The 1-based line where ``key_path`` is set, found by scanning the TOML text."""
        table: tuple[str, ...] = ()
        fallback = 0
        for number, line in enumerate(self.lines, start=1):
            stripped = line.strip()
            header = _HEADER.match(stripped)
            if header:
                table = _split_dotted(header.group(1))
                if table == key_path:
                    return number
                continue
            assignment = _ASSIGN.match(stripped)
            if assignment is None:
                if fallback == 0 and re.search(rf'(?<![\w-])"?{re.escape(key_path[-1])}"?\s*=', line):
                    fallback = number  # inside an inline table or an array spanning lines
                continue
            full = (*table, *_split_dotted(assignment.group(1)))
            if full == key_path or full == key_path[: len(full)] and key_path[-1] in line:
                return number
            if full[: len(key_path)] == key_path:
                return number
        return fallback or 1


_HEADER = re.compile(r"^\[\[?\s*([^\]]+?)\s*\]\]?")
_ASSIGN = re.compile(
    r"""^((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*="""
)


def _split_dotted(text: str) -> tuple[str, ...]:
    parts = re.findall(r""""([^"]*)"|'([^']*)'|([A-Za-z0-9_-]+)""", text)
    return tuple(a or b or c for a, b, c in parts)


def _same_type(value: Any, default: Any) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(value, bool) and isinstance(default, bool)
    if isinstance(default, int | float):
        return isinstance(value, int | float) and (isinstance(default, float) or isinstance(value, int))
    if isinstance(default, list | tuple):
        if not isinstance(value, list):
            return False
        kinds = {type(item) for item in default}
        return not kinds or all(type(item) in kinds for item in value)
    if default is None:
        return True
    return isinstance(value, type(default))


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, Mapping):
        return "a table"
    return type(value).__name__


def _closest(word: str, candidates: Iterable[str]) -> str:
    import difflib

    match = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.75)
    return f" (did you mean {match[0]!r}?)" if match else ""


class ConfigCache:
    """Configs by file, reloaded when the file or anything it extends changes on disk."""

    def __init__(self, rules: Iterable[Rule] | None = None) -> None:
        self._rules = list(rules) if rules is not None else None
        self._loaded: dict[Path, tuple[tuple[tuple[Path, float | None], ...], LoadedConfig]] = {}
        self._found: dict[Path, Path | None] = {}

    def for_file(self, path: str | os.PathLike[str]) -> LoadedConfig | None:
        """The config that applies to ``path`` (the nearest one), or None when there is none."""
        here = Path(path).resolve()
        directory = here if here.is_dir() else here.parent
        if directory not in self._found:
            self._found[directory] = find_config(directory)
        config_path = self._found[directory]
        return None if config_path is None else self.load(config_path)

    def load(self, config_path: str | os.PathLike[str]) -> LoadedConfig:
        file = Path(config_path).resolve()
        cached = self._loaded.get(file)
        if cached is not None and all(_mtime(p) == stamp for p, stamp in cached[0]):
            return cached[1]
        loaded = load_config(file, self._rules)
        self._loaded[file] = (tuple((p, _mtime(p)) for p in loaded.files), loaded)
        return loaded

    def invalidate(self, path: str | os.PathLike[str] | None = None) -> None:
        """Forget ``path`` (a config file created, changed or deleted), or everything."""
        # A created or deleted file changes which config is nearest for whole subtrees.
        self._found.clear()
        if path is None:
            self._loaded.clear()
            return
        target = Path(path).resolve()
        for key, (stamps, _) in list(self._loaded.items()):
            if key == target or any(p == target for p, _ in stamps):
                del self._loaded[key]


def _mtime(path: Path) -> float | None:
    try:
        return path.stat().st_mtime_ns / 1e9
    except OSError:
        return None


def describe(loaded: LoadedConfig | None, path: str | None = None, config: LintConfig | None = None) -> str:
    """The resolved settings as TOML-like text (``--show-settings``); ``config`` if layered further."""
    if config is None:
        config = loaded.config if loaded is not None else LintConfig()
    lines = [f"# config file: {loaded.path if loaded is not None else '(none: defaults)'}"]
    if path is not None:
        lines.append(f"# linted file: {path}")
        lines.append(f"# excluded: {str(config.excluded(path)).lower()}")
        ignored = config.ignored_for(path)
        lines.append(f"# per-file ignores that apply: {_toml(list(ignored))}")
    lines.append(
        f"select = {_toml(list(config.select)) if config.select is not None else '# (rule defaults)'}"
    )
    lines.append(f"extend-select = {_toml(list(config.extend_select))}")
    lines.append(f"ignore = {_toml(list(config.ignore))}")
    lines.append(f"exclude = {_toml(list(config.exclude))}")
    lines.append(f"unsafe-fixes = {_toml(config.unsafe_fixes)}")
    if config.docs_base_url:
        lines.append(f"docs-base-url = {_toml(config.docs_base_url)}")
    lines.append("")
    lines.append("[severity]")
    for code, severity in sorted(config.severity.items()):
        lines.append(f"{code} = {_toml(severity.value if severity is not None else 'off')}")
    lines.append("")
    lines.append("[per-file-ignores]")
    for glob, codes in config.per_file_ignores:
        lines.append(f"{_toml(glob)} = {_toml(list(codes))}")
    for code, options in sorted(config.options.items()):
        lines.append("")
        lines.append(f"[rules.{code}]")
        for name, value in options.items():
            lines.append(f"{name} = {_toml(value)}")
    return "\n".join(lines) + "\n"


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        escaped = value.replace("\\", "\\\\").replace('"', '\\"')
        return f'"{escaped}"'
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return str(value)
