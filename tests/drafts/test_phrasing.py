"""The user's notes made into phrases (drafts/phrasing.py, issue 13 item 4)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from followthrough.domain.kinds import ActionStatus
from followthrough.domain.model import (
    ActionRecord,
    Application,
    ApplicationFacts,
    Contact,
    Debrief,
    Interview,
    Role,
)
from followthrough.drafts import context as ctx
from followthrough.drafts import phrasing, render

ZONE = ZoneInfo("Europe/Brussels")


@pytest.mark.parametrize(
    ("said", "spoken"),
    [
        ("their move from nightly batch jobs", "your move from nightly batch jobs"),
        ("how they test pipelines before they ship", "how you test pipelines before you ship"),
        ("ACME's data contracts", "your data contracts"),
        ("They're hiring two more engineers", "You're hiring two more engineers"),
        ("ACME opens a Lisbon office", "you open a Lisbon office"),
        ("ACME is moving to Kafka", "you are moving to Kafka"),
        ("the pricing of theirs", "the pricing of yours"),
        ("Kafka consumers", "Kafka consumers"),
    ],
)
def test_second_person(said: str, spoken: str) -> None:
    assert phrasing.second_person(said, "ACME") == spoken


@pytest.mark.parametrize(
    ("topic", "phrase"),
    [
        ("Looker vs Tableau debate", "the Looker vs Tableau debate"),
        ("billing platform migration", "the billing platform migration"),
        ("discussion of the Looker vs Tableau debate", "the Looker vs Tableau debate"),
        ("we discussed data contracts.", "data contracts"),
        ("streaming", "streaming"),
        ("pricing models", "pricing models"),
        ("how you test pipelines", "how you test pipelines"),
        ("your move to streaming", "your move to streaming"),
        ("ACME's move to streaming", "ACME's move to streaming"),
        ("moving billing to Kafka", "moving billing to Kafka"),
        ("Kubernetes", "Kubernetes"),
    ],
)
def test_noun_phrase(topic: str, phrase: str) -> None:
    assert phrasing.noun_phrase(topic) == phrase


def test_news_clause_speaks_to_the_company_or_about_it() -> None:
    assert phrasing.news_clause("ACME opens a Lisbon office.", "ACME", True) == (
        "that you open a Lisbon office"
    )
    assert phrasing.news_clause("ACME opens a Lisbon office.", "ACME", False) == (
        "that ACME opens a Lisbon office"
    )


def test_third_person_names_the_company_for_a_recruiter() -> None:
    assert phrasing.third_person("their move to streaming", "ACME") == "ACME's move to streaming"
    assert phrasing.third_person("their move", "ACME Analytics") == "ACME Analytics' move"


def test_reactions_give_each_panel_member_their_topic() -> None:
    topics = ["streaming", "data contracts", "hiring plans"]
    reactions = ["Sofia pushed hard on streaming", "Raj asked a lot about data contracts"]
    assert phrasing.allocate(["Raj", "Sofia", "Ann"], topics, reactions) == [1, 0, 2]
    # no reactions: each takes the next topic; more members than topics: they share
    assert phrasing.allocate(["A", "B", "C"], topics[:2], []) == [0, 1, 0]
    assert phrasing.allocate(["A", "B"], [], []) == [0, 0]


# ------------------------------------------------------------------------ in the drafts


def _facts(done: tuple[str, ...] = (), skipped: tuple[str, ...] = ()) -> ApplicationFacts:
    start = dt.datetime(2026, 11, 23, 10, 0, tzinfo=ZONE)
    contacts = {3: Contact(3, "Ann Lee", role=Role.INTERVIEWER),
                4: Contact(4, "Sofia Rossi", role=Role.INTERVIEWER)}  # fmt: skip
    iv = Interview(1, 1, start, start + dt.timedelta(hours=1), interviewer_ids=(3, 4),
                   promises=("my GitHub pipeline repo",))  # fmt: skip
    debrief = Debrief(1, start, topics=("their move from nightly batch jobs", "data contracts"),
                      reactions=("Sofia pushed hard on data contracts",),
                      nuggets=("ACME opens a Lisbon office in spring.",))  # fmt: skip
    actions = {
        **{k: ActionRecord(k, "check-in", ActionStatus.DONE, None) for k in done},
        **{k: ActionRecord(k, "check-in", ActionStatus.SKIPPED, None) for k in skipped},
    }
    return ApplicationFacts(Application(1, "ACME", "Data Engineer"), contacts, (iv,), {1: debrief},
                            actions=actions)  # fmt: skip


def _body(kind: str, key: str, to: int, facts: ApplicationFacts, variant: int = 0,
          extras: dict[str, object] | None = None) -> str:  # fmt: skip
    row = {
        "key": key,
        "interview_id": 1,
        "recipient_contact_id": to,
        "recipient_name": facts.contacts[to].name,
        "via_contact_id": None,
        "via_name": None,
    }
    context = ctx.build_context(kind, row, facts, "Alex Morgan", ZONE, variant, extras)
    return render.render(f"{kind}/{variant + 1}.txt", context, None).body


def test_a_thank_you_speaks_to_the_company_and_gives_each_member_their_topic() -> None:
    facts = _facts()
    ann = _body("thank-you", "thank-you:i1:c3", 3, facts)
    sofia = _body("thank-you", "thank-you:i1:c4", 4, facts)
    assert "your move from nightly batch jobs" in ann
    assert "their move" not in ann
    assert "data contracts" in sofia
    assert "nightly batch" not in sofia


@pytest.mark.parametrize("variant", [0, 1, 2])
def test_a_check_in_counts_the_check_ins_sent(variant: int) -> None:
    again = ("once more", "again")
    skipped = _body("check-in", "check-in:a1:2", 3, _facts(skipped=("check-in:a1:1",)), variant)
    assert not any(word in skipped for word in again)
    sent = _body("check-in", "check-in:a1:2", 3, _facts(done=("check-in:a1:1",)), variant)
    assert any(word in sent for word in again)


@pytest.mark.parametrize("variant", [0, 1, 2])
def test_a_value_add_shares_the_users_link_never_their_own_news(variant: int) -> None:
    facts = _facts()
    plain = _body("value-add", "keep-in-touch:a1", 3, facts, variant)
    assert "Lisbon" not in plain
    shared = _body(
        "value-add",
        "keep-in-touch:a1",
        3,
        facts,
        variant,
        {"link": "https://example.com/costs", "note": "a note on streaming costs"},
    )
    assert "https://example.com/costs" in shared
    assert "Lisbon" not in shared


@pytest.mark.parametrize("variant", [0, 1, 2])
def test_attached_only_when_the_user_says_so(variant: int) -> None:
    facts = _facts()
    plain = _body("thank-you", "thank-you:i1:c3", 3, facts, variant)
    assert "attached" not in plain
    assert "my GitHub pipeline repo" in plain
    marked = _body("thank-you", "thank-you:i1:c3", 3, facts, variant, {"attached": True})
    assert "attached" in marked


def test_the_checker_knows_the_draft_kinds_the_drafts_have() -> None:
    # services/checking.py keeps its own copy so that `lint` never imports the drafts
    from followthrough.services import checking

    assert checking.DRAFT_KINDS == ctx.DRAFT_KINDS


@pytest.mark.parametrize("variant", [0, 1, 2])
@pytest.mark.parametrize("via", ["Sofia Rossi", "CONTACT", "tom.baker"])
def test_a_routed_thank_you_names_whom_to_pass_it_to(variant: int, via: str) -> None:
    """A note sent through the recruiter says whom it is for, even when the interviewer's
    recorded name is a mailbox or an address part ("None" once leaked into the text)."""
    facts = _facts()
    row = {"key": "thank-you:i1:c4", "interview_id": 1, "recipient_contact_id": 3,
           "recipient_name": "Ann Lee", "via_contact_id": None, "via_name": via}  # fmt: skip
    context = ctx.build_context("thank-you", row, facts, "Alex Morgan", ZONE, variant, None)
    first = render.render(f"thank-you/{variant + 1}.txt", context, None).body.split("\n\n")[0]
    assert "None" not in first
    assert ("Sofia" if via == "Sofia Rossi" else "the person who interviewed me") in first
