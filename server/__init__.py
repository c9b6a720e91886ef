"""pulumi-lint: lint Pulumi TypeScript programs on AWS as you type."""

__version__ = "0.1.0"
