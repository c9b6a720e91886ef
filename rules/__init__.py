"""The rule registry: an explicit list, so that adding a rule is a visible, reviewed change."""

from __future__ import annotations

from functools import cache
from types import ModuleType

from pulumi_lint.rule import Rule

from . import (
    aws001_lambda_reserved_env_var,
    aws002_iam_wildcard,
    aws003_dynamodb_fixed_provisioning,
    aws004_lambda_memory_overprovisioned,
    aws005_lambda_missing_dlq,
)

RULE_MODULES: tuple[ModuleType, ...] = (
    aws001_lambda_reserved_env_var,
    aws002_iam_wildcard,
    aws003_dynamodb_fixed_provisioning,
    aws004_lambda_memory_overprovisioned,
    aws005_lambda_missing_dlq,
)


@cache
def all_rules() -> list[Rule]:
    return [Rule.from_module(module) for module in RULE_MODULES]


def rule_by_code(code: str) -> Rule | None:
    code = code.upper()
    return next((rule for rule in all_rules() if rule.code == code), None)
