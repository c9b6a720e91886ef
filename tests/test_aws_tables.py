"""Hand-kept AWS tables: Lambda reserved environment variables and runtime deprecation dates."""

from __future__ import annotations

import datetime as dt

import pytest
from pulumi_lint.aws_schema import schema
from pulumi_lint.aws_tables import (
    LAMBDA_RESERVED_ENV_VARS,
    LAMBDA_RUNTIMES,
    LAMBDA_RUNTIMES_CHECKED,
    NEWEST_RUNTIME,
    is_reserved_lambda_env_var,
    lambda_runtime,
    runtime_status,
    suggested_env_var_name,
)

D = dt.date

# --------------------------------------------------------------------------------------------------
# Reserved environment variables

# The list of rule AWS001 in the rule catalog, itself AWS's "Defined runtime environment variables".
SPEC_RESERVED = {
    "_HANDLER",
    "_X_AMZN_TRACE_ID",
    "AWS_DEFAULT_REGION",
    "AWS_REGION",
    "AWS_EXECUTION_ENV",
    "AWS_LAMBDA_FUNCTION_NAME",
    "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
    "AWS_LAMBDA_FUNCTION_VERSION",
    "AWS_LAMBDA_INITIALIZATION_TYPE",
    "AWS_LAMBDA_LOG_GROUP_NAME",
    "AWS_LAMBDA_LOG_STREAM_NAME",
    "AWS_ACCESS_KEY",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_LAMBDA_RUNTIME_API",
    "LAMBDA_TASK_ROOT",
    "LAMBDA_RUNTIME_DIR",
    "AWS_LAMBDA_MAX_CONCURRENCY",
    "AWS_LAMBDA_METADATA_API",
    "AWS_LAMBDA_METADATA_TOKEN",
}


def test_reserved_env_vars_are_exactly_the_documented_list() -> None:
    assert set(LAMBDA_RESERVED_ENV_VARS) == SPEC_RESERVED


@pytest.mark.parametrize(
    "name",
    ["AWS_LAMBDA_EXEC_WRAPPER", "AWS_LAMBDA_NODEJS_USE_ALTERNATIVE_CLIENT_1", "TZ", "NODE_OPTIONS", "REGION"],
)
def test_settable_names_are_not_reserved(name: str) -> None:
    assert not is_reserved_lambda_env_var(name)


@pytest.mark.parametrize(
    ("name", "suggestion"),
    [
        ("AWS_REGION", "REGION"),
        ("AWS_DEFAULT_REGION", "DEFAULT_REGION"),
        ("AWS_LAMBDA_FUNCTION_NAME", "FUNCTION_NAME"),
        ("AWS_ACCESS_KEY_ID", "ACCESS_KEY_ID"),
        ("_HANDLER", "HANDLER"),
        ("_X_AMZN_TRACE_ID", "X_AMZN_TRACE_ID"),
        ("LAMBDA_TASK_ROOT", "TASK_ROOT"),
    ],
)
def test_suggested_names(name: str, suggestion: str) -> None:
    assert suggested_env_var_name(name) == suggestion


@pytest.mark.parametrize("name", sorted(SPEC_RESERVED))
def test_no_suggestion_is_itself_reserved(name: str) -> None:
    suggestion = suggested_env_var_name(name)
    assert suggestion
    assert not is_reserved_lambda_env_var(suggestion)


def test_suggestion_never_returns_a_reserved_name_after_stripping() -> None:
    # Stripping `AWS_` from AWS_AWS_REGION would give a reserved name; the suggestion must move on.
    assert suggested_env_var_name("AWS_AWS_REGION") not in LAMBDA_RESERVED_ENV_VARS


# --------------------------------------------------------------------------------------------------
# Runtimes

AS_OF = D(2026, 11, 23)

# The runtimes that the rule catalog lists as deprecated as of 2026-11.
SPEC_DEPRECATED = {
    "nodejs16.x",
    "nodejs18.x",
    "nodejs20.x",
    "python3.8",
    "python3.9",
    "python3.10",
    "java8",
    "go1.x",
    "provided",
    "dotnet6",
    "dotnet8",
    "ruby3.2",
    "provided.al2",
}
SPEC_SUPPORTED = {
    "nodejs22.x",
    "nodejs24.x",
    "python3.11",
    "python3.12",
    "python3.13",
    "python3.14",
    "java11",
    "java17",
    "java21",
    "java25",
    "dotnet10",
    "ruby3.3",
    "ruby3.4",
    "provided.al2023",
}


