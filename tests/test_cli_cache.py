"""The result cache of ``pulumi-lint check``: same output from the cache, and no stale result."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from pulumi_lint import cache as cache_module
from pulumi_lint import cli
from pulumi_lint.cache import CACHE_DIR_ENV, CACHE_DIR_NAME, Digests, ResultCache, config_digest
from pulumi_lint.config import LintConfig
from pulumi_lint.findings import Severity
from pulumi_lint.output import OUTPUT_FORMATS
from pulumi_lint.project import ProjectCache

ROOT = Path(__file__).resolve().parent.parent
PROJECT = ROOT / "tests" / "rules" / "PUL009" / "bad_namespace"

# AWS001 (a safe-or-unsafe rename), in a second program file of the project.
LAMBDA = """import * as aws from '@pulumi/aws'; /* pulumi-lint-disable AWS005, AWS006 */

export const fn = new aws.lambda.Function('api', {
  runtime: 'nodejs22.x',
  handler: 'index.handler',
  role: 'arn:aws:iam::123456789012:role/api',
  environment: { variables: { AWS_REGION: 'us-east-1', STAGE: 'dev' } },
});
"""


@dataclass
class Run:
    code: int
    out: str
    err: str
    analysed: list[str] = field(default_factory=list)
    project_checks: int = 0


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "app"
    shutil.copytree(PROJECT, root, ignore=shutil.ignore_patterns("fixed"))
    (root / "lib").mkdir()
    (root / "lib" / "fn.ts").write_text(LAMBDA)
    return root


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv(CACHE_DIR_ENV, str(directory))
    return directory


Lint = Callable[..., Run]


@pytest.fixture
def lint(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Iterator[Lint]:
    """Run the CLI in process, as a fresh process would (no projects remembered), and record which
    files were analysed rather than taken from the cache."""
    original_check = cli.check_file
    original_project = cli.check_project_files

    def run(*argv: str) -> Run:
        record = Run(0, "", "")

        def check_file(path: str, *args: object, **kwargs: object) -> cli.FileResult:
            record.analysed.append(os.path.basename(path))
            return original_check(path, *args, **kwargs)  # type: ignore[arg-type]

        def check_project_files(*args: object, **kwargs: object) -> list[cli.FileResult]:
            record.project_checks += 1
            return original_project(*args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(cli, "_projects", None)
        monkeypatch.setattr(cli, "check_file", check_file)
        monkeypatch.setattr(cli, "check_project_files", check_project_files)
        capsys.readouterr()
        record.code = cli.main(["check", *argv])
        captured = capsys.readouterr()
        record.out, record.err = captured.out, captured.err
        return record

    yield run


def entries(directory: Path) -> list[Path]:
    """The result entries (not the memo of pulumi-lint's own digest)."""
    found = (directory / f"v{cache_module.CACHE_FORMAT}").rglob("*.json")
    return sorted(p for p in found if p.name != "engine.json")


@pytest.mark.parametrize("output_format", [*OUTPUT_FORMATS, "statistics"])
def test_second_run_prints_what_an_analysis_prints(
    project: Path, cache_dir: Path, lint: Lint, output_format: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project.parent)
    argv = ["--statistics"] if output_format == "statistics" else ["--output-format", output_format]
    reference = lint(*argv, "--no-cache", "app")
    assert not cache_dir.exists()
    first = lint(*argv, "app")
    second = lint(*argv, "app")
    assert reference.code == first.code == second.code == 1
    assert first.out == reference.out and second.out == reference.out
    assert first.err == second.err == reference.err
    assert sorted(first.analysed) == ["fn.ts", "index.ts"] and first.project_checks == 1
    assert second.analysed == [] and second.project_checks == 0
    assert "PUL009" in second.out


def test_json_from_the_cache_after_a_full_run(project: Path, cache_dir: Path, lint: Lint) -> None:
    # One entry serves every format: a full run fills it, a JSON run reads it.
    lint(str(project))
    reference = lint("--no-cache", "--output-format", "json", str(project))
    cached = lint("--output-format", "json", str(project))
    assert cached.analysed == [] and cached.out == reference.out


def _edit_file(project: Path) -> None:
    source = LAMBDA.replace("STAGE: 'dev'", "STAGE: 'dev', AWS_LAMBDA_LOG_GROUP_NAME: 'x'")
    (project / "lib" / "fn.ts").write_text(source)


def _edit_sibling(project: Path) -> None:
    (project / "lib" / "other.ts").write_text("export const loose: any = 1;\n")


def _edit_pulumi_yaml(project: Path) -> None:
    path = project / "Pulumi.yaml"
    # The stack keys' namespace becomes the project's name: PUL009's findings go away.
    path.write_text(path.read_text().replace("name: TapStack", "name: pulumi-infra"))


def _edit_stack(project: Path) -> None:
    path = project / "Pulumi.dev.yaml"
    path.write_text(path.read_text().replace("lambda_memory", "lambda_memory_mb"))


def _edit_package_json(project: Path) -> None:
    path = project / "package.json"
    # A jest configuration without a coverage threshold: PRJ003.
    path.write_text(path.read_text().replace('{ "name": "tap",', '{ "name": "tap", "jest": {},'))


def _edit_config(project: Path) -> None:
    (project / "pulumi-lint.toml").write_text('ignore = ["AWS001"]\n')


@pytest.mark.parametrize(
    "edit",
    [_edit_file, _edit_sibling, _edit_pulumi_yaml, _edit_stack, _edit_package_json, _edit_config],
    ids=["file", "sibling", "Pulumi.yaml", "stack file", "package.json", "pulumi-lint.toml"],
)
def test_a_change_anywhere_the_findings_depend_on_invalidates(
    project: Path, cache_dir: Path, lint: Lint, edit: Callable[[Path], None]
) -> None:
    before = lint("--output-format", "json", str(project))
    assert lint("--output-format", "json", str(project)).analysed == []
    edit(project)
    after = lint("--output-format", "json", str(project))
    reference = lint("--no-cache", "--output-format", "json", str(project))
    # Each edit changes the findings: a stale cache would show.
    assert reference.out != before.out
    # Both program files are in the project: a change to any project file re-analyses both.
    assert {"fn.ts", "index.ts"} <= set(after.analysed)
    assert after.project_checks == 1
    assert after.out == reference.out


def test_the_file_alone_outside_a_project(tmp_path: Path, cache_dir: Path, lint: Lint) -> None:
    one = tmp_path / "loose" / "fn.ts"
    one.parent.mkdir()
    one.write_text(LAMBDA)
    (tmp_path / "loose" / "other.ts").write_text("export const x = 1;\n")
    lint(str(one))
    (tmp_path / "loose" / "other.ts").write_text("export const x = 2;\n")
    assert lint(str(one)).analysed == []


def test_rule_sources_are_part_of_the_key(
    project: Path, cache_dir: Path, lint: Lint, monkeypatch: pytest.MonkeyPatch
) -> None:
    lint(str(project))
    assert lint(str(project)).analysed == []
    real = cache_module.EngineDigest.compute
    monkeypatch.setattr(cache_module.EngineDigest, "compute", lambda self: "edited-" + real(self))
    assert sorted(lint(str(project)).analysed) == ["fn.ts", "index.ts"]


def test_engine_digest_follows_the_contents_of_the_rule_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    module = rules / "aws999_example.py"
    module.write_text("X = 1\n")
    monkeypatch.setattr(cache_module, "engine_files", lambda: [module])
    memo = tmp_path / "memo"
    first = cache_module.EngineDigest(memo).compute()
    assert cache_module.EngineDigest(memo).compute() == first
    stat = module.stat()
    module.write_text("X = 2\n")  # same size; the time may even be the same
    os.utime(module, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert cache_module.EngineDigest(None).compute() != first
    os.utime(module, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert cache_module.EngineDigest(memo).compute() != first


def test_key_covers_the_date_and_the_configuration(project: Path, tmp_path: Path) -> None:
    path = str(project / "index.ts")
    digest = cache_module.content_digest((project / "index.ts").read_bytes())
    config = config_digest(LintConfig())
    today = ResultCache(tmp_path / "c", today=date(2026, 11, 23)).file_key(path, digest, config)
    assert ResultCache(tmp_path / "c", today=date(2026, 11, 23)).file_key(path, digest, config) == today
    assert ResultCache(tmp_path / "c", today=date(2026, 11, 24)).file_key(path, digest, config)[1] != today[1]
    variants = [
        LintConfig(select=("AWS",)),
        LintConfig(ignore=("AWS001",)),
        LintConfig(severity={"AWS001": Severity.WARNING}),
        LintConfig(severity={"AWS001": None}),
        LintConfig(options={"AWS004": {"max_memory_mb": 1024}}),
        LintConfig(unsafe_fixes=True),
        LintConfig(per_file_ignores=(("lib/*.ts", ("AWS001",)),)),
    ]
    digests = {config_digest(variant) for variant in variants}
    assert len(digests) == len(variants) and config not in digests
    # Deterministic whatever the order the mappings were built in.
    assert config_digest(LintConfig(options={"A": {"x": 1, "y": 2}, "B": {}})) == config_digest(
        LintConfig(options={"B": {}, "A": {"y": 2, "x": 1}})
    )


def test_corrupt_entries_are_analysed_again(project: Path, cache_dir: Path, lint: Lint) -> None:
    reference = lint("--no-cache", str(project))
    lint(str(project))
    stored = entries(cache_dir)
    assert stored
    for number, path in enumerate(stored):
        path.write_bytes([b"", b"{not json", b'{"key": 1}', b"\xff\xfe", b"[]"][number % 5])
    again = lint(str(project))
    assert again.code == reference.code and again.out == reference.out and again.err == reference.err
    assert sorted(again.analysed) == ["fn.ts", "index.ts"] and again.project_checks == 1
    assert lint(str(project)).analysed == []


def test_an_entry_with_the_right_key_but_a_wrong_shape_is_a_miss(project: Path, cache_dir: Path, lint: Lint) -> None:
    import json

    lint(str(project))
    for path in entries(cache_dir):
        entry = json.loads(path.read_text())
        entry["value"] = {"reports": [{"code": "AWS001"}], "warnings": []}
        path.write_text(json.dumps(entry))
    again = lint(str(project))
    assert sorted(again.analysed) == ["fn.ts", "index.ts"]
    assert again.out == lint("--no-cache", str(project)).out


def test_no_cache_writes_nothing(project: Path, cache_dir: Path, lint: Lint, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)
    lint("--no-cache", ".")
    assert not cache_dir.exists()
    monkeypatch.delenv(CACHE_DIR_ENV)
    lint("--no-cache", ".")
    assert not (project / CACHE_DIR_NAME).exists()


def test_default_location_gitignore_tag_and_clean(
    project: Path, lint: Lint, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv(CACHE_DIR_ENV, raising=False)
    (project / "lib" / "deeper").mkdir()
    monkeypatch.chdir(project / "lib" / "deeper")
    lint("..")
    # The nearest directory with a Pulumi.yaml holds it, not the current one.
    directory = project / CACHE_DIR_NAME
    assert directory.is_dir() and not (project / "lib" / "deeper" / CACHE_DIR_NAME).exists()
    assert (directory / ".gitignore").read_text().splitlines()[-1] == "*"
    assert (directory / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")
    assert lint("..").analysed == []
    # The cache's own files are not linted (it holds no .ts) and not part of any project key.
    assert cli.main(["clean"]) == 0
    assert not directory.exists()
    assert "Removing cache" in capsys.readouterr().err
    assert cli.main(["clean"]) == 0


def test_cache_dir_option_and_clean(project: Path, tmp_path: Path, lint: Lint) -> None:
    chosen = tmp_path / "elsewhere"
    lint("--cache-dir", str(chosen), str(project))
    assert entries(chosen)
    assert lint("--cache-dir", str(chosen), str(project)).analysed == []
    assert cli.main(["clean", "--cache-dir", str(chosen)]) == 0
    assert not chosen.exists()


def test_a_cache_that_cannot_be_written_is_not_an_error(project: Path, tmp_path: Path, lint: Lint) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    reference = lint("--no-cache", str(project))
    run = lint("--cache-dir", str(blocker / "cache"), str(project))
    assert (run.code, run.out, run.err) == (reference.code, reference.out, reference.err)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through read-only permissions")
def test_a_read_only_cache_directory_is_not_an_error(project: Path, tmp_path: Path, lint: Lint) -> None:
    directory = tmp_path / "ro"
    directory.mkdir()
    directory.chmod(0o555)
    try:
        reference = lint("--no-cache", str(project))
        run = lint("--cache-dir", str(directory / "cache"), str(project))
        assert (run.code, run.out, run.err) == (reference.code, reference.out, reference.err)
    finally:
        directory.chmod(0o755)


def test_stdin_is_never_cached(
    project: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(LAMBDA.encode())))
    assert cli.main(["check", "--stdin-filename", str(project / "lib" / "fn.ts")]) == 1
    assert "AWS001" in capsys.readouterr().out
    assert not cache_dir.exists()


def test_fix_after_a_cached_check_fixes(project: Path, cache_dir: Path, lint: Lint) -> None:
    target = project / "lib" / "fn.ts"
    lint(str(target))
    assert lint(str(target)).analysed == []
    fixed = lint("--fix", "--unsafe-fixes", str(target))
    assert fixed.analysed == ["fn.ts"]
    assert "AWS_REGION" not in target.read_text()
    after = lint("--output-format", "json", str(target))
    assert after.out == lint("--no-cache", "--output-format", "json", str(target)).out


def test_fix_uses_the_cache_for_files_with_nothing_to_fix(project: Path, cache_dir: Path, lint: Lint) -> None:
    target = project / "lib" / "fn.ts"
    target.write_text(LAMBDA.replace("AWS_REGION", "REGION"))
    first = lint(str(target))
    again = lint("--fix", str(target))
    assert again.analysed == [] and again.code == first.code


def test_parallel_workers_fill_and_read_the_cache(
    project: Path, cache_dir: Path, lint: Lint, monkeypatch: pytest.MonkeyPatch
) -> None:
    for number in range(3):
        (project / "lib" / f"copy{number}.ts").write_text(LAMBDA.replace("'api'", f"'api{number}'"))
    reference = lint("--no-cache", "--output-format", "json", str(project))
    first = lint("--jobs", "2", "--output-format", "json", str(project))
    assert first.out == reference.out
    assert len(entries(cache_dir)) >= 5
    second = lint("--jobs", "2", "--output-format", "json", str(project))
    assert second.out == reference.out and second.analysed == []


def test_project_digest_covers_what_the_project_reads(project: Path) -> None:
    (project / "jest.config.js").write_text("module.exports = {};\n")
    (project / "node_modules" / "@pulumi" / "aws").mkdir(parents=True)
    (project / "node_modules" / "@pulumi" / "aws" / "package.json").write_text('{"version": "7.3.0"}')
    (project / "test").mkdir()
    (project / "test" / "index.test.ts").write_text("test('x', () => {});\n")
    read = ProjectCache().project_for(project / "index.ts")
    assert read is not None
    covered = set(Digests().project_files(str(project.resolve())))
    expected = {str(path) for path in read._stamps} | {str(p) for p in read.program_files(include_tests=True)}
    expected.add(str(project.resolve() / "jest.config.js"))
    assert expected <= covered


def test_cli_suffixes_match_the_document_module() -> None:
    from pulumi_lint.document import TYPESCRIPT_SUFFIXES

    assert cli.TYPESCRIPT_SUFFIXES == TYPESCRIPT_SUFFIXES


def test_a_run_answered_from_the_cache_loads_neither_parser_nor_rules(project: Path, tmp_path: Path) -> None:
    import subprocess
    import sys

    (project / "pulumi-lint.toml").write_text('extend-select = ["PLN001"]\n[rules.AWS004]\nmax-memory-mb = 1024\n')
    probe = (
        "import sys; from pulumi_lint.cli import main; code = main(sys.argv[1:]); "
        "heavy = sorted(m for m in sys.modules if m.startswith(('tree_sitter', 'pulumi_lint.rules', "
        "'pulumi_lint.model', 'pulumi_lint.engine', 'pulumi_lint.project', 'yaml'))); "
        "print(code, heavy, file=sys.stderr)"
    )
    argv = [sys.executable, "-c", probe, "check", "--select", "AWS,PUL,PLN", "--cache-dir", str(tmp_path / "c"), "."]
    first = subprocess.run(argv, cwd=project, capture_output=True, text=True, timeout=120, check=False)
    second = subprocess.run(argv, cwd=project, capture_output=True, text=True, timeout=120, check=False)
    assert first.stdout == second.stdout and "PUL009" in second.stdout
    assert first.stderr.splitlines()[-1] != "1 []"  # the first run analysed
    assert second.stderr.splitlines()[-1] == "1 []"


def test_configuration_problems_are_reported_from_the_cache_too(project: Path, cache_dir: Path, lint: Lint) -> None:
    base = project / "base.toml"
    base.write_text('[severity]\nAWS001 = "warning"\n[rules.AWS004]\nno-such-option = 1\n')
    (project / "pulumi-lint.toml").write_text('extend = "base.toml"\nignore = ["TS"]\n')
    reference = lint("--no-cache", "--output-format", "json", str(project))
    assert "no-such-option" in reference.err
    first = lint("--output-format", "json", str(project))
    second = lint("--output-format", "json", str(project))
    assert (first.out, first.err) == (second.out, second.err) == (reference.out, reference.err)
    assert second.analysed == []
    # The file the config extends is part of the key.
    base.write_text('[severity]\nAWS001 = "error"\n')
    changed = lint("--output-format", "json", str(project))
    assert changed.out == lint("--no-cache", "--output-format", "json", str(project)).out
    assert changed.out != reference.out and "no-such-option" not in changed.err


def test_unknown_selectors_are_refused_with_a_warm_cache(project: Path, cache_dir: Path, lint: Lint) -> None:
    assert lint("--select", "AWS001", str(project)).code == 1
    assert lint("--select", "AWS001", str(project)).analysed == []
    refused = lint("--select", "XYZ999", str(project))
    assert refused.code == 2 and "XYZ999" in refused.err


def test_configurations_survive_the_round_trip() -> None:
    import json

    from pulumi_lint.cache import _plain, lint_config_from

    config = LintConfig(
        select=("AWS", "PUL001"),
        extend_select=("PLN001",),
        ignore=("TS004",),
        severity={"AWS001": Severity.WARNING, "TS003": None},
        options={"AWS004": {"max-memory-mb": 1024, "names": ["a", "b"]}},
        unsafe_fixes=True,
        per_file_ignores=(("/abs/tests/**", ("AWS", "PUL003")),),
        exclude=("generated",),
        docs_base_url="https://example.com/rules/",
    )
    assert lint_config_from(json.loads(json.dumps(_plain(config)))) == config
    assert lint_config_from(json.loads(json.dumps(_plain(LintConfig())))) == LintConfig()
