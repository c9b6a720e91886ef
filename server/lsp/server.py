"""The pygls language server: open documents, diagnostics, code actions.

Handlers only translate between LSP and the core: documents are :class:`Document` objects edited
incrementally from each change's old range, analysis is :class:`Engine`, fixes come from findings.

Start-up: the client waits for the answer to ``initialize`` before it does anything, and pygls
with lsprotocol already take some 0.4 s of CPU to import. So this module imports the analysis
core only where it is used, and :meth:`PulumiLintServer.warm_up` loads it (with every rule)
right after that answer has gone out, before the first document arrives.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable, Generator, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlparse

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol, lsp_method

from .. import __version__
from ..findings import Finding, Severity
from ..settings import ClientSettings, parse_settings
from . import FIX_ALL_KIND, transport
from .heap import Heap
from .wire_forms import DiagnosticForms, Forms, carried

if TYPE_CHECKING:
    from ..config import LintConfig
    from ..config_file import ConfigCache, LoadedConfig
    from ..document import Document, LanguageId
    from ..engine import Analysis, Engine
    from ..project import Project, ProjectCache
    from ..rule import Context, Rule
    from ..text import Encoding

log = logging.getLogger("pulumi_lint")

_LANGUAGE_IDS: dict[str, LanguageId] = {"typescriptreact": "tsx", "typescript": "typescript"}
_SEVERITY_NAMES = {"error": Severity.ERROR, "warning": Severity.WARNING, "info": Severity.INFO, "hint": Severity.HINT}
# How many documents keep their syntax tree between analyses: those most recently opened, edited or
# asked about. A tree costs some twenty times its text; the others are parsed again when needed.
HOT_TREES = 4


class GaveWay(BaseException):
    """A background analysis stopped between two rules to let a waiting message through.

    A BaseException: the engine skips a rule that raises an Exception, and this must end the
    whole analysis instead. Rules run whole or not at all, so what they cache stays consistent.
    """


# A background analysis gives way to a waiting request at once; to any other waiting message (an
# edit that makes it stale, another document's change) once it has run this long (seconds), so
# that the quick analyses of small files still finish during a flood of edits.
GIVE_WAY_AFTER = 0.05

# Seconds without a message after which trees kept from edits that left a syntax error are made
# those of a fresh parse (see PulumiLintServer.settle): longer than the gap between keystrokes of
# someone typing, short enough that a pause shows the settled diagnostics at once.
SETTLE_AFTER = 0.2


def uri_to_path(uri: str) -> str | None:
    parsed = urlparse(uri)
    if parsed.scheme != "file":
        return None
    return unquote(parsed.path)


@dataclass(slots=True)
class OpenDocument:
    uri: str
    document: Document
    language_id: str
    analysis: Analysis | None = None
    dirty: bool = True
    published: list[lsp.Diagnostic] | None = None
    published_version: int | None = None
    diagnostics: list[lsp.Diagnostic] = field(default_factory=list)
    # Why the document is not linted (too large, binary), once the user has been told.
    told: str | None = None
    # A Pulumi.yaml or stack file: linted through its project, not parsed as TypeScript.
    project_file: bool = False
    # The diagnostics last made, by what they say and where: a keystroke leaves most findings as
    # they were, and building LSP objects for all of them again cost more than finding them.
    made: dict[tuple[object, ...], lsp.Diagnostic] = field(default_factory=dict)
    # The JSON forms of ``diagnostics`` already written once (see wire_forms.py).
    forms: Forms = field(default_factory=dict)


class PulumiLintProtocol(LanguageServerProtocol):
    """Keeps text in our own documents instead of pygls' (whose line splitting differs from LSP)."""

    @lsp_method(lsp.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(self, params: lsp.DidOpenTextDocumentParams) -> Generator[Any, Any, None]:
        if (handler := self.fm.features.get(lsp.TEXT_DOCUMENT_DID_OPEN)) is not None:
            yield handler, (params,), None

    @lsp_method(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(
        self, params: lsp.DidChangeTextDocumentParams
    ) -> Generator[Any, Any, None]:
        if (handler := self.fm.features.get(lsp.TEXT_DOCUMENT_DID_CHANGE)) is not None:
            yield handler, (params,), None

    @lsp_method(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def lsp_text_document__did_close(
        self, params: lsp.DidCloseTextDocumentParams
    ) -> Generator[Any, Any, None]:
        if (handler := self.fm.features.get(lsp.TEXT_DOCUMENT_DID_CLOSE)) is not None:
            yield handler, (params,), None


class ClientLogHandler(logging.Handler):
    """Sends our log records to the client's log (window/logMessage)."""

    _TYPES = {
        logging.ERROR: lsp.MessageType.Error,
        logging.WARNING: lsp.MessageType.Warning,
        logging.INFO: lsp.MessageType.Info,
        logging.DEBUG: lsp.MessageType.Log,
    }

    def __init__(self, server: PulumiLintServer) -> None:
        super().__init__()
        self.server = server

    def emit(self, record: logging.LogRecord) -> None:
        if self.server.protocol.writer is None:
            return
        try:
            fallback = lsp.MessageType.Error if record.levelno > logging.ERROR else lsp.MessageType.Log
            kind = self._TYPES.get(record.levelno, fallback)
            self.server.window_log_message(lsp.LogMessageParams(type=kind, message=self.format(record)))
        except Exception:  # logging must never take the server down
            pass


class PulumiLintServer(LanguageServer):
    def __init__(self) -> None:
        wire = DiagnosticForms()
        super().__init__(
            "pulumi-lint",
            __version__,
            text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental,
            protocol_cls=PulumiLintProtocol,
            converter_factory=wire.converter_factory(),
        )
        self.wire = wire
        self.open: dict[str, OpenDocument] = {}
        self.settings = ClientSettings()
        # Settings sent with initialize, applied once it is answered (applying builds the engine).
        self.initial_settings: tuple[ClientSettings, list[str]] | None = None
        self.warm_up_due = False  # set by initialize, done after the batch that carried it
        # The analysis core's objects are made on first use (see the module's docstring).
        self._base_config: LintConfig | None = None
        self._configs: ConfigCache | None = None
        self._projects: ProjectCache | None = None
        self._engine: Engine | None = None
        self.pull = False
        self.versioned_edits = False
        self.heap = Heap()
        # Set while flush analyses in the background: whether that analysis should stop now.
        self.give_way: Callable[[], bool] | None = None
        self.configuration_supported = False
        self.resolves_edits = False  # the client fills in code actions' edits with codeAction/resolve
        self.docs_base: str | None = None
        # One engine per config file in use (None: no file), rebuilt when settings change.
        self.engines: dict[Path | None, tuple[LoadedConfig | None, Engine]] = {}
        # The problems last shown for each config file, so that each is shown once.
        self.shown_config_problems: dict[Path, tuple[str, ...]] = {}
        # Open documents' URIs, the most recently used last (see HOT_TREES).
        self.recent: dict[str, None] = {}

    # State ----------------------------------------------------------------------------------
    def warm_up(self) -> None:
        """Load the analysis core and every rule, once initialize has been answered."""
        self.warm_up_due = False
        if self.initial_settings is not None:
            settings, self.initial_settings = self.initial_settings, None
            self.apply_settings(*settings)
        _ = self.engine  # imports the rules
        from .code_actions import code_actions  # noqa: F401 - imported for later requests
        from .hover import hover_text  # noqa: F401

    @property
    def base_config(self) -> LintConfig:
        if self._base_config is None:
            from ..config import LintConfig

            self._base_config = LintConfig()
        return self._base_config

    @property
    def configs(self) -> ConfigCache:
        if self._configs is None:
            from ..config_file import ConfigCache

            self._configs = ConfigCache()
        return self._configs

    @property
    def projects(self) -> ProjectCache:
        """Pulumi.yaml, stack files, package.json and the program's other files, with the open
        documents' unsaved text laid over the disk."""
        if self._projects is None:
            from ..project import ProjectCache

            self._projects = ProjectCache()
        return self._projects

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            from ..engine import Engine, default_rules

            self._engine = Engine(self.base_config, [self.interruptible(rule) for rule in default_rules()])
        return self._engine

    @engine.setter
    def engine(self, engine: Engine) -> None:
        self._engine = engine

    def interruptible(self, rule: Rule) -> Rule:
        """``rule``, asking before it starts whether the analysis it is part of should give way."""
        check = rule.check

        def checked(ctx: Context) -> Iterable[Finding]:
            if self.give_way is not None and self.give_way():
                raise GaveWay
            return check(ctx)

        return replace(rule, check=checked)

    @property
    def encoding(self) -> Encoding:
        from .convert import encoding_of

        return encoding_of(self.workspace.position_encoding)

    def apply_settings(self, settings: ClientSettings, problems: list[str]) -> None:
        self.settings = settings
        for problem in problems:
            log.warning("%s", problem)
        if problems:
            self.window_show_message(
                lsp.ShowMessageParams(
                    type=lsp.MessageType.Warning,
                    message="pulumi-lint: " + "; ".join(problems),
                )
            )
        handler_level = {"error": logging.ERROR, "warning": logging.WARNING, "info": logging.INFO}
        log.setLevel(handler_level.get(settings.log_level, logging.DEBUG))
        severity: dict[str, Severity | None] = dict(self.base_config.severity)
        for code, name in settings.severity.items():
            severity[code.upper()] = None if name == "off" else _SEVERITY_NAMES[name]
        from ..config import LintConfig

        config = LintConfig(
            select=self.base_config.select,
            extend_select=self.base_config.extend_select,
            ignore=self.base_config.ignore,
            severity=severity,
            options=self.base_config.options,
            unsafe_fixes=settings.unsafe_fixes,
        )
        self.engine = self.engine.with_config(config)
        self.engines.clear()
        for item in self.open.values():
            item.document.set_parsed(len(item.document.source) <= settings.max_file_size)
            item.dirty = True

    def loaded_config(self, item: OpenDocument) -> LoadedConfig | None:
        path = item.document.path
        if not path:
            return None
        try:
            loaded = self.configs.for_file(path)
        except OSError as exc:  # an unreadable directory must not stop linting
            log.warning("could not look for a pulumi-lint.toml above %s: %s", path, exc)
            return None
        if loaded is not None and loaded.path is not None:
            self.report_config_problems(loaded)
        return loaded

    def report_config_problems(self, loaded: LoadedConfig) -> None:
        assert loaded.path is not None
        problems = tuple(str(p) for p in loaded.problems)
        if self.shown_config_problems.get(loaded.path, ()) == problems:
            return
        self.shown_config_problems[loaded.path] = problems
        for problem in problems:
            log.error("configuration: %s", problem)
        if problems:
            more = f" (and {len(problems) - 1} more; see the log)" if len(problems) > 1 else ""
            outcome = "the file is not applied" if loaded.fatal else "the rest of the file applies"
            self.window_show_message(
                lsp.ShowMessageParams(
                    type=lsp.MessageType.Error,
                    message=f"pulumi-lint: invalid configuration: {problems[0]}{more}; {outcome}",
                )
            )

    def engine_for(self, item: OpenDocument) -> Engine:
        """The engine for a document: its config file, with the client's settings layered above."""
        loaded = self.loaded_config(item)
        key = loaded.path if loaded is not None else None
        cached = self.engines.get(key)
        if cached is not None and cached[0] is loaded:
            return cached[1]
        if loaded is None:
            engine = self.engine
        else:
            engine = self.engine.with_config(layer_settings(loaded.config, self.settings))
        self.engines[key] = (loaded, engine)
        return engine

    def config_files_changed(self, paths: list[str]) -> None:
        for path in paths:
            self.configs.invalidate(path)
        self.engines.clear()
        for item in self.open.values():
            item.dirty = True

    def analyse(self, item: OpenDocument) -> Analysis:
        if item.analysis is None or item.dirty or item.analysis.version != item.document.version:
            item.dirty = False
            engine = self.engine_for(item)
            excluded = engine.config.excluded(item.document.path)
            reason = self.not_linted(item)
            if reason is not None:
                item.analysis = _empty_analysis(item.document.version)
            else:
                try:
                    if item.project_file:
                        item.analysis = self.analyse_project_file(item, engine)
                    else:
                        item.analysis = engine.analyse(item.document, self.project_of(item))
                except GaveWay:
                    item.dirty = True  # the analysis it had, if any, is of an older version
                    raise
                except Exception:
                    # Old diagnostics would point into text that has changed: show none instead.
                    log.exception("analysis of %s failed", item.uri)
                    item.analysis = _empty_analysis(item.document.version)
            findings = item.analysis.findings if self.settings.enable and not excluded else []
            item.diagnostics = self.diagnostics(item, findings, engine.config.docs_base_url)
            self.heap.analysed()
        return item.analysis

    def project_of(self, item: OpenDocument) -> Project | None:
        path = item.document.path
        if not path:
            return None
        try:
            return self.projects.project_for(path)
        except OSError as exc:
            log.warning("could not look for a Pulumi.yaml above %s: %s", path, exc)
            return None

    def analyse_project_file(self, item: OpenDocument, engine: Engine) -> Analysis:
        """The findings the project rules report on this Pulumi.yaml or stack file."""
        from ..engine import Analysis
        from ..model import Program
        from ..project import normalise
        from ..project_lint import project_findings

        project = self.project_of(item)
        findings: list[Finding] = []
        if project is not None and item.document.path:
            here = normalise(item.document.path)
            for path, found in project_findings(project, engine.config, engine.all_rules).items():
                if normalise(path) == here:
                    findings.extend(found)
            findings.extend(
                Finding(
                    code="",
                    name="",
                    message=problem.message,
                    start=problem.start,
                    end=problem.end,
                    severity=Severity.ERROR,
                    path=problem.path,
                )
                for problem in project.problems
                if normalise(problem.path) == here
            )
        return Analysis(findings=findings, program=Program(), suppressions=[], version=item.document.version)

    def project_files_changed(self, paths: list[str]) -> None:
        """Files the project reads changed on disk: forget them and lint the open files again."""
        from ..project import normalise

        for path in paths:
            if normalise(path) not in self.overlaid():
                self.projects.invalidate(path)
        for item in self.open.values():
            item.dirty = True

    def overlaid(self) -> set[Path]:
        return set(self.projects.overlay_paths())

    def not_linted(self, item: OpenDocument) -> str | None:
        """Why ``item`` is not linted as you type, telling the user once per reason."""
        source = item.document.source
        name = _display_name(item.uri)
        kind: str | None = None
        message = ""
        if len(source) > self.settings.max_file_size:
            kind = "too large"
            message = (
                f"{name} is too large to lint as you type ({len(source):,} bytes; "
                f"the limit, pulumiLint.maxFileSize, is {self.settings.max_file_size:,})"
            )
        elif b"\0" in source:
            kind = "binary"
            message = f"{name} looks like a binary file (it contains NUL bytes); not linted"
        if kind is not None and item.told != kind:
            log.warning("%s", message)
            self.window_show_message(
                lsp.ShowMessageParams(type=lsp.MessageType.Warning, message=f"pulumi-lint: {message}")
            )
        item.told = kind
        return kind

    def diagnostics(
        self, item: OpenDocument, findings: list[Finding], docs_base: str | None = None
    ) -> list[lsp.Diagnostic]:
        from .convert import to_diagnostic

        lines = item.document.lines
        encoding = self.encoding
        base = docs_base or self.docs_base
        limit = self.settings.max_diagnostics
        made = item.made
        kept = findings
        if len(findings) > limit:
            # Keep the most severe findings; a flood of warnings must not hide an error.
            kept = sorted(findings, key=_by_severity)[:limit]
            kept.sort(key=lambda f: f.sort_key)
        result: list[lsp.Diagnostic] = []
        now: dict[tuple[object, ...], lsp.Diagnostic] = {}
        position = lines.position
        for f in kept:
            key = (
                position(f.start, encoding), position(f.end, encoding), f.code, f.message, f.severity, f.tags, f.name,
                base, encoding,
            )
            diagnostic = made.get(key)
            if diagnostic is None:
                diagnostic = to_diagnostic(f, lines, encoding, base)
            now[key] = diagnostic
            result.append(diagnostic)
        item.made = now
        if len(findings) <= limit:
            return result
        result.append(
            lsp.Diagnostic(
                range=lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0)),
                message=(
                    f"{len(findings) - limit} more problems in this file are not shown "
                    f"(the limit pulumiLint.maxDiagnostics is {limit})."
                ),
                severity=lsp.DiagnosticSeverity.Information,
                source="pulumi-lint",
            )
        )
        return result

    def flush(self, pending: Callable[[], bool] = lambda: False, request: Callable[[], bool] = lambda: False) -> None:
        """Analyse every document changed by the messages just handled; publish what changed.

        Stops as soon as ``pending`` says a message arrived, between documents, or within an
        analysis (between rules) when ``request`` says it is a request or the analysis has run
        for :data:`GIVE_WAY_AFTER`: the dispatcher handles the message and calls again, and the
        analysis stopped starts over. A request waits for no more than one rule of another
        document's analysis, and an edit not much longer.
        """
        if self.warm_up_due:
            self.warm_up()
        for item in list(self.open.values()):
            # A request in the batch (codeAction, pull) may have analysed the new version already:
            # it still has to be published.
            unpublished = not self.pull and item.published_version != item.document.version
            if not item.dirty and not (unpublished and item.told is None):
                continue
            if self.settings.run == "onSave" and item.analysis is not None:
                continue
            if not self.analyse_unless_interrupted(item, pending, request):
                return
            if not self.pull:
                self.publish(item)
            if pending():
                return
        self.release_cold_trees()

    def settle_delay(self) -> float | None:
        """How long to wait for a message before settling trees (None: none needs it)."""
        if any(item.document.needs_settling for item in self.open.values()):
            return SETTLE_AFTER
        return None

    def settle(self, pending: Callable[[], bool], request: Callable[[], bool]) -> None:
        """Typing paused: parse again, as a fresh parse would, the trees kept from edits that left
        a syntax error, analyse those documents again and publish what changed.

        A keystroke that leaves an error is answered from the incremental tree (a tail reparse
        would cost half the file's parse); tree-sitter's error recovery from an edited tree takes
        another path than from scratch about once in 1,500 such edits, and the findings must in
        the end be those of the text, whatever the history of its edits.
        """
        before: dict[str, list[lsp.Diagnostic]] = {}
        for item in list(self.open.values()):
            if item.document.needs_settling:
                if pending():
                    return
                item.document.settle()
                item.dirty = True
                before[item.uri] = item.diagnostics
        self.flush(pending, request)
        if self.pull and any(
            uri in self.open and self.open[uri].diagnostics != diagnostics for uri, diagnostics in before.items()
        ):
            refresh_pull_diagnostics(self)

    def analyse_unless_interrupted(
        self, item: OpenDocument, pending: Callable[[], bool], request: Callable[[], bool]
    ) -> bool:
        """Analyse ``item`` unless a message calls for the dispatcher first (then False)."""
        deadline = time.monotonic() + GIVE_WAY_AFTER
        self.give_way = lambda: request() or (pending() and time.monotonic() > deadline)
        try:
            self.analyse(item)
        except GaveWay:
            return False
        finally:
            self.give_way = None
        return True

    def touch(self, uri: str) -> None:
        """``uri`` is in use: keep its tree."""
        self.recent.pop(uri, None)
        self.recent[uri] = None

    def release_cold_trees(self) -> None:
        """Let go of the trees of analysed documents that have not been used lately."""
        if len(self.recent) <= HOT_TREES:
            return
        cold = list(self.recent)[:-HOT_TREES]
        for uri in cold:
            item = self.open.get(uri)
            if item is not None and not item.dirty and item.document.has_tree:
                item.document.release_tree()

    def publish(self, item: OpenDocument) -> None:
        version = item.document.version
        if item.published == item.diagnostics and item.published_version == version:
            return
        if item.published is None and not item.diagnostics and item.told is not None:
            return  # a file that is not linted gets no publication at all, only the one message
        item.published = item.diagnostics
        item.published_version = version
        item.forms = carried(item.forms, item.diagnostics)
        self.wire.sending = item.forms
        try:
            self.text_document_publish_diagnostics(
                lsp.PublishDiagnosticsParams(
                    uri=item.uri, diagnostics=item.diagnostics, version=item.document.version
                )
            )
        finally:
            self.wire.sending = None


def layer_settings(config: LintConfig, settings: ClientSettings) -> LintConfig:
    """The client's settings above a config file's: a severity set in the editor wins."""
    if not settings.severity:
        return config
    severity: dict[str, Severity | None] = dict(config.severity)
    for code, name in settings.severity.items():
        severity[code.upper()] = None if name == "off" else _SEVERITY_NAMES[name]
    return replace(config, severity=severity)


_SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2, Severity.HINT: 3}


