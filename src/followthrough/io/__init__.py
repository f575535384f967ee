"""Adapters to the outside world: calendars, spreadsheets and mail."""
