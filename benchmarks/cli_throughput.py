#!/usr/bin/env python3
"""Whole-process CLI throughput: ``pulumi-lint check`` against ESLint with typescript-eslint.

Generates a corpus of Pulumi projects (``generate.py corpus``) and one large file, then times,
in the same run and interleaved so that both see the same machine load:

* ``pulumi-lint check <corpus>`` and ESLint's CLI over the same ``.ts`` files;
* both on the one large file (default 5,000 lines).

Each tool is timed cold and warm: pulumi-lint with ``--no-cache`` (every file analysed) and with
its result cache filled by the untimed warm-up run (``--cache-dir`` in the work folder); ESLint
without and with ``--cache`` (``--cache-location`` in the work folder). Warm runs lint files that
have not changed since the run before, as a second run in a terminal or CI with a restored cache.

pulumi-lint runs with ``PYTHONDONTWRITEBYTECODE`` removed from its environment, so that its
modules load from bytecode as they do after ``pip install`` (``--keep-env`` keeps the variable:
then every start compiles the package's sources again).

ESLint runs with typescript-eslint's parser and no type information, and three rules that
overlap with pulumi-lint's (``quotes``, ``@typescript-eslint/no-unused-vars``,
``@typescript-eslint/no-explicit-any``). It is installed with npm into a folder under the
system's temporary directory, reused on later runs (``--workdir`` moves it).

Figures are medians over ``--repeat`` runs after one untimed warm-up run each. CPU time (user +
system) is printed beside wall time: on a shared machine it is the steadier of the two.

Targets: pulumi-lint at least 10x faster than ESLint on the corpus; one 5,000-line file in at most
150 ms of wall time.

    python benchmarks/cli_throughput.py [--files 250] [--lines 5000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from benchlib import machine_line, median, pulumi_lint_command, run_timed, table

COLD = "pulumi-lint (cold)"
WARM = "pulumi-lint (warm cache)"
ESLINT_PACKAGES = ["eslint@10", "typescript-eslint@8", "typescript@5"]

ESLINT_CONFIG = """\
import tseslint from 'typescript-eslint';

export default [
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      quotes: ['error', 'single', { avoidEscape: true }],
      '@typescript-eslint/no-unused-vars': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
];
"""


def install_eslint(workdir: Path) -> Path:
    """ESLint + typescript-eslint in ``workdir/eslint``; returns the config file's path."""
    tool = workdir / "eslint"
    tool.mkdir(parents=True, exist_ok=True)
    stamp = tool / "installed.json"
    if not (stamp.exists() and json.loads(stamp.read_text()) == ESLINT_PACKAGES):
        (tool / "package.json").write_text(json.dumps({"private": True, "type": "module"}) + "\n")
        print(f"installing {' '.join(ESLINT_PACKAGES)} into {tool} ...", file=sys.stderr)
        subprocess.run(
            [
                "npm",
                "install",
                "--no-audit",
                "--no-fund",
                "--loglevel=error",
                "--cache",
                str(workdir / "npm-cache"),
            ]
            + ESLINT_PACKAGES,
            cwd=tool,
            check=True,
        )
        stamp.write_text(json.dumps(ESLINT_PACKAGES))
    config = tool / "eslint.config.mjs"
    config.write_text(ESLINT_CONFIG)
    return config


def eslint_version(workdir: Path) -> str:
    versions = []
    for pkg in ["eslint", "typescript-eslint", "typescript"]:
        meta = json.loads((workdir / "eslint" / "node_modules" / pkg / "package.json").read_text())
        versions.append(f"{pkg} {meta['version']}")
    return ", ".join(versions)


@dataclass
class Series:
    label: str
    cmd: list[str]
    cwd: Path | None = None
    env: dict[str, str] | None = None
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    problems: int | None = None
    error: str | None = None


def count_eslint_problems(stdout: bytes) -> int:
    return sum(len(f["messages"]) for f in json.loads(stdout))