def _by_severity(finding: Finding) -> tuple[int, tuple[int, int, str]]:
    return _SEVERITY_ORDER.get(finding.severity, 4), finding.sort_key


def _empty_analysis(version: int) -> Analysis:
    from ..engine import Analysis
    from ..model import Program

    return Analysis(findings=[], program=Program(), suppressions=[], version=version)


def _display_name(uri: str) -> str:
    return unquote(urlparse(uri).path).rsplit("/", 1)[-1] or uri


server = PulumiLintServer()


@server.feature(lsp.INITIALIZE)
def initialize(ls: PulumiLintServer, params: lsp.InitializeParams) -> None:
    caps = params.capabilities
    text_caps = caps.text_document
    ls.pull = bool(text_caps is not None and text_caps.diagnostic is not None)
    workspace_caps = caps.workspace
    ls.versioned_edits = bool(
        workspace_caps is not None
        and workspace_caps.workspace_edit is not None
        and workspace_caps.workspace_edit.document_changes
    )
    ls.configuration_supported = bool(workspace_caps is not None and workspace_caps.configuration)
    action_caps = text_caps.code_action if text_caps is not None else None
    resolvable = action_caps.resolve_support if action_caps is not None else None
    ls.resolves_edits = resolvable is not None and "edit" in (resolvable.properties or [])
    options = params.initialization_options
    if isinstance(options, dict):
        raw = options.get("pulumiLint", options.get("settings", options))
        ls.initial_settings = parse_settings(raw)
    ls.warm_up_due = True


