"""The bodies of the commands that only read: the same code whether click or the read route
(routes.py) parsed the command line.

Stdlib only at import, and no click: the read route answers these commands before click is
imported (about 20 ms of a command's 90). So the conditions click would report as a usage
error are raised here as `Usage`, which the click commands turn into click's usage error and
the read route leaves to click (it runs the command again through click, which reports it).
A body reads a database that is there already (`Ctx.existing`): it never creates one.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import Any

    from followthrough.cli.context import Ctx

#: The statuses of an application, in the order of a search.
STATUSES = ("applied", "interviewing", "offer", "accepted", "rejected", "withdrawn", "closed")
#: The statuses of an application still in play: what `app list` shows by default.
OPEN = ("applied", "interviewing", "offer")
#: Applications `app list` shows a person at once (`--limit N` or `--all` for more).
APP_PAGE = 20
#: Contacts `contact list` shows a person at once.
CONTACT_PAGE = 50
#: How many changes `history` shows by default (the newest).
HISTORY_PAGE = 20


class Usage(Exception):  # noqa: N818  (a usage error, as click names it)
    """A command line that asks for something contradictory (click: a usage error)."""


def page_size(value: str | None) -> int | None:
    """Return --limit as a number of rows to show (1 or more); None when not given; a
    ValueError naming the fix for anything else."""
    if value is None:
        return None
    try:
        number = int(value)
    except ValueError:
        raise ValueError(
            f"{value!r} is not a whole number; give how many to show, e.g. --limit 50 "
            "(or --all for every one)"
        ) from None
    if number < 1:
        raise ValueError(
            f"{number} would show nothing; give 1 or more, e.g. --limit 50 (or --all for every one)"
        )
    return number


def statuses(values: Iterable[str]) -> tuple[str, ...] | None:
    """Return the statuses asked for with --status (`open` and `all` expanded, commas split),
    in the order of a search; None when none was given; a ValueError naming the fix for an
    unknown one."""
    out: dict[str, None] = {}
    for value in values:
        for name in value.split(","):
            word = name.strip().lower()
            if word not in (*STATUSES, "open", "all"):
                raise ValueError(
                    f"{name.strip()!r} is not a status; use open, all or one of "
                    f"{', '.join(STATUSES)} (several: --status rejected,withdrawn)"
                )
            out.update(dict.fromkeys(STATUSES if word == "all" else OPEN if word == "open"
                                     else (word,)))  # fmt: skip
    return tuple(s for s in STATUSES if s in out) if out else None


def _one_of(limit: int | None, show_all: bool) -> None:
    if show_all and limit is not None:
        raise Usage("--limit and --all: give one of them (--all shows every one)")


# ---------------------------------------------------------------- the agenda


def plan(ctx: Ctx, app_id: int) -> None:
    """The full dated plan of an application, with the source of every action."""
    from followthrough import shapes
    from followthrough.services import applications

    svc = ctx.existing()
    rows, zone = applications.plan(svc, app_id)
    items = [shapes.action_json(r, zone) for r in rows]
    ctx.emit(
        items,
        lambda: _agenda().plan(
            items, shapes.application_detail_json(applications.show_application(svc, app_id))
        ),
    )


def brief(ctx: Ctx, app_id: int) -> None:
    """Everything to review before a call about an application."""
    from followthrough import shapes
    from followthrough.services import agenda

    item = shapes.brief_json(agenda.brief(ctx.existing(), app_id))
    ctx.emit(item, lambda: _agenda().brief(item))


# ---------------------------------------------------------------- records


def app_list(
    ctx: Ctx, statuses: tuple[str, ...] | None, limit: int | None, show_all: bool
) -> None:
    """List the applications: open ones, most recent first, a page at a time."""
    from followthrough import shapes
    from followthrough.services import applications

    _one_of(limit, show_all)
    if statuses is None:
        statuses = () if show_all or ctx.json else OPEN
    if limit is None and not (show_all or ctx.json):
        limit = APP_PAGE
    page, counts = applications.application_page(
        ctx.existing(), () if statuses == STATUSES else statuses, limit
    )
    items = [shapes.application_item_json(a) for a in page]
    footer = _footer(statuses, len(items), counts)
    ctx.emit(items, lambda: _records().applications(items, footer))


def _footer(statuses: tuple[str, ...], shown: int, counts: dict[str, int]) -> str | None:
    """Return the line under a page of applications: how many it left out and the command
    that shows them (None when it shows every one asked for); or, on an empty page, why."""
    if not sum(counts.values()):
        return "No applications yet: followthrough app add --company X --role Y"
    everything = "followthrough app list --all"
    left = sum(counts.get(s, 0) for s in statuses or STATUSES) - shown
    if statuses == OPEN:
        closed = sum(n for s, n in counts.items() if s not in OPEN)
        if left and closed:
            return f"{left} more open and {closed} closed: {everything}"
        if closed:
            what = "No open applications" if not shown else f"{closed} closed not shown"
            return f"{what}: {everything}"
    elif statuses not in ((), STATUSES):
        everything = f"followthrough app list --status {','.join(statuses)} --all"
        if not shown:
            return f"No {' or '.join(statuses)} applications."
    return f"{left} more: {everything}" if left else None


def app_show(ctx: Ctx, app_id: int) -> None:
    """Show an application: people, interviews, plan and exchanges."""
    from followthrough import shapes
    from followthrough.services import applications

    item = shapes.application_detail_json(applications.show_application(ctx.existing(), app_id))
    ctx.emit(item, lambda: _records().application(item))


def contact_list(ctx: Ctx, role: str | None, limit: int | None, show_all: bool) -> None:
    """List the contacts by name, a page at a time."""
    from followthrough import shapes
    from followthrough.services import contacts

    _one_of(limit, show_all)
    if limit is None and not (show_all or ctx.json):
        limit = CONTACT_PAGE
    page, total = contacts.contact_page(ctx.existing(), role, limit)
    items = [shapes.contact_json(c) for c in page]
    rest = total - len(items)
    footer = f"{rest} more: followthrough contact list --all" if rest > 0 else ""
    ctx.emit(items, lambda: _records().contacts(items, footer))


def contact_show(ctx: Ctx, contact_id: int) -> None:
    """Show one contact."""
    from followthrough import shapes
    from followthrough.services import contacts

    item = shapes.contact_json(contacts.show_contact(ctx.existing(), contact_id))
    ctx.emit(item, lambda: _records().contacts([item], ""))


def interview_show(ctx: Ctx, interview_id: int) -> None:
    """Show an interview and its debrief."""
    from followthrough import shapes
    from followthrough.services import interviews

    item = shapes.interview_view_json(interviews.show_interview(ctx.existing(), interview_id))
    ctx.emit(item, lambda: _records().interview(item))


def history(ctx: Ctx, app_id: int | None, limit: int | None) -> None:
    """List the changes you made (of one application, or all), newest first."""
    from followthrough.services import history as log
    from followthrough.shapes.history import event_json

    page = limit if limit is not None else (None if ctx.json else HISTORY_PAGE)
    events, zone = log.history(ctx.existing(), app_id, page)
    items = [event_json(e, zone) for e in events]
    ctx.emit(items, lambda: _records().history(items, app_id))


# ---------------------------------------------------------------- the checker


def lint(ctx: Ctx, source: Any, kind: str | None, app_id: int | None) -> None:
    """Check any text as a draft. Exits 0 even when there are findings."""
    import os

    from followthrough.domain.errors import ValidationError
    from followthrough.services import checking

    try:
        text = source.read()
    except UnicodeDecodeError:
        raise ValidationError("FILE", "is not UTF-8 text; save it as UTF-8") from None
    except OSError as e:
        why = (e.strerror or "cannot be read").lower()
        raise ValidationError(
            "FILE", f"{source.path!r}: {why}; give a text file's path, or - for standard input"
        ) from None
    # on a new machine (no database yet, none named) the text is checked as it is: no names
    # to tell apart, no debrief, no words of yours; a database named but not there is an error
    there = app_id is not None or bool(ctx.db_arg) or os.path.exists(ctx.db_file())
    result = checking.lint(ctx.existing() if there else None, text, kind, app_id)

    def human() -> None:
        from followthrough.cli.render import drafts as out

        if app_id is None and result["application_id"] is not None:
            out.checked_as(result["application_id"])
        out.findings(text, result["findings"], result["words"])

    ctx.emit(result, human)


# ---------------------------------------------------------------- insights


def insights(ctx: Ctx, weeks: int) -> None:
    """Where the search stands: funnel, follow-ups on time, replies, activity, weak questions."""
    from followthrough.services import insights as search

    data: dict[str, Any] = search.insights(ctx.existing(), weeks).as_json()

    def human() -> None:
        from followthrough.cli.render import insights as render

        render.insights(data)

    ctx.emit(data, human)


def doctor(ctx: Ctx) -> None:
    """What would make the plan wrong: settings never made, contacts without an address,
    statuses that contradict the records, actions long overdue."""
    from followthrough.services import doctor as checks

    found = checks.doctor(ctx.existing())
    data = {
        "ok": not found,
        "findings": [
            {"check": f.check, "problem": f.problem, "fix": f.fix, "ids": list(f.ids)}
            for f in found
        ],
    }
    ctx.emit(data, lambda: _records().doctor(data))


# ---------------------------------------------------------------- renderers, on demand


def _agenda() -> Any:
    from followthrough.cli.render import agenda

    return agenda


def _records() -> Any:
    from followthrough.cli.render import records

    return records