@pytest.mark.parametrize("runtime", sorted(SPEC_DEPRECATED))
def test_deprecated_as_of_late_2026(runtime: str) -> None:
    level, row = runtime_status(runtime, AS_OF)
    assert row is not None
    assert level in ("warning", "error")


@pytest.mark.parametrize("runtime", sorted(SPEC_SUPPORTED))
def test_supported_as_of_late_2026(runtime: str) -> None:
    level, row = runtime_status(runtime, AS_OF)
    assert row is not None and row.deprecation is not None
    assert level is None
    assert row.deprecation > AS_OF


def test_status_boundaries_for_nodejs18() -> None:
    # Deprecated 2025-09-01, updates blocked from 2027-03-03.
    assert runtime_status("nodejs18.x", D(2025, 6, 2))[0] is None
    assert runtime_status("nodejs18.x", D(2025, 6, 3))[0] == "info"  # 90 days before
    assert runtime_status("nodejs18.x", D(2025, 8, 31))[0] == "info"
    assert runtime_status("nodejs18.x", D(2025, 9, 1))[0] == "warning"
    assert runtime_status("nodejs18.x", D(2027, 3, 2))[0] == "warning"
    assert runtime_status("nodejs18.x", D(2027, 3, 3))[0] == "error"


def test_status_of_nodejs22_approaching_deprecation() -> None:
    assert runtime_status("nodejs22.x", D(2027, 1, 29))[0] is None
    assert runtime_status("nodejs22.x", D(2027, 1, 30))[0] == "info"
    assert runtime_status("nodejs22.x", D(2027, 4, 30))[0] == "warning"
    assert runtime_status("nodejs22.x", D(2027, 7, 1))[0] == "error"


def test_long_retired_runtimes_are_errors() -> None:
    for runtime in ("nodejs12.x", "python3.6", "python2.7", "dotnetcore3.1", "ruby2.5"):
        assert runtime_status(runtime, AS_OF)[0] == "error", runtime


def test_container_only_runtimes_without_block_dates_stop_at_warning() -> None:
    level, row = runtime_status("dotnet7", D(2040, 1, 1))
    assert level == "warning"
    assert row is not None and row.block_update is None


def test_unknown_runtime() -> None:
    assert runtime_status("nodejs99.x", AS_OF) == (None, None)
    assert lambda_runtime("nodejs99.x") is None


@pytest.mark.parametrize(
    ("runtime", "successor"),
    [
        ("nodejs18.x", "nodejs24.x"),
        ("python3.9", "python3.14"),
        ("java8", "java25"),
        ("java17", "java25"),
        ("dotnet6", "dotnet10"),
        ("dotnetcore3.1", "dotnet10"),
        ("ruby3.2", "ruby4.0"),
        ("go1.x", "provided.al2023"),
        ("provided.al2", "provided.al2023"),
    ],
)
def test_successor(runtime: str, successor: str) -> None:
    row = lambda_runtime(runtime)
    assert row is not None
    assert row.successor == successor


@pytest.mark.parametrize("family", sorted(NEWEST_RUNTIME))
def test_newest_runtime_of_each_family_is_in_the_table_and_lasts_longest(family: str) -> None:
    newest = LAMBDA_RUNTIMES[NEWEST_RUNTIME[family]]  # type: ignore[index]
    assert newest.family == family
    assert runtime_status(newest.runtime, LAMBDA_RUNTIMES_CHECKED)[0] is None
    family_rows = [row for row in LAMBDA_RUNTIMES.values() if row.family == family]
    assert newest.deprecation is not None
    assert all(row.deprecation is None or row.deprecation <= newest.deprecation for row in family_rows)


def test_block_dates_follow_deprecation_for_recent_runtimes() -> None:
    # AWS's oldest rows are inconsistent (create blocked before deprecation); since 2021 they are not.
    for row in LAMBDA_RUNTIMES.values():
        if row.deprecation is None or row.deprecation < D(2021, 1, 1):
            continue
        if row.block_create is not None:
            assert row.deprecation <= row.block_create, row.runtime
        if row.block_create is not None and row.block_update is not None:
            assert row.block_create <= row.block_update, row.runtime


@pytest.mark.parametrize("major", [6, 7])
def test_every_sdk_runtime_member_has_a_dated_row(major: int) -> None:
    # AWS016 resolves `aws.lambda.Runtime.X` through the schema and dates it through this table.
    enum = schema().enum("aws.lambda.Runtime", major)
    assert enum is not None
    missing = sorted(value for value in enum.members.values() if value not in LAMBDA_RUNTIMES)
    assert missing == []
