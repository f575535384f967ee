"""`Service`: the common use cases with their documented JSON, one method each, for scripts,
the demo data and tests (the CLI and the web call the use-case functions directly)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection

from followthrough import shapes
from followthrough.domain.model import Application, ApplicationFacts, Contact, PlannedAction
from followthrough.domain.validate import SETTING_KEYS as SETTING_KEYS
from followthrough.domain.validate import validate_setting as validate_setting
from followthrough.services import (
    actions,
    agenda,
    applications,
    contacts,
    exchanges,
    insights,
    interviews,
    planning,
    settings,
)
from followthrough.services.context import Context, Store, open_store
from followthrough.shapes import contact_json, dump_json
from followthrough.store.repo import Repo

__all__ = [
    "SETTING_KEYS",
    "Context",
    "Service",
    "Store",
    "contact_json",
    "dump_json",
    "open_store",
    "validate_setting",
]


class Service(Context):
    """The use cases of one user on one store, at one moment, as the adapters call them."""

    @classmethod
    def on(
        cls,
        store: Store,
        now: dt.datetime,
        overrides: Mapping[str, str] | None = None,
        interface: str = "cli",
    ) -> Service:
        """Return the use cases of the owner of `store` at `now`, their changes made through
        `interface` (as the history says)."""
        return cls(Repo(store.engine, store.owner), now, dict(overrides or {}), interface)

    # ------------------------------------------------------------ settings

    def update_settings(self, values: Mapping[str, str]) -> dict[str, str]:
        """Validate and store settings, then re-plan everything; return the effective ones."""
        return settings.update_settings(self, values)

    def calendar_token(self) -> str:
        """Return the secret token of the calendar feed, creating it once."""
        return settings.calendar_token(self)

    # ------------------------------------------------------------ planning

    def plan_for(self, conn: Connection, facts: ApplicationFacts) -> list[PlannedAction]:
        """Return what the playbook calls for on these facts, under the user's settings."""
        return planning.plan_for(self.unit(conn), facts)

    def replan(self, conn: Connection, app_id: int, reason: str) -> None:
        """Recompute the plan of one application and reconcile it with the stored actions."""
        planning.replan(self.unit(conn), app_id, reason)

    def replan_all(self, reason: str, chunk: int | None = None) -> int:
        """Re-plan every application in chunks; return how many action rows were written."""
        return planning.replan_all(self, reason, chunk)

    # ------------------------------------------------------------ contacts and applications

    def add_contact(self, name: str, *args: Any, **kwargs: Any) -> Contact:
        """Create a contact; return it."""
        return contacts.add_contact(self, name, *args, **kwargs)

    def list_contacts(self, role: str | None = None) -> list[dict[str, Any]]:
        """Return the contacts, by name (as `contact list --json`)."""
        return [contact_json(c) for c in contacts.list_contacts(self, role)]

    def show_contact(self, contact_id: int) -> dict[str, Any]:
        """Return one contact (as `contact show --json`)."""
        return contact_json(contacts.show_contact(self, contact_id))

    def add_application(self, company: str, role: str, **kwargs: Any) -> Application:
        """Create an application; return it."""
        return applications.add_application(self, company, role, **kwargs)

    def add_referee(self, app_id: int, who: str) -> Contact:
        """Attach a referee to an application and re-plan; return the referee."""
        return applications.add_referee(self, app_id, who)

    def set_status(self, app_id: int, status: str) -> dict[str, Any]:
        """Change an application's status and re-plan; return what changed."""
        return shapes.status_change_json(applications.set_status(self, app_id, status))

    def list_applications(self, status: str | None = None) -> list[dict[str, Any]]:
        """Return every application with its next action."""
        items = applications.list_applications(self, status)
        return [shapes.application_item_json(a) for a in items]

    def show_application(self, app_id: int) -> dict[str, Any]:
        """Return an application with its contacts, interviews, plan and exchanges."""
        return shapes.application_detail_json(applications.show_application(self, app_id))

    def plan(self, app_id: int) -> list[dict[str, Any]]:
        """Return the full dated plan of an application (cancelled actions included)."""
        rows, zone = applications.plan(self, app_id)
        return [shapes.action_json(r, zone) for r in rows]

    # ------------------------------------------------------------ interviews and exchanges

    def add_interview(
        self, app_id: int, start: dt.datetime, end: dt.datetime, *args: Any, **kwargs: Any
    ) -> dict[str, Any]:
        """Record an interview with its panel and re-plan; return the interview."""
        created = interviews.add_interview(self, app_id, start, end, *args, **kwargs)
        return shapes.interview_view_json(created, with_debrief=False)

    def interview(self, interview_id: int) -> dict[str, Any]:
        """Return an interview with its debrief."""
        return shapes.interview_view_json(interviews.show_interview(self, interview_id))

    def record_debrief(self, interview_id: int, data: Mapping[str, Any]) -> dict[str, Any]:
        """Validate and store the debrief of an interview, then re-plan; return it."""
        return shapes.debrief_view_json(interviews.record_debrief(self, interview_id, data))

    def log(self, app_id: int, kind: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
        """Log an exchange, run the guards on outgoing ones, and re-plan; return it."""
        return shapes.logged_json(exchanges.log(self, app_id, kind, *args, **kwargs))

    def check(self, app_id: int, kind: str | None, *args: Any, **kwargs: Any) -> list[Any]:
        """Return the guards' warnings for a message not sent yet."""
        found = exchanges.check(self, app_id, kind, *args, **kwargs)
        return [shapes.verdict_json(v) for v in found]

    # ------------------------------------------------------------ actions and the agenda

    def complete(self, action_id: int, status: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
        """Move an action to `status` (done, skipped, snoozed, pending); return it."""
        return shapes.action_view_json(actions.complete(self, action_id, status, *args, **kwargs))

    def action(self, action_id: int) -> dict[str, Any]:
        """Return one action."""
        return shapes.action_view_json(actions.show_action(self, action_id), with_warnings=False)

    def today(self) -> dict[str, Any]:
        """Return what is overdue, due today and coming in the next 7 days."""
        return agenda.today_until(self)[0]

    def today_until(self) -> tuple[dict[str, Any], dt.datetime]:
        """Return `today()` and the moment its grouping next changes if nothing is written."""
        return agenda.today_until(self)

    def brief(self, app_id: int) -> dict[str, Any]:
        """Return what to review before a call about an application."""
        return shapes.brief_json(agenda.brief(self, app_id))

    def calendar(self, todo: bool = False) -> bytes:
        """Return the open actions as an RFC 5545 calendar."""
        return agenda.calendar(self, todo)

    def insights(self, weeks: int = 12) -> dict[str, Any]:
        """Return where the search stands (PRODUCT.md §4.4)."""
        found: dict[str, Any] = insights.insights(self, weeks).as_json()
        return found
