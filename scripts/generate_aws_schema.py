#!/usr/bin/env python3
"""Regenerate server/data/aws_schema.json from @pulumi/aws's TypeScript declarations.

The AWS rules need to know, per major version of @pulumi/aws, which resource types exist, which
input properties they take, which of those the SDK marks deprecated (and with what text), which
types take `tags`, which resource classes are deprecated, and the members of `aws.lambda.Runtime`.
All of that is in the package's `.d.ts` files, so this script fetches the published tarball with
`npm pack` (no dependencies, no install scripts), reads the declarations straight out of it with
tree-sitter, and writes one compact JSON file that is committed, so that nobody needs npm at run
time.

Type paths follow the package's own export graph from `index.d.ts` (`import * as s3 from "./s3"`,
`export * from "./provider"`, `export declare const Bucket: typeof import("./bucket").Bucket`),
so a path is exactly what a program writes: `aws.s3.Bucket`, `aws.Provider`, `aws.lambda.Runtime`.

Usage:
    python scripts/generate_aws_schema.py                  # pinned versions, writes the data file
    python scripts/generate_aws_schema.py --major 7=7.48.0 --major 6=6.83.4
    python scripts/generate_aws_schema.py --from-tarball 7=pulumi-aws-7.48.0.tgz
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import posixpath
import re
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tree_sitter_typescript
from tree_sitter import Language, Node, Parser

PACKAGE = "@pulumi/aws"
# Newest release of each major on the npm registry when the data file was last regenerated.
PINNED_VERSIONS: dict[int, str] = {7: "7.48.0", 6: "6.83.4"}
# Enums the rules resolve by member name; the others (e.g. ec2.InstanceType) would only add bulk.
ENUMS: tuple[str, ...] = ("aws.lambda.Runtime",)
RESOURCE_BASES = frozenset({"pulumi.CustomResource", "pulumi.ProviderResource"})
FORMAT = 1

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = REPO_ROOT / "server" / "data" / "aws_schema.json"

_TS = Language(tree_sitter_typescript.language_typescript())


# --------------------------------------------------------------------------------------------------
# Fetching


@dataclass(frozen=True)
class Tarball:
    path: Path
    version: str
    integrity: str | None


def npm_pack(version: str, dest: Path) -> Tarball:
    """Download the published tarball; `npm pack` skips the 200-odd runtime dependencies."""
    proc = subprocess.run(
        ["npm", "pack", f"{PACKAGE}@{version}", "--json", "--silent", "--pack-destination", str(dest)],
        check=True,
        capture_output=True,
        text=True,
    )
    info = json.loads(proc.stdout)[0]
    return Tarball(dest / info["filename"], info["version"], info.get("integrity"))


def read_declarations(tarball: Path) -> tuple[str, dict[str, bytes]]:
    """Return the package version and every `.d.ts` file, keyed by path inside the package.

    Nothing is extracted to disk, so member names in the archive can do no harm.
    """
    files: dict[str, bytes] = {}
    version = ""
    with tarfile.open(tarball, "r:gz") as tar:
        for member in tar:
            if not member.isfile():
                continue
            # npm tarballs put everything under one top folder, normally "package/".
            _, _, rel = member.name.partition("/")
            if rel.endswith(".d.ts") or rel == "package.json":
                handle = tar.extractfile(member)
                if handle is None:
                    continue
                data = handle.read()
                if rel == "package.json":
                    version = json.loads(data)["version"]
                else:
                    files[posixpath.normpath(rel)] = data
    if not version:
        raise SystemExit(f"{tarball}: no package.json in the archive")
    return version, files


# --------------------------------------------------------------------------------------------------
# Declaration parsing


def jsdoc_deprecation(comment: str) -> str | None:
    """The text of a JSDoc `@deprecated` tag (may be empty), or None when there is no such tag."""
    if not comment.startswith("/**"):
        return None
    body = comment[3:-2] if comment.endswith("*/") else comment[3:]
    lines = [re.sub(r"^\s*\*? ?", "", line).rstrip() for line in body.splitlines()]
    for i, line in enumerate(lines):
        match = re.match(r"@deprecated\b(.*)$", line.strip())
        if match is None:
            continue
        parts = [match.group(1).strip()]
        for following in lines[i + 1 :]:
            if following.strip().startswith("@"):
                break
            parts.append(following.strip())
        return " ".join(p for p in parts if p).strip()
    return None


def doc_comment(node: Node) -> str | None:
    """The JSDoc block written immediately before `node`, if any."""
    prev = node.prev_named_sibling
    if prev is None or prev.type != "comment" or prev.text is None:
        return None
    text = prev.text.decode()
    return text if text.startswith("/**") else None


def deprecation_of(node: Node) -> str | None:
    comment = doc_comment(node)
    return jsdoc_deprecation(comment) if comment is not None else None


def member_name(node: Node) -> str | None:
    name = node.child_by_field_name("name")
    if name is None or name.text is None:
        return None
    if name.type == "string":
        return name.text.decode()[1:-1]
    return name.text.decode()


def first_named(node: Node | None) -> Node | None:
    return node.named_children[0] if node is not None and node.named_child_count else None


def string_value(node: Node | None) -> str | None:
    if node is None or node.type != "string" or node.text is None:
        return None
    return node.text.decode()[1:-1]


@dataclass(frozen=True)
class Ref:
    """Symbol `name` as seen from `file` (declared there or re-exported through it)."""

    file: str
    name: str


@dataclass(frozen=True)
class Namespace:
    file: str


Export = Ref | Namespace


@dataclass
class Resource:
    inputs: list[str] = field(default_factory=list)
    required: list[str] = field(default_factory=list)
    deprecated_inputs: dict[str, str] = field(default_factory=dict)
    outputs: list[str] = field(default_factory=list)
    deprecated_outputs: dict[str, str] = field(default_factory=dict)
    deprecation: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"in": sorted(self.inputs)}
        if self.required:
            out["req"] = sorted(self.required)
        if self.deprecated_inputs:
            out["depIn"] = dict(sorted(self.deprecated_inputs.items()))
        out["out"] = sorted(self.outputs)
        if self.deprecated_outputs:
            out["depOut"] = dict(sorted(self.deprecated_outputs.items()))
        if "tags" in self.inputs:
            out["tags"] = True
        if self.deprecation is not None:
            out["dep"] = self.deprecation
        return out


@dataclass
class Enum:
    members: dict[str, str] = field(default_factory=dict)
    deprecated: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"members": self.members}
        if self.deprecated:
            out["deprecated"] = self.deprecated
        return out


class Package:
    """The export graph of one package's declarations."""

    def __init__(self, files: dict[str, bytes]) -> None:
        self.files = files
        self._parser = Parser(_TS)
        self._roots: dict[str, Node] = {}
        self._exports: dict[str, dict[str, Export]] = {}
        self.problems: list[str] = []

    def root(self, file: str) -> Node:
        if file not in self._roots:
            tree = self._parser.parse(self.files[file])
            if tree.root_node.has_error:
                self.problems.append(f"{file}: parse errors")
            self._roots[file] = tree.root_node
        return self._roots[file]

    def resolve_module(self, importer: str, specifier: str) -> str | None:
        if not specifier.startswith("."):
            return None  # another package (e.g. @pulumi/pulumi): nothing of ours
        base = posixpath.normpath(posixpath.join(posixpath.dirname(importer), specifier))
        for candidate in (f"{base}.d.ts", f"{base}/index.d.ts"):
            if candidate in self.files:
                return candidate
        return None

    # The declarations a file makes itself, by exported name.
    def local_declaration(self, file: str, name: str) -> Node | None:
        for stmt in self.root(file).named_children:
            if stmt.type != "export_statement":
                continue
            decl = stmt.child_by_field_name("declaration")
            if decl is None:
                continue
            if decl.type == "ambient_declaration" and decl.named_child_count:
                decl = decl.named_children[0]
            if decl.type in ("class_declaration", "abstract_class_declaration"):
                if member_name(decl) == name:
                    return decl
            elif decl.type == "lexical_declaration":
                for declarator in decl.named_children:
                    if declarator.type == "variable_declarator" and member_name(declarator) == name:
                        return declarator
        return None

    def exports(self, file: str, _stack: tuple[str, ...] = ()) -> dict[str, Export]:
        if file in self._exports:
            return self._exports[file]
        if file in _stack:
            return {}
        stack = (*_stack, file)
        root = self.root(file)
        namespace_imports: dict[str, str] = {}
        named_imports: dict[str, Ref] = {}
        for stmt in root.named_children:
            if stmt.type != "import_statement":
                continue
            target = self.resolve_module(file, string_value(stmt.child_by_field_name("source")) or "")
            if target is None:
                continue
            for clause in stmt.named_children:
                if clause.type != "import_clause":
                    continue
                for part in clause.named_children:
                    if part.type == "namespace_import" and part.named_child_count:
                        ident = part.named_children[0].text
                        if ident is not None:
                            namespace_imports[ident.decode()] = target
                    elif part.type == "named_imports":
                        for spec in part.named_children:
                            if spec.type != "import_specifier":
                                continue
                            orig = member_name(spec)
                            alias = spec.child_by_field_name("alias")
                            local = alias.text.decode() if alias is not None and alias.text else orig
                            if orig and local:
                                named_imports[local] = Ref(target, orig)

        explicit: dict[str, Export] = {}
        star: list[str] = []
        for stmt in root.named_children:
            if stmt.type != "export_statement":
                continue
            decl = stmt.child_by_field_name("declaration")
            source_node = stmt.child_by_field_name("source")
            source = self.resolve_module(file, string_value(source_node) or "")
            if decl is not None:
                self._declaration_exports(file, decl, explicit)
                continue
            export_clause = next((c for c in stmt.named_children if c.type == "export_clause"), None)
            ns_export = next((c for c in stmt.named_children if c.type == "namespace_export"), None)
            if export_clause is not None:
                for spec in export_clause.named_children:
                    if spec.type != "export_specifier":
                        continue
                    orig = member_name(spec)
                    alias = spec.child_by_field_name("alias")
                    public = alias.text.decode() if alias is not None and alias.text else orig
                    if not orig or not public:
                        continue
                    if source_node is not None:
                        if source is not None:
                            explicit[public] = Ref(source, orig)
                    elif orig in namespace_imports:
                        explicit[public] = Namespace(namespace_imports[orig])
                    elif orig in named_imports:
                        explicit[public] = named_imports[orig]
                    else:
                        explicit[public] = Ref(file, orig)
            elif ns_export is not None:
                ident = ns_export.named_children[0].text if ns_export.named_child_count else None
                if ident is not None and source is not None:
                    explicit[ident.decode()] = Namespace(source)
            elif source is not None:
                star.append(source)

        # Names a file exports itself win over those that come in through `export *`.
        combined: dict[str, Export] = {}
        for target in star:
            for name, exp in self.exports(target, stack).items():
                combined.setdefault(name, exp)
        combined.update(explicit)
        self._exports[file] = combined
        return combined

    def _declaration_exports(self, file: str, decl: Node, explicit: dict[str, Export]) -> None:
        if decl.type == "ambient_declaration" and decl.named_child_count:
            decl = decl.named_children[0]
        if decl.type in ("class_declaration", "abstract_class_declaration"):
            name = member_name(decl)
            if name:
                explicit[name] = Ref(file, name)
        elif decl.type == "lexical_declaration":
            for declarator in decl.named_children:
                if declarator.type != "variable_declarator":
                    continue
                name = member_name(declarator)
                if not name:
                    continue
                # `export declare const Bucket: typeof import("./bucket").Bucket;`
                target = self._typeof_import(file, declarator)
                explicit[name] = target if target is not None else Ref(file, name)

    def _typeof_import(self, file: str, declarator: Node) -> Ref | None:
        annotation = declarator.child_by_field_name("type")
        query = first_named(annotation)
        if query is None or query.type != "type_query" or not query.named_child_count:
            return None
        member = query.named_children[0]
        if member.type != "member_expression":
            return None
        call = member.child_by_field_name("object")
        prop = member.child_by_field_name("property")
        if call is None or prop is None or prop.text is None or call.type != "call_expression":
            return None
        args = call.child_by_field_name("arguments")
        spec = string_value(first_named(args))
        target = self.resolve_module(file, spec or "")
        return Ref(target, prop.text.decode()) if target is not None else None

    def declaration(self, ref: Ref, depth: int = 0) -> tuple[str, Node] | None:
        """Follow re-exports to the file and node that declare `ref`."""
        if depth > 20:
            return None
        node = self.local_declaration(ref.file, ref.name)
        if node is not None and self._typeof_import(ref.file, node) is None:
            return ref.file, node
        nxt = self.exports(ref.file).get(ref.name)
        if isinstance(nxt, Ref) and nxt != ref:
            return self.declaration(nxt, depth + 1)
        return None

    def walk(self, file: str, prefix: str, stack: tuple[str, ...] = ()) -> Iterator[tuple[str, str, Node]]:
        """Yield (type path, declaring file, node) for every exported symbol reachable from `file`."""
        stack = (*stack, file)
        for name, exp in sorted(self.exports(file).items()):
            path = f"{prefix}.{name}"
            if isinstance(exp, Namespace):
                if exp.file not in stack:
                    yield from self.walk(exp.file, path, stack)
                continue
            found = self.declaration(exp)
            if found is not None:
                yield path, found[0], found[1]


