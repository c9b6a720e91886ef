"""Every rule on its own examples: flagged where marked, silent on good code, fixes that hold."""

from __future__ import annotations

from pathlib import Path

import pytest
from pulumi_lint.document import Document
from pulumi_lint.project import ProjectCache
from pulumi_lint.rule import FixAvailability
from pulumi_lint.rules import all_rules, rule_by_code

from .rule_examples import (
    EXAMPLES,
    PROJECT_FIXED,
    Example,
    ProjectCase,
    actual_places,
    actual_project_places,
    case_files,
    copy_case,
    engine_for,
    example_files,
    expected_places,
    expected_project_places,
    file_parses,
    fix,
    fix_project,
    fixed_path,
    lint,
    parses,
    project_cases,
    project_findings_for,
)

BAD = example_files("bad")
GOOD = example_files("good")
CASES = project_cases()
BAD_CASES = [c for c in CASES if c.bad]


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


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_project_case_is_flagged_exactly_where_marked(case: ProjectCase, tmp_path: Path) -> None:
    assert case.folder.name.startswith(("bad", "good")), "project cases are named bad* or good*"
    root = copy_case(case, tmp_path)
    cache = ProjectCache()
    expected = expected_project_places(case, root)
    if case.bad:
        assert expected, f"{case.id} marks no place for {case.code}"
    else:
        assert not expected, "a good case marks no place"
    for path in case_files(root):
        assert file_parses(path, path.read_bytes()), f"{path.name} must parse"
    findings = project_findings_for(case.code, root, cache)
    actual = actual_project_places(root, cache, findings, expected)
    assert actual == expected


@pytest.mark.parametrize("case", BAD_CASES, ids=[c.id for c in BAD_CASES])
def test_project_case_fixes_give_the_fixed_files_and_are_stable(case: ProjectCase, tmp_path: Path) -> None:
    rule = rule_by_code(case.code)
    assert rule is not None
    root = copy_case(case, tmp_path)
    cache = ProjectCache()
    original = {p: p.read_bytes() for p in case_files(root)}
    fixed = fix_project(case.code, root, cache)
    changed = {p.relative_to(root).as_posix(): t.decode() for p, t in fixed.items() if t != original[p]}
    fixed_folder = case.folder / PROJECT_FIXED
    expected = (
        {p.relative_to(fixed_folder).as_posix(): p.read_text() for p in case_files(fixed_folder)}
        if fixed_folder.is_dir()
        else {}
    )
    if rule.meta.fix is FixAvailability.NONE:
        assert not changed, "a rule that declares no fix changes nothing"
    assert changed == expected
    for relative, text in changed.items():
        assert file_parses(root / relative, text.encode()), f"the fixed {relative} must parse"
    again = fix_project(case.code, root, cache)
    assert again == fixed, "fixing the fixed project must change nothing"
