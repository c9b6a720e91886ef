"""The ``pulumi-lint`` command: check and fix files, list and explain rules, start the server.

Start-up time is most of a one-file run, so this module imports only what the analysis needs:
never pygls or lsprotocol (the ``server`` subcommand imports them when it runs), and json,
difflib and multiprocessing only on the paths that use them.

Exit codes, as Ruff's: 0 nothing found, 1 findings remain (or ``--diff`` has changes), 2 a usage
or configuration error (a missing path, an unknown rule code). Files that cannot be read or are
not UTF-8 text are reported on stderr as warnings and skipped; they do not change the exit code.
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from . import __version__
from .cache import CACHE_DIR_ENV, CACHE_DIR_NAME
from .config import LintConfig, code_matches
from .findings import Finding
from .output import (
    OUTPUT_FORMATS,
    TEXT_FORMATS,
    EditReport,
    FixReport,
    Location,
    Report,
    check_summary,
    fix_summary,
    format_concise,
    format_full,
    format_github,
    format_json,
    format_junit,
    format_sarif,
    report,
    unified_diff,
)
from .text import LineIndex

PROJECT_FILE_NAMES = ("Pulumi.yaml", "Pulumi.yml")

if TYPE_CHECKING:
    from tree_sitter import Tree

    from .cache import ResultCache
    from .config_file import LoadedConfig
    from .document import Document
    from .engine import Analysis, Engine
    from .progress import ProgressBar
    from .project import Project, ProjectCache
    from .rule import Rule

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2

PROG = "pulumi-lint"

# As document.TYPESCRIPT_SUFFIXES (a test keeps them equal): that module loads the parser, which a
# run answered from the result cache never needs.
TYPESCRIPT_SUFFIXES = (".ts", ".mts", ".cts", ".tsx")

# Directories never entered while walking a tree (a path given explicitly is still linted).
SKIP_DIRS = frozenset({"node_modules", "dist", "build", ".git", ".hg", ".svn", ".venv", ".pulumi"})
DECLARATION_SUFFIXES = (".d.ts", ".d.mts", ".d.cts")

# With --jobs auto, below this many files a run stays in one process: a worker costs a fork and
# a pipe, more than linting a few files does.
PARALLEL_MIN_FILES = 24

Mode = Literal["check", "fix", "diff"]


class UsageError(Exception):
    """A mistake on the command line or in the configuration: exit code 2."""


# Projects -----------------------------------------------------------------------------------------


_projects: ProjectCache | None = None


def project_cache() -> ProjectCache:
    """This process's projects, read once per run (each worker process has its own)."""
    global _projects
    if _projects is None:
        from .project import ProjectCache

        _projects = ProjectCache()
    return _projects


def find_project(path: str) -> Project | None:
    """The Pulumi project that ``path`` belongs to (the nearest Pulumi.yaml upward), or None.

    The one place where the CLI looks a project up. Rules that declare ``project=True`` run only
    when this returns a project.
    """
    return project_cache().project_for(path)


def project_roots_in(paths: Sequence[str], files: Sequence[str], store: ResultCache | None) -> list[str]:
    """The roots of the projects of ``files`` that lie in a directory named on the command line,
    found without reading the projects.

    Their own files (Pulumi.yaml, stack files, package.json, jest configs) are checked once per
    project; naming single files checks those files only.
    """
    from .cache import Digests

    digests = store.digests if store is not None else Digests()
    directories = [os.path.realpath(p) for p in paths if os.path.isdir(p)]
    found: list[str] = []
    seen: set[str] = set()
    for path in files:
        root = digests.project_root(path)
        if root is None or root in seen:
            continue
        seen.add(root)
        real = os.path.realpath(root)
        if any(real == d or real.startswith(d.rstrip(os.sep) + os.sep) for d in directories):
            found.append(root)
    return found


# Files ----------------------------------------------------------------------------------------


def is_lintable(name: str) -> bool:
    lower = name.lower()
    return lower.endswith(TYPESCRIPT_SUFFIXES) and not lower.endswith(DECLARATION_SUFFIXES)


def collect_files(paths: Sequence[str], warn: Callable[[str], None]) -> list[str]:
    """Every TypeScript file named by ``paths``, directories walked recursively, each once.

    Raises :class:`UsageError` naming every path that does not exist.
    """
    missing = [p for p in paths if not os.path.lexists(p)]
    if missing:
        raise UsageError("; ".join(f"{p}: no such file or directory" for p in missing))
    seen: set[str] = set()
    files: list[str] = []

    def add(path: str) -> None:
        path = os.path.normpath(path)
        key = os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            files.append(path)

    for root in paths:
        if os.path.isdir(root):
            for path in _walk(root, warn):
                add(path)
        elif os.path.isfile(root) or os.path.islink(root):
            if root.lower().endswith(TYPESCRIPT_SUFFIXES):
                add(root)
            else:
                warn(f"{root}: not a TypeScript file (.ts, .mts, .cts, .tsx); skipped")
        else:
            warn(f"{root}: not a regular file; skipped")
    return files


def _walk(root: str, warn: Callable[[str], None]) -> Iterator[str]:
    def on_error(error: OSError) -> None:
        warn(f"{error.filename}: cannot read directory: {error.strerror}")

    for directory, dirnames, filenames in os.walk(root, onerror=on_error):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS)
        for name in sorted(filenames):
            if is_lintable(name):
                yield os.path.join(directory, name)