def class_base(decl: Node) -> str | None:
    for child in decl.named_children:
        if child.type == "class_heritage":
            for clause in child.named_children:
                if clause.type == "extends_clause":
                    value = clause.child_by_field_name("value")
                    if value is not None and value.text is not None:
                        return value.text.decode()
    return None


def args_type_name(body: Node) -> str | None:
    """The type of the constructor's `args` parameter (`constructor(name, args?: BucketArgs, ...)`)."""
    for member in body.named_children:
        if member.type != "method_signature" or member_name(member) != "constructor":
            continue
        params = member.child_by_field_name("parameters")
        if params is None:
            continue
        for param in params.named_children:
            pattern = param.child_by_field_name("pattern")
            annotation = param.child_by_field_name("type")
            if pattern is None or pattern.text != b"args" or annotation is None:
                continue
            inner = first_named(annotation)
            if inner is not None and inner.type == "type_identifier" and inner.text is not None:
                return inner.text.decode()
    return None


def find_interface(root: Node, name: str) -> Node | None:
    for stmt in root.named_children:
        decl = stmt.child_by_field_name("declaration") if stmt.type == "export_statement" else stmt
        if decl is not None and decl.type == "interface_declaration" and member_name(decl) == name:
            return decl
    return None


def is_static(member: Node) -> bool:
    return any(child.type == "static" for child in member.children)


