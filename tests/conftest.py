"""Shared test setup."""

from __future__ import annotations

import pytest
from lsprotocol import types as lsp
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, LanguageClient


def _register_capability(client: LanguageClient, params: lsp.RegistrationParams) -> None:
    """Accept dynamic registrations as real clients do, and keep them for tests to inspect."""
    registrations: list[lsp.Registration] = getattr(client, "registrations", [])
    registrations.extend(params.registrations)
    client.registrations = registrations  # type: ignore[attr-defined]


# pytest-lsp's test client answers only a few server-to-client requests by default; the server
# registers its config file watcher with every client that supports dynamic registration.
DEFAULT_CLIENT_FEATURES.setdefault(lsp.CLIENT_REGISTER_CAPABILITY, _register_capability)


@pytest.fixture(autouse=True)
def _result_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test's CLI runs keep their result cache in a folder of their own, never in the checkout
    (and never share results with another test)."""
    monkeypatch.setenv("PULUMI_LINT_CACHE_DIR", str(tmp_path_factory.mktemp("pulumi-lint-cache")))