@server.feature(lsp.INITIALIZED)
async def initialized(ls: PulumiLintServer, params: lsp.InitializedParams) -> None:
    await register_config_watcher(ls)
    await fetch_settings(ls)


def watched_globs() -> tuple[str, ...]:
    """Files whose changes on disk change findings: config files, the project's YAML and
    package.json, and the program's TypeScript files (cross-file rules read them)."""
    from ..config_file import CONFIG_NAMES
    from ..project import PROJECT_FILE_NAMES

    return (
        *(f"**/{name}" for name in CONFIG_NAMES),
        *(f"**/{name}" for name in PROJECT_FILE_NAMES),
        "**/Pulumi.*.yaml",
        "**/Pulumi.*.yml",
        "**/package.json",
        "**/*.{ts,mts,cts,tsx}",
    )


async def register_config_watcher(ls: PulumiLintServer) -> None:
    """Ask the client to tell us about the files we read, when it lets servers register watchers."""
    caps = ls.client_capabilities.workspace
    watched = caps.did_change_watched_files if caps is not None else None
    if watched is None or not watched.dynamic_registration:
        return
    options = lsp.DidChangeWatchedFilesRegistrationOptions(
        watchers=[lsp.FileSystemWatcher(glob_pattern=glob) for glob in watched_globs()]
    )
    registration = lsp.Registration(
        id="pulumi-lint-watched-files",
        method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES,
        register_options=options,
    )
    try:
        await ls.client_register_capability_async(lsp.RegistrationParams(registrations=[registration]))
    except Exception as exc:
        log.info("the client did not accept the file watcher: %s", exc)


