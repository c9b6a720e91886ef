"""The language server: LSP glue around the analysis core."""

# The kind of the fix-all code action; here so that the server can declare it before it imports
# the code actions module (and the analysis core behind it).
FIX_ALL_KIND = "source.fixAll.pulumi-lint"
