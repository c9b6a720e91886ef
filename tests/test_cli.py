"""The ``pulumi-lint`` command line, through its installed entry point and in-process."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pulumi_lint.cli import PARALLEL_MIN_FILES, auto_jobs, main
from pulumi_lint.document import Document
from pulumi_lint.findings import Applicability, Finding, Severity
from pulumi_lint.rule import Context, FixAvailability, Rule, RuleMeta
from pulumi_lint.rules import all_rules

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
ENTRY_POINT = Path(sys.executable).with_name("pulumi-lint")

# AWS005/AWS006 would also report these functions (no DLQ, no log group); the fixtures are about
# AWS001 and the command line, so their first line disables those two.
LAMBDA = """import * as aws from '@pulumi/aws'; /* pulumi-lint-disable AWS005, AWS006 */

export const fn = new aws.lambda.Function('api', {
  runtime: 'nodejs22.x',
  handler: 'index.handler',
  role: 'arn:aws:iam::123456789012:role/api',
  environment: { variables: { AWS_REGION: 'us-east-1', STAGE: 'dev' } },
});
"""
CLEAN = """import * as aws from '@pulumi/aws'; /* pulumi-lint-disable AWS005, AWS006 */

export const fn = new aws.lambda.Function('api', {
  runtime: 'nodejs22.x',
  handler: 'index.handler',
  role: 'arn:aws:iam::123456789012:role/api',
  environment: { variables: { REGION: 'us-east-1' } },
});
"""
FINDING_LINE = re.compile(
    r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<code>[A-Z]{2,4}\d{3}) (?P<msg>.+)$"
)


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The installed console script, as a user runs it."""
    assert ENTRY_POINT.exists(), f"{ENTRY_POINT} missing: install the package (pip install -e .)"
    return subprocess.run(
        [str(ENTRY_POINT), *args], cwd=cwd, capture_output=True, text=True, timeout=120, check=False
    )


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def finding_lines(stdout: str) -> list[re.Match[str]]:
    """The ``path:line:col: CODE message`` lines: every finding in ``concise``, each block's first in ``full``."""
    return [m for m in map(FINDING_LINE.match, stdout.splitlines()) if m]


# Rules of our own, so that safe, unsafe and broken fixes can be tested whatever rules exist.


def _regex_rule(
    code: str, pattern: bytes, replacement: str | None, applicability: Applicability = Applicability.SAFE
) -> Rule:
    def check(ctx: Context) -> Iterator[Finding]:
        for match in re.finditer(pattern, ctx.source):
            fixes = []
            if replacement is not None:
                edit = ctx.edit(match.start(), match.end(), replacement)
                fixes.append(ctx.fix(f"Replace with {replacement}", [edit], applicability))
            yield ctx.finding((match.start(), match.end()), f"found {match.group().decode()}", fixes=fixes)

    meta = RuleMeta(
        code=code,
        name=f"test-rule-{code.lower()}",
        severity=Severity.WARNING,
        fix=FixAvailability.NONE if replacement is None else FixAvailability.ALWAYS,
    )
    return Rule(meta=meta, docs=f"## What it does\nTest rule {code}.", check=check, module=f"tests.{code}")


VAR_TO_LET = _regex_rule("TST001", rb"\bvar\b", "let")
DOUBLE_EQ = _regex_rule("TST002", rb"(?<![=!])==(?!=)", "===", Applicability.UNSAFE)
BREAKS_PARSE = _regex_rule("TST003", rb"\bBREAK\b", "(")
TEST_RULES = [VAR_TO_LET, DOUBLE_EQ, BREAKS_PARSE]


def _raises(ctx: Context) -> Iterator[Finding]:
    raise RuntimeError("boom")
    yield  # pragma: no cover - makes this a generator like real rules


BROKEN_RULE = Rule(
    meta=RuleMeta(code="TST009", name="test-rule-broken", severity=Severity.ERROR),
    docs="## What it does\nAlways fails.",
    check=_raises,
    module="tests.TST009",
)


# check: findings, summary, exit codes ---------------------------------------------------------


