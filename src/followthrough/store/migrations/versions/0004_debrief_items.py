"""debrief items: the weak questions of every debrief, one row each, kept at write time

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06 18:45:00.000000

The insights' weak questions are the items of three lists in each debrief's JSON
(`unprepared_questions`, `weak_answers`, `floundered`). Read from the JSON, every view parses
every debrief (20 000 of them at 10 000 applications: two fifths of `insights --json`). So each
item is kept as a row of `debrief_items` (interview, field, position in the list, its text as
written, the debrief's time), on SQLite by triggers on `debriefs` (no write path can forget
them); the reader strips and judges the text as it always did. Other databases leave the table
empty and the reader parses the debriefs.

The fields are domain/themes.py's WEAK_FIELDS as they were when this ran (a test holds them
equal): changing them needs a migration that redefines the triggers and refills the table.
"""

# ruff: noqa: S608  (every statement here is built from this file's constants, nothing else)
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from followthrough.store.schema import UTCDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

#: The debrief fields whose items are weak questions, as of this revision.
WEAK_FIELDS = ("unprepared_questions", "weak_answers", "floundered")


def items_of(row: str, source: str = "") -> str:
    """SQLite: the items of the debrief `row` (NEW in a trigger; else an alias that `source`,
    the start of the FROM list, defines) as debrief_items rows: the text entries of each
    field's list (a field that is missing or not a list has none; nor has a debrief whose data
    is not JSON)."""
    fields = " UNION ALL ".join(f"SELECT '{name}' AS name" for name in WEAK_FIELDS)
    data = f"CASE WHEN json_valid({row}.data) THEN {row}.data ELSE '{{}}' END"
    return (
        f"SELECT {row}.interview_id, f.name, j.key, {row}.owner_id, j.value, {row}.recorded_at"
        f" FROM {source}({fields}) AS f, json_each({data}, '$.' || f.name) AS j"
        f" WHERE json_type({data}, '$.' || f.name) = 'array' AND j.type = 'text'"
    )


_INSERT = "INSERT INTO debrief_items (interview_id, field, position, owner_id, text, recorded_at)"
TRIGGERS = {
    "ft_debrief_items_added": (
        "AFTER INSERT ON debriefs",
        ["DELETE FROM debrief_items WHERE interview_id = NEW.interview_id",
         f"{_INSERT} {items_of('NEW')}"],
    ),
    "ft_debrief_items_changed": (
        "AFTER UPDATE ON debriefs",
        ["DELETE FROM debrief_items WHERE interview_id = OLD.interview_id",
         "DELETE FROM debrief_items WHERE interview_id = NEW.interview_id",
         f"{_INSERT} {items_of('NEW')}"],
    ),
    "ft_debrief_items_removed": (
        "AFTER DELETE ON debriefs",
        ["DELETE FROM debrief_items WHERE interview_id = OLD.interview_id"],
    ),
}  # fmt: skip


def upgrade() -> None:
    op.create_table(
        "debrief_items",
        sa.Column(
            "interview_id",
            sa.Integer(),
            sa.ForeignKey("interviews.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("field", sa.String(30), primary_key=True),
        sa.Column("position", sa.Integer(), primary_key=True),
        sa.Column(
            "owner_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("recorded_at", UTCDateTime(), nullable=False),
    )
    op.create_index(
        "ix_debrief_items_owner",
        "debrief_items",
        ["owner_id", "interview_id", "field", "position", "text", "recorded_at"],
    )
    if op.get_bind().dialect.name != "sqlite":
        return
    for name, (when, statements) in TRIGGERS.items():
        body = "".join(f"{s};\n" for s in statements)
        op.execute(f"CREATE TRIGGER {name} {when}\nBEGIN\n{body}END")
    op.execute(f"{_INSERT} {items_of('d', 'debriefs AS d, ')}")  # the debriefs already there


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_index("ix_debrief_items_owner", table_name="debrief_items")
    op.drop_table("debrief_items")
