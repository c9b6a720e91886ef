"""Facts reused across edits give the same findings as a fresh analysis of the same text."""

from __future__ import annotations

import random
from pathlib import Path

from pulumi_lint.document import Document
from pulumi_lint.engine import Engine

EXAMPLES = sorted((Path(__file__).parent / "rules").glob("*/bad*.ts"))


def _summary(engine: Engine, document: Document) -> list[tuple[str, int, int, str]]:
    return [(f.code, f.start, f.end, f.message) for f in engine.lint(document)]


def test_random_edits_keep_the_model_equal_to_a_fresh_build() -> None:
    rng = random.Random(7)
    engine = Engine()
    snippets = ["x", "\n", "const q = 1;\n", "'", "AWS_", "{", "}", "é", "🚀", ""]
    for path in EXAMPLES[:12]:
        source = path.read_bytes()
        document = Document(source, str(path))
        engine.lint(document)
        text = source.decode()
        for _ in range(15):
            start = rng.randrange(len(text) + 1)
            end = min(len(text), start + rng.choice([0, 0, 1, 3, 12]))
            new = rng.choice(snippets)
            document.apply_change(len(text[:start].encode()), len(text[:end].encode()), new.encode())
            text = text[:start] + new + text[end:]
            assert document.source == text.encode()
            fresh = Document(text.encode(), str(path))
            assert _summary(engine, document) == _summary(engine, fresh), path.name


def test_statements_swallowed_by_a_syntax_error_are_reused_when_it_is_mended() -> None:
    from pulumi_lint.model_builder import build_program

    queues = "".join(f"const q{n} = new aws.sqs.Queue(name('q{n}'), {{ delaySeconds: {n} }});\n" for n in range(40))
    source = (
        b"import * as aws from '@pulumi/aws';\n"
        b"function name(x: string) {\n  return `${x}-1`;\n}\n"
        + queues.encode()
        + b"export const url = q39.url;\n"
    )
    document = Document(source)

    def build() -> list[object]:
        build_program(document.tree, document.source, document.statements, document.edits)
        document.edits.clear()
        return [facts for _start, _end, _kind, _anchor, facts in document.statements.spans]

    before = build()
    brace = source.index(b"}\n")
    # Without the function's closing brace the rest of the file is one erroneous statement: the
    # statements after it are no longer statements of the tree.
    document.apply_change(brace, brace + 1, b"")
    broken = build()
    assert len(broken) == 1  # the import alone parsed without error
    document.apply_change(brace, brace, b"}")
    mended = build()
    assert document.source == source
    # The same facts objects: found again by their text, not walked again.
    assert len(mended) == len(before) == 43
    assert all(a is b for a, b in zip(mended, before, strict=True))
    fresh = Document(source)
    engine = Engine()
    assert _summary(engine, document) == _summary(engine, fresh)
