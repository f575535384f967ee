"""The CLI's commands, one module per topic; group.py loads each when it is first asked for."""
