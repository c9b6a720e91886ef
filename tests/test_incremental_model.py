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
