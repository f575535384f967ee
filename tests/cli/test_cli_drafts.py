"""`draft`, `lint` and `templates` through the real entry point (PRODUCT.md §3, issue 3)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

EDITOR_SCRIPT = r"""
import sys, pathlib
path = pathlib.Path(sys.argv[1])
text = path.read_text(encoding="utf-8")
if {old!r}:
    text = text.replace({old!r}, {new!r}, 1)
else:
    text = text.rstrip("\n") + "\n" + {new!r} + "\n"
path.write_text(text, encoding="utf-8")
"""


def _editor(tmp_path: Path, old: str, new: str) -> str:
    script = tmp_path / "editor.py"
    script.write_text(EDITOR_SCRIPT.format(old=old, new=new), encoding="utf-8")
    return f"{sys.executable} {script}"


def _thank_you_for(ft: Any, name: str) -> dict[str, Any]:
    plan = ft.json("plan", "1")
    return next(
        a
        for a in plan
        if a["kind"] == "thank-you"
        and name in (a["recipient"]["name"], a["recipient"].get("forward_to"))
    )


def test_draft_json_shape_and_recipient_routing(seeded_ft: Any) -> None:
    ann = _thank_you_for(seeded_ft, "Ann Lee")
    draft = seeded_ft.json("draft", str(ann["id"]))
    assert {"action_id", "kind", "channel", "recipient", "subject", "body", "findings"} <= set(
        draft
    )
    assert (draft["action_id"], draft["kind"], draft["channel"]) == (
        ann["id"],
        "thank-you",
        "email",
    )
    # no direct contact with Ann: the note goes to the recruiter, who is asked to pass it on
    assert draft["recipient"]["name"] == "Jane Roe"
    assert draft["recipient"]["forward_to"] == "Ann Lee"
    assert "Ann" in draft["body"]
    assert "Jane" in draft["body"].split("\n", 1)[0]
    assert "ACME" in draft["body"]
    assert [f for f in draft["findings"] if f["severity"] == "error"] == []
    for f in draft["findings"]:
        assert set(f) == {"rule", "severity", "start", "end", "message"}


def test_panel_notes_do_not_read_alike(seeded_ft: Any) -> None:
    ann = seeded_ft.json("draft", str(_thank_you_for(seeded_ft, "Ann Lee")["id"]))
    raj = seeded_ft.json("draft", str(_thank_you_for(seeded_ft, "Raj Patel")["id"]))
    assert ann["template"] != raj["template"]
    # and re-rendering is stable
    again = seeded_ft.json("draft", str(_thank_you_for(seeded_ft, "Raj Patel")["id"]))
    assert again["body"] == raj["body"]


def test_edit_keeps_the_users_text_and_checks_it(seeded_ft: Any, tmp_path: Path) -> None:
    raj = _thank_you_for(seeded_ft, "Raj Patel")
    before = seeded_ft.json("draft", str(raj["id"]))
    first_line = before["body"].splitlines()[0]
    editor = _editor(tmp_path, first_line, first_line + "\nI forgot to mention my Kafka work.")
    run = seeded_ft("draft", str(raj["id"]), "--edit", "--json", env={"EDITOR": editor})
    assert run.code == 0, run.err
    edited = json.loads(run.out)
    assert edited["edited"] is True
    assert "I forgot to mention my Kafka work." in edited["body"]
    assert "forgot-to-mention" in {f["rule"] for f in edited["findings"]}
    # stored: shown again later, marked in the plan, and it survives re-planning
    seeded_ft(
        "log", "1", "--email-in", "--with", "jane@agency.example", now="2026-11-24T09:00+01:00"
    )
    later = seeded_ft.json("draft", str(raj["id"]), now="2026-11-24T09:30+01:00")
    assert later["body"] == edited["body"]
    assert later["edited"] is True
    plan = {a["id"]: a for a in seeded_ft.json("plan", "1")}
    assert plan[raj["id"]]["edited"] is True


def test_draft_of_an_action_that_sends_nothing(seeded_ft: Any) -> None:
    debrief = next(a for a in seeded_ft.json("plan", "1") if a["kind"] == "debrief")
    run = seeded_ft("draft", str(debrief["id"]))
    assert run.code == 1
    assert run.err.strip().splitlines() == [
        "error: action: debrief sends no message, so it has no draft"
    ]


def test_check_in_can_be_drafted_as_a_value_add(seeded_ft: Any) -> None:
    check_in = next(a for a in seeded_ft.json("plan", "1") if a["kind"] == "check-in")
    draft = seeded_ft.json("draft", str(check_in["id"]), "--as", "value-add")
    assert draft["kind"] == "value-add"
    assert draft["body"].strip()


def test_lint_stdin_json_and_exit_zero_with_findings(seeded_ft: Any) -> None:
    run = seeded_ft(
        "lint",
        "-",
        "--kind",
        "check-in",
        "--json",
        stdin="Dear Jane,\n\nHas a decision been made yet?\n\nBest,\nAlex\n",
    )
    assert run.code == 0, run.err
    payload = json.loads(run.out)
    assert payload["kind"] == "check-in"
    assert payload["words"] == 10
    pushy = [f for f in payload["findings"] if f["rule"] == "pushy"]
    assert pushy
    text = "Dear Jane,\n\nHas a decision been made yet?\n\nBest,\nAlex\n"
    assert text[pushy[0]["start"] : pushy[0]["end"]].lower().startswith("has a decision")


def test_lint_names_another_application(seeded_ft: Any, tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text("Dear Ann,\n\nThank you for the chat about Initech's plans.\n", "utf-8")
    payload = seeded_ft.json("lint", str(note), "--kind", "thank-you", "--app", "1")
    wrong = [f for f in payload["findings"] if f["rule"] == "wrong-name"]
    assert [f["severity"] for f in wrong] == ["error"]


def test_lint_without_app_checks_the_text_as_the_application_it_names(seeded_ft: Any) -> None:
    # issue 13 item 3: the right interviewer and company are never "another application's"
    note = ("Dear Ann,\n\nThank you for the interview for the Data Engineer role at ACME. "
            "Raj Patel's questions on the billing migration were great.\n")
    payload = seeded_ft("lint", "-", "--kind", "thank-you", "--json", stdin=note).json()
    assert payload["application_id"] == 1
    assert "wrong-name" not in {f["rule"] for f in payload["findings"]}


def test_lint_without_app_reports_names_of_two_applications_mixed(seeded_ft: Any) -> None:
    note = ("Dear Ann,\n\nThank you for the interview for the Data Engineer role. I would love "
            "to bring my pipeline work to Initech.\n")
    payload = seeded_ft("lint", "-", "--kind", "thank-you", "--json", stdin=note).json()
    assert payload["application_id"] == 1  # Ann and the role: two names against one
    wrong = [f for f in payload["findings"] if f["rule"] == "wrong-name"]
    assert [note[f["start"] : f["end"]] for f in wrong] == ["Initech"]


def test_lint_without_app_and_without_names_checks_no_names(seeded_ft: Any) -> None:
    payload = seeded_ft("lint", "-", "--json", stdin="Hi there,\n\nThanks for the chat.\n").json()
    assert payload["application_id"] is None
    assert "wrong-name" not in {f["rule"] for f in payload["findings"]}
    human = seeded_ft("lint", "-", stdin="Hi Bill,\n\nThanks for the chat.\n")
    assert "Checked as application 2" in human.out


def test_lint_rejects_an_unknown_kind(seeded_ft: Any) -> None:
    run = seeded_ft("lint", "-", "--kind", "love-letter", stdin="Hello")
    assert run.code == 1
    assert run.err.startswith("error: kind: 'love-letter'")


@pytest.fixture
def data_home(tmp_path: Path) -> dict[str, str]:
    return {"XDG_DATA_HOME": str(tmp_path / "data")}


def test_templates_list_show_and_override(
    seeded_ft: Any, tmp_path: Path, data_home: dict[str, str]
) -> None:
    listed = json.loads(seeded_ft("templates", "list", "--json", env=data_home).out)
    assert len(listed) == 30
    assert not any(t["overridden"] for t in listed)
    raj = _thank_you_for(seeded_ft, "Raj Patel")
    chosen = json.loads(seeded_ft("draft", str(raj["id"]), "--json", env=data_home).out)
    name = chosen["template"].removesuffix(".txt")
    shown = seeded_ft("templates", "show", name, env=data_home)
    assert shown.code == 0
    assert "{{" in shown.out
    editor = _editor(tmp_path, "", "P.S. Written with care.")
    edit = seeded_ft("templates", "edit", name, env={**data_home, "EDITOR": editor})
    assert edit.code == 0, edit.err
    assert (tmp_path / "data" / "followthrough" / "templates" / f"{name}.txt").is_file()
    listed = json.loads(seeded_ft("templates", "list", "--json", env=data_home).out)
    assert [t["template"] for t in listed if t["overridden"]] == [f"{name}.txt"]
    redrawn = json.loads(seeded_ft("draft", str(raj["id"]), "--json", env=data_home).out)
    assert "P.S. Written with care." in redrawn["body"]
    # without the user's folder, the packaged wording comes back
    plain = json.loads(seeded_ft("draft", str(raj["id"]), "--json").out)
    assert "P.S. Written with care." not in plain["body"]


def test_templates_show_unknown(seeded_ft: Any) -> None:
    run = seeded_ft("templates", "show", "sonnet/1")
    assert run.code == 1
    assert run.err.startswith("error: template: 'sonnet/1'")
    run = seeded_ft("templates", "show", "thank-you/9")
    assert run.code == 1
    assert run.err.startswith("error: template thank-you/9 not found")


def test_guards_run_on_the_draft_of_a_dated_action(seeded_ft: Any) -> None:
    # the recruiter call is due on the interview day (Mon 23, 13:00): a check-in written for
    # that moment asks for news the same day
    call = next(a for a in seeded_ft.json("plan", "1") if a["kind"] == "recruiter-call")
    as_check_in = seeded_ft.json("draft", str(call["id"]), "--as", "check-in")
    rules = {f["rule"] for f in as_check_in["findings"]}
    assert "same-day-chase" in rules
    # while the recruiter call's own note (a thank-you to the recruiter) is fine that day
    own = seeded_ft.json("draft", str(call["id"]))
    assert own["kind"] == "recruiter-thanks"
    assert "same-day-chase" not in {f["rule"] for f in own["findings"]}


def test_cadence_guard_on_a_check_in_after_a_recent_follow_up(seeded_ft: Any) -> None:
    check_in = next(a for a in seeded_ft.json("plan", "1") if a["kind"] == "check-in")
    due = check_in["due"]  # Tue 1 Dec 10:00, the day after the decision date
    # once it is overdue, a follow-up e-mail two days ago makes a check-in now too soon
    seeded_ft(
        "log",
        "1",
        "--email-out",
        "--with",
        "jane@agency.example",
        "--at",
        "2026-12-02 09:00",
        now="2026-12-02T09:30+01:00",
    )
    later = seeded_ft.json("plan", "1", now="2026-12-04T09:00+01:00")
    moved = next(a for a in later if a["id"] == check_in["id"])
    assert moved["due"] > due  # the plan itself moved the check-in past the 7 days
    draft = seeded_ft.json(
        "draft", str(check_in["id"]), "--as", "check-in", now="2026-12-04T09:00+01:00"
    )
    # drafted for its (new) due time, the guard has nothing to say
    assert "cadence" not in {f["rule"] for f in draft["findings"]}
    skipped_ahead = seeded_ft.json("lint", "-", "--kind", "check-in", "--app", "1")
    assert skipped_ahead["kind"] == "check-in"


def test_lint_on_a_new_machine_checks_without_names_and_creates_nothing(tmp_path: Path) -> None:
    import os
    import subprocess

    from tests.cli.conftest import FOLLOWTHROUGH

    env = {k: v for k, v in os.environ.items() if not k.startswith(("FOLLOWTHROUGH_", "XDG_"))}
    env.update(HOME=str(tmp_path), NO_COLOR="1")
    done = subprocess.run(
        [str(FOLLOWTHROUGH), "lint", "-", "--kind", "check-in", "--json"],
        input="Hi Jane,\n\nHas a decision been made yet?\n", capture_output=True, text=True,
        env=env, check=False, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)
    assert payload["application_id"] is None
    assert "pushy" in {f["rule"] for f in payload["findings"]}
    assert not list(tmp_path.rglob("*.db"))  # no empty search was started



def test_a_promise_is_attached_only_when_you_say_so(seeded_ft: Any) -> None:
    raj = _thank_you_for(seeded_ft, "Raj Patel")
    plain = seeded_ft.json("draft", str(raj["id"]))
    assert "attached" not in plain["body"]
    assert "notice period" in plain["body"]
    assert "--attached" in plain["notice"]
    marked = seeded_ft.json("draft", str(raj["id"]), "--attached")
    assert "attached" in marked["body"]
    assert "remember to attach notice period" in marked["notice"]


def test_a_withdrawal_neither_promises_nor_thanks_the_agency_to_an_interviewer(
    seeded_ft: Any,
) -> None:
    """Raj interviewed in a process Northbridge Talent runs: a withdrawal to him has nothing to
    attach, and its farewell is not the one for the agency's recruiter."""
    raj = _thank_you_for(seeded_ft, "Raj Patel")
    draft = seeded_ft.json("draft", str(raj["id"]), "--as", "withdraw")
    assert "Northbridge" not in draft["body"]
    assert not draft["notice"] or "attach" not in draft["notice"]