def is_optional(member: Node) -> bool:
    return any(child.type == "?" for child in member.children)


def read_resource(pkg: Package, file: str, decl: Node, problems: list[str], path: str) -> Resource:
    res = Resource()
    export_stmt = decl.parent
    if export_stmt is not None and export_stmt.type == "ambient_declaration":
        export_stmt = export_stmt.parent
    if export_stmt is not None:
        res.deprecation = deprecation_of(export_stmt)
    body = decl.child_by_field_name("body")
    if body is None:
        problems.append(f"{path}: class without a body")
        return res
    for member in body.named_children:
        if member.type == "public_field_definition" and not is_static(member):
            name = member_name(member)
            if name:
                res.outputs.append(name)
                text = deprecation_of(member)
                if text is not None:
                    res.deprecated_outputs[name] = text
    args_name = args_type_name(body)
    if args_name is None:
        problems.append(f"{path}: no constructor `args` parameter")
        return res
    interface = find_interface(pkg.root(file), args_name)
    if interface is None:
        problems.append(f"{path}: interface {args_name} not found in {file}")
        return res
    if any(child.type == "extends_type_clause" for child in interface.named_children):
        problems.append(f"{path}: {args_name} extends another interface; inherited inputs not read")
    iface_body = interface.child_by_field_name("body")
    for member in iface_body.named_children if iface_body is not None else []:
        if member.type != "property_signature":
            continue
        name = member_name(member)
        if not name:
            continue
        res.inputs.append(name)
        if not is_optional(member):
            res.required.append(name)
        text = deprecation_of(member)
        if text is not None:
            res.deprecated_inputs[name] = text
    return res


