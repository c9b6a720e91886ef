"""Property tests that search for lost text, stale trees and findings that do not match the text.

Edits are generated the way an editor sends them: a range in the client's own text model
(tests/lsp_client.py, independent of the server's LineIndex) and a replacement string full of the
characters that break position arithmetic: multi-byte UTF-8, surrogate pairs in UTF-16, CRLF, a
lone CR, U+2028.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lsprotocol import types as lsp
from pulumi_lint.document import Document
from pulumi_lint.engine import Engine
from pulumi_lint.text import LineIndex, Position

from .lsp_client import index_of, position_of

EXAMPLES = Path(__file__).parent / "rules"
BAD_EXAMPLES = [p for p in sorted(EXAMPLES.glob("*/bad*.ts")) if ".fixed." not in p.name]
SEED_TEXTS = [p.read_text(encoding="utf-8") for p in BAD_EXAMPLES]

PIECES = [
    "x", "é", "🚀", "𝒳", "中文", "\n", "\r\n", "\r", "\u2028", " ", "  ", "'", '"', "`", "${", "}", "{",
    "(", ")", ";", "const a = 1;", "AWS_REGION", "new aws.s3.Bucket('b', {});", "// c", "/*", "*/",
    "\t", "\ufeff",
    "\ud83d",  # a lone surrogate: VS Code's UTF-16 buffers can hold one, JSON can carry it
]
texts = st.lists(st.sampled_from(PIECES), max_size=12).map("".join)
start_texts = st.one_of(st.sampled_from(SEED_TEXTS), texts)


@st.composite
def edit_scripts(draw: st.DrawFn) -> tuple[str, list[tuple[float, float, str]]]:
    text = draw(start_texts)
    steps = draw(
        st.lists(
            st.tuples(st.floats(0, 1), st.floats(0, 0.2), texts),
            min_size=1,
            max_size=12,
        )
    )
    return text, steps


def _apply_client(text: str, start: float, length: float, new: str, encoding: str) -> tuple[lsp.Range, str]:
    """A client-side edit: a range over ``text`` in ``encoding``, and the text after it."""
    a = int(start * len(text))
    b = min(len(text), a + int(length * len(text)))
    # An editor never splits a CRLF pair; positions are between characters.
    if 0 < a < len(text) and text[a - 1 : a + 1] == "\r\n":
        a -= 1
    if 0 < b < len(text) and text[b - 1 : b + 1] == "\r\n":
        b += 1
    b = max(a, b)
    rng = lsp.Range(start=position_of(text, a, encoding), end=position_of(text, b, encoding))
    # Recompute the indices from the positions, as the client would, to test the round trip too.
    a2 = index_of(text, rng.start, encoding)
    b2 = index_of(text, rng.end, encoding)
    assert (a2, b2) == (a, b)
    return rng, text[:a] + new + text[b:]


def _utf8(text: str) -> bytes:
    """What the server stores for a client's text (lone surrogates kept, as the server does)."""
    return text.encode("utf-8", errors="surrogatepass")


def _sexp(document: Document) -> str:
    return str(document.tree.root_node)


def _findings(engine: Engine, document: Document) -> list[tuple[str, int, int, str]]:
    return [(f.code, f.start, f.end, f.message) for f in engine.lint(document)]


ENGINE = Engine()


def _check_script(script: tuple[str, list[tuple[float, float, str]]], encoding: str, lint_every: int) -> None:
    text, steps = script
    document = Document(_utf8(text), "/tmp/index.ts")
    ENGINE.lint(document)
    for n, (start, length, new) in enumerate(steps):
        rng, text = _apply_client(text, start, length, new, encoding)
        lines = document.lines
        a = lines.offset(Position(rng.start.line, rng.start.character), encoding)  # type: ignore[arg-type]
        b = lines.offset(Position(rng.end.line, rng.end.character), encoding)  # type: ignore[arg-type]
        document.apply_change(a, b, _utf8(new))
        assert document.source == _utf8(text)
        if n % lint_every == 0:
            ENGINE.lint(document)  # exercise the statement cache between edits
    fresh = Document(_utf8(text), "/tmp/index.ts")
    assert _sexp(document) == _sexp(fresh)
    assert document.lines.starts == LineIndex(document.source).starts
    assert _findings(ENGINE, document) == _findings(ENGINE, fresh)


PROPERTY = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(edit_scripts(), st.integers(1, 3))
def test_incremental_edits_utf16_equal_a_fresh_document(
    script: tuple[str, list[tuple[float, float, str]]], lint_every: int
) -> None:
    _check_script(script, "utf-16", lint_every)


@PROPERTY
@given(edit_scripts(), st.integers(1, 3))
def test_incremental_edits_utf8_equal_a_fresh_document(
    script: tuple[str, list[tuple[float, float, str]]], lint_every: int
) -> None:
    _check_script(script, "utf-8", lint_every)
