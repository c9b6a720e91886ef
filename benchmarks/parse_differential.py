#!/usr/bin/env python3
"""Differential check of ``Document.tree`` after edits against a fresh parse of the same text.

For every case a document takes one or more edits, its tree is read, and every node of that tree
is compared with the matching node of ``parse(source)``: kind, byte and point range, is_missing,
is_error, has_error, is_named, is_extra, child count and field. The document is then kept (with
its tree) for the next case, so edits land on texts that already hold errors, as they do while
someone types.

Kinds of case:

* ``char``: one-character insert or delete at a random place, in pairs that cancel out, like
  benchmarks/latency.py's ``make_edits``;
* ``delim``: deletion of a brace, bracket, paren, quote, backquote, semicolon or comma;
* ``paste``: a statement fragment pasted at a random place (fixed snippets, or a slice of the
  file itself), or a random range of up to 200 bytes deleted;
* ``multi``: two to six edits of the kinds above before one read of the tree.

    python benchmarks/parse_differential.py [--cases 40] [--seed 1] [--dump DIR] [--deferred] FILE_OR_DIR...

``--deferred`` checks documents as the language server keeps them: an edit that leaves an error
keeps the incremental tree until the document is settled. A tree that does not need settling must
be the fresh one; one that does is compared after ``settle()``, or after a few more edits first.

Prints, per kind, the number of cases, how many left errors in the text, how many took the
tail reparse, and mismatches (each dumped to DIR as the text before and the edits, if given).
Exit status 1 on any mismatch.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from pulumi_lint import document as document_module
from pulumi_lint.document import Document, parse
from tree_sitter import Tree

NodeKey = tuple[object, ...]

ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789_ "
DELIMITERS = b"{}()[]'\"`;,"
FRAGMENTS = [
    "{",
    "}",
    "(",
    ")",
    "[",
    "]",
    "'",
    '"',
    "`",
    ";",
    ",",
    ".",
    "=>",
    "${",
    "/*",
    "*/",
    "//",
    "<T>",
    "!",
    "?.",
    "\n",
    "const x = ",
    'new aws.s3.Bucket("b", {',
    "});\n",
    "if (a) {",
    "} else {",
    "function f() {\n",
    "async (x) => {\n  await x;\n",
    ": string",
    "export ",
    "return ",
    "import * as a from 'b';\n",
    "class A extends B {\n  constructor() { super(); }\n",
    "as any",
    "tags: { ...tags, Name: `n-${x}` },\n",
    "const { a, b } = c;\n",
    "x => ({ y: 1 })",
    "type T = { a?: string };\n",
]
Edit = tuple[int, int, bytes]


def nodes(tree: Tree) -> Iterator[NodeKey]:
    """Every node in document order with what a fresh parse must reproduce."""
    cursor = tree.walk()
    while True:
        n = cursor.node
        assert n is not None
        yield (
            n.kind_id,
            n.start_byte,
            n.end_byte,
            tuple(n.start_point),
            tuple(n.end_point),
            n.is_missing,
            n.is_error,
            n.has_error,
            n.is_named,
            n.is_extra,
            n.child_count,
            cursor.field_id,
        )
        if cursor.goto_first_child():
            continue
        while not cursor.goto_next_sibling():
            if not cursor.goto_parent():
                return


def same_tree(a: Tree, b: Tree) -> bool:
    sentinel = object()
    left, right = nodes(a), nodes(b)
    while True:
        x, y = next(left, sentinel), next(right, sentinel)
        if x != y:
            return False
        if x is sentinel:
            return True


def one_edit(rng: random.Random, kind: str, source: bytes) -> Edit:
    n = len(source)
    p = rng.randrange(0, n + 1)
    if kind == "char":
        if rng.random() < 0.5 or p >= n:
            return p, p, rng.choice(ALPHABET).encode()
        return p, p + 1, b""
    if kind == "delim":
        for _ in range(50):
            q = rng.randrange(0, n) if n else 0
            if n and source[q : q + 1] in DELIMITERS:
                return q, q + 1, b""
        return p, min(n, p + 1), b""
    # paste
    r = rng.random()
    if r < 0.5:
        return p, p, rng.choice(FRAGMENTS).encode()
    if r < 0.8:
        a = rng.randrange(0, n + 1)
        return p, p, source[a : a + rng.randrange(1, 300)]
    return p, min(n, p + rng.randrange(1, 200)), b""


def run(paths: list[Path], cases: int, seed: int, dump: Path | None, deferred: bool = False) -> int:
    rng = random.Random(seed)
    tails = Counter[str]()
    reparse_tail = document_module._reparse_tail
    current = ""

    def counting(*args: object, **kwargs: object) -> Tree:
        tails[current] += 1
        return reparse_tail(*args, **kwargs)  # type: ignore[arg-type]

    document_module._reparse_tail = counting  # type: ignore[assignment]
    total, errors, mismatches = Counter[str](), Counter[str](), Counter[str]()
    for path in paths:
        original = path.read_bytes()
        doc = Document(original, str(path), deferred=deferred)
        for i in range(cases):
            kind = rng.choice(["char", "char", "delim", "paste", "multi"])
            current = kind
            before = doc.source
            edits: list[Edit] = []
            if kind == "char":
                # The insert/delete pair of make_edits: the tree is read after each half.
                start, end, new = one_edit(rng, "char", doc.source)
                undo = (start, start + len(new), doc.source[start:end])
                for edit in ((start, end, new), undo):
                    doc.apply_change(*edit)
                    edits.append(edit)
                    if not check(doc, kind, total, errors, mismatches, dump, path, i, before, edits):
                        break
                continue
            count = rng.randrange(2, 7) if kind == "multi" else 1
            for _ in range(count):
                edit = one_edit(rng, rng.choice(["char", "delim", "paste"]) if kind == "multi" else kind, doc.source)
                doc.apply_change(*edit)
                edits.append(edit)
            check(doc, kind, total, errors, mismatches, dump, path, i, before, edits)
            if rng.random() < 0.25:
                # Back to the file as it was, so the texts do not drift into noise.
                doc.replace(original)
                doc.tree  # noqa: B018 - the parse is the point
    print(f"{'kind':8} {'cases':>7} {'errors':>7} {'tail':>7} {'mismatches':>10}")
    for kind in ("char", "delim", "paste", "multi"):
        print(f"{kind:8} {total[kind]:7} {errors[kind]:7} {tails[kind]:7} {mismatches[kind]:10}")
    print(
        f"{'all':8} {sum(total.values()):7} {sum(errors.values()):7} {sum(tails.values()):7} "
        f"{sum(mismatches.values()):10}"
    )
    return 1 if sum(mismatches.values()) else 0


def check(
    doc: Document,
    kind: str,
    total: Counter[str],
    errors: Counter[str],
    mismatches: Counter[str],
    dump: Path | None,
    path: Path,
    case: int,
    before: bytes,
    edits: list[Edit],
) -> bool:
    tree = doc.tree
    fresh = parse(doc.source, doc.language)
    total[kind] += 1
    errors[kind] += fresh.root_node.has_error
    if doc.needs_settling:
        if random.Random(case).random() < 0.6:
            return True  # settled later, after more edits: what it must parse again accumulates
        doc.settle()
        tree = doc.tree
    if same_tree(tree, fresh):
        return True
    mismatches[kind] += 1
    print(f"MISMATCH {path} case {case} ({kind})", file=sys.stderr)
    if dump is not None:
        dump.mkdir(parents=True, exist_ok=True)
        name = f"{path.stem}-{case}"
        (dump / f"{name}.ts").write_bytes(before)
        (dump / f"{name}.json").write_text(json.dumps([[s, e, new.decode("latin-1")] for s, e, new in edits]))
    # Go on from a fresh tree so one mismatch is not counted again and again.
    doc.replace(doc.source)
    doc.release_tree()
    return False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--cases", type=int, default=40, help="cases per file")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--dump", type=Path, default=None)
    parser.add_argument("--deferred", action="store_true", help="documents as the language server keeps them")
    args = parser.parse_args()
    files: list[Path] = []
    for p in args.paths:
        files.extend(sorted(p.rglob("*.ts")) if p.is_dir() else [p])
    return run(files, args.cases, args.seed, args.dump, args.deferred)


if __name__ == "__main__":
    sys.exit(main())
