"""The README's terminal examples (```console blocks) print what the command prints today."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
ENTRY_POINT = Path(sys.executable).with_name("pulumi-lint")
_BLOCK = re.compile(r"^```console\n(.*?)^```$", re.DOTALL | re.MULTILINE)


def console_examples() -> list[tuple[str, str]]:
    """(command, expected output) for each ``$ pulumi-lint ...`` block of the README."""
    examples = []
    for block in _BLOCK.findall(README.read_text(encoding="utf-8")):
        first, _, output = block.partition("\n")
        assert first.startswith("$ "), f"a console block starts with its command: {first!r}"
        examples.append((first[2:], output))
    return examples


def test_readme_has_console_examples() -> None:
    assert len(console_examples()) >= 2


@pytest.mark.parametrize(("command", "expected"), console_examples())
def test_readme_console_example_holds(command: str, expected: str) -> None:
    argv = shlex.split(command)
    assert argv[0] == "pulumi-lint"
    result = subprocess.run(
        [str(ENTRY_POINT), *argv[1:]], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.stdout == expected, f"README example `{command}` is out of date:\n{result.stdout}"
