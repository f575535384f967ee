"""Exports as bytes, the same for the CLI (`export`) and the web (Settings → your data)."""

from __future__ import annotations

import io
import json

from followthrough.domain.errors import ValidationError
from followthrough.services import Service

#: format -> (media type, file extension)
FORMATS = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "json": ("application/json", "json"),
    "ics": ("text/calendar; charset=utf-8", "ics"),
}


def export_bytes(svc: Service, fmt: str, *, todo: bool = False, bom: bool = True) -> bytes:
    """Return the user's data in `fmt`: csv/xlsx (applications with their next action), json
    (the full backup `import` restores), ics (the open actions; to-dos with `todo`)."""
    if fmt in ("csv", "xlsx"):
        from followthrough.io import export as sheet

        table = sheet.rows(svc.list_applications())
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

        rows = stored.read_rows(svc.repo.engine, svc.repo.owner)
        dumped = backup.encode(rows, stored.LAYOUT, svc.now)
        return (json.dumps(dumped, indent=1, ensure_ascii=False) + "\n").encode("utf-8")
    if fmt == "ics":
        return svc.calendar(todo=todo)
    raise ValidationError("format", f"{fmt!r}; use one of {', '.join(FORMATS)}")
