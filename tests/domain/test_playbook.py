"""The packaged playbook covers PRODUCT.md §1.1 and §1.2; bad playbooks fail at load time."""

from __future__ import annotations

import datetime as dt

import pytest

from followthrough.domain.errors import PlaybookError
from followthrough.domain.model import (
    ACTION_KINDS,
    ApplicationFacts,
    FitVerdict,
    PlannedAction,
    Status,
)
from followthrough.domain.planner import Policy, plan_application
from followthrough.domain.playbook import load_playbook, parse_time
from followthrough.domain.workdays import Workweek
from tests.domain.factories import (
    PLAYBOOK,
    default_toml,
    local,
    make_app,
    make_debrief,
    make_facts,
    make_interview,
    plan,
)

SOURCE_KEYS = {"hays", "carter-schwartz", "mining-people", "brightcareer", "stafffinders"}

#: PRODUCT.md §1.1: kind -> its sources (linkedin-interviewer: hays vs brightcareer).
SPEC_KINDS = {
    "disconnect-check": {"mining-people"},
    "debrief": {"brightcareer", "stafffinders", "mining-people"},
    "recruiter-call": {"hays", "stafffinders", "brightcareer"},
    "thank-you": {"hays", "carter-schwartz", "mining-people", "brightcareer", "stafffinders"},
    "referee-heads-up": {"hays", "mining-people"},
    "company-research": {"mining-people", "stafffinders"},
    "linkedin-recruiter": {"carter-schwartz", "brightcareer", "hays"},
    "linkedin-interviewer": {"hays", "brightcareer"},
    "check-in": {"carter-schwartz", "mining-people", "brightcareer", "stafffinders"},
    "keep-searching": {"hays", "mining-people", "brightcareer", "stafffinders"},
    "referee-thanks": {"hays"},
    "rejection-reply": {"hays", "brightcareer"},
    "keep-in-touch": {"hays", "brightcareer"},
    "withdraw": {"stafffinders"},
    "move-on": {"stafffinders"},
}

#: PRODUCT.md §1.2: guard -> its sources.
SPEC_GUARDS = {
    "same-day-chase": {"mining-people"},
    "cadence": {"stafffinders", "brightcareer"},
    "channel": {"hays"},
    "new-questions": {"mining-people", "brightcareer"},
    "linkedin-interviewer": {"hays", "brightcareer"},
}


# ---------------------------------------------------------------- the default playbook


def test_default_playbook_declares_exactly_the_five_sources() -> None:
    assert set(PLAYBOOK.sources) == SOURCE_KEYS
    assert all(PLAYBOOK.sources[k].strip() for k in SOURCE_KEYS)


def test_every_kind_of_the_spec_has_a_rule() -> None:
    assert {r.kind for r in PLAYBOOK.rules} == set(SPEC_KINDS)
    assert set(ACTION_KINDS) == set(SPEC_KINDS)


@pytest.mark.parametrize("kind", sorted(SPEC_KINDS))
def test_each_kind_cites_the_spec_sources(kind: str) -> None:
    rules = [r for r in PLAYBOOK.rules if r.kind == kind]
    assert rules
    cited = set().union(*(r.sources for r in rules))
    assert cited == SPEC_KINDS[kind]
    for rule in rules:
        assert set(rule.sources) <= SOURCE_KEYS
        assert rule.title, rule.id
        assert rule.talking_points, rule.id


@pytest.mark.parametrize("guard", sorted(SPEC_GUARDS))
def test_each_guard_cites_the_spec_sources(guard: str) -> None:
    assert set(PLAYBOOK.guard(guard).sources) == SPEC_GUARDS[guard]


def test_cadence_guard_counts_seven_days() -> None:
    assert PLAYBOOK.guard("cadence").days == 7


