"""Property tests of the packaged draft templates: any valid facts give a sendable draft.

Facts are generated as the contract of followthrough.drafts.context allows them: names with
accents and apostrophes, any status, any subset of the debrief's lists empty or filled, an
interview or none, a recipient by contact, by name only or none, a thank-you routed through the
recruiter or not, the candidate's own name set or not. Every kind and every phrasing must render
without an exception, without a hole or a leftover placeholder, and without an `error` finding
from the draft checker.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.budget import examples

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

ZONE = ZoneInfo("Europe/Brussels")
PHRASINGS = 3
SETTINGS = settings(
    max_examples=examples(100, 300), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

# ------------------------------------------------------------------------ strategies

#: Words a template puts meaning on, or the checker reads as a placeholder or an empty greeting:
#: a generated name must not be one of them ("None" in a name is not a hole in the draft).
_RESERVED = re.compile(
    r"(?i)^(?:none|dear|hi|hello|hey|todo|tbd|fixme|x{3,}"
    r"|the|a|an|of|to|with|about|at|on|for|and|from)$"
)

NAME_WORDS = st.one_of(
    st.sampled_from(
        [
            "Ann",
            "Lee",
            "Zoë",
            "O'Brien",
            "D’Angelo",
            "Łukasz",
            "Nguyễn",
            "José-María",
            "Søren",
            "İlkay",
            "Mary-Kate",
            "Ng",
            "Ó Súilleabháin",
            "van der Berg",
            "Chloé",
            "Đorđe",
            "Åsa",
        ]
    ),
    st.text(st.characters(categories=("Lu", "Ll")), min_size=1, max_size=12),
).filter(lambda w: not _RESERVED.match(w))
NAMES = st.lists(NAME_WORDS, min_size=1, max_size=3).map(" ".join).filter(lambda n: len(n) <= 40)

#: Plain words for the user's notes (topics, projects, nuggets, promises): real words, so the
#: spelling rule has nothing to say, in any order.
NOTE_WORDS = [
    "data",
    "streaming",
    "pipeline",
    "customers",
    "warehouse",
    "migration",
    "growth",
    "platform",
    "launch",
    "office",
    "quality",
    "reporting",
    "cloud",
    "budget",
    "hiring",
    "roadmap",
    "product",
    "retail",
    "energy",
    "design",
    "research",
    "the",
    "a",
    "of",
    "and",
    "in",
    "their",
    "new",
    "team",
    "costs",
    "onboarding",
    "analytics",
    "Lisbon",
    "Kafka",
    "spring",
    "40",
    "%",
    "two",
    "weeks",
]
#: Words a phrase of the user's would not end on.
_DANGLING = frozenset(["the", "a", "of", "and", "in"])
NOTES = st.tuples(
    st.lists(st.sampled_from(NOTE_WORDS), min_size=1, max_size=10)
    .filter(lambda words: words[-1] not in _DANGLING)
    .map(" ".join),
    st.sampled_from(["", "."]),
).map("".join)
NOTE_LISTS = st.lists(NOTES, max_size=3)

COMPANIES = st.one_of(
    st.sampled_from(
        [
            "ACME Analytics",
            "L'Oréal",
            "Müller & Söhne",
            "Zoë's Bakery",
            "AT&T",
            "Stark Industries",
            "Initech",
        ]
    ),
    NAMES,
)
ROLES = st.one_of(
    st.sampled_from(
        [
            "Data Engineer",
            "Head of Data",
            "Développeur Python",
            "ML Engineer",
            "Chief of Staff to the CEO, Europe, Middle East and Africa",
        ]
    ),
    NAMES,
)
DAYS = st.dates(dt.date(2025, 1, 1), dt.date(2030, 12, 31))

RECRUITER, REFEREE, PANEL = 1, 2, (3, 4, 5)


@st.composite
def cases(draw: st.DrawFn) -> dict[str, Any]:
    """Draw a kind, a phrasing, the application's facts, an action row and the user's name."""
    kind = draw(st.sampled_from(ctx.DRAFT_KINDS))
    recruiter_led = draw(st.booleans())
    panel = PANEL[: draw(st.integers(0, 3))]
    contacts = {
        cid: Contact(cid, draw(NAMES), role=role)
        for cid, role in [
            (RECRUITER, Role.RECRUITER),
            (REFEREE, Role.REFEREE),
            *((p, Role.INTERVIEWER) for p in panel),
        ]
    }
    app = Application(
        1,
        draw(COMPANIES),
        draw(ROLES),
        channel=Channel.RECRUITER if recruiter_led else Channel.DIRECT,
        status=draw(st.sampled_from(list(Status))),
        agency=draw(st.none() | COMPANIES) if recruiter_led else None,
        recruiter_id=draw(st.sampled_from([RECRUITER, None])) if recruiter_led else None,
    )
    interviews: tuple[Interview, ...] = ()
    debriefs: dict[int, Debrief] = {}
    if draw(st.booleans()):
        day = draw(DAYS)
        start = dt.datetime.combine(day, dt.time(draw(st.integers(7, 19))), ZONE)
        interviews = (
            Interview(
                1,
                1,
                start,
                start + dt.timedelta(hours=1),
                format=draw(st.sampled_from(list(Format))),
                round=draw(st.integers(1, 4)),
                interviewer_ids=panel,
                decision_date=draw(st.none() | DAYS),
                promises=tuple(draw(NOTE_LISTS)),
            ),
        )
        if draw(st.booleans()):
            debriefs[1] = Debrief(
                1,
                start + dt.timedelta(hours=3),
                better_answers=tuple(draw(NOTE_LISTS)),
                topics=tuple(draw(NOTE_LISTS)),
                projects=tuple(draw(NOTE_LISTS)),
                nuggets=tuple(draw(NOTE_LISTS)),
                reactions=tuple(
                    draw(
                        st.lists(
                            st.tuples(NAME_WORDS, NOTES).map(" pushed hard on ".join), max_size=2
                        )
                    )
                ),
            )
    facts = ApplicationFacts(app, contacts, interviews, debriefs, referee_ids=(REFEREE,))

    def someone(choices: list[int]) -> tuple[int | None, str | None]:
        how = draw(st.sampled_from(["contact", "name", "nobody"]))
        if how == "contact" and choices:
            cid = draw(st.sampled_from(choices))
            return cid, contacts[cid].name
        if how == "name":
            return None, draw(NAMES)
        return None, None

    recipient_id, recipient_name = someone([RECRUITER, REFEREE, *panel])
    via_id, via_name = someone(list(panel)) if draw(st.booleans()) else (None, None)
    key = draw(
        st.sampled_from(
            [
                f"{kind}:a1",
                "thank-you:i1:c3",
                "check-in:a1:1",
                "check-in:a1:2",
                "check-in:a1:3",
                "check-in:a1:x",
                "keep-in-touch:a1",
                "recruiter-call:i1",
                "",
            ]
        )
    )
    row = {
        "key": key,
        "interview_id": draw(st.sampled_from([1, None, 99])),
        "recipient_contact_id": recipient_id,
        "recipient_name": recipient_name,
        "via_contact_id": via_id,
        "via_name": via_name,
    }
    return {
        "kind": kind,
        "variant": draw(st.integers(0, PHRASINGS - 1)),
        "facts": facts,
        "row": row,
        "me": draw(st.none() | NAMES),
        # what the user gives for the draft: a link and what it is, the promise attached
        "extras": {
            "link": draw(
                st.none()
                | st.sampled_from(
                    ["https://example.com/streaming-costs", "https://x.io/report-2026"]
                )
            ),
            "note": draw(st.none() | NOTES),
            "attached": draw(st.booleans()),
        },
    }


def rendered(case: dict[str, Any]) -> tuple[render.Rendered, dict[str, Any]]:
    context = ctx.build_context(
        case["kind"],
        case["row"],
        case["facts"],
        case["me"],
        ZONE,
        case["variant"],
        case.get("extras"),
    )
    name = f"{case['kind']}/{case['variant'] + 1}.txt"
    return render.render(name, context, None), context


# ------------------------------------------------------------------------ no holes

#: Signs of a hole: an empty sentence or clause, a dangling article or preposition before
#: punctuation, a greeting to nobody.
HOLES = re.compile(
    r"\s[.,;:!?]"  # "about ." / "with , and"
    r"|[.,;:]\s*[.,;:]"  # ".." ",." ": ."
    r"|\(\s*\)"  # "()"
    r"|\b(?:the|a|an|of|to|with|about|at|on|for|and|from)\s*[.,;:!?]"
    r"|^(?i:dear|hi|hello)\s*,",
    re.MULTILINE,
)


@SETTINGS
@given(cases())
def test_any_facts_render_a_draft_without_holes(case: dict[str, Any]) -> None:
    draft, context = rendered(case)
    text = draft.subject + "\n" + draft.body
    for mark in ("{", "}", "[", "]", "None", "  ", "\t"):
        assert mark not in text, (mark, text)
    hole = HOLES.search(text)
    assert hole is None, (hole.group(), text)
    assert draft.body.strip(), "an empty body"
    assert all(line == line.rstrip() for line in draft.body.splitlines())
    assert "\n\n\n" not in draft.body
    linkedin = ctx.DRAFT_CHANNEL[case["kind"]] == "linkedin"
    if linkedin:
        assert draft.subject == ""
        assert len(draft.body.strip()) <= 300, len(draft.body.strip())
    else:
        assert draft.subject
        assert draft.subject == draft.subject.strip()
    me = context["me"]
    last = draft.body.rstrip().splitlines()[-1]
    if me is not None and not linkedin:
        assert last == me["name"], "an e-mail is signed with the user's name"
    if me is None:
        assert last.endswith((",", ".", "!")), "no name: the closing or the text ends the draft"


@SETTINGS
@given(cases())
def test_a_routed_thank_you_asks_the_recruiter_to_pass_it_on(case: dict[str, Any]) -> None:
    if case["kind"] != "thank-you":
        case = {**case, "kind": "thank-you"}
    draft, context = rendered(case)
    if context["about"] is not None:
        who = context["about"]["first_name"] or "the person who interviewed me"
        assert who in draft.body.split("\n\n")[0]
        assert re.search(r"\b(?:pass|forward)\b", draft.body.split("\n\n")[0])
    else:
        assert not re.search(r"\b(?:pass|forward)\b", draft.body)


# ------------------------------------------------------------------------ the checker


@pytest.fixture(scope="module")
def checker() -> Any:
    module = pytest.importorskip("followthrough.domain.checker")
    lexicons = pytest.importorskip("followthrough.text.lexicons")
    return module, lexicons.load_lexicons()


@SETTINGS
@given(case=cases())
def test_any_draft_has_no_error_finding(checker: Any, case: dict[str, Any]) -> None:
    module, lexicons = checker
    draft, _ = rendered(case)
    facts: ApplicationFacts = case["facts"]
    app = facts.application
    names = [
        app.company,
        app.role,
        app.agency,
        case["me"],
        case["row"]["recipient_name"],
        case["row"]["via_name"],
        *(c.name for c in facts.contacts.values()),
    ]
    debriefs = list(facts.debriefs.values())
    context = module.CheckContext(
        kind=case["kind"],
        own_names=tuple(n for n in names if n),
        topics=tuple(t for d in debriefs for t in d.topics),
        projects=tuple(p for d in debriefs for p in d.projects),
    )
    text = (f"Subject: {draft.subject}\n\n" if draft.subject else "") + draft.body
    errors = [f for f in module.check(text, context, lexicons) if f.severity == "error"]
    assert errors == [], (errors, text)


# ------------------------------------------------------------------------ one panel, three voices


@given(st.text(max_size=40))
def test_three_positions_on_a_panel_get_three_phrasings(key: str) -> None:
    assert sorted(ctx.choose_variant(key, 3, p) for p in range(3)) == [0, 1, 2]


@given(st.text(max_size=40), st.integers(1, 6), st.integers(0, 10))
def test_the_phrasing_is_stable_and_in_range(key: str, count: int, position: int) -> None:
    chosen = ctx.choose_variant(key, count, position)
    assert 0 <= chosen < count
    assert chosen == ctx.choose_variant(key, count, position)


def _panel_facts(recruiter_led: bool) -> ApplicationFacts:
    start = dt.datetime(2026, 11, 23, 10, 0, tzinfo=ZONE)
    contacts = {
        RECRUITER: Contact(RECRUITER, "Jane Roe", role=Role.RECRUITER),
        3: Contact(3, "Ann Lee", role=Role.INTERVIEWER),
        4: Contact(4, "Raj Patel", role=Role.INTERVIEWER),
        5: Contact(5, "Chloé O'Neill", role=Role.HIRING_MANAGER),
    }
    app = Application(
        7,
        "ACME Analytics",
        "Data Engineer",
        channel=Channel.RECRUITER if recruiter_led else Channel.DIRECT,
        status=Status.INTERVIEWING,
        recruiter_id=RECRUITER if recruiter_led else None,
    )
    interview = Interview(12, 7, start, start + dt.timedelta(hours=1), interviewer_ids=PANEL)
    debrief = Debrief(
        12,
        start,
        topics=("the move to streaming",),
        projects=("cut the warehouse bill by 40 % at Initrode",),
    )
    return ApplicationFacts(app, contacts, (interview,), {12: debrief})


@pytest.mark.parametrize("recruiter_led", [False, True], ids=["direct", "via-recruiter"])
def test_the_notes_to_a_three_person_panel_use_three_phrasings(recruiter_led: bool) -> None:
    from followthrough.services.drafts import Drafts

    facts = _panel_facts(recruiter_led)
    variants, openings = [], []
    for cid in PANEL:
        row = {
            "key": f"thank-you:i12:c{cid}",
            "kind": "thank-you",
            "interview_id": 12,
            "recipient_contact_id": RECRUITER if recruiter_led else cid,
            "recipient_name": "Jane Roe" if recruiter_led else facts.contacts[cid].name,
            "via_contact_id": cid if recruiter_led else None,
            "via_name": facts.contacts[cid].name if recruiter_led else None,
        }
        variant = Drafts._variant(row, facts, PHRASINGS)
        assert variant == Drafts._variant(row, facts, PHRASINGS), "re-rendering is stable"
        variants.append(variant)
        context = ctx.build_context("thank-you", row, facts, "Alex Morgan", ZONE, variant)
        body = render.render(f"thank-you/{variant + 1}.txt", context, None).body
        paragraphs = body.split("\n\n")
        greeting = next(i for i, p in enumerate(paragraphs) if p.startswith(("Dear", "Hello")))
        openings.append(" ".join(paragraphs[greeting + 1].split()[:4]))
        assert facts.contacts[cid].name.split()[0] in paragraphs[greeting]
    assert sorted(variants) == [0, 1, 2]
    assert len(set(openings)) == 3, openings


# ------------------------------------------------------------------------ any panel, no twins


@st.composite
def panels(draw: st.DrawFn) -> tuple[ApplicationFacts, list[int]]:
    """Draw a panel of two to seven interviewers (names repeated or missing), and a debrief with
    any number of topics, projects and reactions."""
    size = draw(st.integers(2, 7))
    ids = list(range(10, 10 + size))
    contacts = {cid: Contact(cid, draw(st.sampled_from(["", "Ann Lee", "Raj Patel"]) | NAMES),
                             role=Role.INTERVIEWER) for cid in ids}  # fmt: skip
    start = dt.datetime(2026, 11, 23, 10, 0, tzinfo=ZONE)
    interview = Interview(12, 7, start, start + dt.timedelta(hours=1), interviewer_ids=tuple(ids))
    debrief = Debrief(12, start, topics=tuple(draw(NOTE_LISTS)),
                      projects=tuple(draw(NOTE_LISTS)),
                      reactions=tuple(draw(st.lists(NOTES, max_size=3))))  # fmt: skip
    app = Application(7, draw(COMPANIES), draw(ROLES), channel=Channel.DIRECT,
                      status=Status.INTERVIEWING)  # fmt: skip
    return ApplicationFacts(app, contacts, (interview,), {12: debrief}), ids


@SETTINGS
@given(panels())
def test_two_interviewers_of_one_panel_never_get_the_same_body(
    panel: tuple[ApplicationFacts, list[int]],
) -> None:
    from followthrough.services.drafts import Drafts

    facts, ids = panel
    bodies = []
    for cid in ids:
        row = {"key": f"thank-you:i12:c{cid}", "kind": "thank-you", "interview_id": 12,
               "recipient_contact_id": cid, "recipient_name": facts.contacts[cid].name,
               "via_contact_id": None, "via_name": None}  # fmt: skip
        variant = Drafts._variant(row, facts, PHRASINGS)
        context = ctx.build_context("thank-you", row, facts, "Alex Morgan", ZONE, variant)
        bodies.append(render.render(f"thank-you/{variant + 1}.txt", context, None).body)
    assert len(set(bodies)) == len(bodies)
