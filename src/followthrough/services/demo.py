"""A realistic demo job search, dated relative to now, built through the real services."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from followthrough import shapes
from followthrough.services import actions, applications, interviews
from followthrough.services.context import Context
from followthrough.services.settings import update_settings


@dataclass(frozen=True)
class _Story:
    """The demo's clock: days relative to today, and the service as it was at a moment."""

    svc: Context
    today: dt.date
    zone: dt.tzinfo

    def at(self, days: int, hour: int, minute: int = 0) -> dt.datetime:
        """Return `hour:minute` local time, `days` from today."""
        day = self.today + dt.timedelta(days=days)
        return dt.datetime.combine(day, dt.time(hour, minute), self.zone)

    def then(self, moment: dt.datetime) -> Context:
        """Return the use cases as they were at `moment` (never later than now)."""
        return dataclasses.replace(self.svc, now=min(moment, self.svc.now))


def fill(svc: Context) -> str:
    """Fill an empty database with five applications at different stages; return a summary."""
    tz = svc.overrides.get("tz") or "Europe/Brussels"
    country = svc.overrides.get("country") or ("BE" if tz == "Europe/Brussels" else "")
    update_settings(svc, {"tz": tz, "country": country})
    zone = svc.week().zone
    story = _Story(svc, svc.now.astimezone(zone).date(), zone)
    ids = [_acme(story), _globex(story), _initech(story), _umbrella(story), _stark(story)]
    _kept_up(story, [ids[0], ids[1], ids[3], ids[4]])
    return "5 applications, 5 interviews"


def _acme(story: _Story) -> int:
    """Recruiter-led, interviewed yesterday afternoon by a panel of two; return its id."""
    at, then = story.at, story.then
    acme = applications.add_application(
        then(at(-12, 9)),
        "ACME Analytics",
        "Data Engineer",
        recruiter="Jane Roe <jane@northbridge.example>",
        agency="Northbridge Talent",
        url="https://acme.example/jobs/data-engineer",
        interest=5,
        referees=["Maria Garcia <maria.garcia@example.org>"],
        competitors=["Globex", "Hooli"],
    )
    iv = interviews.add_interview(
        then(at(-3, 16)),
        acme.id,
        at(-1, 14),
        at(-1, 15),
        "video",
        ["Ann Lee <ann.lee@acme.example>", "Raj Patel <raj.patel@acme.example>"],
        ["raj.patel@acme.example"],
        promises=["my notice period (four weeks)"],
        next_steps="A take-home exercise, then a final round with the CTO.",
    )
    interviews.record_debrief(
        then(at(-1, 16, 30)),
        iv.interview.id,
        {
            "unprepared_questions": ["How would you migrate a nightly batch to streaming?"],
            "weak_answers": ["Backfilling late events: I rambled."],
            "floundered": ["Salary expectations: I hesitated and named a range too early."],
            "better_answers": ["Watermarks plus a daily reconciliation job, as at Initrode."],
            "went_well": ["The data-quality war story landed well."],
            "topics": ["their move from nightly batches to streaming"],
            "projects": ["cut the warehouse bill by 40 % at Initrode"],
            "nuggets": ["They open a Lisbon office in spring."],
            "fit": {
                "fit_role": {"score": 5, "note": "exactly my stack"},
                "fit_growth": {"score": 4, "note": "team lead in a year"},
            },
            "verdict": "yes",
        },
    )
    return acme.id


def _globex(story: _Story) -> int:
    """Direct application, interviewed ten days ago; the thank-you went out; return its id."""
    at, then = story.at, story.then
    globex = applications.add_application(
        then(at(-20, 10)),
        "Globex",
        "Platform Engineer",
        hiring_contact="Tom Weber <tom.weber@globex.example>",
        interest=4,
    )
    globex_iv = interviews.add_interview(
        then(at(-11, 9)),
        globex.id,
        at(-10, 10),
        at(-10, 11),
        "in-person",
        ["Tom Weber <tom.weber@globex.example>"],
    )
    interviews.record_debrief(
        then(at(-10, 13)),
        globex_iv.interview.id,
        {
            "unprepared_questions": ["Tell me about a time you failed."],
            "floundered": ["What are your salary expectations?"],
            "topics": ["their move to Kubernetes"],
            "went_well": ["The whiteboard design exercise."],
        },
    )
    _done(then(at(-10, 17)), globex.id, "thank-you")
    return globex.id


def _initech(story: _Story) -> int:
    """Applied last week; the first interview is the day after tomorrow; return its id."""
    at, then = story.at, story.then
    initech = applications.add_application(
        then(at(-6, 11)),
        "Initech",
        "Backend Developer",
        url="https://initech.example/careers/42",
        interest=3,
    )
    interviews.add_interview(
        then(at(-1, 9)),
        initech.id,
        at(2, 10),
        at(2, 11),
        "phone",
        ["Peter Gibbons <peter@initech.example>"],
        decision_by=story.today + dt.timedelta(days=9),
    )
    return initech.id


def _umbrella(story: _Story) -> int:
    """Recruiter-led, rejected yesterday; return its id."""
    at, then = story.at, story.then
    umbrella = applications.add_application(
        then(at(-30, 9)),
        "Umbrella Health",
        "Data Analyst",
        recruiter="Sam Okafor <sam@talentbridge.example>",
        agency="TalentBridge",
    )
    umbrella_iv = interviews.add_interview(
        then(at(-16, 9)),
        umbrella.id,
        at(-15, 11),
        at(-15, 12),
        "in-person",
        ["Clara Oswald <clara@umbrella.example>"],
    )
    interviews.record_debrief(
        then(at(-15, 15)),
        umbrella_iv.interview.id,
        {
            "unprepared_questions": ["Tell me about a time when you failed?"],
            "weak_answers": ["Why do you want to leave your current job?"],
            "topics": ["their patient-data platform"],
        },
    )
    applications.set_status(then(at(-1, 12)), umbrella.id, "rejected")
    return umbrella.id


def _stark(story: _Story) -> int:
    """An offer arrived this morning; return its id."""
    at, then = story.at, story.then
    stark = applications.add_application(
        then(at(-25, 9)), "Stark Industries", "ML Engineer", interest=4
    )
    interviews.add_interview(
        then(at(-9, 9)),
        stark.id,
        at(-8, 15),
        at(-8, 16),
        "video",
        ["Pepper Potts <pepper@stark.example>"],
    )
    applications.set_status(then(at(0, 8)), stark.id, "offer")
    return stark.id


def _kept_up(story: _Story, app_ids: list[int]) -> None:
    """Mark done what the candidate did on time until yesterday (all but the check-ins)."""
    yesterday = story.at(-1, 0)
    for app_id in app_ids:
        for action in applications.plan(story.svc, app_id)[0]:
            due = shapes.aware(action["due_at"])
            assert due is not None
            if action["status"] == "pending" and due < yesterday and action["kind"] != "check-in":
                actions.mark_done(story.then(due + dt.timedelta(minutes=20)), action["id"])


def _done(svc: Context, app_id: int, kind: str) -> None:
    for action in applications.plan(svc, app_id)[0]:
        if action["kind"] == kind and action["status"] == "pending":
            actions.mark_done(svc, action["id"])