def read_source(path: str) -> tuple[bytes | None, str | None]:
    """The file's bytes, or None and the reason it cannot be linted."""
    try:
        with open(path, "rb") as handle:
            source = handle.read()
    except OSError as exc:
        return None, f"cannot read file: {exc.strerror or exc}"
    if b"\0" in source:
        return None, "binary file (contains NUL bytes); skipped"
    try:
        source.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = source.count(b"\n", 0, exc.start) + 1
        return None, f"not valid UTF-8 (byte 0x{source[exc.start]:02x} on line {line}); skipped"
    return source, None


def parses(source: bytes, path: str) -> bool:
    from .document import Document

    return not Document(source, path).tree.root_node.has_error


def first_syntax_error(tree: Tree) -> int | None:
    """Byte offset of the first ERROR or MISSING node, descending only where errors are."""
    node = tree.root_node
    if not node.has_error:
        return None
    while True:
        for child in node.children:
            if child.is_error or child.is_missing:
                return child.start_byte
            if child.has_error:
                node = child
                break
        else:
            return node.start_byte


# Linting one file -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CheckOptions:
    mode: Mode = "check"
    unsafe_fixes: bool = False
    # Keep the source lines of each finding (the ``full`` output format shows them).
    context: bool = False


@dataclass(slots=True)
class FileResult:
    """Everything a run needs to print about one file (plain data: it crosses processes)."""

    path: str
    reports: list[Report] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    fixed: int = 0
    diff: str = ""
    output: bytes = b""
    # The digest of the bytes linted, set when the findings are those of the file as it is on disk
    # (nothing was fixed): only such results may be cached.
    digest: str = ""
    # Rules that raised: a result with failures is never cached.
    failed: bool = False


def _project_document(project: Project | None, path: str, text: bytes) -> Document | None:
    """The project's parse of ``path`` when it holds ``text``: cross-file rules of files linted
    earlier often parsed it already."""
    if project is None:
        return None
    document = project.document(path)
    return document if document is not None and document.source == text else None


def check_file(path: str, engine: Engine, options: CheckOptions, stdin: bytes | None = None) -> FileResult:
    """Lint ``path`` (or ``stdin`` linted as if it were ``path``; fixes then go to ``result.output``)."""
    from .document import Document

    result = FileResult(path)
    source, problem = read_source(path) if stdin is None else (stdin, None)
    if source is None:
        result.warnings.append(f"{path}: {problem}")
        return result
    project = find_project(path)
    if project is not None and stdin is not None:
        # The editor's text, not the file on disk, is what the project's other rules must see.
        project_cache().set_overlay(path, source)
        project = find_project(path)
    last: list[tuple[Document, Analysis]] = []

    def lint(text: bytes) -> list[Finding]:
        document = _project_document(project, path, text) or Document(text, path)
        analysis = engine.analyse(document, project)
        last[:] = [(document, analysis)]
        return analysis.findings

    if options.mode == "check":
        final = source
        findings = lint(source)
    else:
        from .fixes import fix_all

        outcome = fix_all(source, lint, lambda text: parses(text, path), unsafe=options.unsafe_fixes)
        final, findings = outcome.source, outcome.remaining
        if final != source and parses(source, path) and not parses(final, path):
            # fix_all already refuses such passes; this guards the file itself all the same.
            result.warnings.append(f"{path}: fixes would leave the file unparseable; not applied")
            final, findings = source, lint(source)
        elif final != source:
            result.fixed = outcome.applied
            if options.mode == "diff":
                result.diff = unified_diff(path, source, final)
            elif stdin is not None:
                pass  # the caller prints ``result.output``
            else:
                try:
                    with open(path, "wb") as handle:
                        handle.write(final)
                except OSError as exc:
                    result.warnings.append(f"{path}: cannot write fixes: {exc.strerror or exc}")
                    result.fixed = 0
                    final, findings = source, lint(source)
                else:
                    project_cache().invalidate(path)

    if stdin is not None:
        result.output = final
    elif final == source:
        from .cache import content_digest

        result.digest = content_digest(source)
    lines = LineIndex(final)
    result.reports = [report(finding, lines, path, context=options.context) for finding in findings]
    document, analysis = last[0]
    for failure in analysis.failures:
        result.failed = True
        result.warnings.append(f"{path}: rule {failure.code} failed and was skipped: {failure.error}")
    error_at = first_syntax_error(document.tree)
    if error_at is not None:
        where = lines.position(error_at, "utf-32")
        result.warnings.append(
            f"{path}:{where.line + 1}:{where.character + 1}: syntax error; findings in this file may be incomplete"
        )
    return result


def dependency_order(files: Sequence[str]) -> list[str]:
    """The files, each project file after the project files it imports.

    A fix can change what another file's rules see: PUL001 makes a class a component, and then
    PUL008 can export that component's outputs from the entry file. With the imported file fixed
    (and written) first, one ``--fix`` run reaches what a second run would.
    """
    by_key = {os.path.realpath(path): path for path in files}
    ordered: list[str] = []
    done: set[str] = set()
    for start in files:
        stack: list[tuple[str, Iterator[str]]] = []
        key = os.path.realpath(start)
        if key in done:
            continue
        done.add(key)
        stack.append((key, iter(_imported(key, by_key))))
        while stack:
            current, pending = stack[-1]
            following = next(pending, None)
            if following is None:
                stack.pop()
                ordered.append(by_key[current])
            elif following not in done:
                done.add(following)
                stack.append((following, iter(_imported(following, by_key))))
    return ordered