@server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def did_change_watched_files(ls: PulumiLintServer, params: lsp.DidChangeWatchedFilesParams) -> None:
    paths = [path for change in params.changes if (path := uri_to_path(change.uri)) is not None]
    if not paths:
        return
    from ..config_file import CONFIG_NAMES

    configs = [p for p in paths if Path(p).name in CONFIG_NAMES]
    others = [p for p in paths if Path(p).name not in CONFIG_NAMES]
    if configs:
        ls.config_files_changed(configs)
    if others:
        ls.project_files_changed(others)
    ls.flush()
    refresh_pull_diagnostics(ls)


async def fetch_settings(ls: PulumiLintServer) -> None:
    if not ls.configuration_supported:
        return
    try:
        result = await ls.workspace_configuration_async(
            lsp.ConfigurationParams(items=[lsp.ConfigurationItem(section="pulumiLint")])
        )
    except Exception as exc:
        log.warning("could not read the client's pulumiLint settings: %s", exc)
        return
    raw = result[0] if result else None
    ls.apply_settings(*parse_settings(raw))
    ls.flush()
    refresh_pull_diagnostics(ls)


def refresh_pull_diagnostics(ls: PulumiLintServer) -> None:
    caps = ls.client_capabilities.workspace
    if ls.pull and caps is not None and caps.diagnostics is not None and caps.diagnostics.refresh_support:
        ls.workspace_diagnostic_refresh(None)


