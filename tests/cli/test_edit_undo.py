"""Correcting records through the real CLI: each edit re-plans, `undo` puts the plan back as it
was, deletes come back with their actions' states, and the history says what happened.

The seeded database (conftest.py): application 1 ACME (recruiter Jane Roe, interview 1 on Mon
23 Nov 10:00 with Ann Lee and Raj Patel, Raj direct); application 2 Initech, rejected. Now is
Fri 20 Nov 2026 09:00 in Brussels.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from tests.cli.conftest import Cli, Ft

#: What a plan is, for comparing before and after: each action's key, state and times.
Plan = list[tuple[str, str, str, str | None]]


def plan(cli: Cli, app_id: int = 1) -> Plan:
    return [(a["key"], a["status"], a["due"], a["done_at"]) for a in cli.json("plan", str(app_id))]


def records(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every record table, for "exactly as it was" (derived columns left out)."""
    from followthrough.store.journal import JOURNALED

    conn = sqlite3.connect(db)
    try:
        return {t: sorted(conn.execute(f"SELECT {', '.join(c)} FROM {t}").fetchall(), key=repr)
                for t, c in JOURNALED.items()}  # fmt: skip
    finally:
        conn.close()


def due(cli: Cli, key: str, app_id: int = 1) -> str:
    return next(a["due"] for a in cli.json("plan", str(app_id)) if a["key"] == key)


def test_moving_an_interview_moves_its_follow_ups_and_undo_moves_them_back(
    seeded_cli: Cli,
) -> None:
    before, rows = plan(seeded_cli), records(seeded_cli.db)
    first = due(seeded_cli, "thank-you:i1:c3")
    assert first.startswith("2026-11-23T")
    seeded_cli("interview", "edit", "1", "--at", "2026-11-25 15:00")
    assert due(seeded_cli, "thank-you:i1:c3") > "2026-11-25T16:00"  # after the new end
    shown = seeded_cli.json("interview", "show", "1")
    assert shown["start"] == "2026-11-25T15:00:00+01:00"
    assert shown["end"] == "2026-11-25T16:00:00+01:00"  # the same length
    run = seeded_cli("undo")
    assert "Undid" in run.out
    assert "interview 1" in run.out
    assert plan(seeded_cli) == before
    assert records(seeded_cli.db) == rows


def test_done_actions_stay_done_when_the_interview_moves(seeded_cli: Cli) -> None:
    check = str(_action(seeded_cli, "disconnect-check:i1"))
    seeded_cli("done", check, now="2026-11-23T11:05+01:00")
    seeded_cli("interview", "edit", "1", "--at", "2026-11-24 10:00", now="2026-11-23T12:00+01:00")
    states = {a["key"]: a["status"] for a in seeded_cli.json("plan", "1")}
    assert states["disconnect-check:i1"] == "done"


def _action(cli: Cli, key: str, app_id: int = 1) -> int:
    return int(next(a["id"] for a in cli.json("plan", str(app_id)) if a["key"] == key))


def test_an_application_edit_replans_and_undo_restores(seeded_cli: Cli) -> None:
    before, rows = plan(seeded_cli), records(seeded_cli.db)
    seeded_cli("app", "edit", "1", "--recruiter", "none", "--agency", "none", "--role", "Lead",
               "--salary", "€70k", "--location", "Brussels", "--interest", "4")
    shown = seeded_cli.json("app", "show", "1")
    assert (shown["role"], shown["channel"], shown["recruiter"]) == ("Lead", "direct", None)
    assert (shown["salary"], shown["location"], shown["interest"]) == ("€70k", "Brussels", 4)
    assert "Salary: €70k" in seeded_cli("app", "show", "1").out
    after = {a["key"]: a["status"] for a in seeded_cli.json("plan", "1")}
    assert after["recruiter-call:i1"] == "cancelled"  # no recruiter to call any more
    seeded_cli("undo")
    assert plan(seeded_cli) == before
    assert records(seeded_cli.db) == rows


