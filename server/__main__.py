"""``python -m pulumi_lint``: the same command line as ``pulumi-lint``."""

from .cli import run

if __name__ == "__main__":
    run()
