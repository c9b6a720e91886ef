"""The result cache of ``pulumi-lint check``: a file unchanged since the last run is not analysed again.

A file's entry is found by its absolute path and the digest of its effective configuration, and is
used only when its key matches, a digest of everything the findings depend on:

* the file's bytes;
* the effective configuration (:class:`~pulumi_lint.config.LintConfig`, serialised with sorted keys);
* pulumi-lint's version and the contents of its own source and data files (so that editing a rule
  in a development checkout invalidates), the versions of the parser and YAML libraries, Python's;
* the date (rules such as AWS016 judge runtimes by it);
* for a file in a Pulumi project, the contents of the project's files: cross-file rules read
  ``Pulumi.yaml``, stack files, ``package.json``, jest configs and the other program files.

A stale result is a bug; a missed one costs one analysis. Hence: every part of the key hashes
contents, not modification times (modification times only spare re-hashing pulumi-lint's own
files, and a mismatch re-hashes them); an entry that cannot be read or parsed is a miss; a cache
that cannot be written is silently not written. Entries are written to a temporary file and
renamed into place, so a reader never sees half an entry.

This module is on the start-up path of every cached run: it imports nothing from the analysis
(no parser, no rules), only the standard library.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import fields, is_dataclass
from datetime import date
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from . import __version__

CACHE_DIR_NAME = ".pulumi-lint-cache"
CACHE_DIR_ENV = "PULUMI_LINT_CACHE_DIR"
# Bumped when the layout or the meaning of an entry changes.
CACHE_FORMAT = 1
# Markers of a project root, for where the cache lives when not told.
ROOT_MARKERS = ("pulumi-lint.toml", ".pulumi-lint.toml", "Pulumi.yaml", "Pulumi.yml")
CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by pulumi-lint.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)

# What the project's rules read (project.py): kept in step by the tests of this module.
PROJECT_FILE_NAMES = ("Pulumi.yaml", "Pulumi.yml")
PROJECT_SKIPPED_DIRECTORIES = frozenset(
    {"node_modules", "dist", "build", "out", "coverage", "cdk.out", "bin-release"}
)
# Program files and every file a project rule may read inside the project tree.
PROJECT_SUFFIXES = (".ts", ".tsx", ".mts", ".cts", ".yaml", ".yml", ".json", ".js", ".cjs", ".mjs")
_STACK_CONFIG_DIR = re.compile(rb"^stackConfigDir\s*:\s*['\"]?([^'\"#\r\n]+?)['\"]?\s*(?:#.*)?$", re.MULTILINE)


def _hash(*parts: bytes | str) -> str:
    digest = hashlib.blake2b(digest_size=20)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


def content_digest(source: bytes) -> str:
    return _hash(source)


# Where ---------------------------------------------------------------------------------------


def default_cache_dir(cwd: str | None = None) -> Path:
    """``.pulumi-lint-cache`` in the nearest directory at or above ``cwd`` holding a
    ``pulumi-lint.toml`` or a ``Pulumi.yaml``; else in ``cwd`` itself."""
    start = Path(cwd or os.getcwd()).absolute()
    for folder in (start, *start.parents):
        if any(os.path.isfile(folder / name) for name in ROOT_MARKERS):
            return folder / CACHE_DIR_NAME
    return start / CACHE_DIR_NAME


def resolve_cache_dir(option: str | None, cwd: str | None = None) -> Path:
    """``--cache-dir``, else ``$PULUMI_LINT_CACHE_DIR``, else :func:`default_cache_dir`."""
    chosen = option or os.environ.get(CACHE_DIR_ENV)
    return Path(chosen).absolute() if chosen else default_cache_dir(cwd)


def clean(directory: Path) -> bool:
    """Remove the cache directory; True when there was one."""
    if not directory.exists():
        return False
    if directory.is_dir() and not directory.is_symlink():
        import shutil

        shutil.rmtree(directory)
    else:
        directory.unlink()
    return True


# Keys ----------------------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    """``value`` as JSON data, the same for equal configurations whatever their construction."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted(_plain(v) for v in value)
    if hasattr(value, "value") and hasattr(type(value), "__members__"):  # an Enum
        return _plain(value.value)
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return repr(value)


def config_digest(config: Any) -> str:
    """A digest of an effective configuration (a :class:`~pulumi_lint.config.LintConfig`)."""
    return _hash(json.dumps(_plain(config), sort_keys=True, separators=(",", ":"), ensure_ascii=False))


