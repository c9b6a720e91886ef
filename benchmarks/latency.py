#!/usr/bin/env python3
"""Edit-to-diagnostics latency of the language server, seen from a client and from inside.

Over stdio, as an editor would (``python -m pulumi_lint server``, UTF-16 positions):

* push: open the generated file and time didOpen -> the first publishDiagnostics; then N
  one-character edits (incremental didChange, increasing versions), each timed from sending the
  didChange to receiving publishDiagnostics that carries its version. A server may skip a
  publication whose diagnostics did not change; such edits (no publication within 10 s) are
  counted, not timed. No request is sent meanwhile: the server stops an analysis for a request.
* pull: the same edits in a fresh server with the client's pull-diagnostics capability; each timed
  from sending didChange to the response of the textDocument/diagnostic request sent right after it.

In process, without the LSP layer: ``Document(...)`` + ``Engine().lint(doc)`` for an open, and
``doc.apply_change(start, end, new)`` + ``Engine().lint(doc)`` for the same edits, on a document
kept as the server keeps it (``deferred=True``: an edit that leaves a syntax error is answered from
the incremental tree, made a fresh parse's when typing pauses; that settling is idle work, measured
by parse_errors.py as the tail reparse, and not part of a keystroke).

The edits come in pairs at random places: insert a character and delete it again, or delete one
and put it back, so the document never drifts far from the generated program.

Targets: 10 ms end to end per keystroke (the speed issue's figure), 50 ms felt by a user.

    python benchmarks/latency.py [--lines 5000 | --large] [--edits 200] [--mode push,pull,inprocess]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from benchlib import fmt_ms, machine_line, median, percentile, table
from lspclient import LspClient, ServerExited, cpu_seconds, is_publish, utf16_position


@dataclass(frozen=True)
class Edit:
    offset: int  # in characters of the current text
    delete: int
    insert: str


def make_edits(text: str, n: int, seed: int) -> list[Edit]:
    """``n`` one-character edits at varied places, in insert/delete pairs that cancel out."""
    rng = random.Random(seed)
    edits: list[Edit] = []
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789_ "
    while len(edits) < n:
        p = rng.randrange(1, len(text) - 1)
        if rng.random() < 0.5 or text[p] == "\n":
            c = rng.choice(alphabet)
            edits += [Edit(p, 0, c), Edit(p, 1, "")]
        else:
            edits += [Edit(p, 1, ""), Edit(p, 0, text[p])]
    return edits[:n]


def apply(text: str, e: Edit) -> str:
    return text[: e.offset] + e.insert + text[e.offset + e.delete :]


@dataclass
class Result:
    label: str
    times: list[float]
    note: str = ""
    cpu: list[float] | None = None  # in-process only: this thread's CPU time

    def row(self) -> list[str]:
        if not self.times:
            return [self.label, "0", "-", "-", "-", "-", self.note]
        return [
            self.label,
            str(len(self.times)),
            fmt_ms(median(self.times)),
            fmt_ms(percentile(self.times, 95)),
            fmt_ms(max(self.times)),
            fmt_ms(median(self.cpu)) if self.cpu else "",
            self.note,
        ]


def change_params(uri: str, version: int, text: str, e: Edit) -> dict[str, object]:
    start = utf16_position(text, e.offset)
    end = utf16_position(text, e.offset + e.delete)
    return {
        "textDocument": {"uri": uri, "version": version},
        "contentChanges": [{"range": {"start": start, "end": end}, "text": e.insert}],
    }


def open_params(uri: str, text: str) -> dict[str, object]:
    return {"textDocument": {"uri": uri, "languageId": "typescript", "version": 1, "text": text}}


def check_sync(init: dict[str, object]) -> None:
    caps = init.get("result", {})
    sync = caps.get("capabilities", {}).get("textDocumentSync") if isinstance(caps, dict) else None
    change = sync.get("change") if isinstance(sync, dict) else sync
    if change != 2:
        raise SystemExit(f"server does not offer incremental sync (textDocumentSync {sync!r})")


def lsp_push(cmd: list[str], path: Path, edits: list[Edit], log: Path) -> list[Result]:
    text = path.read_text()
    uri = path.resolve().as_uri()
    with log.open("ab") as err:
        client = LspClient(cmd, cwd=path.parent, stderr=err)
        try:
            _, init = client.initialize(path.parent, pull=False)
            check_sync(init)
            sent = client.notify("textDocument/didOpen", open_params(uri, text))
            got = client.wait_for(is_publish(uri, 1), 120)
            if got is None:
                raise SystemExit("no publishDiagnostics after didOpen within 120 s")
            opened = got[0] - sent
            n_diags = len(got[1]["params"]["diagnostics"])
            times: list[float] = []
            silent = 0
            cpu0 = cpu_seconds(client.pid)
            for k, e in enumerate(edits):
                version = k + 2
                sent = client.notify("textDocument/didChange", change_params(uri, version, text, e))
                text = apply(text, e)
                published = wait_publication(client, uri, version)
                if published is None:
                    silent += 1
                else:
                    times.append(published - sent)
            cpu_per_edit = (cpu_seconds(client.pid) - cpu0) / len(edits)
        finally:
            client.shutdown()
    return [
        Result("push: didOpen -> publishDiagnostics", [opened], f"{n_diags} diagnostics"),
        Result(
            "push: didChange -> publishDiagnostics(version)",
            times,
            f"{silent} of {len(edits)} edits published nothing (diagnostics unchanged); "
            f"server CPU {fmt_ms(cpu_per_edit)} ms per edit (mean)",
        ),
    ]


# How long to wait for the publication of a version before counting the edit as published nothing.
SILENCE = 10.0


def wait_publication(client: LspClient, uri: str, version: int) -> float | None:
    """Arrival time of the publication of ``version``, or None when none came within ``SILENCE``.

    No request is sent meanwhile: the server stops a background analysis to answer a waiting
    request and starts it again afterwards, so a request would delay the very publication timed.
    """
    got = client.wait_for(is_publish(uri, version), SILENCE)
    return None if got is None else got[0]


def lsp_pull(cmd: list[str], path: Path, edits: list[Edit], log: Path) -> list[Result]:
    text = path.read_text()
    uri = path.resolve().as_uri()
    with log.open("ab") as err:
        client = LspClient(cmd, cwd=path.parent, stderr=err)
        try:
            _, init = client.initialize(path.parent, pull=True)
            check_sync(init)
            sent = client.notify("textDocument/didOpen", open_params(uri, text))
            rid, _ = client.request("textDocument/diagnostic", {"textDocument": {"uri": uri}})
            at, resp = client.wait_response(rid, 120)
            opened = at - sent
            n_diags = len(resp["result"].get("items", []))
            previous = resp["result"].get("resultId")
            times: list[float] = []
            cpu0 = cpu_seconds(client.pid)
            for k, e in enumerate(edits):
                sent = client.notify("textDocument/didChange", change_params(uri, k + 2, text, e))
                text = apply(text, e)
                params: dict[str, object] = {"textDocument": {"uri": uri}}
                if previous:
                    params["previousResultId"] = previous
                rid, _ = client.request("textDocument/diagnostic", params)
                at, resp = client.wait_response(rid, 60)
                times.append(at - sent)
                previous = resp["result"].get("resultId", previous)
            cpu_per_edit = (cpu_seconds(client.pid) - cpu0) / len(edits)
        finally:
            client.shutdown()
    return [
        Result("pull: didOpen + diagnostic request -> response", [opened], f"{n_diags} diagnostics"),
        Result(
            "pull: didChange + diagnostic request -> response",
            times,
            f"server CPU {fmt_ms(cpu_per_edit)} ms per edit (mean)",
        ),
    ]


def in_process(path: Path, edits: list[Edit], opens: int) -> list[Result]:
    import time

    from pulumi_lint.document import Document
    from pulumi_lint.engine import Engine
    from pulumi_lint.lsp.heap import Heap

    source = path.read_bytes()
    engine = Engine()
    engine.lint(Document(b"const x = 1;\n", "warm.ts"))  # imports and rule set-up, not measured
    open_times: list[float] = []
    open_cpu: list[float] = []
    findings = 0
    for _ in range(opens):
        c0, t0 = time.thread_time(), time.perf_counter()
        doc = Document(source, str(path))
        findings = len(engine.lint(doc))
        open_times.append(time.perf_counter() - t0)
        open_cpu.append(time.thread_time() - c0)
    text = source.decode("utf-8")
    doc = Document(source, str(path), deferred=True)
    engine.lint(doc)
    # The server keeps its long-lived objects out of the cyclic collector's scans (lsp/heap.py):
    # without that a full collection lands in some keystroke, measuring the collector.
    heap = Heap()
    change: list[float] = []
    lint: list[float] = []
    total: list[float] = []
    change_cpu: list[float] = []
    lint_cpu: list[float] = []
    total_cpu: list[float] = []
    # A keystroke that breaks the syntax costs tree-sitter error recovery: report both kinds.
    valid: list[float] = []
    broken: list[float] = []
    for e in edits:
        start = len(text[: e.offset].encode("utf-8"))
        end = start + len(text[e.offset : e.offset + e.delete].encode("utf-8"))
        new = e.insert.encode("utf-8")
        c0, t0 = time.thread_time(), time.perf_counter()
        doc.apply_change(start, end, new)
        c1, t1 = time.thread_time(), time.perf_counter()
        engine.lint(doc)
        c2, t2 = time.thread_time(), time.perf_counter()
        heap.analysed()  # as the server does after each analysis, untimed
        text = apply(text, e)
        change.append(t1 - t0)
        lint.append(t2 - t1)
        total.append(t2 - t0)
        change_cpu.append(c1 - c0)
        lint_cpu.append(c2 - c1)
        total_cpu.append(c2 - c0)
        (broken if doc.tree.root_node.has_error else valid).append(t2 - t0)
    if doc.source != text.encode("utf-8"):
        raise SystemExit("in-process document diverged from the client's text")
    return [
        Result("in-process: Document() + Engine.lint (open)", open_times, f"{findings} findings", open_cpu),
        Result("in-process: apply_change", change, cpu=change_cpu),
        Result("in-process: Engine.lint after the edit", lint, cpu=lint_cpu),
        Result("in-process: apply_change + lint", total, cpu=total_cpu),
        Result("  of which edits leaving valid syntax", valid),
        Result("  of which edits leaving a syntax error", broken),
    ]


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lines", type=int, default=5000, help="lines of the generated file")
    ap.add_argument("--large", action="store_true", help="shorthand for --lines 50000")
    ap.add_argument("--file", type=Path, help="use this TypeScript file instead of a generated one")
    ap.add_argument("--edits", type=int, default=200)
    ap.add_argument("--opens", type=int, default=5, help="in-process opens to time")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--mode", default="push,pull,inprocess", help="comma list of push, pull, inprocess")
    ap.add_argument("--server-cmd", help="command that starts the server (default: python -m pulumi_lint server)")
    ap.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "pulumi-lint-bench")
    a = ap.parse_args(argv)
    lines = 50000 if a.large else a.lines
    modes = {m.strip() for m in a.mode.split(",") if m.strip()}

    a.workdir.mkdir(parents=True, exist_ok=True)
    if a.file:
        path = a.file
    else:
        from generate import generate_file

        path = a.workdir / f"latency-{lines}-{a.seed}.ts"
        path.write_text(generate_file(lines, a.seed))
    text = path.read_text()
    edits = make_edits(text, a.edits, a.seed)
    cmd = a.server_cmd.split() if a.server_cmd else [sys.executable, "-m", "pulumi_lint", "server"]
    log = a.workdir / "server-stderr.log"
    log.write_bytes(b"")

    print(f"machine: {machine_line()}")
    print(f"file: {path} ({text.count(chr(10))} lines, {len(text.encode()) // 1024} KiB); {len(edits)} edits")
    results: list[Result] = []
    try:
        if "push" in modes:
            results += lsp_push(cmd, path, edits, log)
        if "pull" in modes:
            results += lsp_pull(cmd, path, edits, log)
    except (ServerExited, TimeoutError, RuntimeError) as exc:
        print(f"LSP run failed: {exc}; server stderr in {log}", file=sys.stderr)
        tail = log.read_text(errors="replace")[-2000:]
        if tail:
            print(tail, file=sys.stderr)
        return 1
    if "inprocess" in modes:
        results += in_process(path, edits, a.opens)
    print()
    headers = ["measure", "n", "median ms", "p95 ms", "max ms", "median CPU ms", "note"]
    print(table(headers, [r.row() for r in results]))
    print("\ntargets: 10 ms per keystroke end to end; 50 ms is what an editor user feels")
    return 0


if __name__ == "__main__":
    sys.exit(main())
