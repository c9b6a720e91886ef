"""The server answers initialize before it loads the analysis core, and loads it right after."""

from __future__ import annotations

import subprocess
import sys

from lsprotocol import types as lsp
from pulumi_lint.lsp.server import PulumiLintServer, initialize
from pulumi_lint.settings import parse_settings
from pygls.workspace import Workspace

# What answering initialize must not wait for: the parser, the model, the engine and the rules.
DEFERRED = (
    "tree_sitter",
    "pulumi_lint.document",
    "pulumi_lint.model",
    "pulumi_lint.engine",
    "pulumi_lint.rules",
    "pulumi_lint.project",
    "pulumi_lint.config_file",
)


def test_importing_the_server_leaves_the_analysis_core_unloaded() -> None:
    probe = (
        "import sys\n"
        "import pulumi_lint.cli, pulumi_lint.lsp.server\n"
        f"print(','.join(name for name in {DEFERRED!r} if name in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""


def test_settings_sent_with_initialize_apply_at_warm_up() -> None:
    server = PulumiLintServer()
    server.protocol._workspace = Workspace(None)  # what initialize would set up
    params = lsp.InitializeParams(
        capabilities=lsp.ClientCapabilities(),
        initialization_options={"pulumiLint": {"severity": {"AWS001": "hint"}, "unsafeFixes": False}},
    )
    initialize(server, params)
    assert server.warm_up_due
    assert server.settings.unsafe_fixes, "not applied while initialize is being answered"
    server.flush()  # after the batch that carried initialize
    assert not server.warm_up_due
    assert not server.settings.unsafe_fixes
    assert server.engine.config.unsafe_fixes is False
    assert any(rule.code == "AWS001" for rule in server.engine.all_rules)
    expected, _ = parse_settings({"severity": {"AWS001": "hint"}, "unsafeFixes": False})
    assert server.settings == expected