def by_code(counts: dict[str, int]) -> str:
    return ", ".join(f"{code} {n}" for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def eslint_rules(stdout: bytes) -> dict[str, int]:
    counts: dict[str, int] = {}
    for f in json.loads(stdout):
        for m in f["messages"]:
            rule = m.get("ruleId") or "(parse)"
            counts[rule] = counts.get(rule, 0) + 1
    return counts


def pulumi_lint_codes(pl: list[str], path: Path, options: list[str]) -> dict[str, int]:
    """Findings per rule code, from one untimed run with JSON output."""
    r = run_timed(pl + ["check", *options, "--format", "json", str(path)])
    counts: dict[str, int] = {}
    for item in json.loads(r.stdout or b"[]"):
        counts[item["code"]] = counts.get(item["code"], 0) + 1
    return counts


def run_series(series: list[Series], repeat: int) -> None:
    """Warm each command up once, then run them round-robin ``repeat`` times."""
    for s in series:
        r = run_timed(s.cmd, s.cwd, s.env)
        # Exit 1 means "findings" only when something was reported; a crash also exits 1.
        if r.returncode not in (0, 1) or (r.returncode == 1 and not r.stdout.strip()):
            s.error = f"exit {r.returncode}: {r.stderr.decode(errors='replace').strip()[-400:]}"
        elif s.label.startswith("ESLint"):  # --cache replays the problems: same count
            s.problems = count_eslint_problems(r.stdout)
    for _ in range(repeat):
        for s in series:
            if s.error:
                continue
            r = run_timed(s.cmd, s.cwd, s.env)
            s.wall.append(r.wall)
            s.cpu.append(r.cpu)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", type=int, default=250, help="TypeScript files in the corpus")
    ap.add_argument("--lines", type=int, default=5000, help="lines of the single-file case")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--repeat", type=int, default=5, help="timed runs of each corpus command")
    ap.add_argument("--single-repeat", type=int, default=15, help="timed runs of each single-file command")
    ap.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "pulumi-lint-bench")
    ap.add_argument("--pulumi-lint", help="command that starts pulumi-lint (default: the installed one)")
    ap.add_argument(
        "--keep-env",
        action="store_true",
        help="keep PYTHONDONTWRITEBYTECODE for pulumi-lint (its sources are then compiled on every start)",
    )
    ap.add_argument(
        "--no-threads",
        action="store_true",
        help="skip the parallel variants (ESLint --concurrency=auto, pulumi-lint --jobs auto)",
    )
    a = ap.parse_args(argv)

    from generate import generate_corpus, generate_file

    a.workdir.mkdir(parents=True, exist_ok=True)
    config = install_eslint(a.workdir)
    eslint_js = str(a.workdir / "eslint" / "node_modules" / "eslint" / "bin" / "eslint.js")
    corpus = a.workdir / f"corpus-{a.files}-{a.seed}"
    if corpus.exists():
        import shutil

        shutil.rmtree(corpus)
    stats = generate_corpus(corpus, a.files, a.seed)
    one = a.workdir / f"single-{a.lines}-{a.seed}.ts"
    one.write_text(generate_file(a.lines, a.seed))

    pl = pulumi_lint_command(a.pulumi_lint)
    jobs = False
    jsonable = False
    cache = False
    if pl is not None:
        probe = run_timed(pl + ["check", "--help"])
        if probe.returncode != 0:
            print(f"{' '.join(pl)} has no working 'check' command; timing ESLint only", file=sys.stderr)
            pl = None
        jobs = b"--jobs" in probe.stdout
        jsonable = b"json" in probe.stdout
        cache = b"--no-cache" in probe.stdout
    eslint = ["node", eslint_js, "--config", str(config), "--format", "json"]

    import os
    import shutil

    pl_env = None if a.keep_env else {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    pl_cache = a.workdir / "pulumi-lint-cache"
    eslint_cache = a.workdir / "eslint-cache"
    for stale in (pl_cache, eslint_cache):
        if stale.exists():
            shutil.rmtree(stale)
    cold = ["--no-cache"] if cache else []
    warm = ["--cache-dir", str(pl_cache)]
    eslint_warm = ["--cache", "--cache-location", str(eslint_cache) + "/"]

    corpus_series: list[Series] = []
    single_series: list[Series] = []
    if pl is not None:
        corpus_series.append(Series(COLD, pl + ["check", *cold, str(corpus)], env=pl_env))
        if cache:
            corpus_series.append(Series(WARM, pl + ["check", *warm, str(corpus)], env=pl_env))
        if jobs and not a.no_threads:
            corpus_series.append(
                Series(f"{COLD} --jobs auto", pl + ["check", *cold, "--jobs", "auto", str(corpus)], env=pl_env)
            )
        single_series.append(Series(COLD, pl + ["check", *cold, str(one)], env=pl_env))
        if cache:
            single_series.append(Series(WARM, pl + ["check", *warm, str(one)], env=pl_env))
    corpus_series.append(Series("ESLint", eslint + ["."], corpus))
    corpus_series.append(Series("ESLint --cache (warm)", eslint + eslint_warm + ["."], corpus))
    if not a.no_threads:
        corpus_series.append(Series("ESLint --concurrency=auto", eslint + ["--concurrency", "auto", "."], corpus))
    single_series.append(Series("ESLint", eslint + [one.name], one.parent))
    single_series.append(Series("ESLint --cache (warm)", eslint + eslint_warm + [one.name], one.parent))

    print(f"machine: {machine_line()}")
    print(f"ESLint: {eslint_version(a.workdir)}; pulumi-lint: {' '.join(pl) if pl else 'NOT INSTALLED'}")
    print(
        f"cold: pulumi-lint {' '.join(cold) or '(no cache option)'}, ESLint without --cache; "
        "warm: the same files again with the cache the warm-up run filled"
        + ("" if a.keep_env else "; pulumi-lint without PYTHONDONTWRITEBYTECODE (bytecode as installed)")
    )
    print(f"corpus: {corpus} ({stats.projects} projects, {stats.ts_files} .ts files, {stats.ts_lines} lines)")
    run_series(corpus_series, a.repeat)
    run_series(single_series, a.single_repeat)
    print(f"load average after: {machine_line().rsplit('load average ', 1)[1]}")
    print()

    def row(case: str, files: int, lines: int, series: list[Series]) -> list[list[str]]:
        base = next((s for s in series if s.label == COLD and s.wall), None)
        rows = []
        for s in series:
            if s.error:
                rows.append([case, s.label, str(files), str(lines), "error", "error", "", ""])
                continue
            wall, cpu = median(s.wall), median(s.cpu)
            ratio = ""
            if base is not None and s is not base:
                ratio = f"{wall / median(base.wall):.2f}x wall, {cpu / median(base.cpu):.2f}x CPU"
            found = "" if s.problems is None else str(s.problems)
            rows.append([case, s.label, str(files), str(lines), f"{wall:.3f}", f"{cpu:.3f}", ratio, found])
        return rows

    rows = row("corpus", stats.ts_files, stats.ts_lines, corpus_series)
    rows += row("one file", 1, a.lines, single_series)
    print(
        table(
            [
                "case",
                "tool",
                "files",
                "lines",
                "wall s (median)",
                "CPU s (median)",
                "vs pulumi-lint",
                "problems",
            ],
            rows,
        )
    )
    print(f"\nruns: corpus {a.repeat}, one file {a.single_repeat} (median; one warm-up run each)")
    print(f"ESLint problems on the corpus: {by_code(eslint_rules(run_timed(eslint + ['.'], corpus).stdout))}")
    if pl is not None and jsonable:
        print(f"pulumi-lint findings on the corpus: {by_code(pulumi_lint_codes(pl, corpus, warm if cache else []))}")
    for s in corpus_series + single_series:
        if s.error:
            print(f"{s.label}: {s.error}", file=sys.stderr)
    print("targets: pulumi-lint >= 10x faster than ESLint on the corpus; one 5,000-line file <= 150 ms")
    if pl is not None:
        labels = [(COLD, "ESLint", "cold")]
        if cache:
            labels += [(WARM, "ESLint --cache (warm)", "warm"), (WARM, "ESLint", "warm pulumi-lint, cold ESLint")]
        for mine, theirs, which in labels:
            pc = next(s for s in corpus_series if s.label == mine)
            ps = next(s for s in single_series if s.label == mine)
            ec = next(s for s in corpus_series if s.label == theirs)
            if pc.wall and ps.wall and ec.wall:
                ratio = median(ec.wall) / median(pc.wall)
                single_ms = median(ps.wall) * 1000
                print(
                    f"  {which}: corpus ratio {ratio:.1f}x vs {theirs}: {'met' if ratio >= 10 else 'NOT met'}; "
                    f"one file {single_ms:.0f} ms: {'met' if single_ms <= 150 else 'NOT met'}"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
