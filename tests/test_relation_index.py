"""RelationIndex answers, for many values at once, what relate() answers for one value and one
resource: checked on every value and function of the example and corpus programs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pulumi_lint.aws_model import (
    LAMBDA_FUNCTION_TYPES,
    RelationIndex,
    all_values,
    construction_refs,
    constructions_of,
    function_name_keys,
    physical_name,
    relate,
    value_facts,
)
from pulumi_lint.document import Document
from pulumi_lint.model_builder import build_program

ROOT = Path(__file__).parent
PROGRAMS = sorted(
    p
    for folder in ("rules/AWS005", "rules/AWS006", "rules/PUL007", "corpus/good-aws", "corpus/good-aws-b")
    for p in (ROOT / folder).glob("*.ts")
)


def _matcher(name: str | None) -> Callable[[str], bool]:
    """How a text names a function called ``name`` (the definition the index must follow)."""

    def matches(text: str) -> bool:
        if name is None:
            return False
        return text == name or text.endswith(f":function:{name}") or f":function:{name}:" in text

    return matches


@pytest.mark.parametrize("path", PROGRAMS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_index_agrees_with_relate(path: Path) -> None:
    document = Document(path.read_bytes(), str(path))
    program = build_program(document.tree, document.source, document.statements)
    facts = [value_facts(program, value, program, source=document.source) for value in all_values(program)]
    index = RelationIndex(facts, function_name_keys)
    for fn in constructions_of(program, *LAMBDA_FUNCTION_TYPES):
        refs = construction_refs(program, fn)
        name = physical_name(program, fn)
        yes, maybe = index.outcomes(fn, refs, name)
        matches = _matcher(name)
        expected = [relate(item, fn, refs, matches) for item in facts]
        assert yes == {i for i, outcome in enumerate(expected) if outcome == "yes"}
        assert maybe == {i for i, outcome in enumerate(expected) if outcome == "maybe"}


@pytest.mark.parametrize(
    ("text", "name", "named"),
    [
        ("orders", "orders", True),
        ("arn:aws:lambda:us-east-1:123:function:orders", "orders", True),
        ("arn:aws:lambda:us-east-1:123:function:orders:live", "orders", True),
        ("arn:aws:lambda:us-east-1:123:function:orders-v2", "orders", False),
        ("arn:aws:lambda:us-east-1:123:function:a:function:b", "b", True),
        ("arn:aws:lambda:us-east-1:123:function:a:function:b", "a:function:b", True),
        ("ordersx", "orders", False),
    ],
)
def test_function_name_keys_follow_the_matcher(text: str, name: str, named: bool) -> None:
    assert (name in function_name_keys(text)) is named is _matcher(name)(text)