def test_a_value_add_with_a_link_and_a_bad_link(seeded_ft: Any) -> None:
    check_in = next(a for a in seeded_ft.json("plan", "1") if a["kind"] == "check-in")
    shared = seeded_ft.json("draft", str(check_in["id"]), "--as", "value-add", "--link",
                            "https://example.com/costs", "--note", "a note on costs")
    assert "https://example.com/costs" in shared["body"]
    assert "a note on costs" in shared["body"]
    bad = seeded_ft("draft", str(check_in["id"]), "--as", "value-add", "--link", "example")
    assert bad.code == 1
    assert bad.err.startswith("error: link: 'example' is not a web address")
    wrong_kind = seeded_ft("draft", str(check_in["id"]), "--link", "https://example.com/costs")
    assert wrong_kind.code == 1
    assert wrong_kind.err.startswith("error: link: only a value-add shares a link; this draft "
                                     "is a check-in")  # fmt: skip


def test_lint_of_a_text_longer_than_the_checker_reads_is_one_error_line(seeded_ft: Any) -> None:
    from followthrough.services.checking import MAX_CHECKED

    run = seeded_ft("lint", "-", "--kind", "thank-you", stdin="word " * (MAX_CHECKED // 5 + 1))
    assert run.code == 1
    lines = run.err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"error: text: {MAX_CHECKED + 5:,} characters, over the")