def _package_dir(name: str) -> Path | None:
    try:
        spec = find_spec(name)
    except (ImportError, ValueError):
        return None
    if spec is None:
        return None
    if spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations)))
    return Path(spec.origin).parent if spec.origin else None


def _tree_files(directory: Path, suffixes: tuple[str, ...] | None) -> list[Path]:
    found: list[Path] = []
    for folder, subdirectories, files in os.walk(directory):
        subdirectories[:] = sorted(d for d in subdirectories if d != "__pycache__" and not d.startswith("."))
        for name in sorted(files):
            if suffixes is None or name.endswith(suffixes):
                found.append(Path(folder) / name)
    return found


def engine_files() -> list[Path]:
    """pulumi-lint's own source and data files, and the parser's and YAML library's files."""
    files: list[Path] = []
    own = _package_dir("pulumi_lint")
    if own is not None:
        # The language server (lsp/) does not change what ``check`` reports.
        files += [p for p in _tree_files(own, None) if "lsp" not in p.relative_to(own).parts[:1]]
    rules = _package_dir("pulumi_lint.rules")
    if rules is not None and (own is None or own not in rules.parents):
        files += _tree_files(rules, None)
    return [p for p in files if not p.name.endswith((".pyc", ".pyo"))]


def library_files() -> list[Path]:
    files: list[Path] = []
    for name in ("tree_sitter", "tree_sitter_typescript", "yaml"):
        directory = _package_dir(name)
        if directory is not None:
            files += [p for p in _tree_files(directory, None) if not p.name.endswith(".pyc")]
    return files


class EngineDigest:
    """The digest of pulumi-lint's own files (contents) and the libraries' (size and time).

    Hashing every rule module's contents on every run costs a few milliseconds; the digest is
    kept in the cache beside the stamps (size, modification time) of the files it was made from,
    and worked out again from the contents whenever any stamp differs.
    """

    def __init__(self, directory: Path | None) -> None:
        self.directory = directory

    def compute(self) -> str:
        own = engine_files()
        libraries = library_files()
        stamps = _stamps(own) + "\n" + _stamps(libraries)
        memo = self.directory / "engine.json" if self.directory is not None else None
        if memo is not None:
            try:
                saved = json.loads(memo.read_text("utf-8"))
                if saved.get("stamps") == stamps and isinstance(saved.get("digest"), str):
                    return str(saved["digest"])
            except (OSError, ValueError, AttributeError):
                pass
        parts: list[bytes | str] = [__version__, sys.version, str(CACHE_FORMAT)]
        for path in own:
            try:
                parts += [path.name, path.read_bytes()]
            except OSError:
                parts += [path.name, b"\0unreadable"]
        parts.append(_stamps(libraries))
        digest = _hash(*parts)
        if memo is not None:
            write_atomic(memo, json.dumps({"stamps": stamps, "digest": digest}).encode())
        return digest


def _stamps(paths: Iterable[Path]) -> str:
    out: list[str] = []
    for path in paths:
        try:
            st = path.stat()
        except OSError:
            out.append(f"{path}\0-")
            continue
        out.append(f"{path}\0{st.st_size}\0{st.st_mtime_ns}")
    return "\n".join(out)


