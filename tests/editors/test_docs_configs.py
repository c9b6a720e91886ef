"""The editor configurations in docs/editors.md work as printed.

Each block marked `<!-- checked by tests/editors/test_docs_configs.py: NAME -->` is taken from
the page verbatim and used as the editor's configuration: the editor must start the server from
it (through `pulumi-lint server` on PATH), show the diagnostic and apply the quick fix. Helix is not
packaged for this platform, so its block is checked for structure and settings only.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .support import (
    REPO,
    VENV_BIN,
    ExampleProject,
    assert_fixed,
    assert_round_trip,
    emacs,
    missing,
    neovim,
    run_emacs,
    run_neovim,
)

DOC = REPO / "docs" / "editors.md"
MARKER = re.compile(
    r"<!-- checked by tests/editors/test_docs_configs\.py: (?P<name>[\w.-]+) -->\n"
    r"```(?P<lang>\w+)\n(?P<body>.*?)```",
    re.DOTALL,
)


def snippets() -> dict[str, tuple[str, str]]:
    found: dict[str, tuple[str, str]] = {}
    for match in MARKER.finditer(DOC.read_text(encoding="utf-8")):
        assert match["name"] not in found, f"two blocks named {match['name']}"
        found[match["name"]] = (match["lang"], match["body"])
    return found


def snippet_file(name: str, suffix: str, tmp_path: Path) -> Path:
    lang, body = snippets()[name]
    path = tmp_path / f"{name}{suffix}"
    path.write_text(body, encoding="utf-8")
    return path


@pytest.fixture
def on_path_project(example_project: ExampleProject) -> ExampleProject:
    """The documented configurations run `pulumi-lint server` from PATH and need a Pulumi.yaml."""
    if not (VENV_BIN / "pulumi-lint").exists():
        missing("the pulumi-lint console script", "pip install -e .")
    assert (example_project.root / "Pulumi.yaml").exists(), "examples/ has no Pulumi.yaml"
    return example_project


def test_every_marked_block_is_checked() -> None:
    assert set(snippets()) == {"neovim-0.11", "neovim-0.7", "emacs-eglot", "helix"}


@pytest.mark.parametrize(("name", "flavour"), [("neovim-0.11", "current"), ("neovim-0.7", "debian")])
def test_neovim_config(name: str, flavour: str, on_path_project: ExampleProject, tmp_path: Path) -> None:
    nvim = neovim(flavour)
    before = on_path_project.read()
    run = run_neovim(nvim, on_path_project, tmp_path, setup=snippet_file(name, ".lua", tmp_path))
    assert run.result["client_name"] == "pulumi_lint"
    # The filetype is set twice (detection, then the script): still one server per project.
    assert run.result["client_count"] == 1
    assert_round_trip(run.result, "message")
    assert_fixed(on_path_project, before)
    print(f"{name} block in {run.label}: quick fix round trip in {run.seconds:.1f} s")


def test_emacs_config(on_path_project: ExampleProject, tmp_path: Path) -> None:
    binary = emacs()
    before = on_path_project.read()
    run = run_emacs(binary, on_path_project, tmp_path, setup=snippet_file("emacs-eglot", ".el", tmp_path))
    assert run.result["server_command"] == ["pulumi-lint", "server"]
    assert_round_trip(run.result, "text")
    assert_fixed(on_path_project, before)
    print(f"emacs-eglot block in {run.label}: quick fix round trip in {run.seconds:.1f} s")


def test_helix_config() -> None:
    tomllib = pytest.importorskip("tomllib", reason="tomllib needs Python 3.11")
    lang, body = snippets()["helix"]
    assert lang == "toml"
    config = tomllib.loads(body)
    server = config["language-server"]["pulumi-lint"]
    assert [server["command"], *server["args"]] == ["pulumi-lint", "server"]
    # Helix answers workspace/configuration by walking `config` along the section's dots.
    settings = server["config"]["pulumiLint"]
    try:
        from pulumi_lint.settings import parse_settings
    except ModuleNotFoundError:
        pytest.skip("the server's settings module is absent")
    _, problems = parse_settings(settings)
    assert problems == []
    languages = {entry["name"]: entry["language-servers"] for entry in config["language"]}
    assert set(languages) == {"typescript", "tsx"}
    assert all("pulumi-lint" in servers for servers in languages.values())
