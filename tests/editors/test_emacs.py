"""Emacs (Debian's 28) with eglot, against the server."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path

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

SCRIPT = Path(__file__).with_name("emacs_quickfix.el")
EGLOT_DIR = Path("/usr/share/emacs/site-lisp/elpa")


def test_emacs_eglot_quick_fix(example_project: ExampleProject, tmp_path: Path) -> None:
    emacs = shutil.which("emacs")
    if emacs is None or not any(EGLOT_DIR.glob("eglot-*")):
        missing("Emacs with eglot", "apt-get install -y emacs-nox elpa-eglot")
    assert emacs is not None
    before = example_project.flawed_file.read_text(encoding="utf-8")
    result_file = tmp_path / "emacs-result.json"
    env = {
        **os.environ,
        "HOME": str(tmp_path / "home"),
        "PL_FILE": str(example_project.flawed_file),
        "PL_ROOT": str(example_project.root),
        "PL_CMD": json.dumps(server_command()),
        "PL_CODE": EXPECTED_CODE,
        "PL_TITLE": FIX_TITLE,
        "PL_FIXED": FIXED_TEXT,
        "PL_FLAWED": FLAWED_TEXT,
        "PL_RESULT": str(result_file),
        "PL_TIMEOUT_S": str(EDITOR_TIMEOUT_S),
    }
    started = time.monotonic()
    proc = subprocess.run(
        [emacs, "--batch", "-Q", "-l", str(SCRIPT)],
        cwd=example_project.root,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=3 * EDITOR_TIMEOUT_S,
        check=False,
    )
    elapsed = time.monotonic() - started
    context = f"{elapsed:.1f} s, exit {proc.returncode}\nstderr: {proc.stderr[-3000:]}"
    assert result_file.exists(), f"Emacs wrote no result\n{context}"
    result = json.loads(result_file.read_text(encoding="utf-8"))
    assert result.get("error") is None, f"{result['error']}\nresult: {result}\n{context}"
    ours = [d for d in result["diagnostics"] if d["code"] == EXPECTED_CODE]
    assert ours and EXPECTED_MESSAGE_FRAGMENT in ours[0]["text"], result
    assert any(FIX_TITLE in title for title in result["offered"]), result
    assert_fixed(example_project.flawed_file, before)
    print(f"Emacs {result['emacs_version']} + eglot: quick fix round trip in {elapsed:.1f} s")