class Digests:
    """Content digests of files and projects, each worked out once per run.

    :meth:`changed` forgets a file (and the project around it) that the run itself rewrote.
    """

    def __init__(self) -> None:
        self._files: dict[str, str] = {}
        self._roots: dict[str, str | None] = {}
        self._projects: dict[str, str] = {}

    def file(self, path: str) -> str:
        # By absolute path, symbolic links kept: resolving them costs a system call per component
        # of every path, and a file reached by two paths is merely read twice.
        path = os.path.abspath(path)
        found = self._files.get(path)
        if found is None:
            try:
                with open(path, "rb") as handle:
                    found = content_digest(handle.read())
            except OSError as exc:
                found = f"unreadable:{exc.errno}"
            self._files[path] = found
        return found

    def changed(self, path: str) -> None:
        self._files.pop(os.path.abspath(path), None)
        root = self.project_root(path)
        if root is not None:
            self._projects.pop(root, None)

    def project_root(self, path: str) -> str | None:
        """The directory of the nearest Pulumi.yaml at or above the file, as project.py finds it
        (from the absolute path, symbolic links kept)."""
        directory = os.path.dirname(os.path.abspath(path))
        visited: list[str] = []
        root: str | None = None
        while True:
            if directory in self._roots:
                root = self._roots[directory]
                break
            visited.append(directory)
            if any(os.path.exists(os.path.join(directory, n)) for n in PROJECT_FILE_NAMES):
                root = directory
                break
            parent = os.path.dirname(directory)
            if parent == directory:
                break
            directory = parent
        for seen in visited:
            self._roots[seen] = root
        return root

    def project(self, root: str) -> str:
        found = self._projects.get(root)
        if found is None:
            found = _hash(*(part for path in self.project_files(root) for part in (path, self.file(path))))
            self._projects[root] = found
        return found

    def project_files(self, root: str) -> list[str]:
        """Every file the project's rules may read: the project tree's program, YAML, JSON and
        JavaScript files, the nearest ``package.json`` at or above the root and the files beside
        it, the installed ``@pulumi/aws`` version, and a ``stackConfigDir`` outside the tree."""
        found: set[str] = set()
        for folder, subdirectories, files in os.walk(root):
            subdirectories[:] = sorted(
                d
                for d in subdirectories
                if not d.startswith(".")
                and d not in PROJECT_SKIPPED_DIRECTORIES
                and not any(os.path.exists(os.path.join(folder, d, n)) for n in PROJECT_FILE_NAMES)
            )
            for name in files:
                if name.endswith(PROJECT_SUFFIXES):
                    found.add(os.path.join(folder, name))
        package_dir: str | None = None
        directory = root
        while True:
            candidate = os.path.join(directory, "package.json")
            # A missing file is part of the key too: creating it changes the findings.
            found.add(candidate)
            if os.path.exists(candidate):
                package_dir = directory
                break
            parent = os.path.dirname(directory)
            if parent == directory:
                break
            directory = parent
        for base in {root, package_dir or root}:
            found.add(os.path.join(base, "node_modules", "@pulumi", "aws", "package.json"))
        if package_dir is not None and package_dir != root:
            with _ignore_os_errors():
                for entry in os.scandir(package_dir):
                    if entry.is_file():
                        found.add(entry.path)
        for name in PROJECT_FILE_NAMES:
            try:
                with open(os.path.join(root, name), "rb") as handle:
                    text = handle.read()
            except OSError:
                continue
            match = _STACK_CONFIG_DIR.search(text)
            if match:
                stack_dir = os.path.normpath(os.path.join(root, match.group(1).decode("utf-8", "replace").strip()))
                with _ignore_os_errors():
                    for entry in os.scandir(stack_dir):
                        if entry.is_file():
                            found.add(entry.path)
        return sorted(found)


class _ignore_os_errors:
    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> bool:
        return kind is not None and issubclass(kind, OSError)


# Storage -------------------------------------------------------------------------------------

_UMASK = os.umask(0o022)
os.umask(_UMASK)


