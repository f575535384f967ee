"""Use cases: each reads facts from the store, asks the core, stores the decision.

No printing and no parsing of command lines here; the CLI and the web app call these.
`now` is always given by the caller (the clock is injected).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib
import json
import os
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from followthrough import agenda, playbooks
from followthrough.domain import guards, transitions
from followthrough.domain.errors import ValidationError
from followthrough.domain.model import (
    DEBRIEF_TEXT_FIELDS,
    FINAL_STATUSES,
    ActionStatus,
    Application,
    ApplicationFacts,
    Channel,
    Contact,
    Format,
    InteractionKind,
    Interview,
    PlannedAction,
    Role,
    Status,
)
from followthrough.domain.parse import check_email, check_one_line, parse_address
from followthrough.domain.planner import (
    Pipeline,
    Policy,
    plan_application,
    plan_keep_searching,
    workweek_from_settings,
)
from followthrough.domain.playbook import (
    INT_POLICIES,
    POLICY_CHOICES,
    Playbook,
)
from followthrough.domain.reconcile import Changes, reconcile
from followthrough.domain.validate import INT_LIMITS as INT_LIMITS
from followthrough.domain.validate import (
    PLAN_BASIS,
    REPLAN_PENDING,
    check_settings,
    clean_debrief,
    interview_span,
    validate_setting,
)
from followthrough.domain.validate import SETTING_KEYS as SETTING_KEYS
from followthrough.domain.validate import interest as check_interest
from followthrough.domain.workdays import Workweek, check_country, zone
from followthrough.store import db
from followthrough.store.repo import RecruiterLinks, Repo

#: Applications re-planned per write transaction after a settings change (the note
#: REPLAN_PENDING, domain/validate.py, marks a re-plan under way: `today` finishes it unless
#: the process it names still runs elsewhere).
REPLAN_CHUNK = 500


def _version() -> str:
    """Return the installed version (imported here: only a settings change needs it)."""
    import importlib.metadata

    try:
        return importlib.metadata.version("followthrough")
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover - run from a checkout
        return ""


def _canonical(value: object) -> object:
    """Return `value` as JSON-ready data that does not depend on set order or hash seeds."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: _canonical(getattr(value, f.name)) for f in dataclasses.fields(value) if f.repr
        }
    if isinstance(value, enum.Enum):
        return _canonical(value.value)
    if isinstance(value, dict):
        return {str(k): _canonical(v) for k, v in value.items()}
    if isinstance(value, set | frozenset):
        items = [_canonical(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True))
    if isinstance(value, list | tuple):
        return [_canonical(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def default_playbook() -> Playbook:
    """Return the playbook shipped with the package."""
    return playbooks.default()


@dataclass(frozen=True)
class Store:
    """An open database bound to one owner: what an adapter holds between units of work."""

    engine: Any
    owner: int


def open_store(path: Path | str, now: dt.datetime, user: str | None = None) -> Store:
    """Return the SQLite database at `path` (created and migrated if needed), bound to `user`
    (the local user by default)."""
    engine = db.open_database(db.sqlite_url(path), now)
    return Store(engine, db.ensure_user(engine, user or db.LOCAL_USER, now))


@dataclass
class Service:
    """The use cases of one user on one store, at one moment."""

    repo: Repo
    now: dt.datetime
    overrides: dict[str, str] = field(default_factory=dict)
    playbook: Playbook = field(default_factory=default_playbook)

    @classmethod
    def on(
        cls, store: Store, now: dt.datetime, overrides: Mapping[str, str] | None = None
    ) -> Service:
        """Return the use cases of the owner of `store` at `now`."""
        return cls(Repo(store.engine, store.owner), now, dict(overrides or {}))

    # ------------------------------------------------------------ settings

    def settings(self, conn: Connection | None = None) -> dict[str, str]:
        """Return the effective settings: playbook defaults < stored < this run's overrides."""
        values = {k: str(v) for k, v in self.playbook.policies.items()}
        values.setdefault("tz", "UTC")
        if conn is None:
            with self.repo.read() as c:
                values.update(self.repo.settings(c))
        else:
            values.update(self.repo.settings(conn))
        values.pop(REPLAN_PENDING, None)
        values.pop(PLAN_BASIS, None)
        values.update({k: v for k, v in self.overrides.items() if v is not None})
        return values

    def week(self, conn: Connection | None = None) -> Workweek:
        """Return the user's working calendar."""
        s = self.settings(conn)
        if s.get("country"):
            check_country(s["country"], s.get("region") or None)
        zone(s["tz"])
        return workweek_from_settings(s)

    def policy(self, conn: Connection | None = None) -> Policy:
        """Return the user's policy options."""
        s = self.settings(conn)
        options: dict[str, object] = {k: s[k] for k in POLICY_CHOICES if k in s}
        options.update({k: int(s[k]) for k in INT_POLICIES if k in s})
        return Policy.from_options(options)

    def update_settings(self, values: Mapping[str, str]) -> dict[str, str]:
        """Validate and store settings, then re-plan everything; return the effective settings."""
        clean = {k: validate_setting(k, v) for k, v in values.items()}
        region = check_settings({**self.settings(), **clean})
        if "region" in clean:
            clean["region"] = region or ""
        with self.repo.write() as conn:  # with a note that the re-plan is due, cleared by
            self.repo.save_settings(conn, {**clean, REPLAN_PENDING: str(os.getpid())})
            if self.repo.settings(conn).get(PLAN_BASIS) != self.plan_basis(conn):
                self.repo.forget_setting(conn, PLAN_BASIS)  # a policy changed: all re-planned
        self.overrides = {k: v for k, v in self.overrides.items() if k not in clean}
        self.replan_all("settings changed")  # its last write: a crash before it is resumed
        return self.settings()

    def calendar_token(self) -> str:
        """Return the secret token of the calendar feed, creating it once."""
        token = self.settings().get("calendar_token")
        if token:
            return token
        with self.repo.write() as conn:  # checked again under the write lock: two first
            token = self.repo.settings(conn).get("calendar_token")  # visits make one token
            if not token:
                token = secrets.token_urlsafe(24)
                self.repo.save_settings(conn, {"calendar_token": token})
        return token

    def rotate_calendar_token(self) -> str:
        """Replace the calendar feed's token (the old address stops working); return the new one."""
        token = secrets.token_urlsafe(24)
        with self.repo.write() as conn:
            self.repo.save_settings(conn, {"calendar_token": token})
        return token

    def policies(self) -> list[dict[str, Any]]:
        """Return each policy option with its value and, per choice, the rules and sources
        behind it (so a page can show both sides where the sources disagree)."""
        s = self.settings()
        out: list[dict[str, Any]] = []
        for key, choices in POLICY_CHOICES.items():
            options = []
            for choice in sorted(choices):
                rules = [r for r in self.playbook.rules if (key, choice) in r.policy]
                options.append(
                    {
                        "value": choice,
                        "rules": [r.id for r in rules],
                        "sources": sorted({src for r in rules for src in r.sources}),
                    }
                )
            distinct = {tuple(o["sources"]) for o in options if o["sources"]}
            out.append(
                {"key": key, "value": s.get(key), "options": options, "disagree": len(distinct) > 1}
            )
        return out

    def reminders(self, when: str) -> list[dict[str, Any]]:
        """Return the playbook's reminders for a moment ("before-interview", "after-interview")."""
        return [
            {"id": r.id, "text": r.text, "sources": list(r.sources)}
            for r in self.playbook.reminders
            if r.when == when
        ]

    # ------------------------------------------------------------ planning

    def plan_for(self, conn: Connection, facts: ApplicationFacts) -> list[PlannedAction]:
        """Return what the playbook calls for on these facts, under the user's settings."""
        return plan_application(facts, self.playbook, self.week(conn), self.policy(conn))

    def replan(self, conn: Connection, app_id: int, reason: str) -> None:
        """Recompute the plan of one application and reconcile it with the stored actions."""
        facts = self.repo.facts(conn, app_id)
        changes = reconcile(facts.actions, self.plan_for(conn, facts), reason)
        self.repo.apply(conn, changes, self.now)

    def plan_basis(self, conn: Connection) -> str:
        """Return the fingerprint of what decides which actions a plan holds: the program's
        version, the playbook and the policy options (not the calendar: dates move actions,
        never add or remove one)."""
        basis = [_version(), _canonical(self.playbook), _canonical(self.policy(conn))]
        text = json.dumps(basis, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()[:32]

    def replan_all(self, reason: str, chunk: int | None = None) -> int:
        """Re-plan every application, as `replan` one after another would, in chunks: on
        SQLite each is planned from a read snapshot outside the write lock, then written in one
        short write transaction (planned again under the lock if anything was committed
        meanwhile), so other commands get the lock between chunks; elsewhere each chunk is
        planned and written in its write transaction. The last write clears REPLAN_PENDING.
        When every plan was last made on the same PLAN_BASIS (only dates changed since), the
        applications whose plan is settled are left out (Repo.unsettled_application_ids): it
        would not change. The last write records the basis.
        Return how many action rows were written."""
        chunk = chunk or REPLAN_CHUNK
        with self.repo.read() as conn:
            basis = self.plan_basis(conn)
            if self.repo.settings(conn).get(PLAN_BASIS) == basis:
                ids = self.repo.unsettled_application_ids(conn)
            else:
                ids = self.repo.application_ids(conn)
        written = 0
        links: RecruiterLinks | None = None
        with self.repo.connection() as conn:
            ahead = conn.dialect.name == "sqlite"  # PRAGMA data_version tells what changed
            for start in range(0, max(len(ids), 1), chunk):
                part = ids[start : start + chunk]
                version, planned = None, None
                if ahead:
                    with self.repo.reading_on(conn):
                        version = db.data_version(conn)  # first: it opens the snapshot
                        if links is None:
                            links = self.repo.recruiter_links(conn)
                        planned = self._plan_chunk(conn, part, links.copy(), reason)
                with self.repo.writing_on(conn):
                    if planned is None or db.data_version(conn) != version:
                        fresh = self.repo.recruiter_links(conn)  # or someone wrote meanwhile
                        planned = self._plan_chunk(conn, part, fresh, reason)
                    changes, after = planned
                    written += self.repo.write_plans(conn, changes, self.now)
                    if start + chunk >= len(ids):
                        self.repo.forget_setting(conn, REPLAN_PENDING)
                        if self.plan_basis(conn) == basis:  # no policy changed meanwhile
                            self.repo.save_settings(conn, {PLAN_BASIS: basis})
                        else:
                            self.repo.forget_setting(conn, PLAN_BASIS)
                links = after
        return written

    def finish_replan(self) -> None:
        """Finish a re-plan that a settings change left undone (see REPLAN_PENDING)."""
        with self.repo.read() as conn:
            note = self.repo.settings(conn).get(REPLAN_PENDING)
        if note is None:
            return
        if note.isdigit() and int(note) != os.getpid():
            try:
                os.kill(int(note), 0)  # still running: it is re-planning right now
                return
            except ProcessLookupError:
                pass
            except (PermissionError, OverflowError):
                return  # alive under another user / not a pid: leave it
        self.replan_all("settings changed")

    def _plan_chunk(
        self, conn: Connection, app_ids: Sequence[int], links: RecruiterLinks, reason: str
    ) -> tuple[list[Changes], RecruiterLinks]:
        """Return the reconciliations of these applications (in id order) and the links after."""
        week, policy = self.week(conn), self.policy(conn)
        out = []
        for facts in self.repo.facts_many(conn, app_ids):
            facts = links.resolve(facts)
            planned = plan_application(facts, self.playbook, week, policy)
            changes = reconcile(facts.actions, planned, reason)
            if changes:
                links.note(facts.application.id, changes)
                out.append(changes)
        return out, links

    # ------------------------------------------------------------ contacts

    def resolve_contact(
        self,
        conn: Connection,
        text: str,
        field: str,
        role: Role | None = None,
        direct: bool | None = None,
        organisation: str | None = None,
    ) -> Contact:
        """Return the contact meant by `text` (an id, an e-mail, 'Name <email>' or a name),
        creating it when it is new."""
        value = text.strip()
        if value.isascii() and value.isdigit():
            if len(value) > 15:
                raise ValidationError(field, f"{value!r} is not a contact id; see `contact list`")
            return self.repo.contact(conn, int(value))
        name, email = parse_address(value, field)
        found = (
            self.repo.contact_by_email(conn, email)
            if email
            else self.repo.contact_by_name(conn, name)
        )
        if found is not None:
            changes: dict[str, Any] = {}
            if direct and not found.direct_contact:
                changes["direct_contact"] = True
            if role and found.role is Role.OTHER:
                changes["role"] = role.value
            if changes:
                self.repo.update_contact(conn, found.id, **changes)
                return self.repo.contact(conn, found.id)
            return found
        cid = self.repo.add_contact(
            conn,
            self.now,
            name=name,
            email=email,
            role=(role or Role.OTHER).value,
            direct_contact=bool(direct),
            organisation=organisation,
            notes="",
        )
        return self.repo.contact(conn, cid)

    def add_contact(
        self,
        name: str,
        email: str | None = None,
        phone: str | None = None,
        linkedin: str | None = None,
        role: str = "other",
        organisation: str | None = None,
        direct_contact: bool = False,
        notes: str = "",
    ) -> Contact:
        """Create a contact; return it."""
        if not name.strip():
            raise ValidationError("name", "empty; give the person's name")
        check_one_line(name, "name")
        check_one_line(organisation or "", "organisation")
        if email:
            check_email(email, "email")
        try:
            role_value = Role(role)
        except ValueError:
            raise ValidationError(
                "role", f"{role!r}; use one of {', '.join(r.value for r in Role)}"
            ) from None
        with self.repo.write() as conn:
            if email and self.repo.contact_by_email(conn, email):
                raise ValidationError("email", f"{email} is already a contact; see `contact list`")
            cid = self.repo.add_contact(
                conn,
                self.now,
                name=name.strip(),
                email=email,
                phone=phone,
                linkedin=linkedin,
                role=role_value.value,
                organisation=organisation,
                direct_contact=direct_contact,
                notes=notes,
            )
            return self.repo.contact(conn, cid)

    # ------------------------------------------------------------ applications

    def add_application(
        self,
        company: str,
        role: str,
        recruiter: str | None = None,
        agency: str | None = None,
        url: str | None = None,
        interest: int | None = None,
        notes: str = "",
        referees: Sequence[str] = (),
        competitors: Sequence[str] = (),
        hiring_contact: str | None = None,
    ) -> Application:
        """Create an application (recruiter-led when a recruiter or agency is given)."""
        if not company.strip():
            raise ValidationError("company", "empty; give the company's name")
        if not role.strip():
            raise ValidationError("role", "empty; give the job title, e.g. 'Data Engineer'")
        check_one_line(company, "company")
        check_one_line(role, "role")
        check_one_line(agency or "", "agency")
        if interest is not None:
            check_interest(interest)
        if url and not url.startswith(("http://", "https://")):
            raise ValidationError("url", f"{url!r}; give a full address starting with https://")
        with self.repo.write() as conn:
            recruiter_id = None
            if recruiter:
                recruiter_id = self.resolve_contact(
                    conn, recruiter, "recruiter", Role.RECRUITER, organisation=agency
                ).id
            hiring_id = None
            if hiring_contact:
                hiring_id = self.resolve_contact(
                    conn,
                    hiring_contact,
                    "hiring-contact",
                    Role.HIRING_MANAGER,
                    organisation=company,
                ).id
            channel = Channel.RECRUITER if (recruiter or agency) else Channel.DIRECT
            app_id = self.repo.add_application(
                conn,
                self.now,
                company=company.strip(),
                role=role.strip(),
                url=url,
                channel=channel.value,
                agency=agency,
                recruiter_id=recruiter_id,
                hiring_contact_id=hiring_id,
                interest=interest,
                notes=notes,
                competitors="\n".join(competitors),
                applied_on=self.now.astimezone(self.week(conn).zone).date(),
            )
            for ref in referees:
                rid = self.resolve_contact(conn, ref, "referee", Role.REFEREE).id
                self.repo.add_referee(conn, app_id, rid)
            self.replan(conn, app_id, "application added")
            return self.repo.application(conn, app_id)

    def add_referee(self, app_id: int, who: str) -> Contact:
        """Attach a referee to an application and re-plan; return the referee."""
        with self.repo.write() as conn:
            self.repo.application(conn, app_id)
            contact = self.resolve_contact(conn, who, "referee", Role.REFEREE)
            self.repo.add_referee(conn, app_id, contact.id)
            self.replan(conn, app_id, "referee added")
            return contact

    def set_status(self, app_id: int, status: str) -> dict[str, Any]:
        """Change an application's status and re-plan; return the application with the changes."""
        try:
            new = Status(status)
        except ValueError:
            raise ValidationError(
                "status", f"{status!r}; use one of {', '.join(s.value for s in Status)}"
            ) from None
        with self.repo.write() as conn:
            app = self.repo.application(conn, app_id)
            before = {r["key"]: r["status"] for r in self.repo.actions_of(conn, app_id)}
            if app.status is not new:
                self.repo.update_application(conn, app_id, status=new.value, updated_at=self.now)
                self.repo.add_status_event(conn, app_id, new.value, self.now)
                self.replan(conn, app_id, f"status changed to {new.value}")
            after = self.repo.actions_of(conn, app_id)
            zone_ = self.week(conn).zone
            added = [agenda.action_json(r, zone_) for r in after if r["key"] not in before]
            cancelled = [
                agenda.action_json(r, zone_)
                for r in after
                if r["status"] == "cancelled" and before.get(r["key"]) not in (None, "cancelled")
            ]
            return {
                "application": self.application_json(conn, self.repo.application(conn, app_id)),
                "added": added,
                "cancelled": cancelled,
            }

    def application_json(self, conn: Connection, app: Application) -> dict[str, Any]:
        """Return the JSON shape of an application."""
        recruiter = self.repo.contact(conn, app.recruiter_id) if app.recruiter_id else None
        return {
            "id": app.id,
            "company": app.company,
            "role": app.role,
            "status": app.status.value,
            "channel": app.channel.value,
            "agency": app.agency,
            "recruiter": contact_json(recruiter) if recruiter else None,
            "url": app.url,
            "interest": app.interest,
            "notes": app.notes,
            "competitors": list(app.competitors),
            "applied_on": app.applied_on.isoformat() if app.applied_on else None,
            "created_at": agenda.iso(app.created_at, self.week(conn).zone),
        }

    def list_applications(self, status: str | None = None) -> list[dict[str, Any]]:
        """Return every application with its next action."""
        with self.repo.read() as conn:
            nexts = self.repo.next_actions(conn)
            lasts = self.repo.last_exchanges(conn)
            zone_ = self.week(conn).zone
            out = []
            for app in self.repo.applications(conn, status):
                item = self.application_json(conn, app)
                row = nexts.get(app.id)
                item["next_action"] = agenda.action_json(row, zone_) if row else None
                item["last_exchange"] = agenda.iso(lasts.get(app.id), zone_)
                out.append(item)
            return out

    def show_application(self, app_id: int) -> dict[str, Any]:
        """Return an application with its contacts, interviews, plan and interactions."""
        with self.repo.read() as conn:
            app = self.repo.application(conn, app_id)
            facts = self.repo.facts(conn, app_id)
            zone_ = self.week(conn).zone
            out = self.application_json(conn, app)
            out["interviews"] = [
                interview_json(iv, facts.contacts, zone_, iv.id in facts.debriefs)
                for iv in facts.interviews
            ]
            out["referees"] = [contact_json(facts.contacts[r]) for r in facts.referee_ids]
            out["contacts"] = [contact_json(c) for c in facts.contacts.values()]
            out["interactions"] = [
                {
                    "id": i.id,
                    "at": agenda.iso(i.at, zone_),
                    "kind": i.kind.value,
                    "contact": facts.contacts[i.contact_id].name
                    if i.contact_id in facts.contacts
                    else None,
                    "summary": i.summary,
                    "follow_up": i.follow_up,
                }
                for i in facts.interactions
            ]
            out["plan"] = [agenda.action_json(r, zone_) for r in self.repo.actions_of(conn, app_id)]
            return out

    def application_item(self, app_id: int) -> dict[str, Any]:
        """Return one application as a list item (as `app add --json` prints it)."""
        with self.repo.read() as conn:
            return self.application_json(conn, self.repo.application(conn, app_id))

    def list_contacts(self, role: str | None = None) -> list[dict[str, Any]]:
        """Return the contacts, by name (as `contact list --json`)."""
        with self.repo.read() as conn:
            return [contact_json(c) for c in self.repo.contacts(conn, role)]

    def show_contact(self, contact_id: int) -> dict[str, Any]:
        """Return one contact (as `contact show --json`)."""
        with self.repo.read() as conn:
            return contact_json(self.repo.contact(conn, contact_id))

    def restore_backup(self, data: Any) -> dict[str, int]:
        """Replace this user's data with a backup's; return the counts restored per table."""
        from followthrough.io import backup
        from followthrough.store import backup as stored

        defaults = {"tz": "UTC", **{k: str(v) for k, v in self.playbook.policies.items()}}
        rows = backup.decode(data, stored.LAYOUT, defaults)
        return stored.write_rows(self.repo.engine, self.repo.owner, rows)

    def plan(self, app_id: int) -> list[dict[str, Any]]:
        """Return the full dated plan of an application (cancelled actions included)."""
        with self.repo.read() as conn:
            self.repo.application(conn, app_id)
            zone_ = self.week(conn).zone
            return [agenda.action_json(r, zone_) for r in self.repo.actions_of(conn, app_id)]

    # ------------------------------------------------------------ interviews

    def add_interview(
        self,
        app_id: int,
        start: dt.datetime,
        end: dt.datetime,
        fmt: str = "in-person",
        with_: Sequence[str] = (),
        direct_contacts: Sequence[str] = (),
        decision_by: dt.date | None = None,
        promises: Sequence[str] = (),
        round_: int | None = None,
        follow_up_with: str | None = None,
        follow_up_how: str = "",
        next_steps: str = "",
    ) -> dict[str, Any]:
        """Record an interview with its panel and re-plan; return the interview."""
        interview_span(start, end)
        try:
            format_ = Format(fmt)
        except ValueError:
            raise ValidationError(
                "format", f"{fmt!r}; use one of {', '.join(f.value for f in Format)}"
            ) from None
        with self.repo.write() as conn:
            app = self.repo.application(conn, app_id)
            if (
                decision_by is not None
                and decision_by < start.astimezone(self.week(conn).zone).date()
            ):
                raise ValidationError("decision-by", "the decision date is before the interview")
            direct = {parse_address(d, "direct-contact")[1] or d for d in direct_contacts}
            panel: list[int] = []
            for who in with_:
                _, email = parse_address(who, "with") if not who.strip().isdigit() else ("", None)
                contact = self.resolve_contact(
                    conn,
                    who,
                    "with",
                    Role.INTERVIEWER,
                    direct=email in direct if email else None,
                    organisation=app.company,
                )
                panel.append(contact.id)
            for d in direct:  # --direct-contact naming someone not in --with
                c = self.repo.contact_by_email(conn, d) if "@" in d else None
                if c is None:
                    raise ValidationError(
                        "direct-contact", f"{d!r} is not on the panel; add them with --with"
                    )
                if not c.direct_contact:
                    self.repo.update_contact(conn, c.id, direct_contact=True)
            follow_id = None
            if follow_up_with:
                follow_id = self.resolve_contact(conn, follow_up_with, "follow-up-with").id
            existing = self.repo.interviews(conn, app_id)
            iid = self.repo.add_interview(
                conn,
                self.now,
                panel,
                application_id=app_id,
                start_at=start,
                end_at=end,
                tz=self.settings(conn)["tz"],
                format=format_.value,
                round=round_ or len(existing) + 1,
                decision_date=decision_by,
                follow_up_contact_id=follow_id,
                follow_up_how=follow_up_how,
                promises=list(promises),
                next_steps=next_steps,
            )
            if app.status is Status.APPLIED:
                self.repo.update_application(
                    conn, app_id, status="interviewing", updated_at=self.now
                )
                self.repo.add_status_event(conn, app_id, "interviewing", self.now)
            self.replan(conn, app_id, "a new interview supersedes it")
            iv = self.repo.interview(conn, iid)
            contacts = self.repo.contacts_by_id(conn, list(iv.interviewer_ids))
            return interview_json(iv, contacts, self.week(conn).zone, False)

    def interview(self, interview_id: int) -> dict[str, Any]:
        """Return an interview with its debrief."""
        with self.repo.read() as conn:
            iv = self.repo.interview(conn, interview_id)
            contacts = self.repo.contacts_by_id(conn, list(iv.interviewer_ids))
            debrief = self.repo.debriefs(conn, [interview_id]).get(interview_id)
            out = interview_json(iv, contacts, self.week(conn).zone, debrief is not None)
            out["debrief"] = debrief_json(debrief, self.week(conn).zone) if debrief else None
            return out

    # ------------------------------------------------------------ debriefs

    def record_debrief(self, interview_id: int, data: Mapping[str, Any]) -> dict[str, Any]:
        """Validate and store the debrief of an interview, then re-plan; return it."""
        clean = clean_debrief(data)
        verdict = clean.pop("verdict", None)
        with self.repo.write() as conn:
            iv = self.repo.interview(conn, interview_id)
            self.repo.save_debrief(conn, interview_id, clean, verdict, self.now)
            self.repo.finish_by_key(conn, f"debrief:i{interview_id}", self.now)
            self.replan(conn, iv.application_id, "debrief recorded")
            debrief = self.repo.debriefs(conn, [interview_id])[interview_id]
            return debrief_json(debrief, self.week(conn).zone)

    # ------------------------------------------------------------ interactions and guards

    def log(
        self,
        app_id: int,
        kind: str,
        with_: str | None = None,
        at: dt.datetime | None = None,
        summary: str = "",
        reply: bool = False,
        override: str | None = None,
    ) -> dict[str, Any]:
        """Log an exchange, run the guards on outgoing ones, and re-plan.

        An exchange that already happened is recorded even when a guard warns: the warnings
        are returned and stored with the override reason (if one was given).
        """
        try:
            ikind = InteractionKind(kind)
        except ValueError:
            raise ValidationError("kind", f"{kind!r}; use call, email-in or email-out") from None
        when = at or self.now
        if when > self.now + dt.timedelta(minutes=5):
            raise ValidationError("at", "is in the future; log exchanges once they happened")
        with self.repo.write() as conn:
            self.repo.application(conn, app_id)
            contact = self.resolve_contact(conn, with_, "with") if with_ else None
            result = self._record_exchange(
                conn,
                app_id,
                ikind,
                contact.id if contact else None,
                when,
                summary,
                reply,
                override,
                action_id=None,
                action_kind=None,
            )
            self.replan(conn, app_id, f"{ikind.value} logged")
            return result

    def _record_exchange(
        self,
        conn: Connection,
        app_id: int,
        kind: InteractionKind,
        contact_id: int | None,
        at: dt.datetime,
        summary: str,
        reply: bool,
        override: str | None,
        action_id: int | None,
        action_kind: str | None,
    ) -> dict[str, Any]:
        week, policy = self.week(conn), self.policy(conn)
        warnings: list[guards.Verdict] = []
        follow_up = False
        if kind not in (InteractionKind.EMAIL_IN, InteractionKind.MESSAGE_IN):
            channel = "phone" if kind is InteractionKind.CALL else "email"
            if action_kind and action_kind.startswith("linkedin"):
                channel = "linkedin"
            out = guards.Outgoing(
                at=at,
                kind=action_kind,
                recipient_id=contact_id,
                channel=channel,
                text=summary,
                reply=reply,
            )
            if contact_id is not None:
                c = self.repo.contact(conn, contact_id)
                if c.role is Role.REFEREE:
                    out = guards.Outgoing(at=at, kind="referee-heads-up", channel=channel)
            follow_up = out.follow_up
            warnings = guards.check_outgoing(out, self.repo.facts(conn, app_id), week, policy)
        iid = self.repo.add_interaction(
            conn,
            self.now,
            application_id=app_id,
            contact_id=contact_id,
            at=at,
            kind=kind.value,
            summary=summary,
            action_id=action_id,
            action_kind=action_kind,
            follow_up=follow_up,
        )
        for w in warnings:
            self.repo.add_override(
                conn,
                self.now,
                application_id=app_id,
                interaction_id=iid,
                guard=w.guard,
                message=w.reason,
                reason=override or "",
            )
        return {
            "id": iid,
            "application_id": app_id,
            "kind": kind.value,
            "at": agenda.iso(at, week.zone),
            "contact_id": contact_id,
            "follow_up": follow_up,
            "warnings": [verdict_json(w) for w in warnings],
            "override": override,
        }

    def check(
        self,
        app_id: int,
        kind: str | None,
        at: dt.datetime | None = None,
        recipient: str | None = None,
        text: str = "",
        reply: bool = False,
    ) -> list[dict[str, Any]]:
        """Return the guards' warnings for a message not sent yet."""
        with self.repo.read() as conn:
            contact = None
            if recipient:
                name, email = parse_address(recipient, "to")
                contact = (
                    self.repo.contact_by_email(conn, email)
                    if email
                    else self.repo.contact_by_name(conn, name)
                )
            out = guards.Outgoing(
                at=at or self.now,
                kind=kind,
                recipient_id=contact.id if contact else None,
                text=text,
                reply=reply,
            )
            facts = self.repo.facts(conn, app_id)
            return [
                verdict_json(v)
                for v in guards.check_outgoing(out, facts, self.week(conn), self.policy(conn))
            ]

    # ------------------------------------------------------------ actions

    def complete(
        self,
        action_id: int,
        status: str,
        until: dt.datetime | None = None,
        reason: str | None = None,
        override: str | None = None,
    ) -> dict[str, Any]:
        """Move an action to `status` (done, skipped, snoozed, or pending to reopen it) as
        domain/transitions.py allows, re-plan, and return the action.

        Done on an action that sends something also logs the exchange (so cadence counts it),
        once: done twice changes nothing. Reopening takes that exchange back.
        """
        with self.repo.write() as conn:
            row = self.repo.action(conn, action_id)
            current = ActionStatus(row["status"])
            zone_ = self.week(conn).zone
            target = transitions.move(action_id, current, status, row["reason"])
            if target is None:
                return {**agenda.action_json(row, zone_), "warnings": []}
            warnings: list[dict[str, Any]] = []
            if target is ActionStatus.DONE:
                warnings = self._mark_done(conn, row, reason, override)
            elif target is ActionStatus.SKIPPED:
                self.repo.set_action(
                    conn, action_id, status="skipped", reason=reason, updated_at=self.now
                )
            elif target is ActionStatus.SNOOZED:
                self._snooze(conn, row, until, reason, zone_)
            else:
                self._reopen(conn, row, current)
            if row["application_id"] is not None:
                self.replan(conn, row["application_id"], f"action {action_id} {status}")
            out = agenda.action_json(self.repo.action(conn, action_id), zone_)
            out["warnings"] = warnings
            return out

    def _mark_done(
        self, conn: Connection, row: Any, reason: str | None, override: str | None
    ) -> list[dict[str, Any]]:
        """Mark an action done; log the exchange it stands for; return the guards' warnings."""
        self.repo.set_action(
            conn, row["id"], status="done", done_at=self.now, reason=reason, updated_at=self.now
        )
        if row["channel"] == "none" or row["application_id"] is None:
            return []
        kind = {
            "phone": InteractionKind.CALL,
            "linkedin": InteractionKind.MESSAGE_OUT,
        }.get(row["channel"], InteractionKind.EMAIL_OUT)
        logged = self._record_exchange(
            conn,
            row["application_id"],
            kind,
            row["recipient_contact_id"],
            self.now,
            f"{row['kind']}: {row['title']}",
            False,
            override,
            row["id"],
            row["kind"],
        )
        warnings: list[dict[str, Any]] = logged["warnings"]
        return warnings

    def _snooze(
        self,
        conn: Connection,
        row: Any,
        until: dt.datetime | None,
        reason: str | None,
        zone_: Any,
    ) -> None:
        """Put an action off until `until` (default: a day after now or its due time)."""
        due = agenda.aware(row["due_at"])
        assert due is not None
        target = until or max(self.now, due) + dt.timedelta(days=1)
        if target <= self.now:
            raise ValidationError("until", "must be in the future")
        if target <= due:
            shown = agenda.iso(due, zone_)
            raise ValidationError(
                "until", f"is not after the action's due time {shown}; snoozing postpones"
            )
        self.repo.set_action(
            conn, row["id"], status="snoozed", due_at=target, reason=reason, updated_at=self.now
        )

    def _reopen(self, conn: Connection, row: Any, current: ActionStatus) -> None:
        """Make an action pending again at its planned time; a done one's logged exchange goes."""
        if current is ActionStatus.DONE:
            self.repo.delete_logged_by(conn, row["id"])
        self.repo.set_action(
            conn,
            row["id"],
            status="pending",
            done_at=None,
            reason=None,
            due_at=row["planned_due_at"] or row["due_at"],
            updated_at=self.now,
        )

    def action(self, action_id: int) -> dict[str, Any]:
        """Return one action."""
        with self.repo.read() as conn:
            return agenda.action_json(self.repo.action(conn, action_id), self.week(conn).zone)

    # ------------------------------------------------------------ today and brief

    def due_nudge(self, conn: Connection) -> PlannedAction | None:
        """Return today's keep-searching nudge when it is due and not stored yet, else None."""
        open_count, last_added, signed = self.repo.pipeline(conn)
        pipeline = Pipeline(open_count, last_added, signed, self.repo.last_nudge(conn))
        action = plan_keep_searching(
            pipeline, self.playbook, self.week(conn), self.policy(conn), self.now
        )
        if action is None or action.key in self.repo.action_records(conn, None):
            return None
        return action

    def nudge(self, conn: Connection) -> None:
        """Add today's keep-searching nudge when the pipeline is too thin."""
        action = self.due_nudge(conn)
        if action is not None:
            self.repo.insert_action(conn, action, self.now)

    def today(self) -> dict[str, Any]:
        """Return what is overdue, due today and coming in the next 7 days."""
        return self.today_until()[0]

    def today_until(self) -> tuple[dict[str, Any], dt.datetime]:
        """Return `today()` and the moment its grouping next changes if nothing is written
        (a due time passing, midnight): until then only its "now" differs."""
        self.finish_replan()
        # a write transaction only on the rare call that adds the nudge: readers never queue
        # behind one another for the write lock (QUALITY.md: no "database is locked")
        with self.repo.read() as conn:
            needed = self.due_nudge(conn) is not None
        if needed:
            with self.repo.write() as conn:
                self.nudge(conn)  # checked again: another process may have added it
        with self.repo.read() as conn:
            week = self.week(conn)
            until = agenda.window_end(self.now, week.zone)
            rows = self.repo.agenda(conn, until)
            return (
                agenda.group(rows, self.now, week.zone),
                agenda.next_change(rows, self.now, week.zone),
            )

    def brief(self, app_id: int) -> dict[str, Any]:
        """Return what to review before a call about an application."""
        with self.repo.read() as conn:
            app = self.repo.application(conn, app_id)
            facts = self.repo.facts(conn, app_id)
            zone_ = self.week(conn).zone
            actions = self.repo.actions_of(conn, app_id)
            people = [
                contact_json(c) for c in facts.contacts.values() if c.role is not Role.REFEREE
            ]
            last = sorted(facts.interactions, key=lambda i: i.at)[-5:]
            promises = [
                {"interview_id": iv.id, "promise": p}
                for iv in facts.interviews
                for p in iv.promises
            ]
            pending = [r for r in actions if r["status"] in ("pending", "snoozed")]
            debriefs = [debrief_json(d, zone_) for d in facts.debriefs.values()]
            latest = facts.interviews[-1] if facts.interviews else None
            return {
                "application": self.application_json(conn, app),
                "stage": app.status.value,
                "people": people,
                "interviews": [
                    interview_json(iv, facts.contacts, zone_, iv.id in facts.debriefs)
                    for iv in facts.interviews
                ],
                "debriefs": debriefs,
                "last_exchanges": [
                    {
                        "at": agenda.iso(i.at, zone_),
                        "kind": i.kind.value,
                        "contact": facts.contacts[i.contact_id].name
                        if i.contact_id in facts.contacts
                        else None,
                        "summary": i.summary,
                    }
                    for i in reversed(last)
                ],
                "promises": promises,
                "decision_date": latest.decision_date.isoformat()
                if latest and latest.decision_date
                else None,
                "next_step": agenda.action_json(pending[0], zone_) if pending else None,
                "reminders": self.reminders("after-interview")
                if app.status not in FINAL_STATUSES
                else [],
            }

    def open_actions(self) -> list[dict[str, Any]]:
        """Return every pending or snoozed action, by due time."""
        with self.repo.read() as conn:
            zone_ = self.week(conn).zone
            rows = self.repo.agenda(conn, dt.datetime.max.replace(tzinfo=dt.UTC))
            return [agenda.action_json(r, zone_) for r in rows]

    def calendar(self, todo: bool = False) -> bytes:
        """Return the open actions as an RFC 5545 calendar (events, or to-dos with `todo`)."""
        from followthrough.io import ics

        actions = self.open_actions()
        return ics.calendar(actions, self.settings()["tz"], todo=todo)

    def insights(self, weeks: int = 12) -> dict[str, Any]:
        """Return where the search stands (PRODUCT.md §4.4): the funnel, follow-ups on time,
        reply rates, weekly activity and the questions that keep coming back."""
        from followthrough.domain.insights import insights

        with self.repo.read() as conn:
            facts = self.repo.all_facts(conn)
            zone_ = self.week(conn).zone
        return insights(facts, self.now, zone_, weeks).as_json()

    def prep_checklist(self) -> list[dict[str, Any]]:
        """Return the before-the-interview reminders for upcoming interviews."""
        with self.repo.read() as conn:
            upcoming = self.repo.upcoming_interviews(conn, self.now)
            zone_ = self.week(conn).zone
            if not upcoming:
                return []
            items = self.reminders("before-interview")
            return [
                {
                    "interview_id": iv.id,
                    "application_id": iv.application_id,
                    "company": self.repo.application(conn, iv.application_id).company,
                    "start": agenda.iso(iv.start, zone_),
                    "checklist": items,
                }
                for iv in upcoming
            ]


# ---------------------------------------------------------------- JSON shapes


def contact_json(c: Contact) -> dict[str, Any]:
    """Return the JSON shape of a contact."""
    return {
        "id": c.id,
        "name": c.name,
        "email": c.email,
        "phone": c.phone,
        "linkedin": c.linkedin,
        "role": c.role.value,
        "organisation": c.organisation,
        "direct_contact": c.direct_contact,
        "notes": c.notes,
    }


def interview_json(
    iv: Interview, contacts: Mapping[int, Contact], zone_: Any, debriefed: bool
) -> dict[str, Any]:
    """Return the JSON shape of an interview."""
    return {
        "id": iv.id,
        "application_id": iv.application_id,
        "start": agenda.iso(iv.start, zone_),
        "end": agenda.iso(iv.end, zone_),
        "format": iv.format.value,
        "round": iv.round,
        "interviewers": [contact_json(contacts[c]) for c in iv.interviewer_ids if c in contacts],
        "decision_date": iv.decision_date.isoformat() if iv.decision_date else None,
        "follow_up_contact_id": iv.follow_up_contact_id,
        "follow_up_how": iv.follow_up_how,
        "promises": list(iv.promises),
        "next_steps": iv.next_steps,
        "debriefed": debriefed,
    }


def debrief_json(d: Any, zone_: Any) -> dict[str, Any]:
    """Return the JSON shape of a debrief."""
    out: dict[str, Any] = {
        "interview_id": d.interview_id,
        "recorded_at": agenda.iso(d.recorded_at, zone_),
    }
    for name, _ in DEBRIEF_TEXT_FIELDS:
        out[name] = list(getattr(d, name))
    out["fit"] = {k: {"score": a.score, "note": a.note} for k, a in d.fit.items()}
    out["fit_average"] = d.fit_average()
    out["verdict"] = d.verdict.value if d.verdict else None
    return out


def verdict_json(v: guards.Verdict) -> dict[str, Any]:
    """Return the JSON shape of a guard's warning."""
    return {"guard": v.guard, "level": v.level, "reason": v.reason, "sources": list(v.sources)}


def dump_json(value: Any) -> str:
    """Return `value` as stable, readable JSON."""
    return json.dumps(value, indent=2, ensure_ascii=False, default=str)
