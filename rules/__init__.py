"""The rule registry: an explicit list, so that adding a rule is a visible, reviewed change."""

from __future__ import annotations

from functools import cache
from importlib import import_module
from types import ModuleType

from pulumi_lint.rule import Rule

# One module per rule, named <code>_<name>; tests check this list against the files.
RULE_MODULE_NAMES: tuple[str, ...] = (
    "aws001_lambda_reserved_env_var",
    "aws002_iam_wildcard",
    "aws003_dynamodb_fixed_provisioning",
    "aws004_lambda_memory_overprovisioned",
    "aws005_lambda_missing_dlq",
    "aws006_log_retention_missing",
    "aws007_provisioned_concurrency_prerequisites",
    "aws008_apigateway_deployment_stage_name",
    "aws009_s3_bucket_inline_config",
    "aws010_metric_missing_dimensions",
    "aws011_s3_lifecycle_expiration_only",
    "aws012_missing_access_logging",
    "aws013_missing_tags",
    "aws014_dlq_without_alarm",
    "aws015_lambda_image_config",
    "aws016_lambda_deprecated_runtime",
    "aws017_repeated_lambda_definitions",
    "pln001_unused_suppression",
    "prj001_pulumi_yaml_main",
    "prj002_placeholder_tests",
    "prj003_missing_coverage_threshold",
    "pul001_class_not_component_resource",
    "pul002_component_constructor_signature",
    "pul003_missing_parent",
    "pul004_missing_register_outputs",
    "pul005_inline_provider",
    "pul006_unused_resource_variable",
    "pul007_lambda_log_group_dependency",
    "pul008_entry_point_without_exports",
    "pul009_config_namespace_mismatch",
    "pul010_output_in_template_literal",
    "ts001_double_quoted_import",
    "ts002_unused_import",
    "ts003_explicit_any",
    "ts004_line_too_long",
    "ts005_missing_final_newline",
)

RULE_MODULES: tuple[ModuleType, ...] = tuple(import_module(f"{__name__}.{name}") for name in RULE_MODULE_NAMES)


@cache
def all_rules() -> list[Rule]:
    return [Rule.from_module(module) for module in RULE_MODULES]


def rule_by_code(code: str) -> Rule | None:
    code = code.upper()
    return next((rule for rule in all_rules() if rule.code == code), None)