def read_enum(declarator: Node) -> Enum | None:
    annotation = declarator.child_by_field_name("type")
    obj = first_named(annotation)
    if obj is None or obj.type != "object_type":
        return None
    enum = Enum()
    for member in obj.named_children:
        if member.type != "property_signature":
            continue
        name = member_name(member)
        value_ann = member.child_by_field_name("type")
        value = string_value(first_named(first_named(value_ann)))
        if name is None or value is None:
            continue
        enum.members[name] = value
        text = deprecation_of(member)
        if text is not None:
            enum.deprecated[name] = text
    return enum


def extract(files: dict[str, bytes]) -> tuple[dict[str, Any], list[str]]:
    pkg = Package(files)
    problems = pkg.problems
    resources: dict[str, Resource] = {}
    enums: dict[str, Enum] = {}
    for path, file, node in pkg.walk("index.d.ts", "aws"):
        if node.type in ("class_declaration", "abstract_class_declaration"):
            if class_base(node) in RESOURCE_BASES:
                resources[path] = read_resource(pkg, file, node, problems, path)
        elif node.type == "variable_declarator" and path in ENUMS:
            enum = read_enum(node)
            if enum is None:
                problems.append(f"{path}: not an object-typed const")
            else:
                enums[path] = enum
    for wanted in ENUMS:
        if wanted not in enums:
            problems.append(f"{wanted}: not found")
    data = {
        "resources": {k: v.to_json() for k, v in sorted(resources.items())},
        "enums": {k: v.to_json() for k, v in sorted(enums.items())},
    }
    return data, problems


