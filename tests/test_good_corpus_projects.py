"""Idiomatic Pulumi programs: no PUL or PRJ rule may report anything on them.

tests/corpus/good/ holds whole projects written the way Pulumi users write them: flat programs,
`@pulumi/awsx`, well-formed components with `parent: this`, `registerOutputs` and exports, and
configuration read with explicit namespaces. Every registered rule runs over every TypeScript file,
with the file's project, and over the project's own files.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pulumi_lint.config import LintConfig
from pulumi_lint.document import Document
from pulumi_lint.engine import Engine
from pulumi_lint.findings import Finding
from pulumi_lint.project import ProjectCache
from pulumi_lint.project_lint import project_findings
from pulumi_lint.rules import all_rules

CORPUS = Path(__file__).parent / "corpus" / "good"
PROJECTS = sorted(p for p in CORPUS.iterdir() if p.is_dir())
FAMILIES = ("PUL", "PRJ")


def lint_project(root: Path) -> tuple[list[Finding], list[str]]:
    """Every finding of every registered rule in a project, and the rules that failed."""
    cache = ProjectCache()
    engine = Engine(LintConfig(select=("ALL",)), all_rules())
    findings: list[Finding] = []
    failures: list[str] = []
    sources = sorted(p for p in root.rglob("*.ts") if "node_modules" not in p.parts)
    for path in sources:
        project = cache.project_for(path)
        assert project is not None, f"{path} belongs to no project"
        analysis = engine.analyse(Document(path.read_bytes(), str(path)), project)
        findings.extend(analysis.findings)
        failures.extend(f"{f.code} on {path.name}: {f.error}" for f in analysis.failures)
    project = cache.project_for(root)
    assert project is not None
    assert project.problems == []
    for file_findings in project_findings(project, engine.config).values():
        findings.extend(file_findings)
    return findings, failures


def test_the_corpus_has_several_projects() -> None:
    assert len(PROJECTS) >= 4


@pytest.mark.parametrize("root", PROJECTS, ids=[p.name for p in PROJECTS])
def test_no_pulumi_or_project_rule_fires_on_idiomatic_code(root: Path) -> None:
    findings, failures = lint_project(root)
    assert failures == []
    ours = [
        f"{Path(f.path or '?').relative_to(root)}:{f.start}: {f.code} {f.message}"
        for f in findings
        if f.code.startswith(FAMILIES)
    ]
    assert ours == []


def test_the_corpus_projects_are_understood(tmp_path: Path) -> None:
    """The corpus exercises what the rules rely on: entry files, stacks, namespaces, components."""
    cache = ProjectCache()
    site = cache.project_for(CORPUS / "component-site" / "Pulumi.yaml")
    assert site is not None and site.entry == (CORPUS / "component-site" / "src" / "index.ts").resolve()
    pipeline = cache.project_for(CORPUS / "config-namespaces" / "index.ts")
    assert pipeline is not None
    # package.json names a build output that does not exist: the root's index.ts runs.
    assert pipeline.entry is not None and pipeline.entry.name == "index.ts"
    assert set(pipeline.config_namespaces("stackName")) == {"networking"}
    assert pipeline.aws_major == 7 and pipeline.aws_major_known
    serverless = cache.project_for(CORPUS / "flat-serverless" / "index.ts")
    assert serverless is not None and [s.stack for s in serverless.stacks] == ["dev", "prod"]