@server.feature(lsp.WORKSPACE_DID_CHANGE_CONFIGURATION)
async def did_change_configuration(ls: PulumiLintServer, params: lsp.DidChangeConfigurationParams) -> None:
    if ls.configuration_supported:
        await fetch_settings(ls)
        return
    raw = params.settings.get("pulumiLint") if isinstance(params.settings, dict) else None
    ls.apply_settings(*parse_settings(raw))
    ls.flush()


def _language(language_id: str, path: str | None) -> LanguageId:
    from ..document import language_for_path

    return _LANGUAGE_IDS.get(language_id) or language_for_path(path)


def _wanted(language_id: str, uri: str) -> bool:
    from ..document import TYPESCRIPT_SUFFIXES

    path = urlparse(uri).path.lower()
    return language_id in _LANGUAGE_IDS or path.endswith(TYPESCRIPT_SUFFIXES) or _is_pulumi_yaml(uri)


def _is_pulumi_yaml(uri: str) -> bool:
    """Pulumi.yaml and Pulumi.<stack>.yaml: the server reports the project's findings there."""
    from ..project import is_project_file

    path = uri_to_path(uri)
    return path is not None and path.endswith((".yaml", ".yml")) and is_project_file(Path(path))


@server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: PulumiLintServer, params: lsp.DidOpenTextDocumentParams) -> None:
    doc = params.text_document
    if not _wanted(doc.language_id, doc.uri):
        return
    from ..document import Document

    if doc.uri in ls.open:
        log.info("%s opened again; its text replaces the open one", doc.uri)
    path = uri_to_path(doc.uri)
    source = doc.text.encode("utf-8", errors="surrogatepass")
    project_file = _is_pulumi_yaml(doc.uri)
    document = Document(
        source,
        path,
        _language(doc.language_id, path),
        version=doc.version,
        parsed=not project_file and len(source) <= ls.settings.max_file_size,
        deferred=True,  # settled when typing pauses (PulumiLintServer.settle)
    )
    ls.open[doc.uri] = OpenDocument(doc.uri, document, doc.language_id, project_file=project_file)
    ls.touch(doc.uri)
    if path is not None:
        ls.projects.set_overlay(path, source)
        if project_file:
            _relint_all(ls)


