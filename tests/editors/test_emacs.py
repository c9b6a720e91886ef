"""Emacs (Debian's 28) with eglot, against the server."""

from __future__ import annotations

from pathlib import Path

from .support import ExampleProject, assert_fixed, assert_round_trip, emacs, run_emacs


def test_emacs_eglot_quick_fix(example_project: ExampleProject, tmp_path: Path) -> None:
    binary = emacs()
    before = example_project.read()
    run = run_emacs(binary, example_project, tmp_path)
    assert_round_trip(run.result, "text")
    assert_fixed(example_project, before)
    print(f"{run.label}: quick fix round trip in {run.seconds:.1f} s")
