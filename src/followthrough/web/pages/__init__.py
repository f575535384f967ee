"""The pages: one router per resource (assembled in main.py) over web/deps.py."""