@server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: PulumiLintServer, params: lsp.DidChangeTextDocumentParams) -> None:
    item = ls.open.get(params.text_document.uri)
    if item is None:
        log.warning("change to a document that is not open: %s", params.text_document.uri)
        return
    from .convert import to_offset

    ls.touch(item.uri)
    document = item.document
    encoding = ls.encoding
    for change in params.content_changes:
        text = change.text.encode("utf-8", errors="surrogatepass")
        if isinstance(change, lsp.TextDocumentContentChangePartial):
            start = to_offset(document.lines, change.range.start, encoding)
            end = to_offset(document.lines, change.range.end, encoding)
            document.apply_change(start, max(start, end), text)
        else:
            document.replace(text)
    version = params.text_document.version
    if version is not None and version < document.version:
        # The text is still the client's; only the numbering is odd.
        log.warning("%s: version went back from %d to %d", item.uri, document.version, version)
    document.version = version
    document.set_parsed(not item.project_file and len(document.source) <= ls.settings.max_file_size)
    item.dirty = True
    if document.path is not None:
        ls.projects.set_overlay(document.path, document.source)
        if item.project_file:
            _relint_all(ls)  # every program file reads the project's settings


def _relint_all(ls: PulumiLintServer) -> None:
    for other in ls.open.values():
        other.dirty = True


