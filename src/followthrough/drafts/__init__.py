"""Drafts: Jinja2 templates per message kind, the context they are rendered with, the .eml
builder and the optional polish by a language model."""