def _imported(key: str, by_key: dict[str, str]) -> list[str]:
    project = find_project(by_key[key])
    if project is None:
        return []
    found = (os.path.realpath(target) for target in project.imports_of(key))
    return [target for target in found if target in by_key]


def display_path(path: str) -> str:
    """A project file's path as the user would write it: relative when under the current folder."""
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


def check_project_files(project: Project, config: LintConfig, options: CheckOptions) -> list[FileResult]:
    """The findings on a project's own files (not TypeScript), fixed as :func:`check_file` fixes.

    Files that cannot be read as YAML or JSON are reported as warnings, with where it went wrong.
    """
    from .project import normalise
    from .project_lint import fix_project_file, project_findings

    cache = project_cache()
    results: list[FileResult] = []
    for problem in project.problems:
        result = FileResult(display_path(problem.path))
        where = LineIndex(cache.read(normalise(problem.path)) or b"").position(problem.start, "utf-32")
        result.warnings.append(f"{result.path}:{where.line + 1}:{where.character + 1}: {problem.message}")
        results.append(result)
    for path, findings in sorted(project_findings(project, config).items()):
        shown = display_path(path)
        result = FileResult(shown)
        source = cache.read(normalise(path)) or b""
        final = source
        outcome = None
        if options.mode != "check" and any(f.fixes for f in findings):
            outcome = fix_project_file(cache, path, config, unsafe=options.unsafe_fixes)
        if outcome is not None and outcome.source != source:
            final, remaining = outcome.source, outcome.remaining
            result.fixed = outcome.applied
            if options.mode == "diff":
                result.diff = unified_diff(shown, source, final)
                findings = remaining
            else:
                try:
                    with open(path, "wb") as handle:
                        handle.write(final)
                except OSError as exc:
                    result.warnings.append(f"{shown}: cannot write fixes: {exc.strerror or exc}")
                    result.fixed = 0
                    final = source
                else:
                    cache.invalidate(path)
                    findings = remaining
        lines = LineIndex(final)
        result.reports = [report(finding, lines, shown, context=options.context) for finding in findings]
        results.append(result)
    return results


def cached_project_files(
    root: str, pulumi_yaml: str, config: LintConfig, options: CheckOptions, store: ResultCache | None
) -> list[FileResult]:
    """:func:`check_project_files` of the project at ``root``, through the cache when only checking."""
    if store is None or options.mode != "check":
        project = find_project(pulumi_yaml)
        return check_project_files(project, config, options) if project is not None else []
    from dataclasses import replace

    from .cache import config_digest

    name, key = store.project_key(root, config_digest(config))
    value = store.get(name, key)
    if isinstance(value, list):
        found = [_result_from(item, display_path(str(item.get("path", ""))), options.context) for item in value]
        if all(result is not None for result in found):
            return [result for result in found if result is not None]
    project = find_project(pulumi_yaml)
    if project is None:
        return []
    results = check_project_files(project, config, replace(options, context=True))
    kept = [_result_data(result, os.path.abspath(result.path)) for result in results]
    if all(item is not None for item in kept):
        store.put(name, key, kept)
    return results if options.context else [_uncontext(result) for result in results]


# Running many files -----------------------------------------------------------------------

_worker: tuple[Engine, CheckOptions] | None = None


def _init_worker(config: LintConfig, options: CheckOptions) -> None:
    from .engine import Engine

    global _worker
    _worker = (Engine(config), options)


def _work(path: str) -> FileResult:
    assert _worker is not None
    engine, options = _worker
    return check_file(path, engine, options)