def write_atomic(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` through a temporary file renamed into place; False on failure."""
    import tempfile  # only when writing: a run answered from the cache writes nothing

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    except OSError:
        return False
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        # mkstemp makes the file private; the cache is as readable as the files it describes.
        os.chmod(temporary, 0o644 & ~_UMASK)
        os.replace(temporary, path)
    except OSError:
        with _ignore_os_errors():
            os.unlink(temporary)
        return False
    return True


class ResultCache:
    """Entries under ``directory``: one JSON file per (file, configuration), holding its key.

    Nothing is created until the first write: a run that finds nothing to store leaves no trace.
    """

    def __init__(self, directory: Path, today: date | None = None) -> None:
        self.directory = directory
        self.entries = directory / f"v{CACHE_FORMAT}"
        self.today = (today or date.today()).isoformat()
        self.digests = Digests()
        self._engine: str | None = None
        self._writable: bool | None = None
        self.hits = 0
        self.misses = 0

    @property
    def engine(self) -> str:
        if self._engine is None:
            self._engine = EngineDigest(self.entries if self.writable() else None).compute()
        return self._engine

    def writable(self) -> bool:
        """Create the directory (with its .gitignore and CACHEDIR.TAG) unless it exists; False when
        it cannot be written, which turns writing off for the run."""
        if self._writable is None:
            try:
                fresh = not self.directory.exists()
                self.entries.mkdir(parents=True, exist_ok=True)
                if fresh or not (self.directory / ".gitignore").exists():
                    write_atomic(self.directory / ".gitignore", b"# Created by pulumi-lint automatically.\n*\n")
                    write_atomic(self.directory / "CACHEDIR.TAG", CACHEDIR_TAG.encode())
                self._writable = os.access(self.entries, os.W_OK)
            except OSError:
                self._writable = False
        return self._writable

    # One file --------------------------------------------------------------------------------

    def file_key(self, path: str, source_digest: str, config: str) -> tuple[str, str]:
        """(entry name, key) of a file with contents digest ``source_digest`` under ``config``."""
        real = os.path.realpath(path)
        root = self.digests.project_root(path)
        project = self.digests.project(root) if root is not None else "-"
        name = _hash("file", real, config)
        key = _hash(name, source_digest, self.engine, self.today, root or "-", project)
        return name, key

    def project_key(self, root: str, config: str) -> tuple[str, str]:
        name = _hash("project", root, config)
        return name, _hash(name, self.engine, self.today, self.digests.project(root))

    def _entry_path(self, name: str) -> Path:
        return self.entries / name[:2] / f"{name}.json"

    def get(self, name: str, key: str) -> Any:
        """The value stored under ``name`` when its key is ``key``; None otherwise (or unreadable)."""
        try:
            with open(self._entry_path(name), "rb") as handle:
                entry = json.loads(handle.read())
        except (OSError, ValueError):
            self.misses += 1
            return None
        if not isinstance(entry, dict) or entry.get("key") != key or "value" not in entry:
            self.misses += 1
            return None
        self.hits += 1
        return entry["value"]

    def put(self, name: str, key: str, value: Any) -> None:
        if not self.writable():
            return
        data = json.dumps({"key": key, "value": value}, ensure_ascii=False, separators=(",", ":"))
        write_atomic(self._entry_path(name), data.encode("utf-8", "surrogatepass"))

    # Configurations and the rule catalogue ---------------------------------------------------
    # Validating a pulumi-lint.toml needs every rule's options, so reading it means importing the
    # rules. Its outcome is kept here, keyed by the contents of every file read (the config and
    # what it extends) and by pulumi-lint's own digest.

    def config(self, path: str) -> Any:
        """The :class:`~pulumi_lint.config_file.LoadedConfig` of ``path`` kept by an earlier run
        while none of the files it was read from changed; None otherwise."""
        value = self.get(_hash("config", os.path.abspath(path)), self.engine)
        if not isinstance(value, dict):
            return None
        try:
            files = [(str(file), str(digest)) for file, digest in value["files"]]
            if any(self.digests.file(file) != digest for file, digest in files):
                return None
            from .config_file import ConfigProblem, LoadedConfig

            return LoadedConfig(
                path=Path(value["path"]),
                config=lint_config_from(value["config"]),
                problems=[ConfigProblem(str(p), int(line), str(key), str(m)) for p, line, key, m in value["problems"]],
                files=tuple(Path(file) for file, _ in files),
                fatal=bool(value["fatal"]),
            )
        except (KeyError, TypeError, ValueError, AttributeError):
            return None

    def put_config(self, path: str, loaded: Any) -> None:
        plain = _plain(loaded.config)
        try:
            exact = lint_config_from(json.loads(json.dumps(plain))) == loaded.config
        except (KeyError, TypeError, ValueError):
            exact = False
        if not exact:
            return  # a value JSON cannot carry (a TOML date): read the file on every run
        value = {
            "path": str(loaded.path),
            "config": plain,
            "problems": [[p.path, p.line, p.key, p.message] for p in loaded.problems],
            "files": [[str(file), self.digests.file(str(file))] for file in loaded.files],
            "fatal": loaded.fatal,
        }
        self.put(_hash("config", os.path.abspath(path)), self.engine, value)

    def codes(self) -> list[str] | None:
        value = self.get("catalogue", self.engine)
        if isinstance(value, list) and all(isinstance(code, str) for code in value):
            return value
        return None

    def put_codes(self, codes: list[str]) -> None:
        self.put("catalogue", self.engine, codes)


def lint_config_from(data: Mapping[str, Any]) -> Any:
    """The :class:`~pulumi_lint.config.LintConfig` that :func:`_plain` made ``data`` of."""
    from .config import LintConfig
    from .findings import Severity

    select = data["select"]
    return LintConfig(
        select=tuple(select) if select is not None else None,
        extend_select=tuple(data["extend_select"]),
        ignore=tuple(data["ignore"]),
        severity={code: Severity(level) if level is not None else None for code, level in data["severity"].items()},
        options={code: dict(options) for code, options in data["options"].items()},
        unsafe_fixes=bool(data["unsafe_fixes"]),
        per_file_ignores=tuple((str(glob), tuple(codes)) for glob, codes in data["per_file_ignores"]),
        exclude=tuple(data["exclude"]),
        docs_base_url=data["docs_base_url"],
    )