# --------------------------------------------------------------------------------------------------
# Output


def dump(document: dict[str, Any]) -> str:
    """JSON with one resource per line: compact, yet a regeneration diffs line by line."""
    majors = document["majors"]
    head = {k: v for k, v in document.items() if k != "majors"}
    out = ["{"]
    for key, value in head.items():
        out.append(f"{json.dumps(key)}: {json.dumps(value, separators=(',', ':'))},")
    out.append('"majors": {')
    for mi, (major, data) in enumerate(majors.items()):
        out.append(f"{json.dumps(major)}: {{")
        out.append(f'"enums": {json.dumps(data["enums"], separators=(",", ":"))},')
        out.append('"resources": {')
        items = list(data["resources"].items())
        for ri, (path, res) in enumerate(items):
            comma = "," if ri < len(items) - 1 else ""
            out.append(f"{json.dumps(path)}: {json.dumps(res, separators=(',', ':'))}{comma}")
        out.append("}")
        out.append("}" + ("," if mi < len(majors) - 1 else ""))
    out.append("}")
    out.append("}")
    return "\n".join(out) + "\n"


def parse_pairs(values: list[str], what: str) -> dict[int, str]:
    pairs: dict[int, str] = {}
    for value in values:
        major, sep, rest = value.partition("=")
        if not sep or not major.isdigit() or not rest:
            raise SystemExit(f"--{what} wants MAJOR=VALUE, got {value!r}")
        pairs[int(major)] = rest
    return pairs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--major",
        action="append",
        default=[],
        metavar="MAJOR=VERSION",
        help=f"version to use for a major (default: {PINNED_VERSIONS}); repeat per major",
    )
    ap.add_argument(
        "--from-tarball",
        action="append",
        default=[],
        metavar="MAJOR=PATH",
        help="read an already downloaded tarball instead of running npm pack",
    )
    ap.add_argument("--only", type=int, action="append", help="generate only these majors")
    ap.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    ap.add_argument("--date", help="generation date to record (default: today, UTC)")
    args = ap.parse_args(argv)

    started = time.perf_counter()
    versions = dict(PINNED_VERSIONS) | parse_pairs(args.major, "major")
    tarballs = {m: Path(p) for m, p in parse_pairs(args.from_tarball, "from-tarball").items()}
    majors = sorted(set(args.only) if args.only else set(versions) | set(tarballs), reverse=True)

    document: dict[str, Any] = {
        "format": FORMAT,
        "package": PACKAGE,
        "generated": args.date or dt.datetime.now(dt.timezone.utc).date().isoformat(),
        "generator": "scripts/generate_aws_schema.py",
        "versions": {},
        "integrity": {},
        "majors": {},
    }
    all_problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="aws-schema-") as tmp:
        for major in majors:
            if major in tarballs:
                tarball = Tarball(tarballs[major], "", None)
            else:
                print(f"npm pack {PACKAGE}@{versions[major]}", file=sys.stderr)
                tarball = npm_pack(versions[major], Path(tmp))
            version, files = read_declarations(tarball.path)
            if not version.startswith(f"{major}."):
                raise SystemExit(f"{tarball.path}: version {version} is not major {major}")
            data, problems = extract(files)
            all_problems += [f"v{version} {p}" for p in problems]
            document["versions"][str(major)] = version
            if tarball.integrity:
                document["integrity"][str(major)] = tarball.integrity
            document["majors"][str(major)] = data
            print(
                f"v{version}: {len(data['resources'])} resources, {len(files)} declaration files",
                file=sys.stderr,
            )
    if not document["integrity"]:
        del document["integrity"]

    text = dump(document)
    json.loads(text)  # the hand-rolled layout must still be JSON
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_bytes(text.encode())
    for problem in all_problems:
        print(f"warning: {problem}", file=sys.stderr)
    print(
        f"wrote {args.output} ({len(text.encode()):,} bytes) in {time.perf_counter() - started:.1f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