def auto_jobs(file_count: int) -> int:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    if cores < 2 or file_count < PARALLEL_MIN_FILES:
        return 1
    return min(cores, file_count // (PARALLEL_MIN_FILES // 2))


def run_files(
    files: Sequence[str],
    engine: Engine,
    options: CheckOptions,
    jobs: int,
    custom_rules: bool,
) -> Iterator[FileResult]:
    """Lint ``files`` in order, in worker processes when ``jobs`` > 1."""
    if jobs <= 1 or len(files) < 2 or custom_rules:
        for path in files:
            yield check_file(path, engine, options)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork shares the rules and grammar already loaded here; spawn would import them again.
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    with ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=context,
        initializer=_init_worker,
        initargs=(engine.config, options),
    ) as pool:
        chunk = max(1, min(16, len(files) // (jobs * 4)))
        yield from pool.map(_work, files, chunksize=chunk)


# Cached results ---------------------------------------------------------------------------


def _report_data(item: Report) -> dict[str, Any]:
    data = item.to_dict()
    del data["path"]  # the path is the one the next run names the file by
    data["context"] = [list(line) for line in item.context]
    return data


def _report_from(data: dict[str, Any], path: str) -> Report:
    def where(value: dict[str, int]) -> Location:
        return Location(int(value["line"]), int(value["column"]))

    return Report(
        code=data["code"],
        name=data["name"],
        severity=data["severity"],
        path=path,
        start=where(data["start"]),
        end=where(data["end"]),
        message=data["message"],
        fixes=tuple(
            FixReport(
                fix["title"],
                fix["applicability"],
                tuple(EditReport(where(e["start"]), where(e["end"]), e["text"]) for e in fix["edits"]),
            )
            for fix in data["fixes"]
        ),
        tags=tuple(data["tags"]),
        context=tuple((int(number), str(text)) for number, text in data["context"]),
    )


def _result_data(result: FileResult, path: str) -> dict[str, Any] | None:
    """What the cache keeps of a result: its reports and warnings, without the path they are
    printed under. None when the result must not be kept."""
    if result.failed or result.fixed or result.diff or result.output:
        return None
    warnings = []
    for warning in result.warnings:
        if not warning.startswith(result.path):
            return None
        warnings.append(warning[len(result.path) :])
    return {"path": path, "reports": [_report_data(item) for item in result.reports], "warnings": warnings}


def _result_from(data: Any, shown: str, context: bool) -> FileResult | None:
    """A cached result printed under ``shown``; None when the entry is not what was stored."""
    try:
        reports = [_report_from(item, shown) for item in data["reports"]]
        warnings = [shown + str(suffix) for suffix in data["warnings"]]
    except (KeyError, TypeError, ValueError, AttributeError):
        return None
    if not context:
        from dataclasses import replace

        reports = [replace(item, context=()) for item in reports]
    return FileResult(shown, reports=reports, warnings=warnings)


def _fixable(result: FileResult, unsafe: bool) -> bool:
    return any(item.has_safe_fix or (unsafe and item.fixes) for item in result.reports)


@dataclass(slots=True)
class Cached:
    """The cache as one run uses it: the store and the digest of the configuration per group."""

    store: ResultCache
    config: str

    def lookup(self, path: str, context: bool) -> tuple[str, str, str, FileResult | None]:
        """(entry name, key, contents digest, cached result or None) of ``path`` as it is now."""
        digest = self.store.digests.file(path)
        name, key = self.store.file_key(path, digest, self.config)
        value = self.store.get(name, key)
        found = _result_from(value, path, context) if value is not None else None
        return name, key, digest, found

    def keep(self, name: str, key: str, digest: str, result: FileResult) -> None:
        if result.digest != digest:
            return  # the file changed between the key and the analysis
        data = _result_data(result, os.path.abspath(result.path))
        if data is not None:
            self.store.put(name, key, data)


def _uncontext(result: FileResult) -> FileResult:
    from dataclasses import replace

    result.reports = [replace(item, context=()) for item in result.reports]
    return result


def run_files_cached(
    files: Sequence[str],
    engine: EngineSlot,
    options: CheckOptions,
    jobs: int,
    cached: Cached,
) -> Iterator[FileResult]:
    """:func:`run_files` through the cache: a file whose key matches is not analysed again.

    Entries keep the source lines of every finding, so that one entry serves every output format;
    they are dropped here for the formats that do not show them.
    """
    from dataclasses import replace

    wanted = options.context
    analysis_options = replace(options, context=True)
    if options.mode != "check":
        # Fixes are applied in order, each file's key taken after the files before it were written
        # (a fix changes the project the next file is linted in). A cached file is reused only
        # when it has nothing to fix; what a fix changed is analysed again on the next run.
        for path in files:
            name, key, digest, found = cached.lookup(path, wanted)
            if found is not None and not _fixable(found, options.unsafe_fixes):
                yield found
                continue
            result = check_file(path, engine.get(), analysis_options)
            if result.fixed and options.mode == "fix":
                cached.store.digests.changed(path)
            else:
                cached.keep(name, key, digest, result)
            yield result if wanted else _uncontext(result)
        return
    pending: list[str] = []
    keys: dict[str, tuple[str, str, str]] = {}
    for path in files:
        name, key, digest, found = cached.lookup(path, wanted)
        if found is not None:
            yield found
        else:
            keys[path] = (name, key, digest)
            pending.append(path)
    if not pending:
        return
    for result in run_files(pending, engine.get(), analysis_options, jobs, custom_rules=False):
        cached.keep(*keys[result.path], result)
        yield result if wanted else _uncontext(result)


# Command line -----------------------------------------------------------------------------


def _codes(values: Sequence[str] | None) -> tuple[str, ...]:
    codes: list[str] = []
    for value in values or ():
        codes.extend(part.strip().upper() for part in value.split(",") if part.strip())
    return tuple(codes)


def validate_selectors(option: str, selectors: Sequence[str], codes: Sequence[str]) -> None:
    for selector in selectors:
        if not any(code_matches(code, selector) for code in codes):
            raise UsageError(
                f"unknown rule code or prefix {selector!r} given to {option} (`{PROG} rules` lists the codes)"
            )


def lint_config(args: argparse.Namespace, known: KnownRules) -> LintConfig:
    select = _codes(args.select)
    extend_select = _codes(args.extend_select)
    ignore = _codes(args.ignore)
    if select or extend_select or ignore:
        codes = known.codes()
        validate_selectors("--select", select, codes)
        validate_selectors("--extend-select", extend_select, codes)
        validate_selectors("--ignore", ignore, codes)
    return LintConfig(
        select=select or None,
        extend_select=extend_select,
        ignore=ignore,
        unsafe_fixes=args.unsafe_fixes,
    )


def _jobs(value: str) -> int:
    """``--jobs``: a positive count, or ``auto`` (0)."""
    if value == "auto":
        return 0
    if value.isdigit() and int(value) > 0:
        return int(value)
    raise argparse.ArgumentTypeError(f"expected a positive number or 'auto', got {value!r}")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Lint Pulumi TypeScript programs on AWS, fix what can be fixed, explain the rules.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True

    check = commands.add_parser(
        "check",
        help="lint files and directories",
        description="Lint .ts, .mts, .cts and .tsx files; directories are searched recursively "
        f"(skipping {', '.join(sorted(SKIP_DIRS))} and *.d.ts).",
    )
    check.add_argument("paths", nargs="*", metavar="PATH", help="files or directories (default: .)")
    check.add_argument(
        "--select",
        action="append",
        metavar="CODES",
        help="only these rules (codes or prefixes, comma-separated)",
    )
    check.add_argument(
        "--extend-select",
        action="append",
        metavar="CODES",
        help="enable these rules as well as the default ones",
    )
    check.add_argument("--ignore", action="append", metavar="CODES", help="disable these rules (codes or prefixes)")
    check.add_argument("--fix", action="store_true", help="apply safe fixes in place")
    check.add_argument("--unsafe-fixes", action="store_true", help="with --fix or --diff, apply unsafe fixes as well")
    check.add_argument("--diff", action="store_true", help="print the fixes as a unified diff instead of writing them")
    check.add_argument(
        "--output-format",
        "--format",
        dest="output_format",
        choices=(*OUTPUT_FORMATS, "text"),
        default="full",
        metavar="FORMAT",
        help="full (each finding with its source line and fix), concise (one line per finding; 'text' is an "
        "older name for it), json, sarif (SARIF 2.1.0), github (workflow annotations) or junit (default: full)",
    )
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even when problems are found")
    check.add_argument(
        "--config",
        metavar="PATH",
        help="use this pulumi-lint.toml for every file (default: the nearest one above each file)",
    )
    check.add_argument("--statistics", action="store_true", help="print the number of findings per rule")
    check.add_argument(
        "--show-settings", action="store_true", help="print the resolved configuration for the first file and exit"
    )
    check.add_argument(
        "--stdin-filename",
        metavar="PATH",
        help="read the source from stdin and lint it as PATH (with --fix, print the fixed source)",
    )
    check.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
        default=1,
        metavar="N",
        help="lint in N worker processes; 'auto': one per core for large trees (default: 1)",
    )
    check.add_argument(
        "--no-cache",
        action="store_true",
        help="analyse every file, neither reading nor writing the result cache",
    )
    check.add_argument(
        "--cache-dir",
        metavar="PATH",
        help=f"where to keep the result cache (default: ${CACHE_DIR_ENV}, else {CACHE_DIR_NAME} in the "
        "nearest directory above the current one with a pulumi-lint.toml or Pulumi.yaml, else the current one)",
    )
    check.add_argument("-v", "--verbose", action="store_true", help="show tracebacks of rules that fail")

    clean = commands.add_parser(
        "clean",
        help="remove the result cache",
        description=f"Remove the result cache directory ({CACHE_DIR_NAME}, or --cache-dir, or ${CACHE_DIR_ENV}).",
    )
    clean.add_argument("--cache-dir", metavar="PATH", help="the cache directory to remove")

    rules = commands.add_parser("rules", help="list every rule")
    rules.add_argument("--format", choices=("text", "json"), default="text")

    rule = commands.add_parser(
        "rule",
        aliases=["explain"],
        help="print a rule's documentation, or write every rule's page",
        description="Print a rule's documentation page; with --all every rule's, and with --all --output DIR "
        "write DIR/<CODE>.md for each rule and an index DIR/README.md.",
    )
    rule.add_argument("code", metavar="CODE", nargs="?", help="the rule's code, e.g. AWS001")
    rule.add_argument("--all", action="store_true", help="every registered rule")
    rule.add_argument("--output", metavar="DIR", help="with --all: write the pages and their index into DIR")

    server = commands.add_parser("server", help="start the language server (stdio unless --tcp)")
    server.add_argument("--stdio", action="store_true", help="talk over stdin and stdout (the default)")
    server.add_argument("--tcp", metavar="HOST:PORT", help="listen on a TCP socket instead")
    return parser


class Console:
    """stdout for results, stderr for warnings and errors."""

    def __init__(self) -> None:
        self.warnings = 0

    @staticmethod
    def out(text: str) -> None:
        sys.stdout.write(text + "\n")

    def warn(self, text: str) -> None:
        self.warnings += 1
        sys.stderr.write(f"{PROG}: warning: {text}\n")

    @staticmethod
    def error(text: str) -> None:
        sys.stderr.write(f"{PROG}: error: {text}\n")


class KnownRules:
    """The rules of a run: the caller's, or the registry's, imported when first needed (a run
    answered from the result cache does not import them at all)."""

    def __init__(self, given: Sequence[Rule] | None, store: ResultCache | None) -> None:
        self._rules = list(given) if given is not None else None
        self.custom = given is not None
        self.store = store

    def get(self) -> list[Rule]:
        if self._rules is None:
            from .rules import all_rules

            self._rules = all_rules()
        return self._rules

    def codes(self) -> list[str]:
        if self._rules is None and self.store is not None:
            codes = self.store.codes()
            if codes is None:
                codes = [rule.code for rule in self.get()]
                self.store.put_codes(codes)
            return codes
        return [rule.code for rule in self.get()]


class EngineSlot:
    """A configuration's engine, made when a file under it is first analysed."""

    __slots__ = ("config", "_known", "_engine")

    def __init__(self, config: LintConfig, known: KnownRules) -> None:
        self.config = config
        self._known = known
        self._engine: Engine | None = None

    def get(self) -> Engine:
        if self._engine is None:
            from .engine import Engine

            self._engine = Engine(self.config, rules=self._known.get())
        return self._engine


def open_cache(args: argparse.Namespace, custom_rules: bool) -> ResultCache | None:
    """The run's result cache; None with --no-cache, for text read from stdin (it is not the file),
    and for rules given by the caller (the key covers the registry's rules only)."""
    if args.no_cache or args.stdin_filename or args.show_settings or custom_rules:
        return None
    from .cache import ResultCache, resolve_cache_dir

    return ResultCache(resolve_cache_dir(args.cache_dir))


def cmd_check(args: argparse.Namespace, console: Console, rules: Sequence[Rule] | None) -> int:
    store = open_cache(args, rules is not None)
    known = KnownRules(rules, store)
    config = lint_config(args, known)
    engine_log = logging.getLogger("pulumi_lint.engine")
    was_disabled = engine_log.disabled
    if args.verbose:
        logging.basicConfig(format=f"{PROG}: %(message)s")
    else:
        # Failing rules are reported once each as warnings, without the engine's traceback.
        engine_log.disabled = True
    try:
        return _check(args, console, config, known, store)
    finally:
        engine_log.disabled = was_disabled


class Configs:
    """The configuration of each file: the nearest pulumi-lint.toml (or ``--config``), with the
    command line's selection layered above it. Problems are printed once per file; a config that
    cannot be read at all stops the run (exit 2), one with bad parts applies the rest."""

    def __init__(
        self, args: argparse.Namespace, cli: LintConfig, known: KnownRules, console: Console, store: ResultCache | None
    ) -> None:
        self.cli = cli
        self.known = known
        self.console = console
        self.store = store
        self.fixed: LoadedConfig | None = None
        self._found: dict[str, str | None] = {}
        self._loaded: dict[str, LoadedConfig] = {}
        if args.config:
            if not os.path.isfile(args.config):
                raise UsageError(f"{args.config}: no such configuration file")
            self.fixed = self.load(os.path.abspath(args.config))
        self.engines: dict[str | None, tuple[LintConfig, EngineSlot]] = {}
        self.reported: set[str] = set()

    def load(self, config_path: str) -> LoadedConfig:
        """The config file read and validated, or as the result cache remembers it (which spares
        importing the rules to validate it)."""
        loaded = self._loaded.get(config_path)
        if loaded is None:
            loaded = self.store.config(config_path) if self.store is not None else None
            if loaded is None:
                from .config_file import load_config

                loaded = load_config(config_path, self.known.get())
                if self.store is not None:
                    self.store.put_config(config_path, loaded)
            self._loaded[config_path] = loaded
        return loaded

    def nearest(self, path: str) -> LoadedConfig | None:
        directory = os.path.abspath(path)
        if not os.path.isdir(directory):
            directory = os.path.dirname(directory)
        if directory not in self._found:
            from .config_file import find_config

            found = find_config(directory)
            self._found[directory] = str(found) if found is not None else None
        config_path = self._found[directory]
        return self.load(config_path) if config_path is not None else None

    def loaded_for(self, path: str) -> LoadedConfig | None:
        loaded = self.fixed if self.fixed is not None else self.nearest(path)
        if loaded is not None and str(loaded.path) not in self.reported:
            self.reported.add(str(loaded.path))
            if loaded.fatal:
                for problem in loaded.problems:
                    self.console.error(str(problem))
                raise UsageError(f"{loaded.path}: invalid configuration; nothing was linted")
            for problem in loaded.problems:
                self.console.warn(f"{problem}; the rest of the configuration applies")
        return loaded

    def config_for(self, path: str) -> tuple[str | None, LintConfig, EngineSlot]:
        loaded = self.loaded_for(path)
        key = str(loaded.path) if loaded is not None else None
        if key not in self.engines:
            config = layer(loaded.config, self.cli) if loaded is not None else self.cli
            self.engines[key] = (config, EngineSlot(config, self.known))
        config, engine = self.engines[key]
        return key, config, engine


def layer(file: LintConfig, cli: LintConfig) -> LintConfig:
    """The command line above a config file: --select replaces, --ignore and --extend-select add."""
    from dataclasses import replace

    return replace(
        file,
        select=cli.select if cli.select is not None else file.select,
        extend_select=(*file.extend_select, *cli.extend_select),
        ignore=(*file.ignore, *cli.ignore),
        unsafe_fixes=cli.unsafe_fixes or file.unsafe_fixes,
    )


def _check(
    args: argparse.Namespace,
    console: Console,
    cli_config: LintConfig,
    known: KnownRules,
    store: ResultCache | None,
) -> int:
    # An analysis leaves no reference cycles behind (a test checks it), so the cyclic collector
    # only rescans the growing set of kept programs: on a large tree that was most of the run.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _check_files(args, console, cli_config, known, store)
    finally:
        if enabled:
            gc.enable()


def _check_files(
    args: argparse.Namespace,
    console: Console,
    cli_config: LintConfig,
    known: KnownRules,
    store: ResultCache | None,
) -> int:
    mode: Mode = "diff" if args.diff else "fix" if args.fix else "check"
    output_format = "concise" if args.output_format == "text" else args.output_format
    configs = Configs(args, cli_config, known, console, store)
    stdin: bytes | None = None
    files = [args.stdin_filename] if args.stdin_filename else collect_files(args.paths or ["."], console.warn)
    if args.show_settings:
        from .config_file import describe

        target = files[0] if files else os.path.join(os.getcwd(), "index.ts")
        loaded = configs.loaded_for(target)
        console.out(describe(loaded, target, configs.config_for(target)[1]).rstrip("\n"))
        return EXIT_CLEAN
    if args.stdin_filename:
        stdin = sys.stdin.buffer.read()
    explicit = {os.path.normpath(p) for p in args.paths or ()}

    # Files grouped by configuration: each group runs with its own engine (and workers).
    groups: dict[str | None, tuple[LintConfig, EngineSlot, list[str]]] = {}
    order: list[str] = []
    for path in files:
        key, config, engine = configs.config_for(path)
        if path not in explicit and config.excluded(path) and stdin is None:
            continue
        groups.setdefault(key, (config, engine, []))[2].append(path)
        order.append(path)

    from .progress import ProgressBar

    results: dict[str, FileResult] = {}
    progress = ProgressBar(sys.stderr, len(order), enabled=False if stdin is not None else None)
    try:
        _lint_groups(groups, results, progress, args, mode, output_format, stdin, known.custom, store)
    finally:
        progress.close()

    if stdin is None:
        # Each project's own files, once per project, after its program files were checked.
        for root in project_roots_in(args.paths or ["."], order, store):
            pulumi_yaml = next(
                (os.path.join(root, n) for n in PROJECT_FILE_NAMES if os.path.exists(os.path.join(root, n))),
                os.path.join(root, PROJECT_FILE_NAMES[0]),
            )
            _, config, _ = configs.config_for(pulumi_yaml)
            options = CheckOptions(
                mode=mode,
                unsafe_fixes=args.unsafe_fixes or config.unsafe_fixes,
                context=output_format == "full" and not args.statistics,
            )
            for result in cached_project_files(root, pulumi_yaml, config, options, store):
                if result.path not in results and not config.excluded(result.path):
                    results[result.path] = result
                    order.append(result.path)

    unsafe_fixes = args.unsafe_fixes or any(config.unsafe_fixes for config, _, _ in groups.values())
    reports: list[Report] = []
    fixed = 0
    changed = 0
    per_finding = not args.statistics and mode != "diff"
    for path in order:
        result = results[path]
        for warning in result.warnings:
            console.warn(warning)
        fixed += result.fixed
        if result.diff:
            changed += 1
            sys.stdout.write(result.diff)
        reports.extend(result.reports)
        if stdin is not None and mode == "fix":
            sys.stdout.buffer.write(result.output)
            sys.stdout.flush()
            continue
        if not per_finding:
            continue
        if output_format == "full":
            for item in result.reports:
                console.out(format_full(item))
        elif output_format == "concise":
            for item in result.reports:
                console.out(format_concise(item))
        elif output_format == "github":
            for item in result.reports:
                console.out(format_github(item))

    if mode == "diff":
        if fixed:
            sys.stderr.write(f"Would fix {fixed} {'problem' if fixed == 1 else 'problems'}.\n")
        else:
            sys.stderr.write("No fixes to apply.\n")
        return EXIT_FINDINGS if changed and not args.exit_zero else EXIT_CLEAN
    if stdin is not None and mode == "fix":
        return EXIT_FINDINGS if reports and not args.exit_zero else EXIT_CLEAN
    if args.statistics:
        console.out(format_statistics(reports))
    elif output_format == "json":
        console.out(format_json(reports))
    elif output_format == "sarif":
        docs_base = next((config.docs_base_url for config, _, _ in groups.values() if config.docs_base_url), None)
        console.out(format_sarif(reports, known.get(), version=__version__, docs_base=docs_base))
    elif output_format == "junit":
        console.out(format_junit(order, reports))
    if output_format in TEXT_FORMATS:
        if mode == "fix":
            console.out(fix_summary(fixed, reports, unsafe_fixes=unsafe_fixes))
        else:
            console.out(check_summary(reports, unsafe_fixes=unsafe_fixes))
    return EXIT_FINDINGS if reports and not args.exit_zero else EXIT_CLEAN


def _lint_groups(
    groups: dict[str | None, tuple[LintConfig, EngineSlot, list[str]]],
    results: dict[str, FileResult],
    progress: ProgressBar,
    args: argparse.Namespace,
    mode: Mode,
    output_format: str,
    stdin: bytes | None,
    custom_rules: bool,
    store: ResultCache | None,
) -> None:
    for config, engine, paths in groups.values():
        options = CheckOptions(
            mode=mode,
            unsafe_fixes=args.unsafe_fixes or config.unsafe_fixes,
            context=output_format == "full" and not args.statistics,
        )
        if stdin is not None:
            results[paths[0]] = check_file(paths[0], engine.get(), options, stdin)
            continue
        if mode == "fix":
            paths = dependency_order(paths)
        # One process by default: on a busy two-core machine, workers made a 300-file tree no
        # faster (see the README), and most runs lint a handful of files.
        jobs = args.jobs if args.jobs > 0 else auto_jobs(len(paths))
        if store is not None and (mode == "check" or jobs <= 1):
            from .cache import config_digest

            cached = Cached(store, config_digest(config))
            found = run_files_cached(paths, engine, options, jobs, cached)
        else:
            # Parallel fixes write files while others are linted: no key would hold.
            found = run_files(paths, engine.get(), options, jobs, custom_rules=custom_rules)
        for result in found:
            results[result.path] = result
            progress.advance(result.path)


def format_statistics(reports: Sequence[Report]) -> str:
    """Findings per rule, most frequent first; ``[*]`` marks rules with a safe fix."""
    counts: dict[tuple[str, str], int] = {}
    fixable: set[str] = set()
    for item in reports:
        counts[(item.code, item.name)] = counts.get((item.code, item.name), 0) + 1
        if item.has_safe_fix:
            fixable.add(item.code)
    rows = sorted(counts.items(), key=lambda entry: (-entry[1], entry[0][0]))
    width = max((len(str(count)) for _, count in rows), default=1)
    return "\n".join(
        f"{count:>{width}}\t{code}\t{'[*] ' if code in fixable else ''}{name}" for (code, name), count in rows
    )


def cmd_rules(args: argparse.Namespace, console: Console, rules: Sequence[Rule] | None) -> int:
    from .rules import all_rules

    listed = sorted(rules if rules is not None else all_rules(), key=lambda r: r.code)
    if args.format == "json":
        import json

        console.out(
            json.dumps(
                [
                    {
                        "code": r.code,
                        "name": r.name,
                        "severity": r.meta.severity.value,
                        "fix": r.meta.fix.value,
                        "default_enabled": r.meta.default_enabled,
                        "project": r.meta.project,
                        "summary": r.summary,
                    }
                    for r in listed
                ],
                indent=2,
            )
        )
        return EXIT_CLEAN
    rows = [("CODE", "NAME", "SEVERITY", "FIX")]
    for r in listed:
        name = r.name if r.meta.default_enabled else f"{r.name} (off by default)"
        rows.append((r.code, name, r.meta.severity.value, r.meta.fix.value))
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    for row in rows:
        console.out(f"{row[0]:<{widths[0]}}  {row[1]:<{widths[1]}}  {row[2]:<{widths[2]}}  {row[3]}")
    return EXIT_CLEAN


def cmd_rule(args: argparse.Namespace, console: Console, rules: Sequence[Rule] | None) -> int:
    from .rule_docs import rule_page, write_docs
    from .rules import all_rules

    known = sorted(rules if rules is not None else all_rules(), key=lambda r: r.code)
    if args.all:
        if args.code:
            raise UsageError("give a rule code or --all, not both")
        if args.output:
            outcome = write_docs(known, args.output)
            sys.stderr.write(
                f"{args.output}: {len(outcome.written)} written, {len(outcome.unchanged)} unchanged"
                + (f", {len(outcome.removed)} removed ({', '.join(outcome.removed)})" if outcome.removed else "")
                + "\n"
            )
        else:
            console.out("\n".join(rule_page(rule) for rule in known).rstrip("\n"))
        return EXIT_CLEAN
    if args.output:
        raise UsageError("--output writes every rule's page: use it with --all")
    if not args.code:
        raise UsageError(f"give a rule code (`{PROG} rules` lists them) or --all")
    code = args.code.strip().upper()
    found = next((r for r in known if r.code == code), None)
    if found is None:
        raise UsageError(f"unknown rule code {args.code!r} (`{PROG} rules` lists the codes)")
    console.out(rule_page(found).rstrip("\n"))
    return EXIT_CLEAN


def parse_tcp(value: str) -> tuple[str, int]:
    host, sep, port = value.rpartition(":")
    if not sep or not port.isdigit() or not 0 < int(port) < 65536:
        raise UsageError(f"--tcp expects HOST:PORT, got {value!r}")
    return host or "127.0.0.1", int(port)


def cmd_server(args: argparse.Namespace, console: Console, rules: Sequence[Rule] | None) -> int:
    address = parse_tcp(args.tcp) if args.tcp else None
    try:
        # Only here: pygls and lsprotocol take longer to import than a whole one-file check.
        from pulumi_lint.lsp.server import run_stdio, run_tcp
    except ImportError as exc:
        console.error(
            f"the language server cannot start: {exc}. "
            "Reinstall pulumi-lint with its dependencies (pip install pulumi-lint)."
        )
        return EXIT_ERROR
    if address is not None:
        run_tcp(*address)
    else:
        run_stdio()
    return EXIT_CLEAN


def cmd_clean(args: argparse.Namespace, console: Console, rules: Sequence[Rule] | None) -> int:
    from .cache import clean, resolve_cache_dir

    directory = resolve_cache_dir(args.cache_dir)
    try:
        removed = clean(directory)
    except OSError as exc:
        console.error(f"{directory}: cannot remove the cache: {exc.strerror or exc}")
        return EXIT_ERROR
    sys.stderr.write(f"Removing cache at: {display_path(str(directory))}\n" if removed else "No cache to remove.\n")
    return EXIT_CLEAN


COMMANDS: dict[str, Callable[[argparse.Namespace, Console, Sequence[Rule] | None], int]] = {
    "check": cmd_check,
    "rules": cmd_rules,
    "rule": cmd_rule,
    "explain": cmd_rule,
    "server": cmd_server,
    "clean": cmd_clean,
}


def main(argv: Sequence[str] | None = None, *, rules: Sequence[Rule] | None = None) -> int:
    """Run the command line; returns the exit code. ``rules`` replaces the registry (tests)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on bad usage, 0 after --help/--version
        return exc.code if isinstance(exc.code, int) else EXIT_ERROR
    console = Console()
    try:
        return COMMANDS[args.command](args, console, rules)
    except UsageError as exc:
        console.error(str(exc))
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader (head, less) went away: stop quietly, and keep Python's exit-time flush of
        # stdout from raising again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_FINDINGS


def run() -> None:
    """The ``pulumi-lint`` program: :func:`main`, then exit without the interpreter's final
    collection, which on a large tree rescans every kept object for cycles an analysis never
    leaves (a test checks it) and took as long as the linting."""
    code = main()
    gc.disable()
    sys.exit(code)


if __name__ == "__main__":
    run()
