"""Fixtures of the real-editor tests; the shared code is in support.py."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .support import ExampleProject, copy_example, missing


@pytest.fixture(scope="session")
def server_available() -> None:
    # find_spec, not import: importing a __main__ module runs the program.
    check = "import importlib.util as u, sys; sys.exit(u.find_spec('pulumi_lint.__main__') is None)"
    probe = subprocess.run([sys.executable, "-c", check], capture_output=True, timeout=60, check=False)
    if probe.returncode != 0:
        missing("the pulumi-lint server (python -m pulumi_lint)", "pip install -e .")


@pytest.fixture
def example_project(tmp_path: Path, server_available: None) -> ExampleProject:
    return copy_example(tmp_path)
