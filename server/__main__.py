"""``python -m pulumi_lint``: the same command line as ``pulumi-lint``."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