def test_findings_are_printed_one_per_line_and_exit_1(tmp_path: Path) -> None:
    write(tmp_path / "index.ts", LAMBDA)
    result = run("check", "--output-format", "concise", "index.ts", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    found = finding_lines(result.stdout)
    assert len(found) == len(result.stdout.splitlines()) - 1  # nothing but findings and the summary
    assert [(m["path"], m["line"], m["code"]) for m in found] == [("index.ts", "7", "AWS001")]
    column = LAMBDA.splitlines()[6].index("AWS_REGION") + 1
    assert int(found[0]["col"]) == column
    assert "AWS_REGION" in found[0]["msg"]
    assert result.stdout.splitlines()[-1] == "Found 1 problem (1 fixable with --unsafe-fixes)"


def test_clean_file_exits_0(tmp_path: Path) -> None:
    write(tmp_path / "index.ts", CLEAN)
    result = run("check", "index.ts", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "All checks passed!"


def test_missing_path_exits_2_and_names_it(tmp_path: Path) -> None:
    write(tmp_path / "index.ts", LAMBDA)
    result = run("check", "index.ts", "nope/missing.ts", cwd=tmp_path)
    assert result.returncode == 2
    assert "nope/missing.ts" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("option", ["--select", "--ignore", "--extend-select"])
def test_unknown_code_exits_2(tmp_path: Path, option: str) -> None:
    write(tmp_path / "index.ts", LAMBDA)
    result = run("check", option, "ZZZ999", "index.ts", cwd=tmp_path)
    assert result.returncode == 2
    assert "ZZZ999" in result.stderr and option in result.stderr


def test_usage_error_exits_2(tmp_path: Path) -> None:
    result = run("check", "--no-such-option", cwd=tmp_path)
    assert result.returncode == 2
    assert "usage:" in result.stderr


def test_select_and_ignore_take_codes_and_prefixes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path / "index.ts", "var a = 1;\nif (a == 2) { a = 3; }\n")
    argv = ["check", str(path)]

    assert main([*argv, "--select", "TST001"], rules=TEST_RULES) == 1
    assert {m["code"] for m in finding_lines(capsys.readouterr().out)} == {"TST001"}

    assert main([*argv, "--select", "TST"], rules=TEST_RULES) == 1
    assert {m["code"] for m in finding_lines(capsys.readouterr().out)} == {"TST001", "TST002"}

    assert main([*argv, "--ignore", "TST001,tst002"], rules=TEST_RULES) == 0
    assert capsys.readouterr().out.strip() == "All checks passed!"

    # The more specific selector wins, as in Ruff.
    assert main([*argv, "--select", "TST002", "--ignore", "TST"], rules=TEST_RULES) == 1
    assert {m["code"] for m in finding_lines(capsys.readouterr().out)} == {"TST002"}


def test_summary_counts_safe_and_unsafe_fixes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "a.ts", "var a = 1;\nif (a == 2) { a = 3; }\nif (a == 3) { a = 4; }\n")
    assert main(["check", str(path)], rules=TEST_RULES) == 1
    out = capsys.readouterr().out
    assert out.splitlines()[-1] == "Found 3 problems (1 fixable with --fix, 2 more with --unsafe-fixes)"
    assert main(["check", "--unsafe-fixes", str(path)], rules=TEST_RULES) == 1
    assert capsys.readouterr().out.splitlines()[-1] == "Found 3 problems (3 fixable with --fix)"


def test_exit_zero(tmp_path: Path) -> None:
    write(tmp_path / "index.ts", LAMBDA)
    result = run("check", "--exit-zero", "index.ts", cwd=tmp_path)
    assert result.returncode == 0
    assert len(finding_lines(result.stdout)) == 1


# JSON and other formats ---------------------------------------------------------------------


