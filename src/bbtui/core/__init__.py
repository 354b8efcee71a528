"""The core: model, loading and validation, store, search, citation, exporters.

Plain data and functions. Nothing here imports Textual, `bbtui.cli` or
`bbtui.ui` (an import-linter contract in pyproject.toml checks it).
"""
