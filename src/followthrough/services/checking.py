"""Checking any text as a draft (`lint`): what the checker knows, read from the records.

Stdlib only at import, and no SQLAlchemy: `lint` is answered by the read route (cli/routes.py)
on the stdlib reader, like the other commands that only read. The draft service checks its
drafts with the same context (`context`), adding the guards of the action being drafted.
"""

from __future__ import annotations

from followthrough.domain.errors import ValidationError
from followthrough.services.context import Context

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from followthrough.domain.checker import CheckContext
    from followthrough.domain.model import ApplicationFacts
    from followthrough.store.reader import Reader

#: The most text the checker reads, in characters: a follow-up is a few hundred words (150 for
#: an e-mail, 300 characters on LinkedIn), and a longer text (a thread or a CV pasted in) would
#: hold a web worker for seconds. `lint` and a draft's edit refuse more (docs/decisions.md).
MAX_CHECKED = 20_000


def check_size(text: str, field: str) -> None:
    """Raise ValidationError(field) when `text` is longer than the checker reads."""
    if len(text) > MAX_CHECKED:
        raise ValidationError(
            field, f"{len(text):,} characters, over the {MAX_CHECKED:,} the checker reads; a "
            "follow-up is a few hundred words: keep the message alone (no thread pasted in)"
        )  # fmt: skip


#: The kinds of draft the checker knows (drafts.context.DRAFT_KINDS, which a test holds equal).
DRAFT_KINDS = (
    "thank-you", "recruiter-thanks", "referee-heads-up", "referee-thanks", "check-in",
    "value-add", "linkedin-recruiter", "linkedin-interviewer", "rejection-reply", "withdraw",
)  # fmt: skip


def names(
    conn: Any, repo: Reader, app_id: int | None, text: str
) -> tuple[int | None, set[str], set[str]]:
    """Return (the application, its names, the other names the checker tells apart): those of
    `app_id` and of all the others; without one, the application the text names most and the
    names of any other application it also names (a text naming none: no names at all)."""
    from followthrough.store import draft_names

    if app_id is not None:
        repo.application(conn, app_id)  # a missing application is a one-line error
        own, others = draft_names.names_around(conn, repo.owner, app_id)
        return app_id, own, others
    from followthrough.domain.checker import infer_application
    from followthrough.text.lexicons import lexicons_for

    by_app = draft_names.by_application(conn, repo.owner)
    found, mixed = infer_application(text, by_app, lexicons_for(text))
    own = by_app.get(found, set()) if found is not None else set()
    return found, own, set().union(*(by_app[m] for m in mixed)) - own


def context(
    conn: Any,
    repo: Reader,
    kind: str | None,
    debriefed: tuple[list[str], list[str]],
    own: set[str],
    others: set[str],
    me: str | None,
) -> CheckContext:
    """Return what the checker knows about a draft: its kind, names, the debriefs' topics and
    projects (`debriefed`), and the user's known words."""
    from followthrough.domain.checker import CheckContext

    topics, projects = debriefed
    return CheckContext(
        kind=kind,
        own_names=tuple(sorted(own | ({me} if me else set()))),
        other_names=tuple(sorted(others - own)),
        topics=tuple(topics),
        projects=tuple(projects),
        extra_known_words=tuple(repo.words(conn)),
    )


def debriefed(facts: ApplicationFacts | None) -> tuple[list[str], list[str]]:
    """Return the topics and projects of the debriefs in `facts` (none without)."""
    debriefs = list(facts.debriefs.values()) if facts is not None else []
    return [t for d in debriefs for t in d.topics], [p for d in debriefs for p in d.projects]


def lint(ctx: Context | None, text: str, kind: str | None, app_id: int | None) -> dict[str, Any]:
    """Return the checker's findings on any text, as a draft of `kind` about `app_id` (or the
    application it names): `{"kind", "application_id", "words", "findings"}`. Without a
    context (no database yet), the text is checked without names."""
    from followthrough.text.regex_cache import kept

    check_size(text, "text")
    with kept():
        return _lint(ctx, text, kind, app_id)


def _lint(ctx: Context | None, text: str, kind: str | None, app_id: int | None) -> dict[str, Any]:
    from followthrough.domain.checker import CheckContext, check, word_count
    from followthrough.text.lexicons import lexicons_for

    if kind is not None and kind not in DRAFT_KINDS:
        raise ValidationError("kind", f"{kind!r}; use one of {', '.join(DRAFT_KINDS)}")
    if ctx is None:
        found, checker = None, CheckContext(kind=kind)
    else:
        from followthrough.store import draft_names

        with ctx.read() as uow:
            found, own, others = names(uow.conn, uow.repo, app_id, text)
            words = (
                draft_names.debrief_words(uow.conn, uow.repo.owner, found)
                if found is not None
                else ([], [])
            )
            me = uow.settings.get("name")
            checker = context(uow.conn, uow.repo, kind, words, own, others, me)
    findings = [f.as_dict() for f in check(text, checker, lexicons_for(text))]
    return {"kind": kind, "application_id": found, "words": word_count(text), "findings": findings}
