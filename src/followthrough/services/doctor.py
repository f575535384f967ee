"""`doctor`: what would make the plan wrong, each finding with the records and the fix."""

from __future__ import annotations

from dataclasses import dataclass

from followthrough.services.context import Context


@dataclass(frozen=True)
class Finding:
    """One kind of problem: a stable name, what is wrong, how to fix it, the records."""

    check: str
    problem: str
    fix: str
    ids: tuple[int, ...] = ()


#: check -> (what is wrong, with {n}: how many; the fix), in the order they are shown.
_WORDING = {
    "no_address": (
        "{n} contact(s) to e-mail have no address",
        "followthrough contact show ID, then add the address (or ask the recruiter to pass "
        "the message on)",
    ),
    "bounced": (
        "{n} contact(s) have an address mail bounced from",
        "followthrough contact edit ID --email NEW (check the address with the recruiter)",
    ),
    "mailbox_names": (
        "{n} contact(s) are named after a mailbox, not a person (drafts would greet it)",
        "give the person's name when you next add or import them",
    ),
    "interviewing_without_interview": (
        "{n} application(s) are interviewing with no interview recorded",
        "followthrough interview add APP --at 'YYYY-MM-DD HH:MM' (or change the status)",
    ),
    "long_overdue": (
        "{n} action(s) are more than 7 days overdue",
        "followthrough done|skip|snooze ID: an old plan hides today's",
    ),
}


def doctor(ctx: Context) -> list[Finding]:
    """Return what would make the plan wrong, most basic first: a zone or country never set,
    then the records of each check that finds any."""
    found: list[Finding] = []
    with ctx.read() as uow:
        stored = uow.stored
        ids = uow.repo.doctor(uow.conn, ctx.now)
    if "tz" not in stored:
        found.append(Finding(
            "no_zone", "your time zone was never set: times are planned in UTC",
            "followthrough settings tz Europe/Brussels (your zone)",
        ))  # fmt: skip
    if "country" not in stored:
        found.append(Finding(
            "no_country", "your country was never set: public holidays are not skipped",
            "followthrough settings country BE (your country)",
        ))  # fmt: skip
    for check, (problem, fix) in _WORDING.items():
        if ids[check]:
            found.append(Finding(check, problem.format(n=len(ids[check])), fix, tuple(ids[check])))
    return found
