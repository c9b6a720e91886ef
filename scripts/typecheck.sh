#!/usr/bin/env bash
# mypy cannot follow setuptools' package-dir mapping (server/ -> pulumi_lint, rules/ ->
# pulumi_lint.rules), so lay the package out as it is installed, with symlinks, and check that.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/pulumi_lint"
for entry in "$root"/server/*; do
  ln -s "$entry" "$stage/pulumi_lint/$(basename "$entry")"
done
ln -s "$root/rules" "$stage/pulumi_lint/rules"
cd "$stage"
python -m mypy --config-file "$root/pyproject.toml" -p pulumi_lint