def test_json_output_shape(tmp_path: Path) -> None:
    # An emoji before the key: columns count characters, not bytes or UTF-16 units.
    source = LAMBDA.replace("variables: {", "variables: { GREETING: '👋🏽 héllo', ")
    write(tmp_path / "index.ts", source)
    result = run("check", "--format", "json", "index.ts", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    data = json.loads(result.stdout)
    assert isinstance(data, list) and len(data) == 1
    item = data[0]
    assert set(item) >= {"code", "name", "severity", "path", "start", "end", "message", "fixes"}
    assert (item["code"], item["name"], item["severity"], item["path"]) == (
        "AWS001",
        "lambda-reserved-env-var",
        "error",
        "index.ts",
    )
    line_text = source.splitlines()[6]
    column = line_text.index("AWS_REGION") + 1
    assert item["start"] == {"line": 7, "column": column}
    assert item["end"] == {"line": 7, "column": column + len("AWS_REGION")}
    assert item["fixes"] == [
        {
            "title": "Rename AWS_REGION to REGION",
            "applicability": "unsafe",
            "edits": [
                {
                    "start": {"line": 7, "column": column},
                    "end": {"line": 7, "column": column + len("AWS_REGION")},
                    "text": "REGION",
                }
            ],
        }
    ]


def test_json_output_when_clean_is_an_empty_list(tmp_path: Path) -> None:
    write(tmp_path / "index.ts", CLEAN)
    result = run("check", "--format", "json", "index.ts", cwd=tmp_path)
    assert result.returncode == 0
    assert json.loads(result.stdout) == []


def test_github_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "a.ts", LAMBDA)
    assert main(["check", "--format", "github", str(path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"::error file={path},line=7,col=")
    assert "::AWS001 `AWS_REGION` is reserved" in lines[0]


# Fixes ----------------------------------------------------------------------------------------


def test_fix_applies_safe_fixes_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "a.ts", "var a = 1;\nvar b = 2;\nif (a == b) { a = 3; }\n")
    assert main(["check", "--fix", str(path)], rules=TEST_RULES) == 1
    assert path.read_text() == "let a = 1;\nlet b = 2;\nif (a == b) { a = 3; }\n"
    out = capsys.readouterr().out
    remaining = finding_lines(out)
    assert [(m["code"], m["line"]) for m in remaining] == [("TST002", "3")]
    assert "Found 3 problems (2 fixed, 1 remaining)" in out
    assert "1 more fixable with --unsafe-fixes" in out


def test_unsafe_fixes_through_the_entry_point(tmp_path: Path) -> None:
    path = write(tmp_path / "index.ts", LAMBDA)
    safe_only = run("check", "--fix", "index.ts", cwd=tmp_path)
    assert safe_only.returncode == 1
    assert path.read_text() == LAMBDA, "AWS001's fix is unsafe: --fix alone must not apply it"

    result = run("check", "--fix", "--unsafe-fixes", "index.ts", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert path.read_text() == LAMBDA.replace("AWS_REGION", "REGION")
    assert "Found 1 problem (1 fixed, 0 remaining)" in result.stdout


def test_fix_through_the_entry_point_leaves_unsafe_fixes_alone(tmp_path: Path) -> None:
    source = LAMBDA.replace("from '@pulumi/aws'", 'from "@pulumi/aws"')
    path = write(tmp_path / "index.ts", source)
    result = run("check", "--fix", "--select", "TS001,AWS001", "index.ts", cwd=tmp_path)
    assert result.returncode == 1
    # TS001's quote fix is safe, AWS001's rename is not.
    assert path.read_text() == LAMBDA
    assert [m["code"] for m in finding_lines(result.stdout)] == ["AWS001"]
    assert "Found 2 problems (1 fixed, 1 remaining)" in result.stdout


def test_fixing_the_example_project_converges_and_keeps_it_parsing(tmp_path: Path) -> None:
    import shutil

    project = tmp_path / "examples"
    shutil.copytree(EXAMPLES, project)
    first = run("check", "--fix", "--unsafe-fixes", ".", cwd=project)
    assert "Traceback" not in first.stderr
    assert "Found" in first.stdout and "fixed" in first.stdout
    for path in sorted(project.rglob("*.ts")):
        assert not Document(path.read_bytes(), str(path)).tree.root_node.has_error, path
    again = run("check", "--diff", "--unsafe-fixes", ".", cwd=project)
    assert again.returncode == 0, again.stdout
    assert again.stdout == ""


def test_fix_never_writes_a_file_that_stops_parsing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    original = "var a = 1;\nconst BREAK = 2;\n"
    path = write(tmp_path / "a.ts", original)
    assert main(["check", "--fix", str(path)], rules=TEST_RULES) == 1
    fixed = path.read_bytes()
    assert fixed == b"let a = 1;\nconst BREAK = 2;\n", "the good fix applies, the breaking one does not"
    assert not Document(fixed, str(path)).tree.root_node.has_error
    assert [m["code"] for m in finding_lines(capsys.readouterr().out)] == ["TST003"]


def test_fix_with_only_a_breaking_fix_leaves_the_file_untouched(tmp_path: Path) -> None:
    path = write(tmp_path / "a.ts", "const BREAK = 2;\n")
    before = path.stat().st_mtime_ns
    assert main(["check", "--fix", "--select", "TST003", str(path)], rules=TEST_RULES) == 1
    assert path.read_text() == "const BREAK = 2;\n"
    assert path.stat().st_mtime_ns == before


def test_diff_prints_changes_and_does_not_write(tmp_path: Path) -> None:
    path = write(tmp_path / "index.ts", LAMBDA)
    result = run("check", "--diff", "--unsafe-fixes", "index.ts", cwd=tmp_path)
    assert result.returncode == 1
    assert path.read_text() == LAMBDA
    assert result.stdout.startswith("--- a/index.ts\n+++ b/index.ts\n@@ ")
    assert "\n-  environment: { variables: { AWS_REGION: 'us-east-1'" in result.stdout
    assert "\n+  environment: { variables: { REGION: 'us-east-1'" in result.stdout
    assert "Would fix 1 problem." in result.stderr

    # Without --unsafe-fixes there is nothing safe to apply: no diff, exit 0.
    nothing = run("check", "--diff", "index.ts", cwd=tmp_path)
    assert nothing.returncode == 0
    assert nothing.stdout == ""


def test_diff_applies_cleanly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # CRLF line breaks and a changed last line without a final newline: the diff must still
    # describe the fix exactly, so that patch tools reproduce what --fix writes.
    monkeypatch.chdir(tmp_path)
    original = b"var a = 1;\r\nexport { a };\r\nvar b = 2;"
    path = write(tmp_path / "a.ts", original)
    assert main(["check", "--diff", "a.ts"], rules=TEST_RULES) == 1
    diff = capsys.readouterr().out
    assert path.read_bytes() == original
    assert diff.count("\\ No newline at end of file") == 2
    write(tmp_path / "fix.patch", diff.encode())
    subprocess.run(["git", "apply", "fix.patch"], cwd=tmp_path, check=True, capture_output=True)
    patched = path.read_bytes()
    path.write_bytes(original)
    assert main(["check", "--fix", "a.ts"], rules=TEST_RULES) == 0
    assert patched == path.read_bytes() == b"let a = 1;\r\nexport { a };\r\nlet b = 2;"
    capsys.readouterr()


# Files and directories ------------------------------------------------------------------------


def test_directories_are_walked_and_build_output_skipped(tmp_path: Path) -> None:
    linted = ["src/a.ts", "src/nested/b.tsx", "src/c.mts", "src/d.cts", "index.ts"]
    skipped = [
        "node_modules/pkg/index.ts",
        "dist/index.ts",
        "build/index.ts",
        ".git/hooks/x.ts",
        "src/types.d.ts",
        "src/notes.md",
        "src/nested/node_modules/y.ts",
    ]
    for name in linted + skipped:
        write(tmp_path / name, LAMBDA)
    result = run("check", "--format", "json", ".", cwd=tmp_path)
    assert result.returncode == 1
    paths = sorted(item["path"] for item in json.loads(result.stdout))
    assert paths == sorted(linted)

    # A file inside a skipped directory is linted when named explicitly.
    explicit = run("check", "dist/index.ts", cwd=tmp_path)
    assert [m["path"] for m in finding_lines(explicit.stdout)] == ["dist/index.ts"]


def test_default_path_is_the_current_directory(tmp_path: Path) -> None:
    write(tmp_path / "pkg" / "index.ts", LAMBDA)
    result = run("check", cwd=tmp_path)
    assert result.returncode == 1
    assert [m["path"] for m in finding_lines(result.stdout)] == ["pkg/index.ts"]


def test_same_file_twice_is_linted_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "a.ts", LAMBDA)
    assert main(["check", str(path), str(tmp_path), f"{tmp_path}/./a.ts"]) == 1
    assert len(finding_lines(capsys.readouterr().out)) == 1


def test_binary_and_invalid_utf8_files_are_skipped_with_a_warning(tmp_path: Path) -> None:
    write(tmp_path / "good.ts", CLEAN)
    write(tmp_path / "image.ts", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    write(tmp_path / "latin1.ts", "const name = 'café';\n".encode("latin-1"))
    result = run("check", ".", cwd=tmp_path)
    assert result.returncode == 0, "warnings alone do not fail the run"
    assert "image.ts" in result.stderr and "binary" in result.stderr
    assert "latin1.ts" in result.stderr and "UTF-8" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout.strip() == "All checks passed!"


def test_binary_file_next_to_a_finding_keeps_exit_1(tmp_path: Path) -> None:
    write(tmp_path / "index.ts", LAMBDA)
    write(tmp_path / "blob.ts", bytes(range(256)))
    result = run("check", ".", cwd=tmp_path)
    assert result.returncode == 1
    assert "blob.ts" in result.stderr
    assert [m["path"] for m in finding_lines(result.stdout)] == ["index.ts"]


def test_unreadable_file_is_reported_and_skipped(tmp_path: Path) -> None:
    write(tmp_path / "index.ts", CLEAN)
    os.symlink(tmp_path / "missing-target.ts", tmp_path / "dangling.ts")
    result = run("check", ".", cwd=tmp_path)
    assert result.returncode == 0
    assert "dangling.ts" in result.stderr and "cannot read" in result.stderr


def test_non_typescript_file_named_explicitly_is_skipped(tmp_path: Path) -> None:
    write(tmp_path / "Pulumi.yaml", "name: x\nruntime: nodejs\n")
    result = run("check", "Pulumi.yaml", cwd=tmp_path)
    assert result.returncode == 0
    assert "Pulumi.yaml" in result.stderr and "not a TypeScript file" in result.stderr


def test_huge_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    body = LAMBDA.split("\n", 2)[2]
    count = 2500
    source = (
        LAMBDA.split("\n", 2)[0] + "\n\n" + "".join(body.replace("fn =", f"fn{i} =") for i in range(count))
    )
    path = write(tmp_path / "huge.ts", source)
    assert path.stat().st_size > 500_000
    assert main(["check", "--select", "AWS001", "--format", "json", str(path)]) == 1
    data = json.loads(capsys.readouterr().out)
    assert len(data) == count
    assert data[-1]["start"]["line"] == source.count("\n") - 1


def test_syntax_error_is_a_warning_and_the_rest_is_linted(tmp_path: Path) -> None:
    write(tmp_path / "index.ts", LAMBDA + "\nconst broken = {;\n")
    result = run("check", "index.ts", cwd=tmp_path)
    assert result.returncode == 1
    assert "index.ts:10:" in result.stderr and "syntax error" in result.stderr
    assert [m["code"] for m in finding_lines(result.stdout)] == ["AWS001"]


def test_failing_rule_is_reported_and_others_still_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path / "a.ts", "var a = 1;\n")
    assert main(["check", str(path)], rules=[BROKEN_RULE, VAR_TO_LET]) == 1
    captured = capsys.readouterr()
    assert [m["code"] for m in finding_lines(captured.out)] == ["TST001"]
    assert "TST009" in captured.err and "RuntimeError: boom" in captured.err
    assert "Traceback" not in captured.err


def test_worker_processes_give_the_same_output(tmp_path: Path) -> None:
    for i in range(12):
        write(tmp_path / f"pkg{i % 3}" / f"f{i:02}.ts", LAMBDA if i % 2 else CLEAN)
    one = run("check", "-j", "1", ".", cwd=tmp_path)
    two = run("check", "-j", "2", ".", cwd=tmp_path)
    assert one.returncode == two.returncode == 1
    assert one.stdout == two.stdout
    assert len(finding_lines(one.stdout)) == 6


def test_jobs_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "a.ts", LAMBDA)
    assert main(["check", "-j", "auto", str(path)]) == 1
    assert len(finding_lines(capsys.readouterr().out)) == 1
    for bad in ("0", "-2", "many"):
        assert main(["check", "-j", bad, str(path)]) == 2
        assert "--jobs" in capsys.readouterr().err
    assert auto_jobs(PARALLEL_MIN_FILES - 1) == 1