@server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: PulumiLintServer, params: lsp.DidSaveTextDocumentParams) -> None:
    item = ls.open.get(params.text_document.uri)
    if item is not None:
        # Other open files' cross-file findings follow this file once it is saved.
        _relint_all(ls)
        if ls.settings.run == "onSave":
            ls.analyse(item)
            if not ls.pull:
                ls.publish(item)


@server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: PulumiLintServer, params: lsp.DidCloseTextDocumentParams) -> None:
    item = ls.open.pop(params.text_document.uri, None)
    ls.recent.pop(params.text_document.uri, None)
    if item is not None:
        if item.document.path is not None:
            ls.projects.clear_overlay(item.document.path)
        ls.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[])
        )


@server.feature(
    lsp.TEXT_DOCUMENT_DIAGNOSTIC,
    lsp.DiagnosticOptions(identifier="pulumi-lint", inter_file_dependencies=True, workspace_diagnostics=True),
)
def pull_diagnostics(ls: PulumiLintServer, params: lsp.DocumentDiagnosticParams) -> lsp.DocumentDiagnosticReport:
    item = ls.open.get(params.text_document.uri)
    if item is None:
        return lsp.RelatedFullDocumentDiagnosticReport(items=[])
    ls.analyse(item)
    result_id = f"{item.document.version}:{id(item.analysis)}"
    if params.previous_result_id == result_id:
        return lsp.RelatedUnchangedDocumentDiagnosticReport(result_id=result_id)
    return lsp.RelatedFullDocumentDiagnosticReport(items=item.diagnostics, result_id=result_id)


@server.feature(lsp.WORKSPACE_DIAGNOSTIC)
async def workspace_diagnostics(
    ls: PulumiLintServer, params: lsp.WorkspaceDiagnosticParams
) -> lsp.WorkspaceDiagnosticReport:
    """Every TypeScript file of the workspace folders, with work-done progress when the client asks."""
    from .workspace_diagnostics import workspace_report

    return await workspace_report(ls, params)


@server.feature(
    lsp.TEXT_DOCUMENT_CODE_ACTION,
    lsp.CodeActionOptions(
        code_action_kinds=[lsp.CodeActionKind.QuickFix, lsp.CodeActionKind.SourceFixAll, FIX_ALL_KIND],
        resolve_provider=True,
    ),
)
def code_action(ls: PulumiLintServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction] | None:
    item = ls.open.get(params.text_document.uri)
    if item is None:
        return None
    from .code_actions import code_actions
    from .convert import to_offset

    ls.touch(item.uri)
    analysis = ls.analyse(item)
    if not ls.settings.enable:
        return []
    encoding = ls.encoding
    lines = item.document.lines
    start = to_offset(lines, params.range.start, encoding)
    end = to_offset(lines, params.range.end, encoding)
    return code_actions(
        uri=item.uri,
        document=item.document,
        findings=analysis.findings,
        start=min(start, end),
        end=max(start, end),
        only=[str(getattr(k, "value", k)) for k in params.context.only] if params.context.only else None,
        encoding=encoding,
        versioned=ls.versioned_edits,
        unsafe_fixes=ls.settings.unsafe_fixes,
        engine=ls.engine_for(item),
        project=ls.project_of(item),
        docs_base=ls.engine_for(item).config.docs_base_url or ls.docs_base,
        resolve=ls.resolves_edits,
    )