def test_a_wrong_reply_deleted_stops_moving_the_check_in(seeded_cli: Cli) -> None:
    clock = "2026-11-26T09:00+01:00"
    first = due(seeded_cli, "check-in:a1:1")
    logged = seeded_cli.json("log", "1", "--email-in", "--with", "jane@agency.example",
                             "--at", "2026-11-25 16:00", now=clock)  # fmt: skip
    moved = due(seeded_cli, "check-in:a1:1")
    assert moved != first
    listed = seeded_cli.json("exchange", "list", "1")
    assert [x["id"] for x in listed] == [logged["id"]]
    seeded_cli("exchange", "edit", str(logged["id"]), "--at", "2026-11-24 16:00", now=clock)
    assert due(seeded_cli, "check-in:a1:1") not in (moved,)
    seeded_cli("exchange", "delete", str(logged["id"]), "--yes", now=clock)
    assert due(seeded_cli, "check-in:a1:1") == first
    assert seeded_cli.json("exchange", "list", "1") == []
    seeded_cli("undo", now=clock)  # the delete
    seeded_cli("undo", now=clock)  # the edit
    assert due(seeded_cli, "check-in:a1:1") == moved


def test_deleting_an_application_and_undoing_restores_every_action_state(
    seeded_cli: Cli,
) -> None:
    seeded_cli("skip", str(_action(seeded_cli, "linkedin-recruiter:c1")))
    seeded_cli("snooze", str(_action(seeded_cli, "company-research:i1")), "--until",
               "2026-11-30 10:00")  # fmt: skip
    before, rows = plan(seeded_cli), records(seeded_cli.db)
    assert {s for _, s, _, _ in before} >= {"skipped", "snoozed", "pending"}
    seeded_cli("app", "delete", "1", "--yes")
    assert seeded_cli("plan", "1", ok=False).code != 0
    run = seeded_cli("undo")
    assert "Undid" in run.out
    assert "application 1 restored" in run.out
    assert plan(seeded_cli) == before
    assert records(seeded_cli.db) == rows


def test_deleting_an_interview_and_a_contact(seeded_cli: Cli) -> None:
    rows = records(seeded_cli.db)
    seeded_cli("interview", "delete", "1", "--yes")
    assert not [a for a in seeded_cli.json("plan", "1") if a["interview_id"] == 1]
    seeded_cli("undo")
    assert records(seeded_cli.db) == rows
    deleted = seeded_cli.json("contact", "delete", "2", "--yes")  # Ann Lee, on interview 1
    assert deleted["interviews"] == [1]
    assert deleted["applications"] == [1]
    assert "Ann Lee" not in {p["name"] for p in seeded_cli.json("interview", "show", "1")[
        "interviewers"]}  # fmt: skip
    seeded_cli("undo")
    assert records(seeded_cli.db) == rows


def test_merging_contacts_moves_everything_and_keeps_both_addresses(
    seeded_cli: Cli, seeded_ft: Ft
) -> None:
    rows = records(seeded_cli.db)
    jane2 = seeded_cli.json("contact", "add", "J. Roe", "--email", "jane.roe@gmail.example",
                            "--phone", "+32 470 11 22 33")  # fmt: skip
    seeded_cli("log", "1", "--email-in", "--with", str(jane2["id"]), "--at", "2026-11-20 08:00")
    merged = seeded_cli.json("contact", "merge", "1", str(jane2["id"]))
    assert merged["other_emails"] == ["jane.roe@gmail.example"]
    assert merged["phone"] == "+32 470 11 22 33"
    assert seeded_cli("contact", "show", str(jane2["id"]), ok=False).code == 1
    assert {x["contact"] for x in seeded_cli.json("exchange", "list", "1")} == {"Jane Roe"}
    # mail from the other address is Jane's now
    assert seeded_cli("contact", "add", "Jane", "--email", "jane.roe@gmail.example",
                      ok=False).code == 1  # fmt: skip
    for _ in range(3):
        seeded_cli("undo")
    assert records(seeded_cli.db) == rows


