"""The JSON API: routers per resource (assembled in main.py) over web/deps.py."""
