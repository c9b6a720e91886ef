"""The extension's contributed settings and the server's ClientSettings describe the same thing.

Every `pulumiLint.*` setting in editor-extension/package.json (except the two that only the
extension reads: how to start the server) must be a ClientSettings field under its camelCase wire
name, with the same default and, for enumerations, the same values; and every ClientSettings field
must be contributed, or VS Code users could not set it.
"""

from __future__ import annotations

import dataclasses
import enum
import json
import re
import typing
from typing import Any

import pytest

from .support import EXTENSION_DIR

try:
    from pulumi_lint.settings import ClientSettings
except ModuleNotFoundError as error:  # pragma: no cover - only before server/settings.py exists
    if error.name not in ("pulumi_lint", "pulumi_lint.settings"):
        raise
    pytest.skip(f"the server's settings module is absent ({error.name})", allow_module_level=True)

SECTION = "pulumiLint"
EXTENSION_ONLY = {"server.path", "interpreter"}


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def contributed() -> dict[str, dict[str, Any]]:
    manifest = json.loads((EXTENSION_DIR / "package.json").read_text(encoding="utf-8"))
    properties: dict[str, dict[str, Any]] = manifest["contributes"]["configuration"]["properties"]
    prefix = SECTION + "."
    assert all(key.startswith(prefix) for key in properties), sorted(properties)
    return {key[len(prefix) :]: spec for key, spec in properties.items()}


def fields() -> dict[str, dataclasses.Field[Any]]:
    assert dataclasses.is_dataclass(ClientSettings)
    return {camel(field.name): field for field in dataclasses.fields(ClientSettings)}


def wire(value: Any) -> Any:
    """A Python default as it would travel in JSON."""
    if isinstance(value, enum.Enum):
        return wire(value.value)
    if isinstance(value, dict):
        return {str(key): wire(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, frozenset, set)):
        return [wire(item) for item in value]
    return value


def field_default(field: dataclasses.Field[Any]) -> Any:
    if field.default is not dataclasses.MISSING:
        return wire(field.default)
    if field.default_factory is not dataclasses.MISSING:
        return wire(field.default_factory())
    raise AssertionError(f"ClientSettings.{field.name} has no default; a client may omit any setting")


def literal_values(annotation: Any) -> set[Any] | None:
    """The allowed values of a Literal or Enum annotation, else None."""
    if typing.get_origin(annotation) is typing.Literal:
        return set(typing.get_args(annotation))
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return {member.value for member in annotation}
    return None


def test_every_contributed_setting_is_a_client_setting() -> None:
    shared = set(contributed()) - EXTENSION_ONLY
    assert shared, "no shared settings found in package.json"
    absent = sorted(shared - set(fields()))
    assert not absent, f"contributed but not in ClientSettings: {absent}"


def test_every_client_setting_is_contributed() -> None:
    names = set(fields())
    assert names, "ClientSettings has no fields"
    absent = sorted(names - set(contributed()))
    assert not absent, f"in ClientSettings but not contributed: {absent}"
    assert not names & EXTENSION_ONLY


@pytest.mark.parametrize("name", sorted(set(contributed()) - EXTENSION_ONLY))
def test_defaults_and_values_agree(name: str) -> None:
    spec = contributed()[name]
    field = fields().get(name)
    if field is None:
        pytest.fail(f"{SECTION}.{name} has no ClientSettings field", pytrace=False)
    assert spec["default"] == field_default(field), f"default of {SECTION}.{name}"
    hints = typing.get_type_hints(ClientSettings)
    allowed = literal_values(hints[field.name])
    if "enum" in spec:
        assert allowed is not None, f"{SECTION}.{name} is an enumeration; ClientSettings.{field.name} is not"
        assert set(spec["enum"]) == allowed
    else:
        assert allowed is None, f"ClientSettings.{field.name} is an enumeration; {SECTION}.{name} is not"


def test_severity_levels_agree() -> None:
    """The per-rule severity map accepts the same levels on both sides."""
    spec = contributed()["severity"]
    (pattern_spec,) = spec["patternProperties"].values()
    levels = set(pattern_spec["enum"])
    hints = typing.get_type_hints(ClientSettings)
    annotation = hints[fields()["severity"].name]
    key_type, value_type = typing.get_args(annotation)
    assert key_type is str
    assert literal_values(value_type) == levels
    (pattern,) = spec["patternProperties"]
    assert re.fullmatch(pattern, "AWS001")
