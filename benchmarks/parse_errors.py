#!/usr/bin/env python3
"""CPU time of reading ``Document.tree`` after one-character edits, for edits that leave syntax
errors and for the others; with the tail reparse after errors (server/document.py), and with a
whole fresh parse in its place (the behaviour before it), in the same run on the same edits.

    python benchmarks/parse_errors.py [FILE] [--edits 1000] [--seed 1]

FILE defaults to the generated 5,000-line program. The edits are benchmarks/latency.py's
``make_edits`` pairs; each edit is applied and the tree read at once, timed with
``time.process_time`` (this process's CPU).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

from benchlib import median, percentile
from latency import make_edits
from pulumi_lint import document as document_module
from pulumi_lint.document import Document, LanguageId, parse
from tree_sitter import Tree

DEFAULT = Path("/tmp/pulumi-lint-bench/latency-5000-0.ts")


def _fresh(old: Tree, source: bytes, language: LanguageId, changed_from: int) -> Tree:
    return parse(source, language)


def measure(text: str, edits: int, seed: int, reparse: Callable[..., Tree]) -> tuple[list[float], list[float]]:
    errors: list[float] = []
    clean: list[float] = []
    saved = document_module._reparse_tail
    document_module._reparse_tail = reparse  # type: ignore[assignment]
    try:
        doc = Document(text.encode(), "index.ts")
        current = text
        for edit in make_edits(text, edits, seed):
            start = len(current[: edit.offset].encode())
            end = len(current[: edit.offset + edit.delete].encode())
            current = current[: edit.offset] + edit.insert + current[edit.offset + edit.delete :]
            t = time.process_time()
            doc.apply_change(start, end, edit.insert.encode())
            tree = doc.tree
            spent = time.process_time() - t
            (errors if tree.root_node.has_error else clean).append(spent)
    finally:
        document_module._reparse_tail = saved  # type: ignore[assignment]
    return errors, clean


def line(label: str, times: list[float]) -> str:
    if not times:
        return f"{label:36} n=0"
    return (
        f"{label:36} n={len(times):<5} median {median(times) * 1000:7.2f} ms   "
        f"p95 {percentile(times, 95) * 1000:7.2f} ms   max {max(times) * 1000:7.2f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--edits", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    text = args.file.read_text()
    print(f"{args.file}: {text.count(chr(10))} lines, {args.edits} edits, parse CPU per edit")
    tail_errors, tail_clean = measure(text, args.edits, args.seed, document_module._reparse_tail)
    fresh_errors, fresh_clean = measure(text, args.edits, args.seed, _fresh)
    print(line("error edits, tail reparse", tail_errors))
    print(line("error edits, fresh parse (before)", fresh_errors))
    print(line("clean edits (incremental)", tail_clean))
    print(line("all edits, tail reparse", tail_errors + tail_clean))
    print(line("all edits, fresh parse (before)", fresh_errors + fresh_clean))


if __name__ == "__main__":
    main()
