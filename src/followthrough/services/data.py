"""Your data out and back: exports as bytes (the same for the CLI's `export` and the web's
Settings → your data), and restoring a full backup."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from followthrough import shapes
from followthrough.domain.errors import ValidationError
from followthrough.services.agenda import calendar
from followthrough.services.applications import list_applications
from followthrough.services.context import Context

#: format -> (media type, file extension)
FORMATS = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "json": ("application/json", "json"),
    "ics": ("text/calendar; charset=utf-8", "ics"),
}


def export_bytes(svc: Context, fmt: str, *, todo: bool = False, bom: bool = True) -> bytes:
    """Return the user's data in `fmt`: csv/xlsx (applications with their next action), json
    (the full backup `import` restores), ics (the open actions; to-dos with `todo`)."""
    if fmt in ("csv", "xlsx"):
        from followthrough.io import export as sheet

        table = sheet.rows([shapes.application_item_json(a) for a in list_applications(svc)])
        if fmt == "xlsx":
            out = io.BytesIO()
            sheet.write_xlsx(table, out)
            return out.getvalue()
        text = io.StringIO(newline="")
        sheet.write_csv(table, text, bom=bom)
        return text.getvalue().encode("utf-8")
    if fmt == "json":
        from followthrough.io import backup
        from followthrough.store import backup as stored

        rows = stored.read_rows(svc.repo.writer().engine, svc.repo.owner)
        dumped = backup.encode(rows, stored.LAYOUT, svc.now)
        return (json.dumps(dumped, indent=1, ensure_ascii=False) + "\n").encode("utf-8")
    if fmt == "ics":
        return calendar(svc, todo=todo)
    raise ValidationError("format", f"{fmt!r}; use one of {', '.join(FORMATS)}")


def restore_backup(ctx: Context, data: Any) -> dict[str, int]:
    """Replace this user's data with a backup's; return the counts restored per table."""
    from followthrough.io import backup
    from followthrough.store import backup as stored

    defaults = {"tz": "UTC", **{k: str(v) for k, v in ctx.playbook.policies.items()}}
    rows = backup.decode(data, stored.LAYOUT, defaults)  # every check before any write
    return stored.write_rows(ctx.repo.writer().engine, ctx.repo.owner, rows)


def copy_database(source: Path, target: Path) -> None:
    """Copy the live SQLite database `source` to the new file `target`, consistently (safe
    while the app runs); refuses a target that exists."""
    from followthrough.store.backup import backup_sqlite

    backup_sqlite(source, target)
