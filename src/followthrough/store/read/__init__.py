"""The store's reads as plain SQL (stdlib only): one module per aggregate, `Reader` over them.

See store/sql.py for why; every query here filters on `owner_id = :owner`.
"""
