"""What @pulumi/aws declares, per major version: resource inputs, deprecations, tags, Lambda runtimes.

The data comes from `data/aws_schema.json`, which `scripts/generate_aws_schema.py` extracts from the
package's TypeScript declarations. Nothing is read at import time: the first call to `schema()` loads
the file, and every later call in the process reuses it. Per-resource objects are built on first
lookup, so a lint that touches ten resource types never pays for the other seventeen hundred.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

DEFAULT_MAJOR = 7
# Beside the module rather than through importlib.resources, whose import alone costs ~10 ms.
DATA_PATH = Path(__file__).resolve().parent / "data" / "aws_schema.json"
SUPPORTED_FORMAT = 1

# A type named in a deprecation text, in any of the SDK's spellings: `aws.s3.BucketVersioning`,
# `s3.Bucket`, or the resource token form `aws.s3/bucketversioning.BucketVersioning`.
_TYPE_MENTION = re.compile(
    r"(?<![\w.])(?:aws\.)?(?P<module>[a-z][a-z0-9]*(?:\.[a-z][a-z0-9]*)*)(?:/[A-Za-z0-9]+)?\.(?P<cls>[A-Z]\w*)"
)


@dataclass(frozen=True)
class ResourceInfo:
    """One resource type as a given major version of @pulumi/aws declares it."""

    type_path: str
    major: int
    inputs: frozenset[str]
    required_inputs: frozenset[str]
    deprecated_inputs: Mapping[str, str]
    outputs: frozenset[str]
    deprecated_outputs: Mapping[str, str]
    taggable: bool
    deprecation: str | None

    @property
    def deprecated(self) -> bool:
        return self.deprecation is not None


@dataclass(frozen=True)
class EnumInfo:
    type_path: str
    members: Mapping[str, str]
    deprecated_members: Mapping[str, str]


class SchemaError(ValueError):
    """The data file is missing, malformed, or of a format this code does not read."""


class AwsSchema:
    def __init__(self, document: Mapping[str, Any]) -> None:
        if document.get("format") != SUPPORTED_FORMAT:
            raise SchemaError(f"unsupported aws schema format {document.get('format')!r}")
        try:
            self._majors: dict[int, Mapping[str, Any]] = {int(k): v for k, v in document["majors"].items()}
            self.versions: Mapping[int, str] = MappingProxyType(
                {int(k): str(v) for k, v in document["versions"].items()}
            )
        except (KeyError, AttributeError, ValueError) as exc:
            raise SchemaError(f"malformed aws schema: {exc}") from exc
        self.generated: str = str(document.get("generated", ""))
        self.package: str = str(document.get("package", "@pulumi/aws"))
        self._resources: dict[tuple[int, str], ResourceInfo | None] = {}
        self._enums: dict[tuple[int, str], EnumInfo | None] = {}

    @property
    def majors(self) -> tuple[int, ...]:
        return tuple(sorted(self._majors))

    def has_major(self, major: int) -> bool:
        return major in self._majors

    def resource_types(self, major: int = DEFAULT_MAJOR) -> Iterator[str]:
        return iter(self._major(major).get("resources", {}))

    def resource(self, type_path: str, major: int = DEFAULT_MAJOR) -> ResourceInfo | None:
        key = (major, type_path)
        if key not in self._resources:
            raw = self._major(major).get("resources", {}).get(type_path)
            self._resources[key] = None if raw is None else _resource_info(type_path, major, raw)
        return self._resources[key]

    def enum(self, type_path: str, major: int = DEFAULT_MAJOR) -> EnumInfo | None:
        key = (major, type_path)
        if key not in self._enums:
            raw = self._major(major).get("enums", {}).get(type_path)
            self._enums[key] = (
                None
                if raw is None
                else EnumInfo(
                    type_path,
                    MappingProxyType(dict(raw.get("members", {}))),
                    MappingProxyType(dict(raw.get("deprecated", {}))),
                )
            )
        return self._enums[key]

    def lambda_runtime_for_member(self, name: str, major: int = DEFAULT_MAJOR) -> str | None:
        """`NodeJS18dX` -> `"nodejs18.x"`: the runtime string behind an `aws.lambda.Runtime` member."""
        runtime = self.enum("aws.lambda.Runtime", major)
        return None if runtime is None else runtime.members.get(name)

    def lambda_runtime_member_for(self, runtime: str, major: int = DEFAULT_MAJOR) -> str | None:
        """The inverse, for fixes that keep a program's `aws.lambda.Runtime.X` style."""
        enum = self.enum("aws.lambda.Runtime", major)
        if enum is None:
            return None
        return next((name for name, value in enum.members.items() if value == runtime), None)

    def mentioned_type(self, text: str, major: int = DEFAULT_MAJOR, exclude: str | None = None) -> str | None:
        """The first resource type of this major that a deprecation text names, other than `exclude`.

        The SDK writes replacements as `aws.s3.BucketVersioning`, `s3.Bucket` or
        `aws.s3/bucketversioning.BucketVersioning`; only names that exist in the schema count, so a
        property name or URL that happens to look like a path is never returned.
        """
        known = self._major(major).get("resources", {})
        for match in _TYPE_MENTION.finditer(text):
            path = f"aws.{match.group('module')}.{match.group('cls')}"
            if path != exclude and path in known:
                return path
        return None

    def _major(self, major: int) -> Mapping[str, Any]:
        return self._majors.get(major, {})


def _resource_info(type_path: str, major: int, raw: Mapping[str, Any]) -> ResourceInfo:
    inputs = frozenset(raw.get("in", ()))
    return ResourceInfo(
        type_path=type_path,
        major=major,
        inputs=inputs,
        required_inputs=frozenset(raw.get("req", ())),
        deprecated_inputs=MappingProxyType(dict(raw.get("depIn", {}))),
        outputs=frozenset(raw.get("out", ())),
        deprecated_outputs=MappingProxyType(dict(raw.get("depOut", {}))),
        taggable="tags" in inputs,
        deprecation=raw.get("dep"),
    )


def load_schema(path: Path | None = None) -> AwsSchema:
    """Read a schema file; `None` means the one shipped in the package. Does not cache."""
    # Imported here: the CLI's start-up should not pay for json unless a rule needs the schema.
    import json

    try:
        document = json.loads((path or DATA_PATH).read_bytes())
    except (OSError, ValueError) as exc:
        raise SchemaError(f"cannot read the aws schema: {exc}") from exc
    if not isinstance(document, dict):
        raise SchemaError("the aws schema is not a JSON object")
    return AwsSchema(document)


class _Cache:
    lock = threading.Lock()
    value: AwsSchema | None = None


def schema() -> AwsSchema:
    """The shipped schema, loaded on first use and shared for the life of the process."""
    if _Cache.value is None:
        with _Cache.lock:
            if _Cache.value is None:
                _Cache.value = load_schema()
    return _Cache.value


__all__ = [
    "DEFAULT_MAJOR",
    "AwsSchema",
    "EnumInfo",
    "ResourceInfo",
    "SchemaError",
    "load_schema",
    "schema",
]
