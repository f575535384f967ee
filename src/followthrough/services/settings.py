"""Settings: the user's zone, country, working hours and policy options; the calendar feed's
secret; the playbook's reminders and the rules behind each policy choice."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from followthrough.domain.model import PLAN_BASIS, REPLAN_PENDING
from followthrough.services.context import Context

TYPE_CHECKING = False
if TYPE_CHECKING:  # the playbook's rules and the checks load when a step needs them
    from followthrough.domain.model import Reminder


def update_settings(ctx: Context, values: Mapping[str, str]) -> dict[str, str]:
    """Validate and store settings, then re-plan everything; return the effective settings."""
    from followthrough.domain.validate import check_settings, validate_setting
    from followthrough.services.planning import plan_basis, replan_all

    clean = {k: validate_setting(k, v) for k, v in values.items()}
    region = check_settings({**ctx.settings(), **clean})
    if "region" in clean:
        clean["region"] = region or ""
    with ctx.write() as uow:  # with a note that the re-plan is due, cleared by its last write
        uow.repo.save_settings(uow.conn, {**clean, REPLAN_PENDING: str(os.getpid())})
        uow.settings_changed()
        if uow.stored.get(PLAN_BASIS) != plan_basis(uow):
            uow.repo.forget_setting(uow.conn, PLAN_BASIS)  # a policy changed: all re-planned
        uow.describe("settings", "Changed settings: " + ", ".join(
            f"{k} = {v}" if v else f"{k} cleared" for k, v in sorted(clean.items())))
    ctx.overrides = {k: v for k, v in ctx.overrides.items() if k not in clean}
    replan_all(ctx, "settings changed")  # its last write: a crash before it is resumed
    return ctx.settings()


def calendar_token(ctx: Context) -> str:
    """Return the secret token of the calendar feed, creating it once."""
    token = ctx.settings().get("calendar_token")
    if token:
        return token
    with ctx.write() as uow:  # checked again under the write lock: two first visits, one token
        token = uow.stored.get("calendar_token")
        if not token:
            token = _token()
            uow.repo.save_settings(uow.conn, {"calendar_token": token})
    return token


def rotate_calendar_token(ctx: Context) -> str:
    """Replace the calendar feed's token (the old address stops working); return the new one."""
    token = _token()
    with ctx.write() as uow:
        uow.repo.save_settings(uow.conn, {"calendar_token": token})
    return token


@dataclass(frozen=True)
class PolicyChoice:
    """One value of a policy option with the rules and sources behind it."""

    value: str
    rules: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class PolicyOption:
    """A policy option, its value in force, its choices, and whether the sources disagree."""

    key: str
    value: str | None
    choices: tuple[PolicyChoice, ...]

    @property
    def disagree(self) -> bool:
        """Return True when different choices are backed by different sources."""
        return len({c.sources for c in self.choices if c.sources}) > 1


def policies(ctx: Context) -> list[PolicyOption]:
    """Return each policy option with its value and, per choice, the rules and sources behind
    it (so a page can show both sides where the sources disagree)."""
    from followthrough.domain.playbook import POLICY_CHOICES

    values = ctx.settings()
    out = []
    for key, choices in POLICY_CHOICES.items():
        options = []
        for choice in sorted(choices):
            rules = [r for r in ctx.playbook.rules if (key, choice) in r.policy]
            sources = tuple(sorted({src for r in rules for src in r.sources}))
            options.append(PolicyChoice(choice, tuple(r.id for r in rules), sources))
        out.append(PolicyOption(key, values.get(key), tuple(options)))
    return out


def reminders(ctx: Context, when: str) -> list[Reminder]:
    """Return the playbook's reminders for a moment ("before-interview", "after-interview"),
    from the generated playbooks/defaults.py (the playbook is not read to show them)."""
    from followthrough.domain.model import Reminder
    from followthrough.playbooks.defaults import REMINDERS

    return [Reminder(i, w, text, tuple(sources), channel)
            for i, w, text, sources, channel in REMINDERS if w == when]  # fmt: skip


def _token() -> str:
    """Return a new secret for the calendar feed's address."""
    import secrets  # with hmac and random: only this step needs them

    return secrets.token_urlsafe(24)
