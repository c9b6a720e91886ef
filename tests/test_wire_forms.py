"""Diagnostics' JSON forms are made once and reused while published again, and are exactly what the
protocol's own converter makes."""

from __future__ import annotations

from lsprotocol import types as lsp
from pulumi_lint.lsp.wire_forms import DiagnosticForms, Forms, carried
from pygls.protocol import default_converter


def _diagnostic(message: str) -> lsp.Diagnostic:
    return lsp.Diagnostic(
        range=lsp.Range(lsp.Position(1, 2), lsp.Position(1, 9)),
        message=message,
        severity=lsp.DiagnosticSeverity.Warning,
        code="AWS004",
        code_description=lsp.CodeDescription(href="https://example.com/AWS004.md"),
        source="pulumi-lint",
        data={"name": "lambda-memory-overprovisioned"},
    )


def _notification(diagnostics: list[lsp.Diagnostic]) -> lsp.PublishDiagnosticsNotification:
    params = lsp.PublishDiagnosticsParams(uri="file:///index.ts", diagnostics=diagnostics, version=3)
    return lsp.PublishDiagnosticsNotification(method=lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS, params=params)


def test_forms_are_the_converters_own_and_made_once() -> None:
    wire = DiagnosticForms()
    converter = wire.converter_factory()()
    plain = default_converter()  # type: ignore[no-untyped-call]
    first, second = _diagnostic("one"), _diagnostic("two")
    forms: Forms = {}
    wire.sending = forms
    sent = converter.unstructure(_notification([first, second]))
    assert sent == plain.unstructure(_notification([first, second]))
    assert set(forms) == {id(first), id(second)}
    again = converter.unstructure(_notification([first]))
    assert again["params"]["diagnostics"][0] is forms[id(first)][1], "reused, not made again"
    wire.sending = None
    assert converter.unstructure(first) == plain.unstructure(first)


def test_forms_of_diagnostics_no_longer_published_are_dropped() -> None:
    kept, gone = _diagnostic("kept"), _diagnostic("gone")
    previous: Forms = {id(kept): (kept, {"k": 1}), id(gone): (gone, {"g": 1})}
    assert carried(previous, [kept]) == {id(kept): (kept, {"k": 1})}
    stranger = _diagnostic("kept")
    assert carried({id(stranger): (kept, {})}, [stranger]) == {}, "an id is trusted only with its object"