def test_linkedin_interviewer_rules_show_the_disagreement() -> None:
    rules = {r.policy: r for r in PLAYBOOK.rules if r.kind == "linkedin-interviewer"}
    after_offer = rules[(("linkedin_interviewer", "after-offer"),)]
    after_interview = rules[(("linkedin_interviewer", "after-interview"),)]
    assert (after_offer.sources, after_offer.disagrees_with) == (("hays",), "brightcareer")
    assert (after_interview.sources, after_interview.disagrees_with) == (("brightcareer",), "hays")
    assert after_offer.on_status == frozenset({Status.OFFER})


def test_default_policies_match_the_spec() -> None:
    assert PLAYBOOK.policies == {
        "linkedin_interviewer": "after-offer",
        "work_start": "09:00",
        "work_end": "18:00",
        "check_in_interval_days": 7,
        "max_check_ins": 3,
        "keep_searching_min_open": 3,
        "keep_searching_quiet_days": 7,
    }
    assert Policy.from_options(PLAYBOOK.policies) == Policy()


def test_timings_of_the_spec() -> None:
    thank_you = PLAYBOOK.rule("thank-you").timing
    assert (thank_you.split_at, thank_you.before_days, thank_you.before_at) == (
        dt.time(12), 0, dt.time(18))
    assert (thank_you.after_days, thank_you.after_at, thank_you.deadline_hours) == (
        1, dt.time(10), 24)
    call = PLAYBOOK.rule("recruiter-call").timing
    assert (call.after_hours, call.outside_hours_at) == (2, dt.time(9, 30))
    check_in = PLAYBOOK.rule("check-in")
    assert (check_in.timing.days, check_in.timing.at, check_in.timing.roll) == (
        7, dt.time(10), "on-or-next")
    assert check_in.decision_timing is not None
    assert (check_in.decision_timing.at, check_in.decision_timing.roll) == (dt.time(10), "next")
    assert check_in.chases
    assert [r.id for r in PLAYBOOK.rules if r.chases] == ["check-in"]


def test_reminders_of_the_spec() -> None:
    after = {r.id for r in PLAYBOOK.reminders if r.when == "after-interview"}
    before = {r.id for r in PLAYBOOK.reminders if r.when == "before-interview"}
    assert len(after) == 5
    assert len(before) == 5
    assert all(set(r.sources) <= SOURCE_KEYS for r in PLAYBOOK.reminders)


def test_loading_is_deterministic() -> None:
    assert load_playbook(default_toml()) == PLAYBOOK


# ---------------------------------------------------------------- bad playbooks

MINIMAL = """
version = 1
name = "test"

[sources]
hays = "Hays"

[[rule]]
id = "my-rule"
kind = "thank-you"
title = "Thank {recipient}"
trigger = "interview-ended"
per = "interviewer"
recipient = "interviewer"
channel = "email"
timing = { anchor = "interview-end", days = 0, at = "10:00", roll = "next" }
sources = ["hays"]
"""


def test_minimal_playbook_loads() -> None:
    book = load_playbook(MINIMAL)
    assert [r.id for r in book.rules] == ["my-rule"]
    assert book.rule("my-rule").timing.at == dt.time(10)


def bad(old: str, new: str) -> str:
    assert old in MINIMAL, old
    return MINIMAL.replace(old, new)


