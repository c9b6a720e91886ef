"""The Project object: discovery, project files, entry resolution, caching, invalidation, overlays."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pulumi_lint.config import LintConfig
from pulumi_lint.document import Document
from pulumi_lint.engine import Engine
from pulumi_lint.findings import Finding
from pulumi_lint.project import (
    DEFAULT_AWS_MAJOR,
    Project,
    ProjectCache,
    json_model,
    major_of_range,
    normalise,
)
from pulumi_lint.project_lint import fix_project_file, project_file_parses, project_findings
from pulumi_lint.rules import rule_by_code


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def touch(path: Path, text: str) -> None:
    """Rewrite a file and move its modification time on, as a later save would."""
    before = path.stat().st_mtime_ns if path.exists() else 0
    path.write_text(text)
    os.utime(path, ns=(before + 10_000_000, before + 10_000_000))


def project_at(root: Path, files: dict[str, str]) -> Project:
    write(root, files)
    project = ProjectCache().project_for(root / "Pulumi.yaml")
    assert project is not None
    return project


# Discovery ------------------------------------------------------------------------------------


def test_the_nearest_pulumi_yaml_upward_is_the_root(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "Pulumi.yaml": "name: outer\nruntime: nodejs\n",
            "lib/deep/stack.ts": "export {};\n",
            "apps/api/Pulumi.yml": "name: api\nruntime: nodejs\n",
            "apps/api/src/index.ts": "export {};\n",
        },
    )
    cache = ProjectCache()
    outer = cache.project_for(tmp_path / "lib/deep/stack.ts")
    inner = cache.project_for(tmp_path / "apps/api/src/index.ts")
    assert outer is not None and outer.name == "outer" and outer.root == normalise(tmp_path)
    assert inner is not None and inner.name == "api" and inner.pulumi_yaml.name == "Pulumi.yml"
    # The same object until something changes.
    assert cache.project_for(tmp_path / "lib") is outer
    # A nested project's files are not the outer program's.
    assert normalise(tmp_path / "apps/api/src/index.ts") not in outer.program_files()


def test_a_file_outside_any_project_has_none(tmp_path: Path) -> None:
    write(tmp_path, {"loose/index.ts": "export {};\n"})
    assert ProjectCache().project_for(tmp_path / "loose/index.ts") is None


# Project files --------------------------------------------------------------------------------


def test_pulumi_yaml_and_stack_files_are_read_with_ranges(tmp_path: Path) -> None:
    project = project_at(
        tmp_path,
        {
            "Pulumi.yaml": (
                "name: TapStack  # the project\n"
                "runtime:\n  name: nodejs\n  options:\n    typescript: true\n"
                "description: Données (non-ASCII before the keys)\n"
                "main: bin/tap.ts\n"
                "stackConfigDir: config\n"
                "config:\n  retentionDays:\n    type: integer\n    default: 7\n  aws:region: eu-west-1\n"
            ),
            "config/Pulumi.dev.yaml": (
                "# ünïcode comment\nconfig:\n  pulumi-infra:bucket_name: data-dev\n"
                "  TapStack:memory: '512'\n  aws:config:region: us-east-2\n"
                "  TapStack:token:\n    secure: AAAB\n"
            ),
            "config/Pulumi.prod.yaml": "",
            "Pulumi.ignored.yaml": "config:\n  x:y: z\n",  # not in stackConfigDir
        },
    )
    assert (project.name, project.runtime, project.main) == ("TapStack", "nodejs", "bin/tap.ts")
    assert [s.stack for s in project.stacks] == ["dev", "prod"]
    dev = project.stacks[0]
    source = dev.path.read_bytes()
    for key in dev.keys:
        assert source[key.start : key.end].decode() == key.written
    assert [(k.namespace, k.name) for k in dev.keys] == [
        ("pulumi-infra", "bucket_name"),
        ("TapStack", "memory"),
        ("aws", "region"),  # the legacy ns:config:name form
        ("TapStack", "token"),
    ]
    assert [(k.namespace, k.name, k.explicit_namespace) for k in project.project_config] == [
        ("TapStack", "retentionDays", False),
        ("aws", "region", True),
    ]
    assert set(project.config_namespaces("region")) == {"aws"}
    assert set(project.config_namespaces("bucket_name")) == {"pulumi-infra"}
    main = project.entries["main"]
    yaml_source = project.pulumi_yaml.read_bytes()
    assert yaml_source[main.value_start : main.value_end] == b"bin/tap.ts"
    assert project.problems == []


def test_malformed_files_become_problems_not_exceptions(tmp_path: Path) -> None:
    project = project_at(
        tmp_path,
        {
            "Pulumi.yaml": "name: broken\nruntime: nodejs\n",
            "Pulumi.dev.yaml": "config:\n  a:b: [1, 2\n  c:d: e\n",
            "Pulumi.prod.yaml": "- just\n- a list\n",
            "package.json": '{ "name": "x", }\n',
        },
    )
    by_file = {Path(p.path).name: p for p in project.problems}
    assert set(by_file) == {"Pulumi.dev.yaml", "Pulumi.prod.yaml", "package.json"}
    dev = by_file["Pulumi.dev.yaml"]
    assert dev.message.startswith("Malformed YAML")
    assert (tmp_path / "Pulumi.dev.yaml").read_bytes()[: dev.start].count(b"\n") >= 1
    assert by_file["package.json"].message.startswith("Malformed JSON")
    assert project.package_json is None
    assert project.name == "broken"


def test_a_broken_pulumi_yaml_still_gives_a_project(tmp_path: Path) -> None:
    project = project_at(tmp_path, {"Pulumi.yaml": "name: [unclosed\n", "index.ts": "export {};\n"})
    assert project.name is None
    assert len(project.problems) == 1 and project.problems[0].path == str(normalise(tmp_path / "Pulumi.yaml"))
    assert project.entry == normalise(tmp_path / "index.ts")


@pytest.mark.parametrize(
    ("spec", "major"),
    [
        ("^7.0.0", 7),
        ("~6.66.1", 6),
        ("7.x", 7),
        ("7", 7),
        ("=7.12.0", 7),
        (">=6.0.0 <8.0.0", 7),
        (">=6.0.0 <=7.5.0", 7),
        ("^6.0.0 || ^7.0.0", 7),
        ("6.0.0 - 7.2.0", 7),
        ("workspace:^7.1.0", 7),
        ("npm:@pulumi/aws@^6.1.0", 6),
        ("*", None),
        ("latest", None),
        (">=6.0.0", None),
        ("git+https://github.com/pulumi/pulumi-aws.git", None),
    ],
)
def test_the_major_version_of_a_range(spec: str, major: int | None) -> None:
    assert major_of_range(spec) == major


def test_aws_major_from_package_json_the_installed_package_or_the_default(tmp_path: Path) -> None:
    declared = project_at(
        tmp_path / "declared",
        {"Pulumi.yaml": "name: a\n", "package.json": '{"dependencies": {"@pulumi/aws": "^6.50.0"}}'},
    )
    assert (declared.aws_major, declared.aws_major_known) == (6, True)
    installed = project_at(
        tmp_path / "installed",
        {
            "Pulumi.yaml": "name: b\n",
            "package.json": '{"dependencies": {"@pulumi/aws": "*"}}',
            "node_modules/@pulumi/aws/package.json": '{"name": "@pulumi/aws", "version": "7.48.0"}',
        },
    )
    assert (installed.aws_major, installed.aws_major_known) == (7, True)
    unknown = project_at(tmp_path / "unknown", {"Pulumi.yaml": "name: c\n"})
    assert (unknown.aws_major, unknown.aws_major_known) == (DEFAULT_AWS_MAJOR, False)


def test_package_json_is_the_nearest_at_or_above_the_root(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "package.json": '{"name": "monorepo", "devDependencies": {"@pulumi/aws": "~7.1.0"}}',
            "infra/Pulumi.yaml": "name: infra\n",
        },
    )
    project = ProjectCache().project_for(tmp_path / "infra/index.ts")
    assert project is not None and project.package_json is not None
    assert project.package_json.data["name"] == "monorepo"
    assert project.dependencies["@pulumi/aws"] == "~7.1.0"
    assert project.aws_major == 7


# The entry point --------------------------------------------------------------------------------

ENTRY_CASES = [
    # (files, expected entry relative to the root or None, missing)
    ({"Pulumi.yaml": "name: p\nmain: bin/tap.ts\n", "bin/tap.ts": "", "index.ts": ""}, "bin/tap.ts", False),
    ({"Pulumi.yaml": "name: p\nmain: src/app\n", "src/app.ts": ""}, "src/app.ts", False),
    ({"Pulumi.yaml": "name: p\nmain: infra/\n", "infra/index.ts": "", "index.ts": ""}, "infra/index.ts", False),
    (
        {
            "Pulumi.yaml": "name: p\nmain: infra\n",
            "infra/package.json": '{"main": "stack.ts"}',
            "infra/stack.ts": "",
            "infra/index.ts": "",
        },
        "infra/stack.ts",
        False,
    ),
    ({"Pulumi.yaml": "name: p\nmain: bin/tap.ts\n", "index.ts": ""}, None, True),
    (
        {"Pulumi.yaml": "name: p\n", "package.json": '{"main": "src/main.ts"}', "src/main.ts": "", "index.ts": ""},
        "src/main.ts",
        False,
    ),
    # package.json's main names a build output that is not there: the host falls back to the root.
    ({"Pulumi.yaml": "name: p\n", "package.json": '{"main": "bin/tap.js"}', "index.ts": ""}, "index.ts", False),
    (
        {"Pulumi.yaml": "name: p\n", "package.json": '{"exports": {".": "./lib/main.ts"}}', "lib/main.ts": ""},
        "lib/main.ts",
        False,
    ),
    ({"Pulumi.yaml": "name: p\n", "index.ts": "", "index.js": ""}, "index.js", False),
    ({"Pulumi.yaml": "name: p\n", "lib/index.ts": ""}, None, False),
]


@pytest.mark.parametrize(("files", "entry", "missing"), ENTRY_CASES)
def test_the_entry_point_is_resolved_as_pulumi_does(
    tmp_path: Path, files: dict[str, str], entry: str | None, missing: bool
) -> None:
    project = project_at(tmp_path, files)
    resolved = project.entry_point()
    assert resolved.path == (normalise(tmp_path / entry) if entry else None)
    assert resolved.missing is missing


# Program files ----------------------------------------------------------------------------------


def test_program_files_skip_dependencies_output_declarations_and_tests(tmp_path: Path) -> None:
    project = project_at(
        tmp_path,
        {
            "Pulumi.yaml": "name: p\n",
            "index.ts": "",
            "lib/stack.ts": "",
            "lib/types.d.ts": "",
            "node_modules/x/index.ts": "",
            "dist/index.ts": "",
            ".cache/a.ts": "",
            "tests/stack.test.ts": "",
            "lib/stack.spec.ts": "",
        },
    )
    relative = [project.relative(p) for p in project.program_files()]
    assert relative == ["index.ts", "lib/stack.ts"]
    with_tests = [project.relative(p) for p in project.program_files(include_tests=True)]
    assert with_tests == ["index.ts", "lib/stack.spec.ts", "lib/stack.ts", "tests/stack.test.ts"]


def test_files_are_parsed_once_per_version(tmp_path: Path) -> None:
    project = project_at(tmp_path, {"Pulumi.yaml": "name: p\n", "index.ts": "const a = 1;\n"})
    index = tmp_path / "index.ts"
    first = project.program(index)
    assert first is not None and project.program(index) is first
    touch(index, "import * as aws from '@pulumi/aws';\nconst b = new aws.s3.BucketV2('b');\n")
    second = project.program(index)
    assert second is not None and second is not first
    assert [c.resource_type for c in second.constructions] == ["aws.s3.BucketV2"]


def test_imports_resolve_to_project_files(tmp_path: Path) -> None:
    project = project_at(
        tmp_path,
        {
            "Pulumi.yaml": "name: p\n",
            "index.ts": "import { A } from './lib';\nexport * from './lib/b.js';\nconst c = require('./c');\n",
            "lib/index.ts": "export const A = 1;\nimport './d';\n",
            "lib/b.ts": "export const B = 2;\n",
            "lib/d.ts": "",
            "c.ts": "import * as aws from '@pulumi/aws';\n",
            "unused.ts": "",
        },
    )
    index = tmp_path / "index.ts"
    assert [project.relative(p) for p in project.imports_of(index)] == ["lib/index.ts", "lib/b.ts", "c.ts"]
    assert {project.relative(p) for p in project.reachable_from(index)} == {
        "index.ts",
        "lib/index.ts",
        "lib/b.ts",
        "lib/d.ts",
        "c.ts",
    }
    assert project.resolve_import(index, "@pulumi/aws") is None


# Invalidation and overlays ----------------------------------------------------------------------


def test_a_changed_project_file_gives_a_fresh_project(tmp_path: Path) -> None:
    write(tmp_path, {"Pulumi.yaml": "name: before\n", "Pulumi.dev.yaml": "config:\n  before:a: 1\n"})
    cache = ProjectCache()
    first = cache.project_for(tmp_path / "index.ts")
    assert first is not None and first.name == "before"
    touch(tmp_path / "Pulumi.yaml", "name: after\n")
    cache.invalidate(tmp_path / "Pulumi.yaml")
    second = cache.project_for(tmp_path / "index.ts")
    assert second is not None and second is not first and second.name == "after"
    # Without a notification the next lookup still notices the new modification time.
    touch(tmp_path / "Pulumi.dev.yaml", "config:\n  after:b: 2\n")
    third = cache.project_for(tmp_path / "index.ts")
    assert third is not None and third is not second
    assert [k.written for k in third.stacks[0].keys] == ["after:b"]
    # A new stack file is noticed too.
    write(tmp_path, {"Pulumi.prod.yaml": "config:\n  after:c: 3\n"})
    cache.invalidate(tmp_path / "Pulumi.prod.yaml")
    fourth = cache.project_for(tmp_path / "index.ts")
    assert fourth is not None and [s.stack for s in fourth.stacks] == ["dev", "prod"]


def test_a_new_pulumi_yaml_is_found_after_invalidation(tmp_path: Path) -> None:
    write(tmp_path, {"app/index.ts": ""})
    cache = ProjectCache()
    assert cache.project_for(tmp_path / "app/index.ts") is None
    write(tmp_path, {"app/Pulumi.yaml": "name: app\n"})
    cache.invalidate(tmp_path / "app/Pulumi.yaml")
    project = cache.project_for(tmp_path / "app/index.ts")
    assert project is not None and project.name == "app"


def test_program_file_changes_drop_derived_facts_and_the_file_list(tmp_path: Path) -> None:
    write(tmp_path, {"Pulumi.yaml": "name: p\n", "lib/a.ts": ""})
    cache = ProjectCache()
    project = cache.project_for(tmp_path / "lib/a.ts")
    assert project is not None
    calls: list[int] = []
    assert project.memo("count", lambda: calls.append(1) or len(calls)) == 1
    assert project.memo("count", lambda: calls.append(1) or len(calls)) == 1
    assert project.entry is None
    write(tmp_path, {"index.ts": ""})
    cache.invalidate(tmp_path / "index.ts")
    assert cache.project_for(tmp_path / "lib/a.ts") is project
    assert project.memo("count", lambda: calls.append(1) or len(calls)) == 2
    assert project.entry == normalise(tmp_path / "index.ts")
    assert normalise(tmp_path / "index.ts") in project.program_files()


def test_overlays_win_over_the_disk(tmp_path: Path) -> None:
    write(tmp_path, {"Pulumi.yaml": "name: disk\n", "index.ts": "const a = 1;\n"})
    cache = ProjectCache()
    cache.set_overlay(tmp_path / "Pulumi.yaml", "name: editor\nmain: src/new.ts\n")
    project = cache.project_for(tmp_path / "index.ts")
    assert project is not None and project.name == "editor"
    # An unsaved new file is part of the program, and can be the entry point.
    cache.set_overlay(tmp_path / "src/new.ts", "import * as aws from '@pulumi/aws';\nnew aws.sqs.Queue('q');\n")
    project = cache.project_for(tmp_path / "index.ts")
    assert project is not None
    assert project.entry == normalise(tmp_path / "src/new.ts")
    assert normalise(tmp_path / "src/new.ts") in project.program_files()
    program = project.program(tmp_path / "src/new.ts")
    assert program is not None and [c.resource_type for c in program.constructions] == ["aws.sqs.Queue"]
    cache.set_overlay(tmp_path / "index.ts", "const edited = 2;\n")
    edited = project.program(tmp_path / "index.ts")
    assert edited is not None and [v.name for v in edited.variables] == ["edited"]
    cache.clear_overlay(tmp_path / "index.ts")
    on_disk = project.program(tmp_path / "index.ts")
    assert on_disk is not None and [v.name for v in on_disk.variables] == ["a"]
    cache.clear_overlay(tmp_path / "Pulumi.yaml")
    cache.clear_overlay(tmp_path / "src/new.ts")
    project = cache.project_for(tmp_path / "index.ts")
    assert project is not None and project.name == "disk" and project.entry == normalise(tmp_path / "index.ts")


def test_json_model_offsets_point_into_the_original_text() -> None:
    source = b'{\n  "name": "tap",\n  "jest": { "preset": "ts-jest" }\n}\n'
    model = json_model(source)
    assert model is not None
    jest = model.get("jest")
    assert jest is not None and jest.value is not None
    assert source[jest.key_span.start : jest.key_span.end] == b'"jest"'
    assert source[jest.value.start : jest.value.end] == b'{ "preset": "ts-jest" }'


# Project findings -------------------------------------------------------------------------------


def test_project_findings_are_grouped_by_file_and_follow_the_config(tmp_path: Path) -> None:
    project = project_at(
        tmp_path,
        {
            "Pulumi.yaml": "name: p\nmain: missing.ts\n",
            "index.ts": "import * as aws from '@pulumi/aws';\nexport const q = new aws.sqs.Queue('q').url;\n",
            "package.json": '{"jest": {"preset": "ts-jest"}}',
        },
    )
    found = project_findings(project)
    assert {Path(p).name: sorted(f.code for f in fs) for p, fs in found.items()} == {
        "Pulumi.yaml": ["PRJ001"],
        "package.json": ["PRJ003"],
    }
    (prj001,) = found[str(project.pulumi_yaml)]
    assert project.pulumi_yaml.read_bytes()[prj001.start : prj001.end] == b"missing.ts"
    assert prj001.fixes and prj001.fixes[0].edits[0].text == "index.ts"
    quiet = project_findings(project, LintConfig(ignore=("PRJ003",), severity={"PRJ001": None}))
    assert quiet == {}


def test_a_failing_project_check_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pulumi_lint.rules import prj001_pulumi_yaml_main

    def broken(ctx: object) -> list[Finding]:
        raise RuntimeError("boom")

    monkeypatch.setattr(prj001_pulumi_yaml_main, "check_project", broken)
    project = project_at(
        tmp_path, {"Pulumi.yaml": "name: p\nmain: missing.ts\n", "package.json": '{"jest": {}}'}
    )
    found = project_findings(project)
    assert [f.code for fs in found.values() for f in fs] == ["PRJ003"]


def test_project_rules_run_only_with_a_project(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "Pulumi.yaml": "name: p\n",
            "index.ts": "import * as aws from '@pulumi/aws';\nconst q = new aws.sqs.Queue('q');\n",
        },
    )
    rule = rule_by_code("PUL008")
    assert rule is not None and rule.meta.project
    engine = Engine(LintConfig(select=("PUL008",)))
    source = (tmp_path / "index.ts").read_bytes()
    document = Document(source, str(tmp_path / "index.ts"))
    assert engine.lint(document) == []
    project = ProjectCache().project_for(tmp_path / "index.ts")
    assert [f.code for f in engine.lint(document, project)] == ["PUL008"]


def test_project_files_are_fixed_through_overlays(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "Pulumi.yaml": "name: p\nmain: missing.ts\n",
            "index.ts": "import * as aws from '@pulumi/aws';\nexport const q = new aws.sqs.Queue('q').url;\n",
            "package.json": '{\n  "jest": {\n    "preset": "ts-jest"\n  }\n}\n',
        },
    )
    cache = ProjectCache()
    safe_only = fix_project_file(cache, tmp_path / "Pulumi.yaml")
    assert safe_only is not None and safe_only.source == (tmp_path / "Pulumi.yaml").read_bytes()
    unsafe = fix_project_file(cache, tmp_path / "Pulumi.yaml", unsafe=True)
    assert unsafe is not None and unsafe.source == b"name: p\nmain: index.ts\n"
    package = fix_project_file(cache, tmp_path / "package.json")
    assert package is not None and b'"coverageThreshold": {' in package.source
    assert project_file_parses(tmp_path / "package.json", package.source)
    # Nothing was written, and no overlay is left behind.
    assert (tmp_path / "Pulumi.yaml").read_text() == "name: p\nmain: missing.ts\n"
    project = cache.project_for(tmp_path / "index.ts")
    assert project is not None and project.main == "missing.ts"


def test_a_model_built_elsewhere_is_reused_until_the_file_changes(tmp_path: Path) -> None:
    project = project_at(tmp_path, {"Pulumi.yaml": "name: p\n", "index.ts": "const a = 1;\n"})
    index = tmp_path / "index.ts"
    analysis = Engine(LintConfig(select=("PUL",))).analyse(Document(index.read_bytes(), str(index)))
    project.cache.remember(index, Document(index.read_bytes(), str(index)), analysis.program)
    assert project.program(index) is analysis.program
    touch(index, "const b = 2;\n")
    fresh = project.program(index)
    assert fresh is not analysis.program and fresh is not None and [v.name for v in fresh.variables] == ["b"]
