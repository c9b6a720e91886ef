#!/usr/bin/env python3
"""Soak test of the language server over stdio: many open documents, a flood of edits.

A client opens ``--docs`` generated programs, then sends ``--edits`` one-character incremental
changes (insertions and deletions, some of them emoji, at random places in random documents)
as fast as the pipe takes them. Every ``--probe-every`` edits it sends a textDocument/hover (or,
with ``--probe codeAction``, a textDocument/codeAction) request and times the answer: the server
must stay responsive however far behind the analysis is.
The server's RSS is sampled from /proc/<pid>/status. At the end, once the server has gone quiet
(a pause in typing is when it settles the trees kept from edits that left syntax errors), every
document's last publication must carry its last version and equal the diagnostics of a fresh open
of the same text.

Bounded: ``--max-seconds`` stops the edit loop early; loopback stdio only. ``--big-lines`` makes
the first document large and sends it ``--big-share`` of the edits (probes go to the others):
typing in a large file must not hold up requests about other files. ``--rate`` paces the edits.

    python benchmarks/soak.py [--docs 100] [--edits 10000] [--lines 200] [--seed 1]
    python benchmarks/soak.py --docs 20 --edits 300 --big-lines 50000 --rate 10
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate_file  # noqa: E402
from lspclient import LspClient, Message, rss_kib, utf16_position  # noqa: E402

INSERTS = ["x", "a", " ", "é", "🚀", "_", "1", "'", "(", ")"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100)
    parser.add_argument("--edits", type=int, default=10_000)
    parser.add_argument("--lines", type=int, default=200)
    parser.add_argument("--probe-every", type=int, default=50)
    parser.add_argument(
        "--big-lines",
        type=int,
        default=0,
        help="make the first document this many lines long; it gets --big-share of the edits and no probe",
    )
    parser.add_argument("--big-share", type=float, default=0.5)
    parser.add_argument("--rate", type=float, default=0.0, help="edits per second at most (0: as fast as possible)")
    parser.add_argument(
        "--probe", choices=("hover", "codeAction"), default="hover", help="the request timed during the flood"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--max-seconds", type=float, default=600.0)
    parser.add_argument("--server-cmd", help="command that starts the server (default: python -m pulumi_lint server)")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)

    cmd = args.server_cmd.split() if args.server_cmd else [sys.executable, "-m", "pulumi_lint", "server"]
    client = LspClient(cmd)
    published: dict[str, tuple[int | None, list[Any]]] = {}

    def note(msg: Message) -> None:
        if msg.get("method") == "textDocument/publishDiagnostics":
            params = msg["params"]
            published[params["uri"]] = (params.get("version"), params["diagnostics"])

    def waiting_for(match: Any) -> Any:
        def check(msg: Message) -> bool:
            note(msg)
            return bool(match(msg))

        return check

    def drain(until: Any, timeout: float) -> bool:
        return client.wait_for(waiting_for(lambda m: until()), timeout) is not None or until()

    client.initialize()
    texts: dict[str, str] = {}
    versions: dict[str, int] = {}
    started = time.perf_counter()
    for n in range(args.docs):
        uri = f"file:///tmp/pulumi-lint-soak/doc{n}.ts"
        lines = args.big_lines if n == 0 and args.big_lines else args.lines
        texts[uri] = generate_file(lines, seed=args.seed * 1000 + n)
        versions[uri] = 1
        client.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "typescript", "version": 1, "text": texts[uri]}},
        )
    drain(lambda: all(published.get(u, (None,))[0] == 1 for u in texts), 300)
    opened = time.perf_counter() - started
    print(f"opened {args.docs} documents of {args.lines} lines in {opened:.2f} s")

    uris = list(texts)
    big = uris[0] if args.big_lines else None
    small = [u for u in uris if u != big]
    rss: list[int] = []
    probes: list[float] = []
    sent = 0
    edit_started = time.perf_counter()
    while sent < args.edits and time.perf_counter() - edit_started < args.max_seconds:
        if args.rate > 0:
            time.sleep(max(0.0, edit_started + sent / args.rate - time.perf_counter()))
        uri = big if big is not None and rng.random() < args.big_share else rng.choice(small)
        text = texts[uri]
        offset = rng.randrange(len(text) + 1)
        if rng.random() < 0.5 and offset < len(text) and text[offset] != "\n":
            new, end = "", offset + 1
        else:
            new, end = rng.choice(INSERTS), offset
        change = {
            "range": {"start": utf16_position(text, offset), "end": utf16_position(text, end)},
            "text": new,
        }
        texts[uri] = text[:offset] + new + text[end:]
        versions[uri] += 1
        client.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": versions[uri]}, "contentChanges": [change]},
        )
        sent += 1
        if sent % args.probe_every == 0:
            target = rng.choice(small)
            position = utf16_position(texts[target], rng.randrange(len(texts[target]) + 1))
            if args.probe == "hover":
                rid, at = client.request(
                    "textDocument/hover", {"textDocument": {"uri": target}, "position": position}
                )
            else:
                rid, at = client.request(
                    "textDocument/codeAction",
                    {
                        "textDocument": {"uri": target},
                        "range": {"start": position, "end": position},
                        "context": {"diagnostics": []},
                    },
                )
            answer = waiting_for(lambda m, rid=rid: m.get("id") == rid and "method" not in m)
            got = client.wait_for(answer, 30)
            if got is None:
                print(f"no answer to {args.probe} {rid} within 30 s", file=sys.stderr)
                return 1
            probes.append((got[0] - at) * 1000)
        if sent % 500 == 0:
            rss.append(rss_kib(client.pid)["VmRSS"])
    edit_seconds = time.perf_counter() - edit_started
    settled = drain(lambda: all(published.get(u, (None,))[0] == versions[u] for u in uris), 120)
    settle_seconds = time.perf_counter() - edit_started - edit_seconds
    # Once typing pauses the server makes the trees kept from edits that left syntax errors those
    # of a fresh parse, and publishes again what that changes: wait until it has gone quiet.
    quiet_until = time.perf_counter() + 60
    while client.wait_for(waiting_for(lambda m: m.get("method") == "textDocument/publishDiagnostics"), 1.0):
        if time.perf_counter() > quiet_until:
            break
    peak = rss_kib(client.pid)

    mismatched = 0
    stale = [u for u in uris if published.get(u, (None,))[0] != versions[u]]
    for n, uri in enumerate(uris):
        fresh = f"file:///tmp/pulumi-lint-soak/fresh{n}.ts"
        client.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": fresh, "languageId": "typescript", "version": 1, "text": texts[uri]}},
        )
        drain(lambda fresh=fresh: published.get(fresh, (None,))[0] == 1, 60)
        if published.get(fresh, (None, None))[1] != published.get(uri, (None, None))[1]:
            mismatched += 1
    client.shutdown()

    rate = sent / edit_seconds
    print(f"edits sent: {sent} in {edit_seconds:.2f} s ({rate:.0f}/s); settled in {settle_seconds:.2f} s")
    if probes:
        ordered = sorted(probes)
        p95 = ordered[int(0.95 * (len(ordered) - 1))]
        print(
            f"{args.probe} while editing ({len(probes)} probes): median {statistics.median(probes):.1f} ms, "
            f"p95 {p95:.1f} ms, max {max(probes):.1f} ms, over 100 ms: {sum(p > 100 for p in probes)}"
        )
    if rss:
        print(f"RSS every 500 edits (MiB): {' '.join(f'{r / 1024:.0f}' for r in rss)}")
    print(f"RSS at the end {peak['VmRSS'] / 1024:.0f} MiB, peak {peak['VmHWM'] / 1024:.0f} MiB")
    print(f"last version published for every document: {settled and not stale} ({len(stale)} stale)")
    print(f"documents whose diagnostics differ from a fresh open: {mismatched} of {len(uris)}")
    print(f"server exit code: {client.proc.returncode}")
    return 0 if settled and not stale and mismatched == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