def test_merging_a_duplicated_application(seeded_cli: Cli) -> None:
    dup = seeded_cli.json("app", "add", "--company", "ACME", "--role", "Data Engineer",
                          "--competitor", "Hooli", "--notes", "found it twice")  # fmt: skip
    seeded_cli("log", str(dup["id"]), "--call", "--at", "2026-11-20 08:30")
    merged = seeded_cli.json("app", "merge", "1", str(dup["id"]), "--yes")
    assert merged["id"] == 1
    assert "Hooli" in merged["competitors"]
    assert "found it twice" in merged["notes"]
    assert [x["kind"] for x in seeded_cli.json("exchange", "list", "1")] == ["call"]
    assert seeded_cli("app", "show", str(dup["id"]), ok=False).code == 1
    seeded_cli("undo")
    assert seeded_cli.json("app", "show", str(dup["id"]))["notes"] == "found it twice"


def test_a_contact_edit_reaches_the_plan(seeded_cli: Cli) -> None:
    seeded_cli("contact", "edit", "1", "--name", "Jane Roe-Smith", "--phone", "+32 2 555 00 00")
    call = next(a for a in seeded_cli.json("plan", "1") if a["key"] == "recruiter-call:i1")
    assert call["recipient"]["name"] == "Jane Roe-Smith"
    assert seeded_cli.json("contact", "show", "1")["phone"] == "+32 2 555 00 00"


def test_history_lists_changes_newest_first_with_before_and_after(seeded_cli: Cli) -> None:
    seeded_cli("app", "edit", "1", "--role", "Senior Data Engineer")
    events = seeded_cli.json("history", "1")
    top = events[0]
    assert top["kind"] == "app-edit"
    assert top["interface"] == "cli"
    assert top["undoable"]
    change = next(c for c in top["changes"] if c["table"] == "applications")
    assert change["before"]["role"] == "Data Engineer"
    assert change["after"]["role"] == "Senior Data Engineer"
    assert top["at"] == "2026-11-20T09:00:00+01:00"
    seeded_cli("undo")
    events = seeded_cli.json("history", "1")
    assert events[0]["kind"] == "undo"
    assert events[0]["undoes"] == top["id"]
    assert events[1]["undone_by"] == events[0]["id"]
    assert not events[1]["undoable"]
    human = seeded_cli("history", "1").out
    assert "Senior Data Engineer" in human
    assert f"(undone by {events[0]['id']})" in human
    assert all(e["application_id"] == 1 for e in events)


def test_undo_walks_back_and_says_when_nothing_is_left(ft: Ft, steps: Any) -> None:
    ft(*steps.init)
    ft(*steps.add_acme)
    for _ in range(2):  # the application, then the settings
        assert ft("undo").code == 0
    assert ft.json("app", "list") == []
    run = ft("undo")
    assert run.code == 1
    assert run.err_lines == ["error: undo: nothing to undo: no change of yours is left to take"
                             " back"]  # fmt: skip


def test_a_delete_without_a_terminal_needs_yes_and_changes_nothing(seeded_ft: Ft) -> None:
    rows = records(seeded_ft.db)
    run = seeded_ft("app", "delete", "1")
    assert run.code == 1
    assert len(run.err_lines) == 1
    assert "--yes" in run.err
    assert records(seeded_ft.db) == rows


def test_bad_edits_are_one_line_errors_that_change_nothing(seeded_ft: Ft) -> None:
    rows = records(seeded_ft.db)
    for args, field in (
        (["app", "edit", "1", "--interest", "9"], "interest"),
        (["app", "edit", "1", "--url", "acme.example"], "url"),
        (["app", "edit", "1", "--company", " "], "company"),
        (["app", "edit", "1"], "app edit"),
        (["interview", "edit", "1", "--decision-by", "2026-11-01"], "decision-by"),
        (["interview", "edit", "1", "--end", "09:00"], "end"),
        (["contact", "edit", "1", "--email", "ann@acme.example"], "email"),
        (["contact", "edit", "1", "--email", "not-an-address"], "email"),
        (["exchange", "edit", "99", "--note", "x"], "exchange"),
        (["contact", "merge", "1", "1"], "other"),
    ):
        run = seeded_ft(*args)
        assert run.code == 1, args
        assert len(run.err_lines) == 1, (args, run.err)
        assert field in run.err_lines[0], (args, run.err)
        assert "Traceback" not in run.err
    assert records(seeded_ft.db) == rows


