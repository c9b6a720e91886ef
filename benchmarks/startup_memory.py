#!/usr/bin/env python3
"""Language server start-up time and memory, over stdio as an editor drives it.

* start-up: from spawning ``python -m pulumi_lint server`` to the arrival of the initialize
  response (median of ``--spawns`` fresh processes);
* memory: the server's resident set (VmRSS, and the peak VmHWM, from /proc/<pid>/status) after
  initialize, and after opening ``--docs`` generated documents of ``--doc-lines`` lines each and
  receiving the diagnostics of every one.

    python benchmarks/startup_memory.py [--spawns 10] [--docs 50] [--doc-lines 1000] [--compile]

An installed wheel comes with its modules compiled to bytecode. An editable install run with
PYTHONDONTWRITEBYTECODE set never writes them, so that every spawn compiles pulumi_lint's sources
again; ``--compile`` compiles them first (into the package's ``__pycache__`` folders), as an
install does. The output says which case was measured.
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from benchlib import fmt_ms, machine_line, median, table
from lspclient import LspClient, ServerExited, cpu_seconds, is_publish, rss_kib


def startup(cmd: list[str], spawns: int, cwd: Path) -> tuple[list[float], list[float]]:
    """Wall time from spawn to the initialize response, and the server's CPU time by then."""
    times: list[float] = []
    cpu: list[float] = []
    for _ in range(spawns):
        client = LspClient(cmd, cwd=cwd)
        try:
            at, _ = client.initialize(cwd)
            cpu.append(cpu_seconds(client.pid))
            times.append(at - client.spawned_at)
        finally:
            client.shutdown()
    return times, cpu


def memory(cmd: list[str], docs: list[Path]) -> tuple[dict[str, int], dict[str, int]]:
    root = docs[0].parent
    client = LspClient(cmd, cwd=root)
    try:
        client.initialize(root)
        # Let the server settle after `initialized` (it may ask for settings) before sampling.
        client.wait_for(lambda m: False, 0.5)
        idle = rss_kib(client.pid)
        for i, path in enumerate(docs):
            uri = path.resolve().as_uri()
            client.notify(
                "textDocument/didOpen",
                {
                    "textDocument": {
                        "uri": uri,
                        "languageId": "typescript",
                        "version": 1,
                        "text": path.read_text(),
                    }
                },
            )
            if client.wait_for(is_publish(uri, 1), 60) is None:
                raise TimeoutError(f"no diagnostics for document {i + 1} within 60 s")
        loaded = rss_kib(client.pid)
    finally:
        client.shutdown()
    return idle, loaded


def package_dirs() -> list[str]:
    """The folders of pulumi_lint and its rules, as this interpreter imports them."""
    dirs: list[str] = []
    for name in ("pulumi_lint", "pulumi_lint.rules"):
        spec = importlib.util.find_spec(name)
        if spec is not None and spec.submodule_search_locations:
            dirs.extend(spec.submodule_search_locations)
    return dirs


def bytecode_note(compiled: bool) -> str:
    if compiled:
        return "pulumi_lint compiled to bytecode before the run (--compile), as an install does"
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        return "PYTHONDONTWRITEBYTECODE is set: pulumi_lint's sources may be compiled at every spawn"
    return "bytecode as found (Python writes it on the first run)"


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--spawns", type=int, default=10)
    ap.add_argument("--docs", type=int, default=50)
    ap.add_argument("--doc-lines", type=int, default=1000)
    ap.add_argument("--server-cmd", help="command that starts the server (default: python -m pulumi_lint server)")
    ap.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "pulumi-lint-bench")
    ap.add_argument("--compile", action="store_true", help="compile pulumi_lint to bytecode first, as an install does")
    a = ap.parse_args(argv)
    cmd = a.server_cmd.split() if a.server_cmd else [sys.executable, "-m", "pulumi_lint", "server"]

    from generate import generate_file

    folder = a.workdir / f"memory-{a.docs}x{a.doc_lines}"
    folder.mkdir(parents=True, exist_ok=True)
    docs = []
    for i in range(a.docs):
        path = folder / f"program{i + 1:03d}.ts"
        path.write_text(generate_file(a.doc_lines, seed=1000 + i))
        docs.append(path)

    if a.compile:
        for folder_path in package_dirs():
            compileall.compile_dir(folder_path, quiet=1)
    print(f"machine: {machine_line()}")
    print(f"server: {' '.join(cmd)}")
    print(f"bytecode: {bytecode_note(a.compile)}")
    try:
        times, cpu = startup(cmd, a.spawns, folder)
        idle, loaded = memory(cmd, docs)
    except (ServerExited, TimeoutError, RuntimeError) as exc:
        print(f"LSP run failed: {exc}", file=sys.stderr)
        return 1
    per_doc = (loaded["VmRSS"] - idle["VmRSS"]) / a.docs
    rows = [
        [
            "spawn -> initialize response",
            f"{fmt_ms(median(times))} ms median (min {fmt_ms(min(times))}, max {fmt_ms(max(times))}, n={len(times)})",
        ],
        ["server CPU time by then", f"{fmt_ms(median(cpu))} ms median"],
        ["RSS after initialize", f"{idle['VmRSS'] / 1024:.1f} MiB"],
        [f"RSS with {a.docs} open {a.doc_lines}-line documents", f"{loaded['VmRSS'] / 1024:.1f} MiB"],
        ["peak RSS (VmHWM)", f"{loaded['VmHWM'] / 1024:.1f} MiB"],
        ["per open document", f"{per_doc:.0f} KiB"],
    ]
    print()
    print(table(["measure", "value"], rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