BAD_RULES = [
    pytest.param(bad('kind = "thank-you"', 'kind = "thank-yuo"'), "'kind'", id="unknown-kind"),
    pytest.param(bad('sources = ["hays"]', 'sources = ["gartner"]'), "gartner",
                 id="unknown-source"),
    pytest.param(bad('sources = ["hays"]', "sources = []"), "'sources'", id="no-source"),
    pytest.param(bad('sources = ["hays"]', 'sources = "hays"'), "'sources'",
                 id="sources-not-a-list"),
    pytest.param(bad('trigger = "interview-ended"', 'trigger = "whenever"'), "'trigger'",
                 id="unknown-trigger"),
    pytest.param(bad('per = "interviewer"', 'per = "planet"'), "'per'", id="unknown-per"),
    pytest.param(bad('recipient = "interviewer"', 'recipient = "mum"'), "'recipient'",
                 id="unknown-recipient"),
    pytest.param(bad('channel = "email"', 'channel = "fax"'), "'channel'",
                 id="unknown-channel"),
    pytest.param(bad('title = "Thank {recipient}"', 'title = ""'), "'title'", id="empty-title"),
    pytest.param(bad('at = "10:00"', 'at = "25:00"'), "timing.at", id="hour-out-of-range"),
    pytest.param(bad('at = "10:00"', 'at = "ten"'), "timing.at", id="time-not-hh-mm"),
    pytest.param(bad('at = "10:00"', "at = 10"), "timing.at", id="time-not-a-string"),
    pytest.param(bad('roll = "next"', 'roll = "later"'), "'roll'", id="unknown-roll"),
    pytest.param(bad('anchor = "interview-end"', 'anchor = "lunch"'), "'anchor'",
                 id="unknown-anchor"),
    pytest.param(bad("days = 0", "days = -1"), "'days'", id="negative-days"),
    pytest.param(bad("days = 0", "dayz = 0"), "dayz", id="unknown-timing-key"),
    pytest.param(bad('days = 0, at = "10:00", roll = "next"', "days = 1"),
                 "'after_hours', 'at' or 'split_at'", id="timing-without-a-time"),
    pytest.param(bad('days = 0, at = "10:00", roll = "next"', 'split_at = "12:00"'),
                 "'split_at' needs", id="split-without-before-after"),
    pytest.param(bad('days = 0, at = "10:00", roll = "next"', "after_hours = -2"),
                 "'after_hours'", id="negative-hours"),
    pytest.param(bad('timing = { anchor = "interview-end", days = 0, at = "10:00", '
                     'roll = "next" }', 'timing = "tomorrow"'), "'timing'",
                 id="timing-not-a-table"),
    pytest.param(bad('per = "interviewer"', 'per = "interviewer"\nstatuses = ["hired"]'),
                 "'statuses'", id="unknown-status"),
    pytest.param(bad('per = "interviewer"', 'per = "interviewer"\nformats = ["fax"]'),
                 "'formats'", id="unknown-format"),
    pytest.param(bad('per = "interviewer"', 'per = "interviewer"\nchannels = ["friend"]'),
                 "'channels'", id="unknown-application-channel"),
    pytest.param(bad('per = "interviewer"',
                     'per = "interviewer"\npolicy = { linkedin_interviewer = "never" }'),
                 "policy", id="unknown-policy-value"),
    pytest.param(bad('per = "interviewer"', 'per = "interviewer"\nreads = ["coffee_breaks"]'),
                 "coffee_breaks", id="reads-unknown-option"),
    pytest.param(bad('per = "interviewer"', 'per = "interviewer"\ndisagrees_with = "gartner"'),
                 "'disagrees_with'", id="disagrees-with-unknown-source"),
    pytest.param(bad('trigger = "interview-ended"', 'trigger = "status"'), "'on_status'",
                 id="status-trigger-without-status"),
]


@pytest.mark.parametrize(("text", "fragment"), BAD_RULES)
def test_bad_rule_names_the_rule_and_the_key(text: str, fragment: str) -> None:
    with pytest.raises(PlaybookError) as info:
        load_playbook(text)
    message = str(info.value)
    assert "rule 'my-rule'" in message
    assert fragment in message
    assert "\n" not in message


def test_rule_without_id_is_named_by_position() -> None:
    with pytest.raises(PlaybookError, match=r"rule\[0\]: 'id'"):
        load_playbook(bad('id = "my-rule"\n', ""))


