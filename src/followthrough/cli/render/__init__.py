"""The human renderers of the CLI, one module per topic (Rich is imported only here)."""