def test_a_second_debrief_from_a_file_replaces_the_first_and_undo_brings_it_back(
    seeded_cli: Cli, tmp_path: Path
) -> None:
    first, second = tmp_path / "one.toml", tmp_path / "two.toml"
    first.write_text('topics = ["streaming"]\nverdict = "yes"\n', encoding="utf-8")
    second.write_text('topics = ["batch jobs", "Looker"]\nverdict = "unsure"\n',
                      encoding="utf-8")  # fmt: skip
    seeded_cli("debrief", "1", "--from-file", str(first), now="2026-11-23T12:00+01:00")
    seeded_cli("debrief", "1", "--from-file", str(second), now="2026-11-23T13:00+01:00")
    shown = seeded_cli.json("interview", "show", "1")["debrief"]
    assert shown["topics"] == ["batch jobs", "Looker"]
    assert shown["verdict"] == "unsure"
    assert seeded_cli.json("history", "1")[0]["kind"] == "debrief-edit"
    seeded_cli("undo", now="2026-11-23T13:05+01:00")
    assert seeded_cli.json("interview", "show", "1")["debrief"]["topics"] == ["streaming"]


def test_contact_add_of_a_known_address_points_at_contact_edit(seeded_ft: Ft) -> None:
    run = seeded_ft("contact", "add", "Jane", "--email", "jane@agency.example")
    assert run.code == 1
    assert run.err_lines == ["error: email: jane@agency.example is already contact 1 (Jane Roe);"
                             " change that contact with `followthrough contact edit ID`"]


def test_your_own_words_are_never_misspelt(seeded_cli: Cli, tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text("Thank you for the chat about Kubeflwo pipelines.", encoding="utf-8")
    text = str(note)
    flagged = seeded_cli.json("lint", text)
    assert any(f["rule"] == "spelling" and "Kubeflwo" in f["message"] for f in flagged["findings"])
    assert seeded_cli.json("words", "add", "Kubeflwo") == {"added": ["Kubeflwo"]}
    assert seeded_cli.json("words", "list") == ["Kubeflwo"]
    again = seeded_cli.json("lint", text)
    assert not any("Kubeflwo" in f["message"] for f in again["findings"])
    assert seeded_cli.json("words", "remove", "Kubeflwo") == {"removed": ["Kubeflwo"]}
    assert seeded_cli.json("words", "list") == []


def test_an_import_is_one_change_and_undo_takes_it_all_back(
    seeded_cli: Cli, tmp_path: Path
) -> None:
    rows = records(seeded_cli.db)
    sheet = tmp_path / "apps.csv"
    sheet.write_text(
        "Company,Role,Status,Recruiter,Email,Interview date\n"
        "Hooli,Analyst,Interviewing,Hays - Tom Baker,tom.baker@hays.example,2026-11-18 10:00\n"
        "Globex,Engineer,Applied,,,\n",
        encoding="utf-8",
    )
    seeded_cli("import", str(sheet))
    assert {a["company"] for a in seeded_cli.json("app", "list", "--all")} >= {"Hooli", "Globex"}
    top = seeded_cli.json("history")[0]
    assert top["kind"] == "import"
    assert top["undoable"]
    assert [c["table"] for c in top["changes"]] == ["bulk"]  # what it created, not every row
    run = seeded_cli("undo")
    assert "Imported 2 applications (generic spreadsheet)" in run.out
    assert records(seeded_cli.db) == rows
