"""The language server: LSP glue around the analysis core."""
