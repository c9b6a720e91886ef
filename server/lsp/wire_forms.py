"""The JSON forms of diagnostics, made once per diagnostic instead of once per publication.

A keystroke in a large file republishes every diagnostic of the file, and almost all of them are
the same objects as last time (the server keeps a diagnostic while its finding and position are
unchanged). Turning hundreds of them into JSON-ready dictionaries through the protocol's converter
cost about as much as finding them; the form of each is kept beside it and reused.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cattrs import Converter
from lsprotocol import types as lsp
from pygls.protocol import default_converter

Forms = dict[int, tuple[lsp.Diagnostic, Any]]


class DiagnosticForms:
    """Where the converter looks for a diagnostic's kept form while a publication is written."""

    __slots__ = ("sending",)

    def __init__(self) -> None:
        # The forms of the document being published (filled as they are made), else None.
        self.sending: Forms | None = None

    def converter_factory(self) -> Callable[[], Converter]:
        def make() -> Converter:
            converter: Converter = default_converter()  # type: ignore[no-untyped-call]
            base = converter.get_unstructure_hook(lsp.Diagnostic)

            def unstructure(diagnostic: lsp.Diagnostic) -> Any:
                forms = self.sending
                if forms is None:
                    return base(diagnostic)
                kept = forms.get(id(diagnostic))
                # The diagnostic itself is held beside its form, so its id cannot have been reused.
                if kept is not None and kept[0] is diagnostic:
                    return kept[1]
                form = base(diagnostic)
                forms[id(diagnostic)] = (diagnostic, form)
                return form

            converter.register_unstructure_hook(lsp.Diagnostic, unstructure)
            return converter

        return make


def carried(previous: Forms, diagnostics: list[lsp.Diagnostic]) -> Forms:
    """The kept forms of ``diagnostics`` found in ``previous`` (those of diagnostics gone are dropped)."""
    forms: Forms = {}
    for diagnostic in diagnostics:
        kept = previous.get(id(diagnostic))
        if kept is not None and kept[0] is diagnostic:
            forms[id(diagnostic)] = kept
    return forms
