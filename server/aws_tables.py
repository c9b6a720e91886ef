"""Tables kept by hand from AWS's documentation, each dated and with its source."""

from __future__ import annotations

# Source: AWS Lambda Developer Guide, "Defined runtime environment variables" (reserved keys),
# checked 2026-11-23. Setting any of them fails deployment with InvalidParameterValueException.
LAMBDA_RESERVED_ENV_VARS_CHECKED = "2026-11-23"
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
        # Lambda Managed Instances.
        "AWS_LAMBDA_MAX_CONCURRENCY",
        "AWS_LAMBDA_METADATA_API",
        "AWS_LAMBDA_METADATA_TOKEN",
    }
)


def replacement_env_var(name: str) -> str:
    """A user-owned name for a reserved one: ``AWS_REGION`` becomes ``REGION``."""
    for prefix in ("AWS_LAMBDA_", "AWS_", "LAMBDA_", "_"):
        if name.startswith(prefix) and len(name) > len(prefix):
            return name[len(prefix) :]
    return f"APP_{name}"
