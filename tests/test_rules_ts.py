"""TS rules beyond their examples: options, project settings, line breaks, removal shapes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from pulumi_lint.config import LintConfig
from pulumi_lint.document import Document
from pulumi_lint.engine import Engine
from pulumi_lint.findings import Finding
from pulumi_lint.fixes import apply_edits, fix_all
from pulumi_lint.model import Program
from pulumi_lint.model_builder import build_program
from pulumi_lint.rules.ts001_double_quoted_import import requote


def lint(
    code: str,
    source: str | bytes,
    options: Mapping[str, Any] | None = None,
    project: Any = None,
    path: str = "index.ts",
) -> list[Finding]:
    data = source.encode() if isinstance(source, str) else source
    engine = Engine(LintConfig(select=(code,), options={code: dict(options or {})}, unsafe_fixes=True))
    return [f for f in engine.lint(Document(data, path), project) if f.code == code]


def fixed(
    code: str, source: str | bytes, options: Mapping[str, Any] | None = None, project: Any = None
) -> bytes:
    data = source.encode() if isinstance(source, str) else source
    result = fix_all(
        data,
        lambda text: lint(code, text, options, project),
        lambda text: not Document(text, "index.ts").tree.root_node.has_error,
        unsafe=True,
    )
    return result.source


def texts(source: str, findings: list[Finding]) -> list[str]:
    data = source.encode()
    return [data[f.start : f.end].decode() for f in findings]


class PrettierProject:
    """A project object whose Prettier configuration is known."""

    def __init__(self, options: Mapping[str, Any] | None) -> None:
        self.options = options
        self.asked: list[str | None] = []

    def prettier_options(self, path: str | None) -> Mapping[str, Any] | None:
        self.asked.append(path)
        return self.options


MIXED = "import * as aws from '@pulumi/aws';\nimport * as pulumi from \"@pulumi/pulumi\";\n"


# TS001 -----------------------------------------------------------------------------------------
def test_ts001_double_style_reports_single_quotes_and_fixes_to_double() -> None:
    findings = lint("TS001", MIXED, {"quote-style": "double"})
    assert texts(MIXED, findings) == ["'@pulumi/aws'"]
    assert fixed("TS001", MIXED, {"quote-style": "double"}).decode() == MIXED.replace(
        "'@pulumi/aws'", '"@pulumi/aws"'
    )


def test_ts001_prettier_single_quote_overrides_the_option() -> None:
    project = PrettierProject({"singleQuote": True})
    findings = lint("TS001", MIXED, {"quote-style": "double"}, project, path="/repo/index.ts")
    assert texts(MIXED, findings) == ['"@pulumi/pulumi"']
    assert project.asked == ["/repo/index.ts"]


def test_ts001_prettier_config_without_single_quote_means_double() -> None:
    findings = lint("TS001", MIXED, {}, PrettierProject({"semi": True}))
    assert texts(MIXED, findings) == ["'@pulumi/aws'"]


def test_ts001_no_prettier_config_or_no_project_uses_the_option() -> None:
    assert texts(MIXED, lint("TS001", MIXED, {}, PrettierProject(None))) == ['"@pulumi/pulumi"']
    assert texts(MIXED, lint("TS001", MIXED, {}, object())) == ['"@pulumi/pulumi"']
    assert texts(MIXED, lint("TS001", MIXED, {}, None)) == ['"@pulumi/pulumi"']


def test_ts001_requote_escapes_and_unescapes_quotes() -> None:
    assert requote('"./it\'s"', "'") == "'./it\\'s'"
    assert requote("'./say \\'hi\\''", '"') == '"./say \'hi\'"'
    assert requote('"./a\\"b"', "'") == "'./a\"b'"
    assert requote('"./back\\\\slash"', "'") == "'./back\\\\slash'"


# TS002 -----------------------------------------------------------------------------------------
def test_ts002_offers_no_fix_while_the_file_has_syntax_errors() -> None:
    source = (
        "import * as fs from 'fs';\nimport * as aws from '@pulumi/aws';\n"
        "const b = new aws.s3.Bucket('b', {\n"
    )
    findings = lint("TS002", source)
    assert texts(source, findings) == ["fs"]
    assert findings[0].fixes == ()


def test_ts002_keeps_react_in_tsx_only() -> None:
    source = "import * as React from 'react';\nexport const x = 1;\n"
    assert lint("TS002", source, path="view.tsx") == []
    assert texts(source, lint("TS002", source, path="view.ts")) == ["React"]


def test_ts002_removes_a_statement_that_shares_its_line() -> None:
    source = "import a from 'a'; import b from 'b';\nexport const x = a;\n"
    assert fixed("TS002", source).decode() == "import a from 'a';\nexport const x = a;\n"
    source = "import b from 'b'; import a from 'a';\nexport const x = a;\n"
    assert fixed("TS002", source).decode() == "import a from 'a';\nexport const x = a;\n"


NAMES = ["alpha", "beta", "gamma", "delta"]


@settings(max_examples=60, deadline=None)
@given(
    default_used=st.booleans(),
    with_default=st.booleans(),
    used=st.lists(st.booleans(), min_size=1, max_size=len(NAMES)),
    multiline=st.booleans(),
    trailing_comma=st.booleans(),
)
def test_ts002_fix_keeps_exactly_the_used_bindings(
    default_used: bool, with_default: bool, used: list[bool], multiline: bool, trailing_comma: bool
) -> None:
    names = NAMES[: len(used)]
    if multiline:
        inner = "".join(f"  {n},\n" for n in names)
        if not trailing_comma:
            inner = inner[:-2] + "\n"
        named = "{\n" + inner + "}"
    else:
        named = "{ " + ", ".join(names) + (", " if trailing_comma else " ") + "}"
    clause = ("dflt, " if with_default else "") + named
    wanted = [n for n, u in zip(names, used, strict=True) if u]
    if with_default and default_used:
        wanted.insert(0, "dflt")
    uses = "".join(f"export const use_{n} = {n};\n" for n in wanted)
    source = f"import {clause} from './module';\n{uses}"
    result = fixed("TS002", source).decode()
    assert not Document(result.encode(), "index.ts").tree.root_node.has_error
    assert lint("TS002", result) == []
    if not wanted:
        assert "import" not in result
        return
    imports = _program(result).imports
    assert len(imports) == 1
    assert sorted(b.local for b in imports[0].bindings) == sorted(wanted)


def _program(source: str) -> Program:
    doc = Document(source.encode(), "index.ts")
    return build_program(doc.tree, doc.source)


# TS003 -----------------------------------------------------------------------------------------
def test_ts003_fix_is_unsafe_and_writes_unknown() -> None:
    source = "export function f(x: any): void {}\n"
    (finding,) = lint("TS003", source)
    (fix,) = finding.fixes
    assert not fix.is_safe
    assert apply_edits(source.encode(), fix.edits).decode() == "export function f(x: unknown): void {}\n"


# TS004 -----------------------------------------------------------------------------------------
def test_ts004_limit_is_an_option() -> None:
    source = "export const name = 'a string that makes this line longer than forty characters';\n"
    (finding,) = lint("TS004", source, {"max-line-length": 40})
    assert source.encode()[: finding.start].decode() == source[:40]
    assert finding.end == len(source) - 1
    assert lint("TS004", source, {"max-line-length": 200}) == []


def test_ts004_bad_option_falls_back_to_120() -> None:
    short = "x" * 10 + " " + "y" * 100 + ";\n"
    long = "x" * 10 + " " + "y" * 120 + ";\n"
    assert lint("TS004", short, {"max-line-length": "wide"}) == []
    assert len(lint("TS004", long, {"max-line-length": 0})) == 1


def test_ts004_crlf_line_breaks_do_not_count() -> None:
    line = "export const a = '" + "b" * 100 + "';"  # exactly 120 characters
    assert len(line) == 120
    assert lint("TS004", (line + "\r\n") * 2) == []
    (finding,) = lint("TS004", line + "x\r\n" + line + "\r\n")
    assert (finding.start, finding.end) == (120, 121)


def test_ts004_long_import_specifier_is_exempt_but_a_long_binding_list_is_not() -> None:
    specifier = "'./" + "deep/" * 30 + "module'"
    assert lint("TS004", f"import {{ a }} from {specifier};\n") == []
    names = ", ".join(f"binding{i}" for i in range(20))
    assert len(lint("TS004", f"import {{ {names} }} from './m';\n")) == 1


# TS005 -----------------------------------------------------------------------------------------
def test_ts005_crlf_file_gets_crlf() -> None:
    source = b"import * as aws from '@pulumi/aws';\r\nexport const b = new aws.s3.Bucket('b');"
    (finding,) = lint("TS005", source)
    assert source[finding.start : finding.end] == b";"
    assert fixed("TS005", source) == source + b"\r\n"


def test_ts005_single_line_and_lf_files_get_lf() -> None:
    assert fixed("TS005", b"export const a = 1;") == b"export const a = 1;\n"
    assert fixed("TS005", b"const a = 1;\nexport const b = a;") == b"const a = 1;\nexport const b = a;\n"


def test_ts005_any_line_break_ends_the_file() -> None:
    assert lint("TS005", b"") == []
    assert lint("TS005", b"export const a = 1;\r") == []
    assert lint("TS005", b"export const a = 1;\r\n") == []


def test_ts002_a_reexport_does_not_use_the_local_import_of_the_same_name() -> None:
    source = (
        "import { tags } from './tags';\n"
        "import * as naming from './naming';\n"
        "export { tags } from './other-tags';\n"
        "export * as naming from './other-naming';\n"
    )
    assert texts(source, lint("TS002", source)) == ["tags", "naming"]
