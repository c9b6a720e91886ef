"""Every rule on its own examples: flagged where marked, silent on good code, fixes that hold."""

from __future__ import annotations

import pytest
from pulumi_lint.document import Document
from pulumi_lint.rule import FixAvailability
from pulumi_lint.rules import all_rules, rule_by_code

from .rule_examples import (
    EXAMPLES,
    Example,
    actual_places,
    engine_for,
    example_files,
    expected_places,
    fix,
    fixed_path,
    lint,
    parses,
)

BAD = example_files("bad")
GOOD = example_files("good")


@pytest.mark.parametrize("example", BAD, ids=[e.id for e in BAD])
def test_bad_example_is_flagged_exactly_where_marked(example: Example) -> None:
    source = example.path.read_bytes()
    assert parses(source, example.path), "examples must be valid TypeScript"
    expected = expected_places(source.decode(), example.code)
    assert expected, f"{example.path} marks no place for {example.code}"
    engine = engine_for(example.code, example.path.parent)
    findings = [f for f in lint(engine, source, example.path) if f.code == example.code]
    actual = actual_places(Document(source, str(example.path)), findings, expected)
    assert actual == expected


@pytest.mark.parametrize("example", BAD, ids=[e.id for e in BAD])
def test_fixes_give_the_fixed_file_and_are_stable(example: Example) -> None:
    rule = rule_by_code(example.code)
    assert rule is not None
    source = example.path.read_bytes()
    engine = engine_for(example.code, example.path.parent)
    findings = lint(engine, source, example.path)
    expected_file = fixed_path(example.path)
    if rule.meta.fix is FixAvailability.NONE:
        assert all(not f.fixes for f in findings), "a rule that declares no fix offers none"
        assert not expected_file.exists()
        return
    if rule.meta.fix is FixAvailability.ALWAYS:
        assert all(f.fixes for f in findings), "a rule that always fixes offers a fix on every finding"
    if not expected_file.exists():
        assert all(not f.fixes for f in findings), f"{expected_file.name} is missing"
        return
    result = fix(engine, source, example.path)
    assert result.source.decode() == expected_file.read_text()
    assert parses(result.source, example.path), "the fixed file must parse"
    again = fix(engine, result.source, example.path)
    assert again.source == result.source, "fixing the fixed file must change nothing"


@pytest.mark.parametrize("example", GOOD, ids=[e.id for e in GOOD])
def test_good_example_is_not_flagged(example: Example) -> None:
    source = example.path.read_bytes()
    assert parses(source, example.path), "examples must be valid TypeScript"
    engine = engine_for(example.code, example.path.parent)
    findings = [f for f in lint(engine, source, example.path) if f.code == example.code]
    assert findings == []


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.code)
def test_every_rule_has_examples_and_docs(rule: object) -> None:
    from pulumi_lint.rule import Rule

    assert isinstance(rule, Rule)
    folder = EXAMPLES / rule.code
    has_project_cases = folder.is_dir() and any(p.is_dir() for p in folder.iterdir())
    assert any(e.code == rule.code for e in BAD) or has_project_cases, f"no bad example for {rule.code}"
    assert any(e.code == rule.code for e in GOOD) or has_project_cases, f"no good example for {rule.code}"
    if rule.meta.fix is not FixAvailability.NONE and not has_project_cases:
        assert any(fixed_path(e.path).exists() for e in BAD if e.code == rule.code)
    for heading in ("## What it does", "## Why is this bad?", "## Example", "## Fix safety"):
        assert heading in rule.docs, f"{rule.code} docs lack {heading!r}"