def test_duplicate_rule_id() -> None:
    rule = MINIMAL[MINIMAL.index("[[rule]]"):]
    with pytest.raises(PlaybookError, match=r"rule 'my-rule': duplicate id"):
        load_playbook(MINIMAL + "\n" + rule)


@pytest.mark.parametrize(
    "text",
    [
        "this is not toml",
        MINIMAL.replace('kind = "thank-you"', 'kind = "thank-you'),
        MINIMAL + "\n[sources]\nhays = 'again'\n",
    ],
    ids=["garbage", "unterminated-string", "table-defined-twice"],
)
def test_malformed_toml(text: str) -> None:
    with pytest.raises(PlaybookError, match="playbook is not valid TOML"):
        load_playbook(text)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        pytest.param(MINIMAL.replace('[sources]\nhays = "Hays"\n', ""), "[sources]",
                     id="no-sources"),
        pytest.param(MINIMAL[:MINIMAL.index("[[rule]]")], "[[rule]]", id="no-rules"),
        pytest.param(MINIMAL + '\n[policies]\nmax_check_ins = 0\n', "policies.max_check_ins",
                     id="policy-below-one"),
        pytest.param(MINIMAL + '\n[policies]\nlinkedin_interviewer = "always"\n',
                     "policies.linkedin_interviewer", id="policy-bad-choice"),
        pytest.param(MINIMAL + '\n[policies]\nwork_start = "nine"\n', "policies.work_start",
                     id="policy-bad-time"),
        pytest.param(MINIMAL + '\n[policies]\nlunch = 1\n', "policies.lunch",
                     id="policy-unknown"),
        pytest.param(MINIMAL + '\n[[guard]]\nid = "g"\nsummary = "s"\nsources = ["x"]\n',
                     "guard[0]", id="guard-unknown-source"),
        pytest.param(MINIMAL + '\n[[reminder]]\nid = "r"\nwhen = "never"\ntext = "t"\n'
                     'sources = ["hays"]\n', "reminder[0]", id="reminder-bad-when"),
    ],
)
def test_bad_playbook_sections(text: str, fragment: str) -> None:
    with pytest.raises(PlaybookError) as info:
        load_playbook(text)
    assert fragment in str(info.value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("10:00", dt.time(10)), ("09:30", dt.time(9, 30)), ("0:05", dt.time(0, 5))],
)
def test_parse_time(value: str, expected: dt.time) -> None:
    assert parse_time(value, "where") == expected


@pytest.mark.parametrize("value", ["24:00", "10", "10:00:00", "", None, 10, "10:60"])
def test_parse_time_rejects(value: object) -> None:
    with pytest.raises(PlaybookError, match="^where: expected a time"):
        parse_time(value, "where")


def test_default_playbook_plans_without_errors() -> None:
    # a smoke test that the packaged rules are all interpretable by the planner
    assert plan(make_facts())


def load_and_plan(text: str, facts: ApplicationFacts) -> list[PlannedAction]:
    """Load a playbook and plan `facts` with it (a bad playbook must fail in the first step)."""
    book = load_playbook(text)
    return plan_application(facts, book, Workweek(tz="Europe/Brussels", country="BE"), Policy())


def test_title_placeholders_are_checked_at_load_time() -> None:
    text = bad('title = "Thank {recipient}"', 'title = "Thank {interviewer}"')
    with pytest.raises(PlaybookError, match="rule 'my-rule'"):
        load_and_plan(text, make_facts())


def test_on_verdict_is_checked_at_load_time() -> None:
    text = bad('trigger = "interview-ended"',
               'trigger = "debrief-verdict"\non_verdict = "meh"').replace(
        'kind = "thank-you"', 'kind = "withdraw"')
    end = local(2026, 11, 23, 11)
    facts = make_facts(make_app(), interviews=[make_interview(end)],
                       debriefs=[make_debrief(100, end, FitVerdict.YES)])
    with pytest.raises(PlaybookError, match="rule 'my-rule'"):
        load_and_plan(text, facts)
