"""The before-the-interview checklist fits the application (issue 12, item 10): "agree with the
recruiter who calls whom" only where there is a recruiter, on both routes of `today`."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from followthrough.domain.errors import PlaybookError
from followthrough.domain.playbook import load_playbook
from followthrough.playbooks import default_text

if TYPE_CHECKING:
    from tests.cli.conftest import Ft

NOW = "2026-12-01T09:00+01:00"
AGREE = "Agree with the recruiter who calls whom after the interview."


def test_only_a_recruiter_led_interview_gets_the_recruiter_item(ft: Ft) -> None:
    for args in (
        ["init", "--tz", "Europe/Brussels", "--country", "BE"],
        ["app", "add", "--company", "Direct Co", "--role", "Analyst"],
        ["app", "add", "--company", "Agency Co", "--role", "Analyst",
         "--recruiter", "Jane Roe <jane@agency.example>", "--agency", "Agency"],
        ["interview", "add", "1", "--at", "2026-12-02 10:00"],
        ["interview", "add", "2", "--at", "2026-12-03 10:00"],
    ):  # fmt: skip
        assert ft(*args, now=NOW).code == 0
    for command in (["today"], ["today", "--all"], ["--country", "BE", "today"]):  # fast, click
        out = ft(*command, now=NOW, env={"COLUMNS": "200"}).out
        direct, _, agency = out.partition("Before your interview at Agency Co")
        assert "Before your interview at Direct Co" in direct
        assert AGREE not in direct
        assert AGREE in agency
    brief = ft.json("brief", "1", now=NOW)
    assert all("recruiter" not in r["text"] for r in brief.get("reminders", []))


def test_a_reminder_s_channel_is_checked() -> None:
    text = default_text().replace('channel = "recruiter"', 'channel = "agency"')
    with pytest.raises(PlaybookError, match="channel"):
        load_playbook(text)
