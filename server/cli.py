"""Command line (placeholder until the full CLI lands): only ``server``."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["server"]:
        from .lsp.server import run_stdio

        run_stdio()
        return 0
    print("usage: pulumi-lint server", file=sys.stderr)
    return 2
