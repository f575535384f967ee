"""Golden files: every draft kind x phrasing, rendered from one fixed set of facts (and from none).

The packaged templates are rendered with `followthrough.drafts.render` (never the user's own
folder) from `ApplicationFacts` built here, without a database. Each rendering is compared with
tests/golden/drafts/<case>.txt, written as the user sees it in `followthrough draft --edit`: an
optional `Subject: ...` line and a blank line, then the body.

After a deliberate change of wording, rewrite the files and review the diff:

    FOLLOWTHROUGH_UPDATE_GOLDENS=1 .venv/bin/pytest tests/drafts/test_golden.py
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from followthrough.domain.model import (
    Application,
    ApplicationFacts,
    Channel,
    Contact,
    Debrief,
    Format,
    Interview,
    Role,
    Status,
)
from followthrough.drafts import context as ctx
from followthrough.drafts import render

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "drafts"
UPDATE = os.environ.get("FOLLOWTHROUGH_UPDATE_GOLDENS") == "1"
ZONE = ZoneInfo("Europe/Brussels")
ME = "Alex Morgan"
PHRASINGS = 3

# The people of the fixed application.
JANE, REFEREE, ANN, RAJ, CHLOE = 1, 2, 3, 4, 5
CONTACTS = {
    JANE: Contact(JANE, "Jane Roe", "jane@northbridge.example", role=Role.RECRUITER,
                  organisation="Northbridge Talent"),
    REFEREE: Contact(REFEREE, "María García", "maria@example.org", role=Role.REFEREE),
    ANN: Contact(ANN, "Ann Lee", "ann.lee@acme.example", role=Role.INTERVIEWER),
    RAJ: Contact(RAJ, "Raj Patel", "raj.patel@acme.example", role=Role.INTERVIEWER,
                 direct_contact=True),
    CHLOE: Contact(CHLOE, "Chloé O'Neill", "chloe@acme.example", role=Role.HIRING_MANAGER),
}


def facts(
    status: Status = Status.INTERVIEWING, *, recruiter: bool = True, notes: bool = True
) -> ApplicationFacts:
    """Return the fixed application: recruiter-led, one video interview with a panel of three."""
    app = Application(
        1, "ACME Analytics", "Data Engineer",
        channel=Channel.RECRUITER if recruiter else Channel.DIRECT, status=status,
        agency="Northbridge Talent" if recruiter else None,
        recruiter_id=JANE if recruiter else None,
        hiring_contact_id=None if recruiter else CHLOE,
    )
    interview = Interview(
        1, 1,
        start=dt.datetime(2026, 11, 23, 14, 0, tzinfo=ZONE),
        end=dt.datetime(2026, 11, 23, 15, 0, tzinfo=ZONE),
        format=Format.VIDEO, round=1, interviewer_ids=(ANN, RAJ, CHLOE),
        decision_date=dt.date(2026, 12, 1) if notes else None,
        promises=("my notice period (four weeks)",) if notes else (),
    )
    debrief = Debrief(
        1, dt.datetime(2026, 11, 23, 16, 30, tzinfo=ZONE),
        better_answers=("watermarks plus a daily reconciliation job, as at Initrode",),
        # written as people write their notes: about "them", without articles
        topics=("their move from nightly batches to streaming", "Looker vs Tableau debate"),
        projects=("cut the warehouse bill by 40 % at Initrode", "led the Kafka migration"),
        nuggets=("ACME opens a Lisbon office in spring.",),
        reactions=("Raj pushed hard on the Looker vs Tableau question",),
    )
    return ApplicationFacts(
        app, CONTACTS, (interview,), {1: debrief} if notes else {}, referee_ids=(REFEREE,)
    )


def bare() -> ApplicationFacts:
    """Return an application with every optional fact missing: no interview, nobody, no notes."""
    return ApplicationFacts(Application(1, "ACME Analytics", "Data Engineer"), {})


def row(key: str, recipient: int | None = None, via: int | None = None) -> dict[str, Any]:
    """Return an action row as the store has it (only the columns build_context reads)."""
    return {
        "key": key,
        "interview_id": 1,
        "recipient_contact_id": recipient,
        "recipient_name": CONTACTS[recipient].name if recipient else None,
        "via_contact_id": via,
        "via_name": CONTACTS[via].name if via else None,
    }


#: Per kind: the action that gets the draft, with the status in which it is planned.
FULL: dict[str, tuple[dict[str, Any], Status]] = {
    # routed through the recruiter: Ann has not written to the candidate directly
    "thank-you": (row("thank-you:i1:c3", JANE, via=ANN), Status.INTERVIEWING),
    "recruiter-thanks": (row("recruiter-call:i1", JANE), Status.INTERVIEWING),
    "referee-heads-up": (row("referee-heads-up:a1:c2", REFEREE), Status.INTERVIEWING),
    "referee-thanks": (row("referee-thanks:a1:c2", REFEREE), Status.OFFER),
    "check-in": (row("check-in:a1:1", JANE), Status.INTERVIEWING),
    "value-add": (row("check-in:a1:1", JANE), Status.INTERVIEWING),
    "linkedin-recruiter": (row("linkedin-recruiter:c1", JANE), Status.INTERVIEWING),
    "linkedin-interviewer": (row("linkedin-interviewer:a1:c4", RAJ), Status.OFFER),
    "rejection-reply": (row("rejection-reply:a1", JANE), Status.REJECTED),
    "withdraw": (row("withdraw:a1", JANE), Status.INTERVIEWING),
}


@dataclass(frozen=True)
class Case:
    """One golden rendering: a kind, a phrasing (1-based) and the facts it is rendered from."""

    name: str
    kind: str
    phrasing: int
    facts: Callable[[], ApplicationFacts]
    row: dict[str, Any]
    me: str | None
    #: every fact the contract allows is present, so the checker should have nothing to say
    complete: bool = False
    #: what the user gives for this draft (`draft --link/--note/--attached`)
    extras: tuple[tuple[str, Any], ...] = ()


def _cases() -> list[Case]:
    cases: list[Case] = []
    for kind in ctx.DRAFT_KINDS:
        action, status = FULL[kind]
        for n in range(1, PHRASINGS + 1):
            cases.append(Case(f"{kind}-{n}", kind, n, functools.partial(facts, status),
                              action, ME, complete=True, extras=EXTRAS.get(kind, ())))
            cases.append(Case(f"{kind}-{n}-bare", kind, n, bare, {"key": action["key"]}, None))
    extras = {
        # a direct application: the thank-you goes to the interviewer, no forwarding request
        "thank-you-{n}-direct": (
            "thank-you", functools.partial(facts, recruiter=False),
            row("thank-you:i1:c5", CHLOE)),
        "referee-thanks-{n}-rejected": (
            "referee-thanks", functools.partial(facts, Status.REJECTED),
            row("referee-thanks:a1:c2", REFEREE)),
        # keep-in-touch a month after a rejection, with no news to share
        "value-add-{n}-after-rejection": (
            "value-add", functools.partial(facts, Status.REJECTED, notes=False),
            row("keep-in-touch:a1", JANE)),
        "linkedin-interviewer-{n}-after-interview": (
            "linkedin-interviewer", facts, row("linkedin-interviewer:a1:c3", ANN)),
        "check-in-{n}-second-direct": (
            "check-in", functools.partial(facts, recruiter=False, notes=False),
            row("check-in:a1:2", CHLOE)),
    }
    for pattern, (kind, make, action) in extras.items():
        for n in range(1, PHRASINGS + 1):
            cases.append(Case(pattern.format(n=n), kind, n, make, action, ME))
    for n in range(1, PHRASINGS + 1):
        # Raj, second on the panel, gets the other topic: the one his reaction was about
        cases.append(Case(f"thank-you-{n}-panel-raj", "thank-you", n,
                          functools.partial(facts, recruiter=False), row("thank-you:i1:c4", RAJ),
                          ME, complete=True))
        cases.append(Case(f"thank-you-{n}-attached", "thank-you", n,
                          functools.partial(facts, recruiter=False), row("thank-you:i1:c5", CHLOE),
                          ME, complete=True, extras=(("attached", True),)))
        cases.append(Case(f"value-add-{n}-no-link", "value-add", n, facts,
                          row("check-in:a1:1", JANE), ME))
    return cases


#: What the user gives for the complete drafts of some kinds: what a value-add shares.
EXTRAS: dict[str, tuple[tuple[str, Any], ...]] = {
    "value-add": (("link", "https://example.com/streaming-costs"),
                  ("note", "a write-up on what a move to streaming really costs")),
}


CASES = _cases()


def draft_text(case: Case) -> str:
    """Return the draft of `case` as the user sees it: `Subject: ...`, a blank line, the body."""
    context = ctx.build_context(case.kind, case.row, case.facts(), case.me, ZONE,
                                case.phrasing - 1, dict(case.extras))
    rendered = render.render(f"{case.kind}/{case.phrasing}.txt", context, None)
    head = f"Subject: {rendered.subject}\n\n" if rendered.subject else ""
    return head + rendered.body


def test_every_kind_has_three_packaged_phrasings() -> None:
    for kind in ctx.DRAFT_KINDS:
        assert render.phrasings(kind, None) == [
            f"{kind}/{n}.txt" for n in range(1, PHRASINGS + 1)
        ], kind


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_golden(case: Case) -> None:
    text = draft_text(case)
    path = GOLDEN / f"{case.name}.txt"
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    assert path.is_file(), f"no golden file {path.name}: run with FOLLOWTHROUGH_UPDATE_GOLDENS=1"
    assert text == path.read_text(encoding="utf-8"), (
        f"{case.name} changed: if that is intended, rerun with FOLLOWTHROUGH_UPDATE_GOLDENS=1 "
        "and review the diff"
    )


def test_no_stale_golden_files() -> None:
    expected = {f"{c.name}.txt" for c in CASES}
    present = {p.name for p in GOLDEN.glob("*.txt")} if GOLDEN.is_dir() else set()
    assert present - expected == set(), "golden files that no case renders: delete them"


def test_linkedin_notes_have_no_subject_and_emails_have_one() -> None:
    for case in CASES:
        text = draft_text(case)
        if ctx.DRAFT_CHANNEL[case.kind] == "linkedin":
            assert not text.startswith("Subject:"), case.name
            assert len(text.strip()) <= 300, case.name
        else:
            assert text.startswith("Subject: "), case.name
            assert len(text.splitlines()[0]) > len("Subject: ") + 5, case.name


def test_a_thank_you_routed_through_the_recruiter_asks_them_to_pass_it_on() -> None:
    for n in range(1, PHRASINGS + 1):
        routed = next(c for c in CASES if c.name == f"thank-you-{n}")
        text = draft_text(routed)
        greeting, request = text.split("\n\n")[1].splitlines()
        assert greeting in ("Hi Jane,", "Hello Jane,"), text
        assert "Ann" in request, text
        assert request.rstrip().endswith(("thanks.", "you.", "appreciated.")), text
        assert "Dear Ann," in text or "Hello Ann," in text
        direct = draft_text(next(c for c in CASES if c.name == f"thank-you-{n}-direct"))
        assert "pass" not in direct, direct
        assert "forward" not in direct, direct


@pytest.mark.parametrize("kind", ctx.DRAFT_KINDS)
def test_the_phrasings_of_a_kind_read_differently(kind: str) -> None:
    texts = [draft_text(c) for c in CASES if c.kind == kind and c.name == f"{kind}-{c.phrasing}"]
    assert len(texts) == PHRASINGS

    def opening(text: str) -> str:
        """Return the first five words of the first sentence after the greeting."""
        body = text.split("\n\n", 1)[1] if text.startswith("Subject:") else text
        lines = [line for line in body.splitlines() if line.strip()]
        first = lines[1] if len(lines) > 1 and len(lines[0].split()) <= 3 else lines[0]
        if kind == "thank-you":  # skip the request to the recruiter and the greeting to Ann
            first = next(line for line in lines if line.startswith(("Thank", "I ", "Many")))
        return " ".join(first.split(",")[-1].split()[:5]) if kind.startswith("linkedin") else (
            " ".join(first.split()[:5]))

    openings = [opening(t) for t in texts]
    assert len(set(openings)) == PHRASINGS, openings
    subjects = [t.splitlines()[0] for t in texts if t.startswith("Subject:")]
    assert len(set(subjects)) == len(subjects), subjects
    paragraphs = [t.split("\n\n") for t in texts]
    for i in range(PHRASINGS):
        for j in range(i + 1, PHRASINGS):
            shared = set(paragraphs[i]) & set(paragraphs[j])
            # only greetings and sign-offs may be the same
            assert all(len(p.split()) <= 3 for p in shared), shared


# ------------------------------------------------------------------------ the checker


@pytest.fixture(scope="module")
def lexicons() -> Any:
    from followthrough.text.lexicons import load_lexicons

    return load_lexicons()


def check(case: Case, lexicons: Any) -> list[Any]:
    from followthrough.domain.checker import CheckContext
    from followthrough.domain.checker import check as run

    f = case.facts()
    app = f.application
    names = [app.company, app.role, app.agency, *(c.name for c in f.contacts.values()), case.me]
    debriefs = list(f.debriefs.values())
    context = CheckContext(
        kind=case.kind,
        own_names=tuple(n for n in names if n),
        topics=tuple(t for d in debriefs for t in d.topics),
        projects=tuple(p for d in debriefs for p in d.projects),
    )
    return run(draft_text(case), context, lexicons)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_no_golden_draft_has_an_error_finding(case: Case, lexicons: Any) -> None:
    errors = [f for f in check(case, lexicons) if f.severity == "error"]
    assert errors == []


@pytest.mark.parametrize("case", [c for c in CASES if c.complete], ids=lambda c: c.name)
def test_a_draft_from_complete_facts_passes_the_checker(case: Case, lexicons: Any) -> None:
    findings = [(f.rule, f.message) for f in check(case, lexicons) if f.severity != "info"]
    assert findings == []


def test_thank_yous_of_one_phrasing_vary_sentence_by_sentence() -> None:
    """Thirty thank-yous of phrasing 1 for thirty different actions: each sentence slot takes
    several of its wordings, and no two notes are the same (a reader of ten in a row cannot
    sort them by template: docs/drafts.md)."""
    bodies = []
    for n in range(30):
        action = {**FULL["thank-you"][0], "key": f"thank-you:i1:c{100 + n}"}
        context = ctx.build_context("thank-you", action, facts(), ME, ZONE, 0)
        bodies.append(render.render("thank-you/1.txt", context, None).body)
    paragraphs = [b.split("\n\n") for b in bodies]
    assert len(set(bodies)) == len(bodies)
    for slot in (2, 3, 4):  # the opening and topic, the sell, the promise and offer
        assert len({p[slot] for p in paragraphs}) >= 4, slot


@pytest.mark.parametrize("variant", [1, 2, 3])
def test_a_withdrawal_thanks_the_agency_only_to_its_recruiter(variant: int) -> None:
    for n in range(12):  # every farewell wording
        to_raj = ctx.build_context("withdraw", row(f"withdraw:a1:{n}", RAJ), facts(), ME, ZONE, 0)
        assert "Northbridge" not in render.render(f"withdraw/{variant}.txt", to_raj, None).body
    to_jane = ctx.build_context("withdraw", row("withdraw:a1:7", JANE), facts(), ME, ZONE, 0)
    bodies = {render.render(f"withdraw/{v}.txt", to_jane, None).body for v in (1, 2, 3)}
    assert not any("Raj" in b for b in bodies)  # the agency's farewell, not the panel's


#: The body paragraphs (after the subject and the greeting) each kind picks on its own.
VARIED_SLOTS = {
    "recruiter-thanks": (1, 2, 3),  # thanks, impression, offer
    "rejection-reply": (1, 2, 3),  # thanks, grace or feedback, future
    "referee-heads-up": (1, 2, 3),  # who may call, what to speak to, thanks
    "referee-thanks": (1, 2),  # the outcome, the gratitude
    "withdraw": (1, 2),  # the decision, the farewell
    "value-add": (1, 2),  # what is shared (or a hello), the close
}


@pytest.mark.parametrize("kind", sorted(VARIED_SLOTS))
def test_other_kinds_of_one_phrasing_vary_sentence_by_sentence(kind: str) -> None:
    """As for thank-yous: each sentence of a recruiter's thank-you, a reply to a rejection, a
    referee's heads-up and thanks, a withdrawal and a value-add is picked on its own."""
    bodies = []
    for n in range(30):
        action = {**FULL[kind][0], "key": f"{kind}:i1:{100 + n}"}
        context = ctx.build_context(kind, action, facts(), ME, ZONE, 0)
        bodies.append(render.render(f"{kind}/1.txt", context, None).body)
    paragraphs = [b.split("\n\n") for b in bodies]
    assert len(set(bodies)) >= 25
    for slot in VARIED_SLOTS[kind]:
        assert len({p[slot] for p in paragraphs}) >= 3, slot
