"""Shared test setup."""

from __future__ import annotations

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