# rules, rule, server, python -m ---------------------------------------------------------------


def test_rules_lists_every_rule(tmp_path: Path) -> None:
    result = run("rules", cwd=tmp_path)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["CODE", "NAME", "SEVERITY", "FIX"]
    rows = {line.split()[0]: line.split() for line in lines[1:]}
    assert set(rows) == {rule.code for rule in all_rules()}
    for rule in all_rules():
        row = rows[rule.code]
        assert row[1] == rule.name
        assert rule.meta.severity.value in row and rule.meta.fix.value == row[-1]


def test_rules_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [item["code"] for item in data] == sorted(rule.code for rule in all_rules())
    assert {"code", "name", "severity", "fix"} <= set(data[0])


def test_rule_prints_its_documentation(tmp_path: Path) -> None:
    result = run("rule", "aws001", cwd=tmp_path)
    assert result.returncode == 0
    rule = next(r for r in all_rules() if r.code == "AWS001")
    assert result.stdout.startswith("# lambda-reserved-env-var (AWS001)\n")
    assert "| Default severity | error |" in result.stdout and "| Fix | sometimes |" in result.stdout
    assert rule.docs in result.stdout
    assert "## What it does" in result.stdout and "## Fix safety" in result.stdout


def test_every_rule_has_a_documentation_page(capsys: pytest.CaptureFixture[str]) -> None:
    for rule in all_rules():
        assert main(["rule", rule.code.lower()]) == 0
        out = capsys.readouterr().out
        assert out.startswith(f"# {rule.name} ({rule.code})\n")
        assert rule.docs and rule.docs in out


