"""Hover: a diagnostic's rule explained, or the rule a suppression comment names."""

from __future__ import annotations

import re
from collections.abc import Sequence

from lsprotocol import types as lsp

from ..findings import Finding
from ..rule import Rule, docs_url
from ..rule_docs import explain_markdown, unknown_code_markdown
from ..suppressions import Suppression
from ..text import Encoding, LineIndex
from .convert import to_range


def _covers(start: int, end: int, offset: int) -> bool:
    # Inclusive at the end: a cursor just after the last character still points at the range.
    return start <= offset <= end


def hover_text(
    offset: int,
    findings: Sequence[Finding],
    suppressions: Sequence[Suppression],
    rules: dict[str, Rule],
    docs_base: str | None,
) -> tuple[str, tuple[int, int]] | None:
    """The markdown for a hover at ``offset`` and the byte range it is about, or None."""
    hit = [f for f in findings if _covers(f.start, f.end, offset)]
    if hit:
        sections: list[str] = []
        by_code: dict[str, list[str]] = {}
        for finding in hit:
            by_code.setdefault(finding.code, []).append(finding.message)
        for code, messages in by_code.items():
            rule = rules.get(code)
            if rule is None:  # a finding from a rule no longer registered: show what we know
                sections.append("\n\n".join([f"**{code}**", *messages]))
            else:
                sections.append(explain_markdown(rule, messages, docs_url(code, docs_base)))
        first = min(hit, key=lambda f: (f.end - f.start, f.start))
        return "\n\n---\n\n".join(sections), (first.start, first.end)
    for suppression in suppressions:
        if not _covers(suppression.start, suppression.end, offset):
            continue
        for code, start, end in suppression.code_spans:
            if _covers(start, end, offset):
                rule = rules.get(code)
                text = unknown_code_markdown(code) if rule is None else explain_markdown(
                    rule, (), docs_url(code, docs_base)
                )
                return text, (start, end)
    return None


_BOLD_TITLE = re.compile(r"^\*\*([A-Z]{2,4}[0-9]{3})\*\*", re.MULTILINE)
_EMPHASIS_LINE = re.compile(r"^\*([^*\n].*)\*$", re.MULTILINE)
_LINK = re.compile(r"\[([^\]\n]+)\]\(([^)\s]+)\)")


def plain(text: str) -> str:
    """The hover's markdown made readable where it is shown verbatim: no emphasis marks, links as URLs."""
    text = _BOLD_TITLE.sub(r"\1", text)
    text = _EMPHASIS_LINE.sub(r"\1", text)
    return _LINK.sub(r"\1: \2", text)


def make_hover(text: str, span: tuple[int, int], lines: LineIndex, encoding: Encoding, markdown: bool) -> lsp.Hover:
    kind = lsp.MarkupKind.Markdown if markdown else lsp.MarkupKind.PlainText
    if not markdown:
        text = plain(text)
    return lsp.Hover(contents=lsp.MarkupContent(kind=kind, value=text), range=to_range(lines, *span, encoding))


def wants_markdown(capabilities: lsp.ClientCapabilities) -> bool:
    """Markdown unless the client lists the formats it renders and markdown is not among them."""
    text = capabilities.text_document
    formats = text.hover.content_format if text is not None and text.hover is not None else None
    return formats is None or lsp.MarkupKind.Markdown in formats
