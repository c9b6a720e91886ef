"""Facts from AWS's documentation that no SDK declaration carries, kept by hand with their sources.

Each table names the page it was taken from and the day it was last checked. When AWS changes a
page, update the rows, the date, and the tests that pin the boundaries.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

# --------------------------------------------------------------------------------------------------
# Lambda reserved environment variables

LAMBDA_RESERVED_ENV_VARS_SOURCE = (
    "AWS Lambda Developer Guide, 'Working with Lambda environment variables' > "
    "'Defined runtime environment variables': "
    "https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime"
)
LAMBDA_RESERVED_ENV_VARS_CHECKED = dt.date(2026, 11, 23)

# Keys Lambda sets itself and refuses in a function's configuration (CreateFunction and
# UpdateFunctionConfiguration fail with InvalidParameterValueException). Absent on purpose: keys a
# function may set, such as AWS_LAMBDA_EXEC_WRAPPER, NODE_OPTIONS, the AWS_LAMBDA_NODEJS_* switches
# and TZ (which older versions of the page listed as reserved).
LAMBDA_RESERVED_ENV_VARS: frozenset[str] = frozenset(
    {
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
        # Lambda Managed Instances only, but reserved on every function.
        "AWS_LAMBDA_MAX_CONCURRENCY",
        "AWS_LAMBDA_METADATA_API",
        "AWS_LAMBDA_METADATA_TOKEN",
    }
)

# Longest first, so that AWS_LAMBDA_FUNCTION_NAME loses `AWS_LAMBDA_` rather than only `AWS_`.
_RESERVED_PREFIXES = ("AWS_LAMBDA_", "AWS_", "LAMBDA_", "_")


def is_reserved_lambda_env_var(name: str) -> bool:
    return name in LAMBDA_RESERVED_ENV_VARS


def suggested_env_var_name(name: str) -> str:
    """A name the program may use instead: `AWS_REGION` -> `REGION`, `_HANDLER` -> `HANDLER`.

    The suggestion is never itself reserved; a name with none of the prefixes gets `APP_` in front.
    """
    for prefix in _RESERVED_PREFIXES:
        if name.startswith(prefix) and len(name) > len(prefix):
            candidate = name[len(prefix) :]
            if candidate not in LAMBDA_RESERVED_ENV_VARS:
                return candidate
    return f"APP_{name.lstrip('_')}"


# --------------------------------------------------------------------------------------------------
# Lambda runtimes

LAMBDA_RUNTIMES_SOURCE = (
    "AWS Lambda Developer Guide, 'Lambda runtimes' (supported and deprecated runtimes tables): "
    "https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html"
)
LAMBDA_RUNTIMES_CHECKED = dt.date(2026, 11, 23)

Family = Literal["nodejs", "python", "java", "dotnet", "ruby", "provided"]
Level = Literal["error", "warning", "info"]

# How long before a deprecation date the status turns to "info".
DEPRECATION_NOTICE = dt.timedelta(days=90)


@dataclass(frozen=True)
class LambdaRuntime:
    runtime: str
    family: Family
    # None where AWS's table says "not scheduled".
    deprecation: dt.date | None
    block_create: dt.date | None
    block_update: dt.date | None

    @property
    def successor(self) -> str:
        """The newest runtime of the same family: what a fix should move to."""
        return NEWEST_RUNTIME[self.family]


def _d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _row(
    runtime: str, family: Family, deprecation: str | None, create: str | None, update: str | None
) -> LambdaRuntime:
    return LambdaRuntime(
        runtime,
        family,
        _d(deprecation) if deprecation else None,
        _d(create) if create else None,
        _d(update) if update else None,
    )


# Go's managed runtime ended with go1.x; AWS points Go (and every custom runtime) at the OS-only
# runtimes, so go1.x belongs to the "provided" family here.
NEWEST_RUNTIME: dict[Family, str] = {
    "nodejs": "nodejs24.x",
    "python": "python3.14",
    "java": "java25",
    "dotnet": "dotnet10",
    # AWS added ruby4.0 in 2026 (deprecation 2029-03-31); it supersedes ruby3.4. Note that
    # @pulumi/aws 7.48.0's aws.lambda.Runtime enum stops at Ruby3d4, so a fix has to write the string.
    "ruby": "ruby4.0",
    "provided": "provided.al2023",
}

# Columns: runtime identifier, family, deprecation date, block function create, block function update.
#
# Dates as AWS's page gave them when checked. Only part of the page could be read directly (the Java
# rows, and the page's note that Amazon Linux 2 ends on 2026-06-30 while the AL2 runtimes keep
# receiving patches); the remaining rows were cross-checked against two transcriptions of the same
# page: cfn-lint's LmbdRuntimeLifecycle.json (updated 2026-06-02 "from AWS docs") and endoflife.date's
# aws-lambda page (synced from AWS's table, 2026-08), which agree on every deprecation and
# block-update date below. Doubts are marked on their rows.
#
# In 2026 AWS moved the block dates of most deprecated runtimes to 2027-02-01 (create) and 2027-03-03
# (update), and gave the Amazon Linux 2 runtimes java8.al2, java11, java17 and python3.11 another year.
_ROWS: tuple[LambdaRuntime, ...] = (
    # Node.js
    _row("nodejs24.x", "nodejs", "2028-04-30", "2028-06-01", "2028-07-01"),
    _row("nodejs22.x", "nodejs", "2027-04-30", "2027-06-01", "2027-07-01"),
    _row("nodejs20.x", "nodejs", "2026-04-30", "2027-02-01", "2027-03-03"),
    _row("nodejs18.x", "nodejs", "2025-09-01", "2027-02-01", "2027-03-03"),
    _row("nodejs16.x", "nodejs", "2024-06-12", "2027-02-01", "2027-03-03"),
    _row("nodejs14.x", "nodejs", "2023-12-04", "2024-01-09", "2027-03-03"),
    _row("nodejs12.x", "nodejs", "2023-03-31", "2023-03-31", "2023-04-30"),
    _row("nodejs10.x", "nodejs", "2021-07-30", "2021-07-30", "2022-02-14"),
    # The oldest rows are as AWS lists them, including block dates that precede the deprecation
    # date; only their (long past) block-update dates matter to a status check.
    _row("nodejs8.10", "nodejs", "2020-03-06", "2020-02-04", "2020-03-06"),
    _row("nodejs6.10", "nodejs", "2019-08-12", "2019-07-12", "2019-08-12"),
    _row("nodejs4.3", "nodejs", "2020-03-05", "2020-02-03", "2020-03-05"),
    _row("nodejs4.3-edge", "nodejs", "2020-03-05", "2019-03-31", "2019-04-30"),
    _row("nodejs", "nodejs", "2016-08-30", "2016-09-30", "2016-10-31"),
    # Python
    _row("python3.14", "python", "2029-06-30", "2029-07-31", "2029-08-31"),
    _row("python3.13", "python", "2029-06-30", "2029-07-31", "2029-08-31"),
    _row("python3.12", "python", "2028-10-31", "2028-11-30", "2029-01-10"),
    _row("python3.11", "python", "2027-06-30", "2027-07-31", "2027-08-31"),
    _row("python3.10", "python", "2026-10-31", "2027-02-01", "2027-03-03"),
    _row("python3.9", "python", "2025-12-15", "2027-02-01", "2027-03-03"),
    _row("python3.8", "python", "2024-10-14", "2027-02-01", "2027-03-03"),
    _row("python3.7", "python", "2023-12-04", "2024-01-09", "2027-03-03"),
    _row("python3.6", "python", "2022-07-18", "2022-07-18", "2022-08-29"),
    _row("python2.7", "python", "2021-07-15", "2021-07-15", "2022-05-30"),
    # Java
    _row("java25", "java", "2029-06-30", "2029-07-31", "2029-08-31"),
    _row("java21", "java", "2029-06-30", "2029-07-31", "2029-08-31"),
    # The AL2023 builds of Java 8/11/17 launched 2026-07-20. Their deprecation and block-update
    # dates come from endoflife.date's sync of AWS's table; the block-create date could not be read
    # and is assumed to follow the other 2029 Java rows.
    _row("java17.al2023", "java", "2029-06-30", "2029-07-31", "2029-08-31"),
    _row("java11.al2023", "java", "2029-06-30", "2029-07-31", "2029-08-31"),
    _row("java8.al2023", "java", "2029-06-30", "2029-07-31", "2029-08-31"),
    _row("java17", "java", "2027-06-30", "2027-07-31", "2027-08-31"),
    _row("java11", "java", "2027-06-30", "2027-07-31", "2027-08-31"),
    _row("java8.al2", "java", "2027-06-30", "2027-07-31", "2027-08-31"),
    _row("java8", "java", "2024-01-08", "2024-02-08", "2027-03-03"),
    # .NET. dotnet9, dotnet7 and dotnet5.0 are container-image-only (no .zip runtime), and AWS lists
    # no block dates for them: they can reach "warning", never "error".
    _row("dotnet10", "dotnet", "2028-11-14", "2028-12-14", "2029-01-15"),
    _row("dotnet9", "dotnet", "2026-11-10", None, None),
    _row("dotnet8", "dotnet", "2026-11-10", "2027-02-01", "2027-03-03"),
    _row("dotnet7", "dotnet", "2024-05-14", None, None),
    _row("dotnet6", "dotnet", "2024-12-20", "2027-02-01", "2027-03-03"),
    _row("dotnet5.0", "dotnet", "2022-05-10", None, None),
    _row("dotnetcore3.1", "dotnet", "2023-04-03", "2023-04-03", "2023-05-03"),
    _row("dotnetcore2.1", "dotnet", "2022-01-05", "2022-01-05", "2022-04-13"),
    _row("dotnetcore2.0", "dotnet", "2019-05-30", "2019-04-30", "2019-05-30"),
    _row("dotnetcore1.0", "dotnet", "2019-06-27", "2019-06-30", "2019-07-30"),
    # Ruby
    _row("ruby4.0", "ruby", "2029-03-31", "2029-04-30", "2029-05-31"),
    _row("ruby3.4", "ruby", "2028-03-31", "2028-04-30", "2028-05-31"),
    _row("ruby3.3", "ruby", "2027-03-31", "2027-04-30", "2027-05-31"),
    _row("ruby3.2", "ruby", "2026-03-31", "2027-02-01", "2027-03-03"),
    _row("ruby2.7", "ruby", "2023-12-07", "2024-01-09", "2027-03-03"),
    _row("ruby2.5", "ruby", "2021-07-30", "2021-07-30", "2022-03-31"),
    # OS-only runtimes (and Go)
    _row("provided.al2023", "provided", "2029-06-30", "2029-07-31", "2029-08-31"),
    _row("provided.al2", "provided", "2026-07-31", "2027-02-01", "2027-03-03"),
    _row("provided", "provided", "2024-01-08", "2024-02-08", "2027-03-03"),
    _row("go1.x", "provided", "2024-01-08", "2024-02-08", "2027-03-03"),
)

LAMBDA_RUNTIMES: dict[str, LambdaRuntime] = {row.runtime: row for row in _ROWS}


def lambda_runtime(runtime: str) -> LambdaRuntime | None:
    return LAMBDA_RUNTIMES.get(runtime)


def runtime_status(runtime: str, today: dt.date) -> tuple[Level | None, LambdaRuntime | None]:
    """How urgent a runtime is on `today`, with its row (None for a runtime the table lacks).

    "error" from the day AWS blocks function updates, "warning" from the deprecation date, "info"
    in the 90 days before it, else None. `today` is always the caller's, so results never depend on
    when the code runs.
    """
    row = LAMBDA_RUNTIMES.get(runtime)
    if row is None:
        return None, None
    if row.block_update is not None and today >= row.block_update:
        return "error", row
    if row.deprecation is not None:
        if today >= row.deprecation:
            return "warning", row
        if today >= row.deprecation - DEPRECATION_NOTICE:
            return "info", row
    return None, row