def test_rule_with_unknown_code_exits_2(tmp_path: Path) -> None:
    result = run("rule", "XYZ123", cwd=tmp_path)
    assert result.returncode == 2
    assert "XYZ123" in result.stderr and "unknown rule code" in result.stderr
    assert result.stdout == ""


def test_server_reports_a_missing_language_server_clearly(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # None in sys.modules makes the import fail as if pygls or the server module were absent.
    monkeypatch.setitem(sys.modules, "pulumi_lint.lsp.server", None)
    assert main(["server"]) == 2
    err = capsys.readouterr().err
    assert "language server cannot start" in err


def test_server_rejects_a_bad_tcp_address(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["server", "--tcp", "localhost"]) == 2
    assert "HOST:PORT" in capsys.readouterr().err


def test_python_dash_m_is_the_same_command(tmp_path: Path) -> None:
    write(tmp_path / "index.ts", LAMBDA)
    module = subprocess.run(
        [sys.executable, "-m", "pulumi_lint", "check", "index.ts"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    script = run("check", "index.ts", cwd=tmp_path)
    assert module.returncode == script.returncode == 1
    assert module.stdout == script.stdout


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    from pulumi_lint import __version__

    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"pulumi-lint {__version__}"


def test_checking_a_file_does_not_import_the_language_server_libraries(tmp_path: Path) -> None:
    write(tmp_path / "index.ts", LAMBDA)
    code = (
        "import sys, pulumi_lint.cli\n"
        "rc = pulumi_lint.cli.main(['check', 'index.ts'])\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('pygls', 'lsprotocol'))\n"
        "print('RC', rc, 'LOADED', loaded)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "RC 1 LOADED []" in result.stdout, result.stdout


# The bundled example project ------------------------------------------------------------------


def example_sources() -> list[Path]:
    return sorted(p for p in EXAMPLES.rglob("*") if p.suffix in (".ts", ".tsx", ".mts", ".cts"))


def test_examples_parse_without_errors() -> None:
    sources = example_sources()
    assert {"index.ts", "etl.ts"} <= {p.name for p in sources}
    for path in sources:
        document = Document(path.read_bytes(), str(path))
        assert not document.tree.root_node.has_error, f"{path} has a syntax error"


def test_example_project_files() -> None:
    import yaml

    project = yaml.safe_load((EXAMPLES / "Pulumi.yaml").read_text())
    assert project["runtime"]["name"] == "nodejs"
    assert (EXAMPLES / project["main"]).is_file()
    package = json.loads((EXAMPLES / "package.json").read_text())
    assert package["dependencies"]["@pulumi/aws"].startswith("^7")
    assert "@pulumi/pulumi" in package["dependencies"]
    json.loads((EXAMPLES / "tsconfig.json").read_text())


def test_examples_index_has_the_aws_region_lambda_and_its_quick_fix() -> None:
    result = run("check", "--format", "json", "examples/index.ts", cwd=ROOT)
    assert result.returncode == 1
    aws001 = [item for item in json.loads(result.stdout) if item["code"] == "AWS001"]
    assert len(aws001) == 1
    assert [fix["title"] for fix in aws001[0]["fixes"]] == ["Rename AWS_REGION to REGION"]
    line = (EXAMPLES / "index.ts").read_text().splitlines()[aws001[0]["start"]["line"] - 1]
    assert line.strip().startswith("AWS_REGION:")


def test_checking_the_example_project(tmp_path: Path) -> None:
    result = run("check", "examples", cwd=ROOT)
    assert result.returncode == 1
    found = finding_lines(result.stdout)
    assert found, result.stdout
    assert {m["path"] for m in found} <= {
        "examples/index.ts",
        "examples/components/etl.ts",
        "examples/test/index.test.ts",
        # The project's own files, checked once for the project.
        "examples/Pulumi.yaml",
        "examples/Pulumi.dev.yaml",
        "examples/package.json",
    }
    assert re.match(r"Found \d+ problems?", result.stdout.splitlines()[-1])


# Projects -------------------------------------------------------------------------------------

PROJECT_FILES = {
    "Pulumi.yaml": "name: tap\nruntime: nodejs\nmain: bin/tap.ts\n",
    "Pulumi.dev.yaml": "config:\n  other:bucketName: data-dev\n",
    "package.json": '{\n  "name": "tap",\n  "jest": {\n    "preset": "ts-jest"\n  }\n}\n',
    "index.ts": (
        "import * as aws from '@pulumi/aws';\nimport * as pulumi from '@pulumi/pulumi';\n\n"
        "const config = new pulumi.Config();\n"
        "export const bucket = new aws.s3.Bucket('data', { bucket: config.get('bucketName') }).bucket;\n"
    ),
    "lib/util.ts": "export const suffix = 'dev';\n",
}


def write_project(root: Path, files: dict[str, str] = PROJECT_FILES) -> None:
    for name, text in files.items():
        write(root / name, text)


def test_a_directory_reports_project_files_once_per_project(tmp_path: Path) -> None:
    write_project(tmp_path)
    result = run("check", ".", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    found = sorted((m["path"], m["line"], m["code"]) for m in finding_lines(result.stdout))
    assert found == [
        ("Pulumi.dev.yaml", "2", "PUL009"),  # the stack key under another namespace
        ("Pulumi.yaml", "3", "PRJ001"),  # main names a missing file
        ("index.ts", "5", "PUL009"),  # the read, through the project (a project rule)
        ("package.json", "3", "PRJ003"),
    ]
    # Naming a single file checks that file only, still with its project.
    single = run("check", "index.ts", cwd=tmp_path)
    assert [(m["path"], m["code"]) for m in finding_lines(single.stdout)] == [("index.ts", "PUL009")]


def test_project_files_are_fixed_and_json_lists_them(tmp_path: Path) -> None:
    write_project(tmp_path)
    safe = run("check", "--fix", ".", cwd=tmp_path)
    assert "coverageThreshold" in (tmp_path / "package.json").read_text()
    assert (tmp_path / "Pulumi.yaml").read_text() == PROJECT_FILES["Pulumi.yaml"], safe.stdout
    unsafe = run("check", "--fix", "--unsafe-fixes", ".", cwd=tmp_path)
    assert (tmp_path / "Pulumi.yaml").read_text() == "name: tap\nruntime: nodejs\nmain: index.ts\n", unsafe.stdout
    assert "new pulumi.Config('other')" in (tmp_path / "index.ts").read_text()
    after = run("check", "--format", "json", ".", cwd=tmp_path)
    assert after.returncode == 0, after.stdout
    assert json.loads(after.stdout) == []


def test_malformed_project_files_are_warnings(tmp_path: Path) -> None:
    write_project(tmp_path, {**PROJECT_FILES, "Pulumi.dev.yaml": "config:\n  tap:a: [1, 2\n"})
    result = run("check", ".", cwd=tmp_path)
    assert "Pulumi.dev.yaml:" in result.stderr and "Malformed YAML" in result.stderr
    assert ("Pulumi.yaml", "PRJ001") in [(m["path"], m["code"]) for m in finding_lines(result.stdout)]


def test_worker_processes_report_project_files_too(tmp_path: Path) -> None:
    write_project(tmp_path)
    for i in range(PARALLEL_MIN_FILES):
        write(tmp_path / "lib" / f"f{i:02}.ts", CLEAN)
    one = run("check", "-j", "1", ".", cwd=tmp_path)
    two = run("check", "-j", "2", ".", cwd=tmp_path)
    assert one.stdout == two.stdout
    assert {m["code"] for m in finding_lines(one.stdout)} >= {"PRJ001", "PRJ003", "PUL009"}
