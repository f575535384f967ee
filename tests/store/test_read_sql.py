"""The plain-SQL read path decodes what the column types decoded (store/sql.py, store/read/)."""

from __future__ import annotations

import datetime as dt
import sqlite3

from sqlalchemy import Date

from followthrough.store import schema, sql
from followthrough.store.read.actions import ACTION_COLUMNS


def test_every_instant_and_date_column_is_named_for_the_decoder() -> None:
    for table in schema.metadata.sorted_tables:
        for column in table.columns:
            if isinstance(column.type, schema.UTCDateTime):
                assert column.name in sql.INSTANTS, f"{table.name}.{column.name}"
            elif isinstance(column.type, Date):
                assert column.name in sql.DATES, f"{table.name}.{column.name}"
            else:
                assert column.name not in sql.INSTANTS | sql.DATES, f"{table.name}.{column.name}"


def test_the_agenda_reads_every_action_column() -> None:
    assert tuple(c.name for c in schema.actions.columns) == ACTION_COLUMNS


def test_instants_read_back_aware_in_utc() -> None:
    conn = sqlite3.connect(":memory:")
    brussels = dt.datetime(2026, 3, 29, 3, 30, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    stored = sql.stamp(brussels)
    assert stored == "2026-03-29 01:30:00.000000"
    (row,) = sql.records(conn, "SELECT :at AS due_at, :d AS applied_on, :n AS done_at, 1 AS id",
                         {"at": stored, "d": "2026-03-29", "n": None})  # fmt: skip
    assert row == {"due_at": brussels, "applied_on": dt.date(2026, 3, 29), "done_at": None, "id": 1}
    assert row["due_at"].tzinfo is dt.UTC


def test_a_driver_s_datetimes_are_taken_as_they_are() -> None:
    naive = dt.datetime(2026, 10, 25, 1, 30)
    assert sql.instant(naive) == naive.replace(tzinfo=dt.UTC)
    offset = dt.datetime(2026, 10, 25, 2, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    assert sql.instant(offset) == dt.datetime(2026, 10, 25, 1, 30, tzinfo=dt.UTC)
    assert sql.day(dt.date(2026, 1, 2)) == dt.date(2026, 1, 2)
