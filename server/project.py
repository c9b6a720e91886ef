"""The Pulumi project around a file: Pulumi.yaml, stack configs, package.json and program files.

Design
------
- :meth:`ProjectCache.project_for` walks up from a file to the nearest ``Pulumi.yaml``: that
  directory is the project root. It returns a cached :class:`Project`, or ``None`` outside any
  project.
- A :class:`Project` reads the small project files when it is created: ``Pulumi.yaml`` (name,
  runtime, main, project-level config), every ``Pulumi.<stack>.yaml`` (in ``stackConfigDir`` when
  set) and the nearest ``package.json`` at or above the root (dependencies, the ``@pulumi/aws``
  major version). The program's TypeScript files are listed, read and parsed only when a rule asks
  (:meth:`Project.program`), with pulumi_lint's own :class:`~pulumi_lint.document.Document` and
  :func:`~pulumi_lint.model_builder.build_program`, cached by path and modification time.
- A malformed file never raises: YAML and JSON errors become :attr:`Project.problems`, each a
  path, a byte range in that file and a message, which the CLI and the server show on that file.
- Invalidation: :meth:`ProjectCache.invalidate` is called with a path the client reports changed.
  A ``Pulumi*.yaml`` or ``package.json`` drops the projects it belongs to (they are re-read on the
  next :meth:`~ProjectCache.project_for`); any other file drops its parsed form and the facts
  derived from the project's files. Each lookup also re-checks the modification times of the
  project files read, so a missed notification costs staleness until the next lookup, never more.
- Open, unsaved editor documents override the disk: :meth:`ProjectCache.set_overlay` and
  :meth:`~ProjectCache.clear_overlay`. An overlay counts as a change of that path.

Findings: per-file rules see the project as ``ctx.project`` (the engine passes it to
:meth:`~pulumi_lint.engine.Engine.analyse`; rules with ``RuleMeta(project=True)`` run only then).
Findings on the project's other files (``Pulumi.yaml``, stack files, ``package.json``, jest
configs) come from :func:`pulumi_lint.project_lint.project_findings`, once per project.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from .document import Document
from .model import Program, Value
from .model_builder import build_program

PROJECT_FILE_NAMES = ("Pulumi.yaml", "Pulumi.yml")
PROGRAM_SUFFIXES = (".ts", ".tsx", ".mts", ".cts")
# Directories that never hold program sources: dependencies, build output, caches.
SKIPPED_DIRECTORIES = frozenset({"node_modules", "dist", "build", "out", "coverage", "cdk.out", "bin-release"})
# A guard against pointing the linter at a home directory with a Pulumi.yaml in it.
MAX_PROGRAM_FILES = 5000
# When nothing says which @pulumi/aws the project uses, rules assume the current major version.
DEFAULT_AWS_MAJOR = 7

_STACK_FILE = re.compile(r"^Pulumi\.(?P<stack>.+)\.ya?ml$")
_TEST_FILE = re.compile(r"\.(test|spec)\.[cm]?tsx?$")
_TEST_DIRECTORIES = frozenset({"test", "tests", "__tests__"})
_RELATIVE_SPECIFIER = re.compile(
    rb"""(?:\bfrom|\bimport|\brequire\s*\(|\bimport\s*\()\s*(['"])(\.{1,2}/[^'"\n]*|\.{1,2})\1"""
)

if TYPE_CHECKING:
    import yaml

T = TypeVar("T")
Stamp = tuple[Any, ...]


def normalise(path: str | os.PathLike[str]) -> Path:
    """The absolute, normalised form every cache key and finding path uses (symlinks kept)."""
    return Path(os.path.abspath(os.fspath(path)))


@dataclass(frozen=True, slots=True)
class ProjectProblem:
    """A project file that could not be read as expected: shown on that file, never raised."""

    path: str
    start: int  # byte range in that file
    end: int
    message: str


@dataclass(slots=True)
class YamlEntry:
    """A key of a YAML mapping with the byte ranges of the key and of its value."""

    key: str
    value: Any
    key_start: int
    key_end: int
    value_start: int
    value_end: int


@dataclass(slots=True)
class ConfigKey:
    """One configuration key of a stack file (or of Pulumi.yaml's ``config:`` block)."""

    namespace: str  # the namespace, the project name when none is written
    name: str
    written: str  # the key as written
    start: int  # byte range of the key
    end: int
    value: Any
    explicit_namespace: bool = True


@dataclass(slots=True)
class StackFile:
    stack: str
    path: Path
    keys: list[ConfigKey] = field(default_factory=list)

    def namespaces_of(self, name: str) -> set[str]:
        return {k.namespace for k in self.keys if k.name == name}


@dataclass(slots=True)
class PackageJson:
    path: Path
    data: dict[str, Any]

    @property
    def dependencies(self) -> dict[str, str]:
        """Every declared dependency with its version range (runtime ones win over dev ones)."""
        merged: dict[str, str] = {}
        for section in ("peerDependencies", "optionalDependencies", "devDependencies", "dependencies"):
            value = self.data.get(section)
            if isinstance(value, dict):
                merged.update({str(k): str(v) for k, v in value.items()})
        return merged

    @property
    def main(self) -> str | None:
        value = self.data.get("main")
        return value if isinstance(value, str) and value else None


@dataclass(frozen=True, slots=True)
class EntryPoint:
    """The file Pulumi runs, resolved as the Node.js language host does."""

    path: Path | None  # None when no file can be found
    declared: str | None  # Pulumi.yaml ``main`` as written, if any
    missing: bool  # ``main`` names a path that does not exist


# Reading and parsing --------------------------------------------------------------------------


def _stamp(path: Path) -> Stamp | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino)


def _byte_offsets(text: str) -> Callable[[int], int]:
    """Character index -> UTF-8 byte offset in ``text`` (PyYAML and json report characters)."""
    if text.isascii():
        return lambda index: index
    cache: dict[int, int] = {}

    def convert(index: int) -> int:
        if index not in cache:
            cache[index] = len(text[:index].encode("utf-8"))
        return cache[index]

    return convert


def _decode(source: bytes) -> tuple[str, int]:
    """Text and the byte length of a leading BOM, which parsers see but offsets must skip."""
    if source.startswith(b"\xef\xbb\xbf"):
        return source[3:].decode("utf-8", errors="replace"), 3
    return source.decode("utf-8", errors="replace"), 0


def _line_end(source: bytes, offset: int) -> int:
    end = offset
    while end < len(source) and source[end : end + 1] not in (b"\n", b"\r"):
        end += 1
    return end


class _Yaml:
    """A YAML document read once for both its data and the byte ranges of its nodes."""

    def __init__(self, path: Path, source: bytes) -> None:
        # Imported here: a file outside any project never needs a YAML parser.
        import yaml

        self.path = path
        self.source = source
        self.text, self.bom = _decode(source)
        self.offset = _byte_offsets(self.text)
        self.data: Any = None
        self.node: yaml.Node | None = None
        self.problem: ProjectProblem | None = None
        loader = yaml.SafeLoader(self.text)
        try:
            self.node = loader.get_single_node()
            self.data = loader.construct_document(self.node) if self.node is not None else None
        except yaml.YAMLError as exc:
            self.problem = self._problem_from(exc)
        finally:
            loader.dispose()

    def byte(self, index: int) -> int:
        return self.bom + self.offset(index)

    def _problem_from(self, exc: yaml.YAMLError) -> ProjectProblem:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        start = self.byte(mark.index) if mark is not None else 0
        end = _line_end(self.source, start)
        if end == start and start > 0:  # at the end of the file: show the last character
            start -= 1
        problem = getattr(exc, "problem", None) or str(exc)
        context = getattr(exc, "context", None)
        text = f"{problem} ({context})" if context else str(problem)
        return ProjectProblem(str(self.path), start, max(end, start), f"Malformed YAML: {text}")

    def span(self, node: yaml.Node) -> tuple[int, int]:
        start = self.byte(node.start_mark.index)
        end = self.byte(node.end_mark.index)
        # Block values end after their trailing line breaks and comments; keep their content.
        while end > start and self.source[end - 1 : end] in (b"\n", b"\r", b" ", b"\t"):
            end -= 1
        return start, end

    def entries(self, node: yaml.Node | None = None) -> list[YamlEntry]:
        import yaml

        node = self.node if node is None else node
        if not isinstance(node, yaml.MappingNode):
            return []
        loader = yaml.SafeLoader("")
        entries = []
        try:
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    continue
                key_start, key_end = self.span(key_node)
                value_start, value_end = self.span(value_node)
                value = loader.construct_object(value_node, deep=True)
                entries.append(
                    YamlEntry(str(key_node.value), value, key_start, key_end, value_start, value_end)
                )
        except yaml.YAMLError:
            pass
        finally:
            loader.dispose()
        return entries


def _is_mapping(node: yaml.Node | None) -> bool:
    import yaml

    return isinstance(node, yaml.MappingNode)


def _mapping_value(node: yaml.Node | None, key: str) -> yaml.Node | None:
    """The value node of ``key`` in a YAML mapping node."""
    import yaml

    if not isinstance(node, yaml.MappingNode):
        return None
    for key_node, value_node in node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key and isinstance(value_node, yaml.Node):
            return value_node
    return None


def parse_json(path: Path, source: bytes) -> tuple[Any, ProjectProblem | None]:
    text, bom = _decode(source)
    try:
        return json.loads(text), None
    except json.JSONDecodeError as exc:
        start = bom + _byte_offsets(text)(exc.pos)
        end = _line_end(source, start)
        if end == start and start > 0:
            start -= 1
        return None, ProjectProblem(str(path), start, max(end, start), f"Malformed JSON: {exc.msg}")


_JSON_PREFIX = b"var json = ("


def json_model(source: bytes) -> Value | None:
    """The top-level object of a JSON text as a model :class:`Value`, offsets into ``source``.

    JSON is a JavaScript expression: the TypeScript parser reads it and the model gives each
    property its key and value ranges, which fixes to ``package.json`` need.
    """
    wrapped = _JSON_PREFIX + source + b"\n);"
    document = Document(wrapped, "package.json.ts")
    program = build_program(document.tree, document.source)
    if not program.variables or program.variables[0].value is None:
        return None
    value = program.variables[0].value
    # Every fact of the statement is relative to its anchor: moving the anchor re-bases them all.
    value.anchor.base -= len(_JSON_PREFIX)
    return value if value.kind == "object" else None


# Version ranges ---------------------------------------------------------------------------------

_VERSION = re.compile(r"(\d+)(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?")


def major_of_range(spec: str) -> int | None:
    """The major version npm installs for a range, when the range pins one; else None.

    ``^7.0.0``, ``~7.2``, ``7.x``, ``7`` and ``=7.1.0`` give 7; ``>=6.0.0 <8.0.0`` gives 7 (the
    highest allowed); an alternative (``^6 || ^7``) gives the highest of its parts. Ranges that
    do not bound the major (``*``, ``latest``, ``>=6``, git and file references) give None.
    """
    spec = spec.strip()
    for prefix in ("workspace:", "npm:"):
        if spec.startswith(prefix):
            spec = spec[len(prefix) :]
    if "@" in spec:  # npm:@pulumi/aws@^7
        spec = spec.rsplit("@", 1)[1]
    majors: list[int] = []
    for alternative in spec.split("||"):
        major = _major_of_alternative(alternative.strip())
        if major is None:
            return None
        majors.append(major)
    return max(majors) if majors else None


def _major_of_alternative(alternative: str) -> int | None:
    if not alternative or alternative in ("*", "x", "X", "latest", "next"):
        return None
    if " - " in alternative:  # hyphen range: the upper end bounds it
        upper = _VERSION.search(alternative.split(" - ", 1)[1])
        return int(upper.group(1)) if upper else None
    comparators = alternative.split()
    upper_bound: int | None = None
    lower: int | None = None
    for comparator in comparators:
        match = _VERSION.search(comparator)
        if match is None:
            return None
        major = int(match.group(1))
        if comparator.startswith("<"):
            exclusive = not comparator.startswith("<=")
            at_zero = (match.group(2) in (None, "0")) and (match.group(3) in (None, "0"))
            upper_bound = major - 1 if exclusive and at_zero else major
        elif comparator.startswith(">"):
            lower = major
        else:
            return major  # ^7, ~7.1, 7.x, =7.0.0, 7.1.2
    if upper_bound is not None:
        return upper_bound if lower is None or upper_bound >= lower else None
    return None


# The project ------------------------------------------------------------------------------------


def is_test_path(path: str | os.PathLike[str], root: str | os.PathLike[str] | None = None) -> bool:
    """``*.test.ts``/``*.spec.ts`` anywhere, or any file under a ``test``/``tests``/``__tests__`` folder."""
    p = normalise(path)
    if _TEST_FILE.search(p.name):
        return True
    parts = p.parent.parts
    if root is not None:
        base = normalise(root)
        with contextlib.suppress(ValueError):
            parts = p.parent.relative_to(base).parts
    return any(part in _TEST_DIRECTORIES for part in parts)


class Project:
    """One Pulumi project: its files, read on creation, and its program, read on demand."""

    def __init__(self, root: Path, cache: ProjectCache, pulumi_yaml: Path | None = None) -> None:
        self.root = root
        self.cache = cache
        self.pulumi_yaml = pulumi_yaml or next(
            (root / n for n in PROJECT_FILE_NAMES if cache.exists(root / n)), root / PROJECT_FILE_NAMES[0]
        )
        self.problems: list[ProjectProblem] = []
        self.name: str | None = None
        self.runtime: str | None = None
        self.main: str | None = None
        self.entries: dict[str, YamlEntry] = {}
        self.project_config: list[ConfigKey] = []
        self.stack_config_dir: Path = root
        self.stacks: list[StackFile] = []
        self.package_json: PackageJson | None = None
        self.aws_major = DEFAULT_AWS_MAJOR
        self.aws_major_known = False
        self.aws_version_source: str | None = None
        # Files read at creation and how they looked, to notice changes without notification.
        self._stamps: dict[Path, Stamp | None] = {}
        self._stack_files: list[Path] = []
        self._files: list[Path] | None = None
        self._program_only: list[Path] | None = None  # _files without the test files
        self._entry: EntryPoint | None = None
        self._memo: dict[str, Any] = {}
        self._load()

    def __repr__(self) -> str:
        return f"Project({self.name!r}, {str(self.root)!r})"

    # Loading ------------------------------------------------------------------------------------
    def _read(self, path: Path) -> bytes | None:
        self._stamps[path] = self.cache.stamp(path)
        return self.cache.read(path)

    def _load(self) -> None:
        source = self._read(self.pulumi_yaml)
        if source is None:
            self.problems.append(ProjectProblem(str(self.pulumi_yaml), 0, 0, "Pulumi.yaml cannot be read"))
        else:
            self._load_pulumi_yaml(source)
        self._stack_files = self._find_stack_files()
        for path in self._stack_files:
            match = _STACK_FILE.match(path.name)
            if match:
                self._load_stack(match.group("stack"), path)
        self.stacks.sort(key=lambda s: s.stack)
        self._load_package_json()

    def _load_pulumi_yaml(self, source: bytes) -> None:
        doc = _Yaml(self.pulumi_yaml, source)
        if doc.problem is not None:
            self.problems.append(doc.problem)
            return
        if not isinstance(doc.data, dict):
            self.problems.append(
                ProjectProblem(str(self.pulumi_yaml), 0, _line_end(source, 0), "Pulumi.yaml must be a mapping")
            )
            return
        self.entries = {e.key: e for e in doc.entries()}
        name = doc.data.get("name")
        if isinstance(name, str) and name:
            self.name = name
        elif "name" in self.entries:
            entry = self.entries["name"]
            self.problems.append(
                ProjectProblem(str(self.pulumi_yaml), entry.value_start, entry.value_end, "`name` must be a string")
            )
        runtime = doc.data.get("runtime")
        if isinstance(runtime, dict):
            runtime = runtime.get("name")
        self.runtime = runtime if isinstance(runtime, str) else None
        main = doc.data.get("main")
        if isinstance(main, str) and main.strip():
            self.main = main.strip()
        config_dir = doc.data.get("stackConfigDir")
        if isinstance(config_dir, str) and config_dir.strip():
            self.stack_config_dir = normalise(self.root / config_dir.strip())
        config = _mapping_value(doc.node, "config")
        if config is not None:
            self.project_config = [self._config_key(e) for e in doc.entries(config)]

    def _config_key(self, entry: YamlEntry) -> ConfigKey:
        written = entry.key
        parts = written.split(":")
        if len(parts) == 1:
            return ConfigKey(
                self.name or "", written, written, entry.key_start, entry.key_end, entry.value, False
            )
        namespace, name = parts[0], ":".join(parts[1:])
        if len(parts) == 3 and parts[1] == "config":  # the legacy ``ns:config:name`` form
            name = parts[2]
        return ConfigKey(namespace, name, written, entry.key_start, entry.key_end, entry.value)

    def _load_stack(self, stack: str, path: Path) -> None:
        source = self._read(path)
        if source is None:
            return
        stack_file = StackFile(stack, path)
        self.stacks.append(stack_file)
        doc = _Yaml(path, source)
        if doc.problem is not None:
            self.problems.append(doc.problem)
            return
        if doc.data is None:
            return  # an empty stack file is valid
        if not isinstance(doc.data, dict):
            self.problems.append(
                ProjectProblem(str(path), 0, _line_end(source, 0), "A stack file must be a mapping")
            )
            return
        config = _mapping_value(doc.node, "config")
        if config is None:
            return
        if not _is_mapping(config):
            start, end = doc.span(config)
            self.problems.append(ProjectProblem(str(path), start, end, "`config` must be a mapping"))
            return
        stack_file.keys = [self._config_key(e) for e in doc.entries(config)]

    def _load_package_json(self) -> None:
        directory = self.root
        while True:
            candidate = directory / "package.json"
            if self.cache.exists(candidate):
                source = self._read(candidate)
                if source is None:
                    break
                data, problem = parse_json(candidate, source)
                if problem is not None:
                    self.problems.append(problem)
                elif isinstance(data, dict):
                    self.package_json = PackageJson(candidate, data)
                break
            self._stamps[candidate] = None
            if directory.parent == directory:
                break
            directory = directory.parent
        self._resolve_aws_version()

    def _resolve_aws_version(self) -> None:
        # The installed package is the truth; the declared range is the next best thing.
        bases = [self.root]
        if self.package_json is not None and self.package_json.path.parent != self.root:
            bases.append(self.package_json.path.parent)
        for base in bases:
            installed = base / "node_modules" / "@pulumi" / "aws" / "package.json"
            if not self.cache.exists(installed):
                self._stamps[installed] = None  # notice a later `npm install`
                continue
            source = self._read(installed)
            data, _ = parse_json(installed, source or b"")
            version = data.get("version") if isinstance(data, dict) else None
            major = major_of_range(version) if isinstance(version, str) else None
            if major is not None:
                self.aws_major, self.aws_major_known = major, True
                self.aws_version_source = str(installed)
                return
        if self.package_json is not None:
            spec = self.package_json.dependencies.get("@pulumi/aws")
            major = major_of_range(spec) if spec else None
            if major is not None:
                self.aws_major, self.aws_major_known = major, True
                self.aws_version_source = str(self.package_json.path)

    def _find_stack_files(self) -> list[Path]:
        return [
            path
            for path in self.cache.listdir(self.stack_config_dir)
            if _STACK_FILE.match(path.name) and path.name not in PROJECT_FILE_NAMES
        ]

    def is_stale(self) -> bool:
        """Whether a project file read at creation has changed, appeared or gone (disk or overlay)."""
        if any(self.cache.stamp(path) != stamp for path, stamp in self._stamps.items()):
            return True
        return self._find_stack_files() != self._stack_files

    # Facts --------------------------------------------------------------------------------------
    @property
    def dependencies(self) -> dict[str, str]:
        return self.package_json.dependencies if self.package_json is not None else {}

    def config_namespaces(self, name: str) -> dict[str, list[ConfigKey]]:
        """Every namespace under which a stack file or Pulumi.yaml sets the key ``name``."""
        found: dict[str, list[ConfigKey]] = {}
        for key in [*self.project_config, *(k for s in self.stacks for k in s.keys)]:
            if key.name == name:
                found.setdefault(key.namespace, []).append(key)
        return found

    def contains(self, path: str | os.PathLike[str]) -> bool:
        p = normalise(path)
        return p == self.root or self.root in p.parents

    def relative(self, path: str | os.PathLike[str]) -> str:
        return normalise(path).relative_to(self.root).as_posix()

    def is_test_file(self, path: str | os.PathLike[str]) -> bool:
        return is_test_path(path, self.root)

    def memo(self, key: str, compute: Callable[[], T]) -> T:
        """A fact derived from the program files, kept until one of them changes."""
        if key not in self._memo:
            self._memo[key] = compute()
        result: T = self._memo[key]
        return result

    # The entry point ----------------------------------------------------------------------------
    @property
    def entry(self) -> Path | None:
        return self.entry_point().path

    def entry_point(self) -> EntryPoint:
        if self._entry is None:
            self._entry = self._resolve_entry()
        return self._entry

    def _resolve_entry(self) -> EntryPoint:
        """Pulumi's Node.js host: ``main`` names a file or a directory; a directory, and the root
        when there is no ``main``, runs what its ``package.json`` ``main`` names, else ``index``.

        Without ``main``, the host first tries the ``exports`` then ``main`` field of the nearest
        ``package.json`` (falling back to the root when that file does not exist). Node resolves a
        path by trying it as written, then with ``.js`` and ``.ts`` appended, then as a directory.
        """
        if self.main is not None:
            target = normalise(self.root / self.main)
            if self.cache.is_dir(target):
                return EntryPoint(self._directory_entry(target), self.main, False)
            found = self._file_entry(target)
            return EntryPoint(found, self.main, found is None)
        if self.package_json is not None:
            for declared in self._package_entries(self.package_json.data):
                candidate = normalise(self.package_json.path.parent / declared)
                if self.cache.exists(candidate):
                    found = (
                        self._directory_entry(candidate) if self.cache.is_dir(candidate) else candidate
                    )
                    if found is not None:
                        return EntryPoint(found, None, False)
        return EntryPoint(self._directory_entry(self.root), None, False)

    @staticmethod
    def _package_entries(data: dict[str, Any]) -> list[str]:
        exports = data.get("exports")
        if isinstance(exports, str):
            return [exports]
        if isinstance(exports, dict):
            main_export = exports.get(".")
            if isinstance(main_export, str):
                return [main_export]
            if isinstance(main_export, dict):
                for condition in ("default", "require", "import"):
                    value = main_export.get(condition)
                    if isinstance(value, str):
                        return [value]
            return []
        main = data.get("main")
        return [main] if isinstance(main, str) and main else []

    def _file_entry(self, target: Path) -> Path | None:
        if self.cache.exists(target) and not self.cache.is_dir(target):
            return target
        for suffix in (".js", ".ts", ".tsx"):
            candidate = target.with_name(target.name + suffix)
            if self.cache.exists(candidate):
                return candidate
        if self.cache.is_dir(target):
            return self._directory_entry(target)
        return None

    def _directory_entry(self, directory: Path) -> Path | None:
        package = directory / "package.json"
        if self.cache.exists(package):
            data, _ = parse_json(package, self.cache.read(package) or b"")
            main = data.get("main") if isinstance(data, dict) else None
            if isinstance(main, str) and main:
                target = normalise(directory / main)
                found = self._file_entry(target) if not self.cache.is_dir(target) else None
                if found is None and self.cache.is_dir(target):
                    found = self._index_of(target)
                if found is not None:
                    return found
        return self._index_of(directory)

    def _index_of(self, directory: Path) -> Path | None:
        # Node tries index.js before the TypeScript extensions ts-node registers.
        for name in ("index.js", "index.ts", "index.tsx"):
            candidate = directory / name
            if self.cache.exists(candidate):
                return candidate
        return None

    # Program files ------------------------------------------------------------------------------
    def program_files(self, include_tests: bool = False) -> list[Path]:
        """The TypeScript files of the program, in path order (no declarations, no dependencies)."""
        if self._files is None:
            self._files = self._list_program_files()
            self._program_only = None
        if include_tests:
            return list(self._files)
        if self._program_only is None:
            self._program_only = [p for p in self._files if not self.is_test_file(p)]
        return list(self._program_only)

    def _list_program_files(self) -> list[Path]:
        found: set[Path] = set()
        for directory, subdirectories, files in os.walk(self.root):
            base = Path(directory)
            subdirectories[:] = sorted(
                d
                for d in subdirectories
                if not d.startswith(".")
                and d not in SKIPPED_DIRECTORIES
                # A nested Pulumi.yaml starts another project.
                and not any((base / d / n).exists() for n in PROJECT_FILE_NAMES)
            )
            for name in files:
                if name.endswith(PROGRAM_SUFFIXES) and not name.endswith(".d.ts"):
                    found.add(normalise(base / name))
            if len(found) >= MAX_PROGRAM_FILES:
                break
        for path in self.cache.overlay_paths():
            if path.suffix in PROGRAM_SUFFIXES and self.contains(path) and self._owns(path):
                found.add(path)
        return sorted(found)

    def _owns(self, path: Path) -> bool:
        relative = path.relative_to(self.root).parts[:-1]
        return not any(part.startswith(".") or part in SKIPPED_DIRECTORIES for part in relative)

    def source(self, path: str | os.PathLike[str]) -> bytes | None:
        return self.cache.read(normalise(path))

    def document(self, path: str | os.PathLike[str]) -> Document | None:
        parsed = self.cache.parsed(normalise(path))
        return parsed[0] if parsed is not None else None

    def program(self, path: str | os.PathLike[str]) -> Program | None:
        """The program model of a file of the project (parsed once per version of the file)."""
        parsed = self.cache.parsed(normalise(path))
        return parsed[1] if parsed is not None else None

    def resolve_import(self, importer: str | os.PathLike[str], specifier: str) -> Path | None:
        """The project file a relative module specifier names (``./lib/stack`` -> lib/stack.ts)."""
        if not specifier.startswith("."):
            return None
        target = normalise(normalise(importer).parent / specifier)
        stem = target
        if target.suffix in (".js", ".mjs", ".cjs", ".jsx"):  # ESM-style imports of TS sources
            stem = target.with_suffix("")
        candidates = [
            target,
            *(stem.with_name(stem.name + s) for s in PROGRAM_SUFFIXES),
            *(target / ("index" + s) for s in PROGRAM_SUFFIXES),
        ]
        for candidate in candidates:
            is_file = self.cache.exists(candidate) and not self.cache.is_dir(candidate)
            if candidate.suffix in PROGRAM_SUFFIXES and is_file:
                return candidate
        return None

    def imports_of(self, path: str | os.PathLike[str]) -> list[Path]:
        """The project files a file imports, re-exports or requires by relative specifier."""
        source = self.source(path)
        if source is None:
            return []
        found: list[Path] = []
        for match in _RELATIVE_SPECIFIER.finditer(source):
            target = self.resolve_import(path, match.group(2).decode("utf-8", errors="replace"))
            if target is not None and target not in found:
                found.append(target)
        return found

    def reachable_from(self, path: str | os.PathLike[str]) -> set[Path]:
        """``path`` and every project file it loads, directly or through other files."""
        start = normalise(path)
        seen = {start}
        pending = [start]
        while pending:
            for target in self.imports_of(pending.pop()):
                if target not in seen:
                    seen.add(target)
                    pending.append(target)
        return seen

    # Invalidation -------------------------------------------------------------------------------
    def forget(self, path: Path | None = None) -> None:
        """Drop the facts derived from the program files (and the file list when files come/go)."""
        self._memo.clear()
        self._entry = None
        if path is None or path not in (self._files or ()) or not self.cache.exists(path):
            self._files = None


def is_project_file(path: Path) -> bool:
    name = path.name
    return name in PROJECT_FILE_NAMES or name == "package.json" or bool(_STACK_FILE.match(name))


class ProjectCache:
    """Finds, caches and invalidates projects; reads files with editor overlays on top of the disk."""

    def __init__(self) -> None:
        self._projects: dict[Path, Project] = {}
        self._roots: dict[Path, Path | None] = {}  # directory -> its project root
        self._overlays: dict[Path, bytes] = {}
        self._overlay_versions: dict[Path, int] = {}
        self._overlay_counter = 0
        self._parsed: dict[Path, tuple[Stamp, Document, Program]] = {}

    # Files --------------------------------------------------------------------------------------
    def read(self, path: Path) -> bytes | None:
        overlay = self._overlays.get(path)
        if overlay is not None:
            return overlay
        try:
            return path.read_bytes()
        except OSError:
            return None

    def stamp(self, path: Path) -> Stamp | None:
        if path in self._overlays:
            return ("overlay", self._overlay_versions[path])
        return _stamp(path)

    def exists(self, path: Path) -> bool:
        return path in self._overlays or path.exists()

    def is_dir(self, path: Path) -> bool:
        return path not in self._overlays and path.is_dir()

    def listdir(self, directory: Path) -> list[Path]:
        try:
            names = set(os.listdir(directory))
        except OSError:
            names = set()
        names |= {p.name for p in self._overlays if p.parent == directory}
        return [directory / n for n in sorted(names)]

    def overlay_paths(self) -> list[Path]:
        return list(self._overlays)

    def remember(self, path: str | os.PathLike[str], document: Document, program: Program) -> None:
        """Keep a model built elsewhere (the CLI's own lint of the file) for the file's current
        version, so that project rules do not parse it again. ``document`` must hold that version."""
        p = normalise(path)
        stamp = self.stamp(p)
        if stamp is not None:
            self._parsed[p] = (stamp, document, program)

    def parsed(self, path: Path) -> tuple[Document, Program] | None:
        stamp = self.stamp(path)
        if stamp is None:
            return None
        cached = self._parsed.get(path)
        if cached is not None and cached[0] == stamp:
            return cached[1], cached[2]
        source = self.read(path)
        if source is None:
            return None
        document = Document(source, str(path))
        # Through the document's statement cache, so that linting this same document later
        # reuses every statement instead of walking the tree again.
        program = build_program(document.tree, document.source, document.statements)
        self._parsed[path] = (stamp, document, program)
        return document, program

    # Projects -----------------------------------------------------------------------------------
    def root_for(self, path: str | os.PathLike[str]) -> Path | None:
        """The directory of the nearest Pulumi.yaml at or above ``path``."""
        start = normalise(path)
        directory = start if self.is_dir(start) else start.parent
        visited: list[Path] = []
        root: Path | None = None
        while True:
            if directory in self._roots:
                root = self._roots[directory]
                break
            visited.append(directory)
            if any(self.exists(directory / n) for n in PROJECT_FILE_NAMES):
                root = directory
                break
            if directory.parent == directory:
                break
            directory = directory.parent
        for seen in visited:
            self._roots[seen] = root
        return root

    def project_for(self, path: str | os.PathLike[str]) -> Project | None:
        """The project a file belongs to (the nearest Pulumi.yaml upward), or None."""
        root = self.root_for(path)
        if root is None:
            return None
        project = self._projects.get(root)
        if project is None or project.is_stale():
            project = Project(root, self)
            self._projects[root] = project
        return project

    def projects(self) -> list[Project]:
        return list(self._projects.values())

    def invalidate(self, path: str | os.PathLike[str]) -> None:
        """A file changed, appeared or disappeared: forget what depended on it."""
        p = normalise(path)
        self._parsed.pop(p, None)
        if p.name in PROJECT_FILE_NAMES or self._is_directory_event(p):
            self._roots.clear()  # a project appeared or vanished
        if is_project_file(p):
            # A project reads its own files and the nearest package.json at or above its root.
            for root in [r for r in self._projects if r in p.parents or p.parent in r.parents]:
                del self._projects[root]
            return
        for project in self._projects.values():
            if project.contains(p):
                project.forget(p)

    def _is_directory_event(self, path: Path) -> bool:
        return path.is_dir() or (not path.exists() and not path.suffix)

    def set_overlay(self, path: str | os.PathLike[str], source: bytes | str) -> None:
        """Use ``source`` instead of the file on disk (an open, possibly unsaved document)."""
        p = normalise(path)
        data = source.encode("utf-8") if isinstance(source, str) else source
        if self._overlays.get(p) == data:
            return
        self._overlay_counter += 1
        self._overlays[p] = data
        self._overlay_versions[p] = self._overlay_counter
        self.invalidate(p)

    def clear_overlay(self, path: str | os.PathLike[str]) -> None:
        p = normalise(path)
        if self._overlays.pop(p, None) is not None:
            self._overlay_versions.pop(p, None)
            self.invalidate(p)


def iter_projects(cache: ProjectCache, paths: list[Path]) -> Iterator[Project]:
    """Each distinct project the given files belong to, in the order first met."""
    seen: set[Path] = set()
    for path in paths:
        project = cache.project_for(path)
        if project is not None and project.root not in seen:
            seen.add(project.root)
            yield project