@server.feature(lsp.CODE_ACTION_RESOLVE)
def resolve_code_action(ls: PulumiLintServer, action: lsp.CodeAction) -> lsp.CodeAction:
    """Fill in fix-all's edit, for the version the action was offered on."""
    data = action.data if isinstance(action.data, dict) else {}
    item = ls.open.get(str(data.get("uri")))
    if action.kind != FIX_ALL_KIND or item is None or data.get("version") != item.document.version:
        return action
    from .code_actions import fix_all_action

    resolved = fix_all_action(
        item.uri, item.document, ls.engine_for(item), ls.encoding, ls.versioned_edits, ls.project_of(item)
    )
    if resolved is not None:
        action.edit = resolved.edit
    return action


@server.feature(lsp.TEXT_DOCUMENT_HOVER)
def hover(ls: PulumiLintServer, params: lsp.HoverParams) -> lsp.Hover | None:
    """Over a diagnostic: its rule's title, the finding's message and the rule's page. Over a code
    in a suppression comment: that rule's page."""
    item = ls.open.get(params.text_document.uri)
    if item is None:
        return None
    from .convert import to_offset
    from .hover import hover_text, make_hover, wants_markdown

    ls.touch(item.uri)
    analysis = ls.analyse(item)
    engine = ls.engine_for(item)
    shown = analysis.findings if ls.settings.enable and not engine.config.excluded(item.document.path) else []
    lines = item.document.lines
    encoding = ls.encoding
    offset = to_offset(lines, params.position, encoding)
    rules = {rule.code: rule for rule in engine.all_rules}
    found = hover_text(offset, shown, analysis.suppressions, rules, engine.config.docs_base_url or ls.docs_base)
    if found is None:
        return None
    text, span = found
    return make_hover(text, span, lines, encoding, wants_markdown(ls.client_capabilities))


@server.command("pulumi-lint.applyFixAll")
def apply_fix_all_command(ls: PulumiLintServer, args: list[Any]) -> None:
    """Fix all safe problems of a document, for clients without source actions on save."""
    uri = args[0] if args and isinstance(args[0], str) else (args[0].get("uri") if args else None)
    item = ls.open.get(uri) if isinstance(uri, str) else None
    if item is None:
        return
    from .code_actions import fix_all_action

    action = fix_all_action(
        item.uri, item.document, ls.engine_for(item), ls.encoding, ls.versioned_edits, ls.project_of(item)
    )
    if action is not None and action.edit is not None:
        ls.workspace_apply_edit(lsp.ApplyWorkspaceEditParams(edit=action.edit, label="pulumi-lint: fix all"))


def _setup_logging() -> None:
    stderr = logging.StreamHandler(sys.stderr)
    stderr.setLevel(logging.WARNING)
    root = logging.getLogger()
    root.addHandler(stderr)
    client = ClientLogHandler(server)
    client.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    log.addHandler(client)
    log.setLevel(logging.INFO)
    log.propagate = False
    logging.getLogger("pygls").setLevel(logging.WARNING)


def run_stdio() -> None:
    _setup_logging()
    server.protocol.set_writer(_StdoutWriter())
    code = 0
    try:
        transport.serve_stdio(server.protocol, server.flush, None, server.settle_delay, server.settle)
    except SystemExit as exit_request:  # the client's ``exit``: 0 after ``shutdown``, else 1
        code = exit_request.code if isinstance(exit_request.code, int) else 1
    except (KeyboardInterrupt, BrokenPipeError):
        code = 1
    # The reader thread may be blocked reading stdin; leave without waiting for it.
    logging.shutdown()
    os._exit(code)


def run_tcp(host: str, port: int) -> None:
    _setup_logging()
    transport.serve_tcp(
        server.protocol,
        server.flush,
        host,
        port,
        lambda writer: server.protocol.set_writer(writer),
        server.settle_delay,
        server.settle,
    )


class _StdoutWriter:
    def __init__(self) -> None:
        self.stream = sys.stdout.buffer

    def write(self, data: bytes) -> None:
        self.stream.write(data)
        self.stream.flush()

    def close(self) -> None:
        self.stream.flush()
