"""Shared pieces of the benchmark scripts: statistics, timed processes, machine facts."""

from __future__ import annotations

import datetime
import importlib.util
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO_DIR = BENCH_DIR.parent


def median(xs: Sequence[float]) -> float:
    return statistics.median(xs)


def percentile(xs: Sequence[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100): a value that was actually observed."""
    s = sorted(xs)
    k = max(0, min(len(s) - 1, int(round(p / 100 * len(s) + 0.5)) - 1))
    return s[k]


def fmt_ms(seconds: float) -> str:
    ms = seconds * 1000
    return f"{ms:.2f}" if ms < 10 else f"{ms:.1f}" if ms < 100 else f"{ms:.0f}"


@dataclass
class Timed:
    wall: float
    cpu: float  # user + system time of the child and the children it waited for
    returncode: int
    stdout: bytes
    stderr: bytes


def run_timed(cmd: Sequence[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> Timed:
    """Run ``cmd`` to completion; wall time from spawn to exit, and its CPU time.

    CPU time matters on a shared machine: wall time there includes waiting for other work.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(list(cmd), cwd=cwd, env=env, capture_output=True, check=False)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Timed(wall, cpu, proc.returncode, proc.stdout, proc.stderr)


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine_line() -> str:
    load = os.getloadavg()
    return (
        f"{datetime.date.today().isoformat()}, {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} cores ({cpu_model()}), Python {platform.python_version()}, "
        f"load average {load[0]:.2f}"
    )


def pulumi_lint_command(explicit: str | None = None) -> list[str] | None:
    """How to start pulumi-lint: an explicit command, the console script beside this Python, or
    ``python -m pulumi_lint``. None when the package is not installed."""
    if explicit:
        import shlex

        return shlex.split(explicit)
    beside = Path(sys.executable).parent / "pulumi-lint"
    if beside.exists():
        return [str(beside)]
    if importlib.util.find_spec("pulumi_lint") is not None:
        return [sys.executable, "-m", "pulumi_lint"]
    found = shutil.which("pulumi-lint")
    return [found] if found else None


def has_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


def generate_file(path: Path, lines: int, seed: int = 0) -> Path:
    from generate import generate_file as gen

    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(gen(lines, seed))
    return path


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A Markdown table, so that output pastes into benchmarks/README.md as is."""
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]
    lines = ["| " + " | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)) + " |"]
    lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in rows:
        lines.append("| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |")
    return "\n".join(lines)
