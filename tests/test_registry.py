"""The rule registry matches the rule files and the catalog."""

from __future__ import annotations

import re
from pathlib import Path

from pulumi_lint.rules import RULE_MODULES, all_rules

ROOT = Path(__file__).resolve().parent.parent
CATALOG = ROOT.parent / "shared" / "RULES.md"
RULE_FILE = re.compile(r"^[a-z]{2,4}\d{3}_[a-z0-9_]+\.py$")


def test_registry_lists_every_rule_file_once() -> None:
    files = sorted(p.stem for p in (ROOT / "rules").glob("*.py") if RULE_FILE.match(p.name))
    registered = sorted(m.__name__.rsplit(".", 1)[-1] for m in RULE_MODULES)
    assert registered == files


def test_codes_are_unique_and_match_file_names() -> None:
    codes = [rule.code for rule in all_rules()]
    assert len(codes) == len(set(codes))
    for rule in all_rules():
        assert rule.module.rsplit(".", 1)[-1].startswith(rule.code.lower() + "_")
        assert rule.name == rule.module.rsplit(".", 1)[-1].split("_", 1)[1].replace("_", "-")


def test_registered_codes_come_from_the_catalog() -> None:
    catalog_codes = set(re.findall(r"^\| ([A-Z]{2,4}\d{3}) \|", CATALOG.read_text(), re.M))
    assert catalog_codes, "the catalog lists codes"
    extra = {r.code for r in all_rules()} - catalog_codes - {"PLN001"}
    assert not extra, f"codes not in the catalog: {extra}"
