"""The command line with pulumi-lint.toml: discovery, --config, layering, statistics, stdin."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pytest
from pulumi_lint.cli import main

ANY = "export const x: any = 1;\n"
LONG = "export const averyveryverylongname = 'a string long enough';\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def codes_in(out: str) -> list[str]:
    return [line.split(": ", 1)[1].split()[0] for line in out.splitlines() if line.count(":") >= 3]


def test_nearest_config_applies_per_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "pulumi-lint.toml", "[rules.TS004]\nmax-line-length = 30\n")
    write(tmp_path / "app" / ".pulumi-lint.toml", 'ignore = ["TS003", "TS004"]\n')
    write(tmp_path / "a.ts", ANY + LONG)
    write(tmp_path / "app" / "b.ts", ANY + LONG)
    assert main(["check", "."]) == 1
    out = capsys.readouterr().out
    assert "a.ts:1:17: TS003" in out
    assert "a.ts:2:31: TS004" in out
    assert "b.ts" not in out


def test_explicit_config_and_cli_layering(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = write(tmp_path / "conf" / "strict.toml", 'select = ["TS004"]\n[rules.TS004]\nmax-line-length = 30\n')
    write(tmp_path / "a.ts", ANY + LONG)
    assert main(["check", "--config", str(config), "a.ts"]) == 1
    assert codes_in(capsys.readouterr().out) == ["TS004"]
    # --select replaces the file's selection; the file's options still apply.
    assert main(["check", "--config", str(config), "--select", "TS", "a.ts"]) == 1
    assert codes_in(capsys.readouterr().out) == ["TS003", "TS004"]
    assert main(["check", "--config", str(config), "--ignore", "TS004", "a.ts"]) == 0


def test_missing_config_file_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    write(Path("a.ts"), ANY)
    assert main(["check", "--config", "nope.toml", "a.ts"]) == 2
    assert "nope.toml: no such configuration file" in capsys.readouterr().err


def test_unreadable_config_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "pulumi-lint.toml", "select = [\n")
    write(tmp_path / "a.ts", ANY)
    assert main(["check", "a.ts"]) == 2
    err = capsys.readouterr().err
    assert f"{tmp_path / 'pulumi-lint.toml'}:" in err and "invalid TOML" in err


def test_partly_bad_config_warns_and_proceeds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "pulumi-lint.toml", 'ignore = ["TS003"]\ncolour = "blue"\n')
    write(tmp_path / "a.ts", ANY + LONG)
    write(tmp_path / "b.ts", ANY)
    assert main(["check", "."]) == 0
    captured = capsys.readouterr()
    assert captured.err.count("colour: unknown key") == 1  # once, not once per file
    assert f"{tmp_path / 'pulumi-lint.toml'}:2: colour" in captured.err


def test_per_file_ignores_and_exclude(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(
        tmp_path / "pulumi-lint.toml",
        'exclude = ["generated"]\n[per-file-ignores]\n"tests/**" = ["TS003"]\n',
    )
    write(tmp_path / "tests" / "a.ts", ANY)
    write(tmp_path / "src" / "a.ts", ANY)
    write(tmp_path / "generated" / "a.ts", ANY)
    assert main(["check", "."]) == 1
    out = capsys.readouterr().out
    assert codes_in(out) == ["TS003"]
    assert "src/a.ts" in out
    # A file named on the command line is linted even when excluded.
    assert main(["check", "generated/a.ts"]) == 1


def test_severity_override_shows_in_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "pulumi-lint.toml", '[severity]\nTS003 = "error"\n')
    write(tmp_path / "a.ts", ANY)
    assert main(["check", "--format", "json", "a.ts"]) == 1
    assert '"severity": "error"' in capsys.readouterr().out


def test_statistics(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "a.ts", ANY + ANY.replace("x", "y") + LONG)
    write(tmp_path / "pulumi-lint.toml", "[rules.TS004]\nmax-line-length = 30\n")
    assert main(["check", "--statistics", "a.ts"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split("\t") == ["2", "TS003", "explicit-any"]
    assert lines[1].split("\t") == ["1", "TS004", "line-too-long"]
    assert lines[2].startswith("Found 3 problems")


def test_exit_zero_with_config(tmp_path: Path) -> None:
    write(tmp_path / "a.ts", ANY)
    assert main(["check", "--exit-zero", "a.ts"]) == 0


def test_show_settings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "pulumi-lint.toml", 'select = ["TS"]\n[severity]\nTS003 = "hint"\n')
    write(tmp_path / "a.ts", ANY)
    assert main(["check", "--show-settings", "--ignore", "TS005", "a.ts"]) == 0
    out = capsys.readouterr().out
    assert f"# config file: {tmp_path / 'pulumi-lint.toml'}" in out
    assert 'select = ["TS"]' in out
    assert 'ignore = ["TS005"]' in out
    assert 'TS003 = "hint"' in out


def test_stdin_filename(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "sub" / "pulumi-lint.toml", '[severity]\nTS003 = "error"\n')

    class FakeStdin:
        buffer = io.BytesIO(ANY.encode())

    monkeypatch.setattr(sys, "stdin", FakeStdin)
    assert main(["check", "--format", "json", "--stdin-filename", "sub/virtual.ts"]) == 1
    out = capsys.readouterr().out
    assert '"path": "sub/virtual.ts"' in out and '"severity": "error"' in out
    assert not (tmp_path / "sub" / "virtual.ts").exists()


def test_stdin_fix_prints_the_fixed_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    class FakeStdin:
        buffer = io.BytesIO(ANY.encode())

    monkeypatch.setattr(sys, "stdin", FakeStdin)
    assert main(["check", "--fix", "--unsafe-fixes", "--select", "TS003", "--stdin-filename", "x.ts"]) == 0
    assert capsysbinary.readouterr().out == b"export const x: unknown = 1;\n"
    assert os.listdir(tmp_path) == []
