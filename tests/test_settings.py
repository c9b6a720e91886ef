"""Client settings: typed, with defaults; bad values reported and replaced."""

from __future__ import annotations

from pulumi_lint.settings import ClientSettings, parse_settings, setting_names


def test_no_settings_gives_the_defaults() -> None:
    assert parse_settings(None) == (ClientSettings(), [])


def test_good_values_are_taken() -> None:
    settings, problems = parse_settings(
        {"enable": False, "run": "onSave", "severity": {"AWS013": "off"}, "unsafeFixes": False, "logLevel": "debug"}
    )
    assert problems == []
    assert (settings.enable, settings.run, settings.severity) == (False, "onSave", {"AWS013": "off"})
    assert (settings.unsafe_fixes, settings.log_level) == (False, "debug")


def test_bad_values_are_reported_and_replaced_by_defaults() -> None:
    settings, problems = parse_settings({"run": "sometimes", "enable": "yes", "severity": {"AWS001": "loud"}})
    assert settings == ClientSettings()
    assert len(problems) == 3
    assert any("pulumiLint.run" in p and "onType" in p for p in problems)
    assert any("pulumiLint.severity" in p and "AWS001='loud'" in p for p in problems)


def test_unknown_keys_are_reported_and_extension_keys_ignored() -> None:
    raw = {"colour": "blue", "server": {"path": ["x"]}, "interpreter": "/usr/bin/python3"}
    settings, problems = parse_settings(raw)
    assert settings == ClientSettings()
    assert problems == ["unknown setting pulumiLint.colour (ignored)"]


def test_an_empty_lua_table_is_an_empty_severity_map() -> None:
    settings, problems = parse_settings({"severity": []})
    assert problems == [] and settings.severity == {}


def test_settings_that_are_not_an_object() -> None:
    settings, problems = parse_settings(["enable"])
    assert settings == ClientSettings() and problems and "must be an object" in problems[0]


def test_wire_names_are_camel_case() -> None:
    assert "unsafeFixes" in setting_names() and "fixAllOnSave" in setting_names()
