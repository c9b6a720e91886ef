"""Shared fixtures of the real-editor tests.

Each test opens a copy of the flawed example program in a real editor, waits for the server's
diagnostic, applies its quick fix through the editor's own code-action flow, writes the file, and
reads the result from disk.

A missing editor or browser skips the test with the command that installs it; with CI=true it is a
failure instead, so CI cannot go green without having run them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
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


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def missing(what: str, how: str) -> None:
    """Skips locally, fails in CI: a prerequisite of a real-editor test is absent."""
    message = f"{what} is not installed; install it with: {how}"
    if in_ci():
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def server_command() -> list[str]:
    """The command every editor is configured with; the server runs from this test's interpreter."""
    return [sys.executable, "-m", "pulumi_lint", "server"]


@pytest.fixture(scope="session")
def server_available() -> None:
    # find_spec, not import: importing a __main__ module may run the program.
    check = "import importlib.util as u, sys; sys.exit(u.find_spec('pulumi_lint.__main__') is None)"
    probe = subprocess.run(
        [sys.executable, "-c", check],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if probe.returncode != 0:
        missing("the pulumi-lint server (python -m pulumi_lint)", "pip install -e .")


@dataclass(frozen=True)
class ExampleProject:
    root: Path
    flawed_file: Path


@pytest.fixture
def example_project(tmp_path: Path, server_available: None) -> Iterator[ExampleProject]:
    """A private copy of examples/, so the fix never touches the repository."""
    root = tmp_path / "project"
    shutil.copytree(EXAMPLES, root, ignore=shutil.ignore_patterns("node_modules"))
    flawed = root / "index.ts"
    text = flawed.read_text(encoding="utf-8")
    assert FLAWED_TEXT in text, f"{flawed} no longer contains {FLAWED_TEXT!r}; update tests/editors"
    yield ExampleProject(root=root, flawed_file=flawed)


def assert_fixed(path: Path, before: str) -> None:
    after = path.read_text(encoding="utf-8")
    assert after != before, "the file on disk was not changed"
    assert FLAWED_TEXT not in after, f"{FLAWED_TEXT!r} is still in the file:\n{after}"
    assert FIXED_TEXT in after
    # The fix renames one key and touches nothing else.
    assert after == before.replace(FLAWED_TEXT, FIXED_TEXT, 1)
