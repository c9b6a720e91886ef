"""``workspace/diagnostic``: every TypeScript file of the workspace folders, linted from disk.

Files are found as ``pulumi-lint check`` finds them (the same skipped directories, no ``*.d.ts``,
a config file's ``exclude``). Open documents are reported from their text in the editor, with
their version. Each closed file's result id hashes its bytes and the configuration that lints
it, so a client that sends back the ids it has gets "unchanged" for every file that is: clients
ask again as soon as they have an answer, and a second round then costs reads, not analyses.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from lsprotocol import types as lsp

from ..cli import collect_files, read_source
from ..document import Document, language_for_path

if TYPE_CHECKING:
    from .server import OpenDocument, PulumiLintServer

log = logging.getLogger("pulumi_lint")

WorkspaceReport = lsp.WorkspaceFullDocumentDiagnosticReport | lsp.WorkspaceUnchangedDocumentDiagnosticReport


def _path_of(uri: str) -> str | None:
    from .server import uri_to_path

    path = uri_to_path(uri)
    return os.path.normpath(path) if path else None


def folder_paths(ls: PulumiLintServer) -> list[str]:
    """The workspace folders as directories (the root URI when the client sent no folders)."""
    workspace = ls.workspace
    uris = [folder.uri for folder in workspace.folders.values()]
    if not uris and workspace.root_uri:
        uris = [workspace.root_uri]
    paths = [path for uri in uris if (path := _path_of(uri)) is not None and os.path.isdir(path)]
    # A folder inside another one is walked with it.
    paths.sort(key=len)
    kept: list[str] = []
    for path in paths:
        if not any(path == root or path.startswith(root.rstrip(os.sep) + os.sep) for root in kept):
            kept.append(path)
    return kept


def workspace_files(ls: PulumiLintServer) -> list[str]:
    """The files ``pulumi-lint check`` would lint in the workspace folders."""
    roots = folder_paths(ls)
    if not roots:
        return []
    files = collect_files(roots, lambda message: log.warning("workspace diagnostics: %s", message))
    return [path for path in files if not _excluded(ls, path)]


def _excluded(ls: PulumiLintServer, path: str) -> bool:
    # Only a config file excludes paths; the client's settings have no such key.
    try:
        loaded = ls.configs.for_file(path)
    except OSError:
        return False
    return loaded is not None and loaded.config.excluded(path)


def _result_id(source: bytes, ls: PulumiLintServer, config_repr: str) -> str:
    digest = hashlib.sha256(source)
    settings = ls.settings
    digest.update(f"\0{config_repr}\0{settings.enable}\0{settings.max_diagnostics}\0{ls.encoding}".encode())
    return "disk:" + digest.hexdigest()[:32]


def file_report(
    ls: PulumiLintServer,
    path: str,
    open_by_path: dict[str, OpenDocument],
    previous: dict[str, str],
) -> WorkspaceReport | None:
    """The report for one file, or None when it is not linted (excluded, unreadable, too large)."""
    from .server import OpenDocument

    item = open_by_path.get(os.path.normpath(os.path.abspath(path)))
    if item is not None:
        ls.analyse(item)
        result_id = f"{item.document.version}:{id(item.analysis)}"
        if previous.get(item.uri) == result_id:
            return lsp.WorkspaceUnchangedDocumentDiagnosticReport(
                uri=item.uri, result_id=result_id, version=item.document.version
            )
        return lsp.WorkspaceFullDocumentDiagnosticReport(
            uri=item.uri, items=item.diagnostics, version=item.document.version, result_id=result_id
        )
    uri = Path(os.path.abspath(path)).as_uri()
    source, problem = read_source(path)
    if source is None:
        log.info("workspace diagnostics: %s: %s", path, problem)
        return None
    if len(source) > ls.settings.max_file_size:
        return None
    transient = OpenDocument(uri, Document(source, path, language_for_path(path)), "typescript")
    engine = ls.engine_for(transient)
    if engine.config.excluded(path):
        return None
    result_id = _result_id(source, ls, repr(engine.config))
    if previous.get(uri) == result_id:
        return lsp.WorkspaceUnchangedDocumentDiagnosticReport(uri=uri, result_id=result_id, version=None)
    try:
        analysis = engine.analyse(transient.document)
    except Exception:
        log.exception("analysis of %s failed", path)
        return None
    findings = analysis.findings if ls.settings.enable else []
    items = ls.diagnostics(transient, findings, engine.config.docs_base_url)
    return lsp.WorkspaceFullDocumentDiagnosticReport(uri=uri, items=items, version=None, result_id=result_id)


class Progress:
    """Work-done progress for a client-provided token; silent without one."""

    def __init__(self, ls: PulumiLintServer, token: lsp.ProgressToken | None, total: int) -> None:
        self.ls = ls
        self.token = token
        self.total = total
        self.last = -1

    def begin(self) -> None:
        if self.token is None:
            return
        self.ls.work_done_progress.begin(
            self.token,
            lsp.WorkDoneProgressBegin(
                title="pulumi-lint", message=f"Linting {self.total} files", percentage=0, cancellable=False
            ),
        )
        self.last = 0

    def step(self, done: int, path: str) -> None:
        if self.token is None or not self.total:
            return
        percentage = done * 100 // self.total
        # One report per percent at most: a large workspace must not flood the client.
        if percentage == self.last:
            return
        self.last = percentage
        self.ls.work_done_progress.report(
            self.token,
            lsp.WorkDoneProgressReport(message=f"{done}/{self.total} {os.path.basename(path)}", percentage=percentage),
        )

    def end(self, linted: int) -> None:
        if self.token is None:
            return
        self.ls.work_done_progress.end(self.token, lsp.WorkDoneProgressEnd(message=f"{linted} files linted"))


async def workspace_report(
    ls: PulumiLintServer, params: lsp.WorkspaceDiagnosticParams
) -> lsp.WorkspaceDiagnosticReport:
    """Lint the workspace, yielding to the event loop between files so that edits are not held up."""

    files = workspace_files(ls)
    previous = {entry.uri: entry.value for entry in params.previous_result_ids}
    for uri, value in list(previous.items()):
        # Clients may send back ids under their own spelling of the URI.
        path = _path_of(uri)
        if path is not None:
            previous.setdefault(Path(os.path.abspath(path)).as_uri(), value)
    progress = Progress(ls, params.work_done_token, len(files))
    progress.begin()
    items: list[WorkspaceReport] = []
    try:
        for done, path in enumerate(files, start=1):
            open_by_path = _open_by_path(ls.open.values())
            report = file_report(ls, path, open_by_path, previous)
            if report is not None:
                items.append(report)
            progress.step(done, path)
            await asyncio.sleep(0)
    finally:
        progress.end(len(items))
    return lsp.WorkspaceDiagnosticReport(items=items)


def _open_by_path(items: Iterable[OpenDocument]) -> dict[str, OpenDocument]:
    found: dict[str, OpenDocument] = {}
    for item in items:
        path = _path_of(item.uri)
        if path is not None:
            found[os.path.abspath(path)] = item
    return found

