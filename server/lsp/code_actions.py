"""Code actions: a quick fix per fix, "disable for this line", and fix-all."""

from __future__ import annotations

from collections.abc import Sequence

from lsprotocol import types as lsp

from ..document import Document
from ..engine import Engine
from ..findings import Edit, Finding
from ..fixes import fix_all, well_formed
from ..text import Encoding
from . import FIX_ALL_KIND
from .convert import to_diagnostic, to_text_edit

__all__ = ["FIX_ALL_KIND", "code_actions", "fix_all_action"]
FIX_ALL_TITLE = "Fix all auto-fixable problems (pulumi-lint)"


def kind_wanted(kind: str, only: Sequence[str] | None) -> bool:
    if not only:
        return True
    return any(kind == o or kind.startswith(o + ".") for o in only)


def line_break(source: bytes) -> str:
    index = source.find(b"\n")
    if index > 0 and source[index - 1 : index] == b"\r":
        return "\r\n"
    if index == -1 and b"\r" in source:
        return "\r"
    return "\n"


def _inside_string(document: Document, offset: int) -> bool:
    node = document.tree.root_node.descendant_for_byte_range(offset, offset)
    while node is not None:
        if node.type in ("template_string", "string"):
            return node.start_byte < offset
        node = node.parent
    return False


def disable_edit(document: Document, finding: Finding) -> Edit | None:
    """Insert ``// pulumi-lint-disable-next-line CODE`` above the finding's line."""
    lines = document.lines
    line = lines.line_of(finding.start)
    line_start = lines.starts[line]
    if _inside_string(document, line_start):
        return None  # the comment would become part of a multi-line string
    text = document.source[line_start : lines.line_end(line)]
    indent = text[: len(text) - len(text.lstrip(b" \t"))].decode()
    eol = line_break(document.source)
    return Edit(line_start, line_start, f"{indent}// pulumi-lint-disable-next-line {finding.code}{eol}")


def workspace_edit(
    uri: str,
    version: int | None,
    edits: list[lsp.TextEdit],
    versioned: bool,
) -> lsp.WorkspaceEdit:
    if versioned:
        return lsp.WorkspaceEdit(
            document_changes=[
                lsp.TextDocumentEdit(
                    text_document=lsp.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version),
                    edits=list(edits),
                )
            ]
        )
    return lsp.WorkspaceEdit(changes={uri: edits})


def minimal_edit(old: bytes, new: bytes) -> Edit | None:
    """One edit turning ``old`` into ``new``: the differing middle, on character boundaries."""
    if old == new:
        return None
    prefix = 0
    limit = min(len(old), len(new))
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[len(old) - 1 - suffix] == new[len(new) - 1 - suffix]:
        suffix += 1
    # Never cut a UTF-8 sequence in two.
    while prefix > 0 and (old[prefix] & 0xC0 if prefix < len(old) else 0) == 0x80:
        prefix -= 1
    while suffix > 0 and (old[len(old) - suffix] & 0xC0) == 0x80:
        suffix -= 1
    return Edit(prefix, len(old) - suffix, new[prefix : len(new) - suffix].decode("utf-8", errors="replace"))


def fix_all_source(engine: Engine, document: Document, project: object = None) -> bytes:
    def lint(source: bytes) -> list[Finding]:
        return engine.lint(Document(source, document.path, document.language), project)

    def parses(source: bytes) -> bool:
        return not Document(source, document.path, document.language).tree.root_node.has_error

    return fix_all(document.source, lint, parses, unsafe=False).source


def code_actions(
    *,
    uri: str,
    document: Document,
    findings: list[Finding],
    start: int,
    end: int,
    only: Sequence[str] | None,
    encoding: Encoding,
    versioned: bool,
    unsafe_fixes: bool,
    engine: Engine,
    project: object = None,
    docs_base: str | None = None,
    resolve: bool = False,
) -> list[lsp.CodeAction]:
    """The actions for ``[start, end]``. Fix-all re-lints the file until it settles, too much to
    do on every cursor move: with ``resolve`` it is offered bare and computed when picked
    (``codeAction/resolve``); without, only when the client asks for that kind explicitly."""
    actions: list[lsp.CodeAction] = []
    lines = document.lines
    version = document.version
    touching = [f for f in findings if f.start <= end and start <= f.end]
    if kind_wanted(lsp.CodeActionKind.QuickFix.value, only):
        preferred_given = False
        for finding in touching:
            diagnostic = to_diagnostic(finding, lines, encoding, docs_base)
            for fix in finding.fixes:
                if (not fix.is_safe and not unsafe_fixes) or not well_formed(fix):
                    continue
                preferred = fix.is_safe and not preferred_given
                preferred_given = preferred_given or preferred
                suffix = finding.code if fix.is_safe else f"{finding.code}, unsafe"
                actions.append(
                    lsp.CodeAction(
                        title=f"{fix.title} ({suffix})",
                        kind=lsp.CodeActionKind.QuickFix,
                        diagnostics=[diagnostic],
                        is_preferred=preferred or None,
                        edit=workspace_edit(
                            uri, version, [to_text_edit(e, lines, encoding) for e in fix.edits], versioned
                        ),
                    )
                )
        seen: set[tuple[str, int]] = set()
        for finding in touching:
            key = (finding.code, lines.line_of(finding.start))
            edit = disable_edit(document, finding)
            if key in seen or edit is None:
                continue
            seen.add(key)
            actions.append(
                lsp.CodeAction(
                    title=f"Disable {finding.code} for this line",
                    kind=lsp.CodeActionKind.QuickFix,
                    diagnostics=[to_diagnostic(finding, lines, encoding, docs_base)],
                    edit=workspace_edit(uri, version, [to_text_edit(edit, lines, encoding)], versioned),
                )
            )
    if kind_wanted(FIX_ALL_KIND, only) and any(f.fixes and f.fixes[0].is_safe for f in findings):
        if resolve:
            actions.append(
                lsp.CodeAction(title=FIX_ALL_TITLE, kind=FIX_ALL_KIND, data={"uri": uri, "version": version})
            )
        elif only:
            action = fix_all_action(uri, document, engine, encoding, versioned, project)
            if action is not None:
                actions.append(action)
    return actions


def fix_all_action(
    uri: str,
    document: Document,
    engine: Engine,
    encoding: Encoding,
    versioned: bool,
    project: object = None,
) -> lsp.CodeAction | None:
    fixed = fix_all_source(engine, document, project)
    edit = minimal_edit(document.source, fixed)
    if edit is None:
        return None
    return lsp.CodeAction(
        title=FIX_ALL_TITLE,
        kind=FIX_ALL_KIND,
        edit=workspace_edit(uri, document.version, [to_text_edit(edit, document.lines, encoding)], versioned),
    )
