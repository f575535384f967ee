"""The human renderers of the CLI, one module per topic, in plain text (table.py: no Rich)."""
