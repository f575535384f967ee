"""Adapters that load text resources (lexicons, dictionaries) for the pure checker."""
