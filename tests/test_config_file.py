"""pulumi-lint.toml: discovery, extend, validation with file/line/key, layering, cache."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pulumi_lint.config import LintConfig, glob_match
from pulumi_lint.config_file import ConfigCache, describe, find_config, load_config
from pulumi_lint.engine import Engine
from pulumi_lint.findings import Severity

ANY_SOURCE = b"export const x: any = 1;\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def codes(config: LintConfig, source: bytes, path: str) -> list[str]:
    return [f.code for f in Engine(config).lint_source(source, path)]


def test_nearest_config_wins(tmp_path: Path) -> None:
    root = write(tmp_path / "pulumi-lint.toml", 'ignore = ["TS003"]\n')
    nested = write(tmp_path / "app" / ".pulumi-lint.toml", 'select = ["TS"]\n')
    source = write(tmp_path / "app" / "src" / "index.ts", "")
    assert find_config(source) == nested.resolve()
    assert find_config(tmp_path / "other.ts") == root.resolve()


def test_plain_name_preferred_over_dot_name_in_one_directory(tmp_path: Path) -> None:
    write(tmp_path / ".pulumi-lint.toml", "")
    plain = write(tmp_path / "pulumi-lint.toml", "")
    assert find_config(tmp_path / "x.ts") == plain.resolve()


def test_extend_layers_relative_file(tmp_path: Path) -> None:
    write(
        tmp_path / "shared" / "base.toml",
        'ignore = ["TS004"]\nextend-select = ["PUL"]\n[severity]\nTS003 = "hint"\n'
        '[rules.TS004]\nmax-line-length = 100\n[rules.PUL006]\nignore-pattern = "^unused"\n',
    )
    top = write(
        tmp_path / "pulumi-lint.toml",
        'extend = "shared/base.toml"\nextend-select = ["TS"]\n[severity]\nTS001 = "error"\n'
        "[rules.TS004]\nmax-line-length = 80\n",
    )
    loaded = load_config(top)
    assert loaded.problems == []
    config = loaded.config
    assert config.ignore == ("TS004",)
    assert config.extend_select == ("PUL", "TS")
    assert config.severity == {"TS003": Severity.HINT, "TS001": Severity.ERROR}
    assert config.options == {"TS004": {"max-line-length": 80}, "PUL006": {"ignore-pattern": "^unused"}}
    assert [p.name for p in loaded.files] == ["pulumi-lint.toml", "base.toml"]


def test_missing_and_circular_extend_are_reported(tmp_path: Path) -> None:
    missing = write(tmp_path / "a" / "pulumi-lint.toml", 'ignore = ["TS003"]\nextend = "nowhere.toml"\n')
    loaded = load_config(missing)
    assert [(p.line, p.key) for p in loaded.problems] == [(2, "extend")]
    assert "not found" in loaded.problems[0].message
    assert loaded.config.ignore == ("TS003",)

    write(tmp_path / "b" / "one.toml", 'extend = "two.toml"\n')
    write(tmp_path / "b" / "two.toml", 'extend = "one.toml"\nignore = ["TS001"]\n')
    looped = load_config(tmp_path / "b" / "one.toml")
    assert any("circular" in p.message for p in looped.problems)
    assert looped.config.ignore == ("TS001",)


@pytest.mark.parametrize(
    ("text", "line", "key", "words"),
    [
        ('select = ["TS"]\ncolour = "blue"\n', 2, "colour", "unknown key"),
        ('selct = ["TS"]\n', 1, "selct", "did you mean 'select'"),
        ('select = "TS"\n', 1, "select", "list of strings"),
        ('ignore = ["TS003", "ZZZ9"]\n', 1, "ignore", "unknown rule code or prefix 'ZZZ9'"),
        ("unsafe-fixes = 1\n", 1, "unsafe-fixes", "true or false"),
        ('exclude = "dist"\n', 1, "exclude", "list of strings"),
        ('\n[severity]\nTS003 = "loud"\n', 3, "severity.TS003", "expected one of"),
        ('[severity]\nXX001 = "off"\n', 2, "severity.XX001", "unknown rule code"),
        ('severity = "off"\n', 1, "severity", "table"),
        ('[per-file-ignores]\n"tests/**" = ["NOPE1"]\n', 2, "per-file-ignores.tests/**", "unknown rule code"),
        ("[rules.ZZ001]\nx = 1\n", 1, "rules.ZZ001", "unknown rule code"),
        ("[rules.TS004]\nmax-line-len = 90\n", 2, "rules.TS004.max-line-len", "its options: max-line-length"),
        (
            '[rules.TS004]\n\nmax-line-length = "90"\n',
            3,
            "rules.TS004.max-line-length",
            "expected an integer",
        ),
        ("rules.TS004.max-line-length = true\n", 1, "rules.TS004.max-line-length", "expected an integer"),
        ('severity = { TS003 = "nope" }\n', 1, "severity.TS003", "expected one of"),
        ("docs-base-url = 3\n", 1, "docs-base-url", "expected a string"),
    ],
)
def test_each_validation_error_names_file_line_and_key(
    tmp_path: Path, text: str, line: int, key: str, words: str
) -> None:
    path = write(tmp_path / "pulumi-lint.toml", text)
    loaded = load_config(path)
    assert not loaded.fatal
    assert len(loaded.problems) == 1, loaded.problems
    problem = loaded.problems[0]
    assert (problem.path, problem.line, problem.key) == (str(path.resolve()), line, key)
    assert words in problem.message
    assert str(problem).startswith(f"{path.resolve()}:{line}: {key}: ")


def test_the_rest_of_a_bad_config_still_applies(tmp_path: Path) -> None:
    path = write(
        tmp_path / "pulumi-lint.toml",
        'ignore = ["TS003", "BAD9"]\nunknown = 1\n[severity]\nTS004 = "info"\nTS005 = "purple"\n'
        "[rules.TS004]\nmax-line-length = 30\nwidth = 2\n",
    )
    loaded = load_config(path)
    assert len(loaded.problems) == 4
    config = loaded.config
    assert config.ignore == ("TS003",)
    assert config.severity == {"TS004": Severity.INFO}
    assert config.options == {"TS004": {"max-line-length": 30}}
    source = b"export const averyveryverylongname = 'a string that is long';\n"
    findings = Engine(config).lint_source(source, str(tmp_path / "index.ts"))
    assert [(f.code, f.severity) for f in findings] == [("TS004", Severity.INFO)]


def test_invalid_toml_is_fatal_with_its_line(tmp_path: Path) -> None:
    path = write(tmp_path / "pulumi-lint.toml", 'select = ["TS"]\nignore = [\n')
    loaded = load_config(path)
    assert loaded.fatal
    assert loaded.problems[0].line >= 2
    assert "invalid TOML" in loaded.problems[0].message
    assert loaded.config == LintConfig()


def test_severity_override_and_off(tmp_path: Path) -> None:
    path = write(tmp_path / "pulumi-lint.toml", '[severity]\nTS003 = "error"\n')
    config = load_config(path).config
    findings = Engine(config).lint_source(ANY_SOURCE, str(tmp_path / "a.ts"))
    assert [(f.code, f.severity) for f in findings] == [("TS003", Severity.ERROR)]
    write(tmp_path / "pulumi-lint.toml", '[severity]\nTS003 = "off"\n')
    assert codes(load_config(path).config, ANY_SOURCE, str(tmp_path / "a.ts")) == []


def test_per_file_ignores_relative_to_the_config(tmp_path: Path) -> None:
    path = write(
        tmp_path / "pulumi-lint.toml",
        '[per-file-ignores]\n"tests/**" = ["TS003"]\n"*.spec.ts" = ["TS"]\n',
    )
    config = load_config(path).config
    assert codes(config, ANY_SOURCE, str(tmp_path / "tests" / "deep" / "a.ts")) == []
    assert codes(config, ANY_SOURCE, str(tmp_path / "src" / "a.spec.ts")) == []
    assert codes(config, ANY_SOURCE, str(tmp_path / "src" / "a.ts")) == ["TS003"]
    # Relative to the config's directory, not to wherever the same folder name appears.
    assert codes(config, ANY_SOURCE, str(tmp_path / "src" / "tests" / "a.ts")) == ["TS003"]


def test_exclude_globs(tmp_path: Path) -> None:
    path = write(tmp_path / "pulumi-lint.toml", 'exclude = ["generated", "legacy/**/*.ts", "./old/"]\n')
    config = load_config(path).config
    assert config.excluded(str(tmp_path / "src" / "generated" / "a.ts"))
    assert config.excluded(str(tmp_path / "legacy" / "x" / "y" / "a.ts"))
    assert config.excluded(str(tmp_path / "legacy" / "a.ts"))
    assert config.excluded(str(tmp_path / "old" / "a.ts"))
    assert not config.excluded(str(tmp_path / "src" / "a.ts"))
    assert not config.excluded(str(tmp_path / "src" / "old" / "a.ts"))


def test_glob_semantics() -> None:
    assert glob_match("/r/*.ts", "/r/a.ts")
    assert not glob_match("/r/*.ts", "/r/sub/a.ts")
    assert glob_match("/r/**/*.ts", "/r/a.ts")
    assert glob_match("/r/**/*.ts", "/r/sub/deeper/a.ts")
    assert glob_match("*.test.ts", "/anywhere/x.test.ts")
    assert glob_match("/r/[ab].ts", "/r/b.ts")
    assert not glob_match("/r/[!ab].ts", "/r/b.ts")


def test_select_prefixes(tmp_path: Path) -> None:
    path = write(tmp_path / "pulumi-lint.toml", 'select = ["TS00"]\nignore = ["TS003"]\n')
    config = load_config(path).config
    assert codes(config, ANY_SOURCE, str(tmp_path / "a.ts")) == []
    write(tmp_path / "pulumi-lint.toml", 'select = ["AWS"]\n')
    assert codes(load_config(path).config, ANY_SOURCE, str(tmp_path / "a.ts")) == []


def test_cache_reloads_on_change_and_invalidate(tmp_path: Path) -> None:
    config_path = write(tmp_path / "pulumi-lint.toml", 'ignore = ["TS003"]\n')
    source = tmp_path / "src" / "a.ts"
    cache = ConfigCache()
    first = cache.for_file(source)
    assert first is not None and first.config.ignore == ("TS003",)
    assert cache.for_file(source) is first
    config_path.write_text('ignore = ["TS001"]\n')
    stat = config_path.stat()
    os.utime(config_path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    second = cache.for_file(source)
    assert second is not None and second.config.ignore == ("TS001",)
    # A new, nearer file is only seen after invalidation (discovery is cached per directory).
    write(tmp_path / "src" / "pulumi-lint.toml", 'ignore = ["TS002"]\n')
    assert cache.for_file(source) is second
    cache.invalidate(tmp_path / "src" / "pulumi-lint.toml")
    nearer = cache.for_file(source)
    assert nearer is not None and nearer.config.ignore == ("TS002",)


def test_cache_sees_changes_to_extended_files(tmp_path: Path) -> None:
    base = write(tmp_path / "base.toml", 'ignore = ["TS003"]\n')
    write(tmp_path / "pulumi-lint.toml", 'extend = "base.toml"\n')
    cache = ConfigCache()
    loaded = cache.for_file(tmp_path / "a.ts")
    assert loaded is not None and loaded.config.ignore == ("TS003",)
    base.write_text('ignore = ["TS004"]\n')
    stat = base.stat()
    os.utime(base, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    reloaded = cache.for_file(tmp_path / "a.ts")
    assert reloaded is not None and reloaded.config.ignore == ("TS004",)


def test_no_config_gives_none(tmp_path: Path) -> None:
    cache = ConfigCache()
    if find_config(tmp_path) is None:  # a stray config above the temp dir would be found, legitimately
        assert cache.for_file(tmp_path / "a.ts") is None


def test_describe_shows_resolved_settings(tmp_path: Path) -> None:
    path = write(
        tmp_path / "pulumi-lint.toml",
        'select = ["TS"]\n[severity]\nTS003 = "off"\n[per-file-ignores]\n"tests/**" = ["TS001"]\n'
        "[rules.TS004]\nmax-line-length = 90\n",
    )
    text = describe(load_config(path), str(tmp_path / "tests" / "a.ts"))
    assert 'select = ["TS"]' in text
    assert 'TS003 = "off"' in text
    assert "max-line-length = 90" in text
    assert '# per-file ignores that apply: ["TS001"]' in text
