"""`app show` and `interview show` show what the user wrote (issue 12, item 6): interest,
competitors, notes, every person's address and phone, the fit scores with their notes."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tests.cli.conftest import Ft

NOW = "2026-11-25T09:00+01:00"


def test_app_show_has_the_notes_interest_competitors_and_people(ft: Ft) -> None:
    for args in (
        ["init", "--tz", "Europe/Brussels", "--country", "BE"],
        ["contact", "add", "Sam Lee <sam@rec.example>", "--phone", "+32 470 12 34 56",
         "--role", "recruiter", "--notes", "prefers calls before 10"],
        ["app", "add", "--company", "Initech", "--role", "Analyst", "--interest", "4",
         "--competitor", "Globex", "--competitor", "Umbrella", "--recruiter", "sam@rec.example",
         "--agency", "Rec", "--notes", "Met Bill at the meetup; he liked my dbt talk."],
        ["interview", "add", "1", "--at", "2026-11-23 10:00", "--with", "Grace Kim"],
    ):  # fmt: skip
        run = ft(*args, now=NOW)
        assert run.code == 0, (args, run.err)
    out = ft("app", "show", "1", now=NOW, env={"COLUMNS": "100"}).out
    assert "Interest: 4/5" in out
    assert "Competitors: Globex, Umbrella" in out
    assert "Notes: Met Bill at the meetup; he liked my dbt talk." in out
    assert "Sam Lee (recruiter)  sam@rec.example · +32 470 12 34 56" in out
    assert "prefers calls before 10" in out
    assert "Grace Kim (interviewer)  no address or phone" in out


def test_interview_show_has_the_fit_scores_and_their_notes(ft: Ft) -> None:
    assert ft("--db", str(ft.db), "demo", "--json", now=NOW).code == 0
    out = ft("interview", "show", "1", now=NOW, env={"COLUMNS": "100"}).out
    assert "Is it for me? (1-5, 4.5 on average)" in out
    assert "5  Is it a good fit for me? — exactly my stack" in out
    assert "4  Can I grow here? — team lead in a year" in out
