"""Correcting an application: edit its fields, delete it, merge a duplicate into it. Each is one
change of the history (undoable) and re-plans what depends on it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from followthrough.domain.errors import ValidationError
from followthrough.domain.model import Application, Channel, Role
from followthrough.services.context import Context

#: What `app edit` may change, as the service names them (the store's column in brackets
#: when it differs): recruiter is 'Name <email>', an id, or None to clear.
FIELDS = ("company", "role", "url", "agency", "recruiter", "notes", "interest", "competitors",
          "salary", "location", "applied_on")  # fmt: skip
_CLEARABLE = frozenset({"url", "agency", "recruiter", "interest", "salary", "location",
                        "applied_on", "notes", "competitors"})  # fmt: skip


def describe_changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> str:
    """Return "field: old → new; ..." for the fields whose value changed."""
    def shown(value: Any) -> str:
        if value in (None, "", ()):
            return "(none)"
        if isinstance(value, (list, tuple)):
            return ", ".join(map(str, value))
        text = str(value).replace("\n", " ")
        return text if len(text) <= 40 else text[:39] + "…"

    parts = [f"{k}: {shown(before.get(k))} → {shown(v)}"
             for k, v in after.items() if before.get(k) != v]  # fmt: skip
    return "; ".join(parts) or "nothing changed"


def _check(changes: Mapping[str, Any]) -> None:
    """Refuse an edit's values that could not be stored, naming the field and the fix."""
    from followthrough.domain.parse import check_one_line
    from followthrough.domain.validate import interest as check_interest

    unknown = sorted(set(changes) - set(FIELDS))
    if unknown:
        raise ValidationError(unknown[0], f"cannot be edited; edit one of {', '.join(FIELDS)}")
    for name, value in changes.items():
        if value is None and name not in _CLEARABLE:
            raise ValidationError(name, "cannot be emptied; give a new value")
    for name in ("company", "role"):
        if name in changes and not str(changes[name]).strip():
            raise ValidationError(name, f"empty; give the {name}'s new value")
    for name in ("company", "role", "agency", "salary", "location"):
        if changes.get(name):
            check_one_line(changes[name], name)
    if changes.get("interest") is not None:
        check_interest(changes["interest"])
    url = changes.get("url")
    if url and not str(url).startswith(("http://", "https://")):
        raise ValidationError("url", f"{url!r}; give a full address starting with https://")


def edit_application(ctx: Context, app_id: int, changes: Mapping[str, Any]) -> Application:
    """Change some fields of an application (None empties a field that may be empty) and
    re-plan; return it."""
    from followthrough.services.contacts import resolve_contact
    from followthrough.services.planning import replan

    _check(changes)
    with ctx.write() as uow:
        repo, conn = uow.repo, uow.conn
        app = repo.application(conn, app_id)
        values: dict[str, Any] = {}
        for name, value in changes.items():
            if name == "recruiter":
                values["recruiter_id"] = None if value is None else resolve_contact(
                    uow, str(value), "recruiter", Role.RECRUITER, organisation=app.agency).id
            elif name == "competitors":
                values["competitors"] = "\n".join(c.strip() for c in value or () if c.strip())
            elif name in ("company", "role"):
                values[name] = str(value).strip()
            elif name == "notes":
                values[name] = value or ""
            else:
                values[name] = value
        if values.get("applied_on") and values["applied_on"] > uow.now.astimezone(uow.zone).date():
            raise ValidationError("applied-on", "is in the future; give the day you applied")
        recruiter = values.get("recruiter_id", app.recruiter_id)
        agency = values.get("agency", app.agency)
        values["channel"] = (Channel.RECRUITER if recruiter or agency else Channel.DIRECT).value
        before = _fields(app)
        repo.update_application(conn, app_id, updated_at=uow.now, **values)
        after = repo.application(conn, app_id)
        replan(uow, app_id, "application edited")
        changed = describe_changes(before, _fields(after))
        uow.describe("app-edit", f"Edited {after.company} — {after.role}: {changed}", app_id)
        return after


def _fields(app: Application) -> dict[str, Any]:
    """Return an application's editable fields as the history shows them."""
    return {
        "company": app.company, "role": app.role, "url": app.url, "agency": app.agency,
        "recruiter": app.recruiter_id, "notes": app.notes, "interest": app.interest,
        "competitors": app.competitors, "salary": app.salary, "location": app.location,
        "applied_on": app.applied_on.isoformat() if app.applied_on else None,
        "channel": app.channel.value,
    }  # fmt: skip


def delete_application(ctx: Context, app_id: int) -> Application:
    """Delete an application with its interviews, exchanges and plan; return what it was."""
    with ctx.write() as uow:
        app = uow.repo.application(uow.conn, app_id)
        uow.repo.delete_application(uow.conn, app_id)
        uow.describe("app-delete", f"Deleted {app.company} — {app.role}", app_id)
        return app


def merge_applications(ctx: Context, keep: int, other: int) -> Application:
    """Merge application `other` (a duplicate) into `keep`: its interviews, exchanges,
    referees and what was done of its plan move over, its notes and competitors are added,
    its empty fields filled; then it is deleted and `keep` re-planned. Return `keep`."""
    from followthrough.services.planning import replan

    if keep == other:
        raise ValidationError("other", "is the application to keep; name two different ones")
    with ctx.write() as uow:
        repo, conn = uow.repo, uow.conn
        kept, gone = repo.application(conn, keep), repo.application(conn, other)
        finals = {r["key"]: r["status"] for r in repo.actions_of(conn, keep)}
        repo.merge_applications(conn, keep, other, finals)
        repo.update_application(conn, keep, updated_at=uow.now, **_merged(kept, gone))
        replan(uow, keep, f"application {other} merged into it")
        uow.describe(
            "app-merge",
            f"Merged {gone.company} — {gone.role} (application {other}) into application {keep}",
            keep,
        )
        return repo.application(conn, keep)


def _merged(kept: Application, gone: Application) -> dict[str, Any]:
    """Return the fields `kept` takes from `gone`: notes and competitors added, empty ones
    filled, the earlier day applied."""
    values: dict[str, Any] = {}
    if gone.notes and gone.notes not in kept.notes:
        values["notes"] = f"{kept.notes}\n\n{gone.notes}".strip()
    both = dict.fromkeys((*kept.competitors, *gone.competitors))
    if len(both) != len(kept.competitors):
        values["competitors"] = "\n".join(both)
    for name in ("url", "agency", "recruiter_id", "hiring_contact_id", "interest", "salary",
                 "location"):  # fmt: skip
        if getattr(kept, name) is None and getattr(gone, name) is not None:
            values[name] = getattr(gone, name)
    days = [d for d in (kept.applied_on, gone.applied_on) if d is not None]
    if days and min(days) != kept.applied_on:
        values["applied_on"] = min(days)
    if values.get("recruiter_id") or values.get("agency"):
        values["channel"] = Channel.RECRUITER.value
    return values


def parse_applied_on(text: str | None) -> dt.date | None:
    """Return the day an --applied-on value names (YYYY-MM-DD; "none" clears it)."""
    if text is None or text.strip().lower() in ("", "none"):
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError("applied-on", f"{text!r}; give a date as YYYY-MM-DD") from None
