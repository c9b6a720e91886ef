"""The progress bar of ``check`` on stderr: drawn on a terminal for large trees, silent otherwise."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from pulumi_lint.cli import main
from pulumi_lint.progress import PROGRESS_MIN_FILES, ProgressBar

from .test_cli import LAMBDA, VAR_TO_LET, write


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def tree(root: Path, count: int) -> Path:
    for index in range(count):
        write(root / f"m{index:03}.ts", "var x = 1;\n" if index % 2 else "export const y = 2;\n")
    return root


def run_check(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], stderr: io.StringIO, root: Path
) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stderr", stderr)
    code = main(["check", "--output-format", "concise", str(root)], rules=[VAR_TO_LET])
    return code, capsys.readouterr().out, stderr.getvalue()


def test_bar_on_a_terminal_for_a_large_tree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("TERM", raising=False)
    total = PROGRESS_MIN_FILES + 5
    root = tree(tmp_path, total)
    code, out, err = run_check(monkeypatch, capsys, Terminal(), root)
    assert code == 1
    assert f"\r[{'#' * 24}] {total}/{total} " in err
    assert err.count("\r[") <= total
    # It erases itself: the last thing written is blanks between carriage returns.
    assert err.endswith("\r") and err.rsplit("\r", 2)[1].strip() == ""
    # The results are the same as without a terminal.
    plain_code, plain_out, plain_err = run_check(monkeypatch, capsys, io.StringIO(), root)
    assert (plain_code, plain_out, plain_err) == (code, out, "")
    assert len(out.splitlines()) == total // 2 + 1


def test_no_bar_for_a_small_tree_or_a_dumb_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("TERM", raising=False)
    small = tree(tmp_path / "small", PROGRESS_MIN_FILES - 1)
    assert run_check(monkeypatch, capsys, Terminal(), small)[2] == ""
    large = tree(tmp_path / "large", PROGRESS_MIN_FILES)
    monkeypatch.setenv("TERM", "dumb")
    assert run_check(monkeypatch, capsys, Terminal(), large)[2] == ""


def test_no_bar_for_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    stderr = Terminal()
    monkeypatch.setattr(sys, "stderr", stderr)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(LAMBDA.encode())))
    assert main(["check", "--stdin-filename", "index.ts"]) == 1
    assert "\r" not in stderr.getvalue()


def test_bar_redraws_once_per_percent_and_fits_the_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "50")
    stream = Terminal()
    bar = ProgressBar(stream, 1000, enabled=True)
    for index in range(1000):
        bar.advance(f"src/{'deep/' * 20}file{index}.ts")
    draws = stream.getvalue().split("\r")[1:]
    assert len(draws) == 101  # 0% to 100%
    assert all(len(draw) <= 49 for draw in draws)
    assert draws[-1].startswith("[" + "#" * 24 + "] 1000/1000 ")
    bar.close()
    assert stream.getvalue().endswith("\r" + " " * 49 + "\r")
