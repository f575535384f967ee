"""The checker reads at most MAX_CHECKED characters (services/checking.py): a longer text to
`lint` or a longer edit of a draft is refused with one line naming the field, nothing written;
a body stored before the limit is checked in its head, with a warning saying so."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from followthrough.domain.errors import ValidationError
from followthrough.services import Service, demo
from followthrough.services.checking import MAX_CHECKED
from followthrough.services.drafts import Drafts
from followthrough.store import db
from followthrough.store.repo import Repo

NOW = dt.datetime(2026, 11, 25, 8, 0, tzinfo=dt.UTC)
LINE = "Thank you for the tour of the depot and the talk about the night shift.\n"


@pytest.fixture
def drafts(tmp_path: Path) -> Drafts:
    engine = db.open_database(db.sqlite_url(tmp_path / "s.db"), NOW)
    svc = Service(Repo(engine, db.ensure_user(engine, db.LOCAL_USER, NOW)), NOW)
    demo.fill(svc)
    return Drafts(svc, None)


def _thank_you(drafts: Drafts) -> int:
    return next(a["id"] for a in drafts.svc.plan(1) if a["kind"] == "thank-you")


def _long(n: int) -> str:
    return (LINE * (n // len(LINE) + 1))[:n]


def test_lint_reads_up_to_the_limit_and_refuses_more(drafts: Drafts) -> None:
    assert drafts.lint(_long(MAX_CHECKED), "thank-you")["words"] > 0
    with pytest.raises(ValidationError) as refused:
        drafts.lint(_long(MAX_CHECKED + 1), "thank-you")
    assert refused.value.field == "text"
    assert f"{MAX_CHECKED + 1:,} characters" in str(refused.value)


def test_an_edit_over_the_limit_is_refused_and_nothing_is_written(drafts: Drafts) -> None:
    action = _thank_you(drafts)
    before = drafts.draft(action)
    with pytest.raises(ValidationError) as refused:
        drafts.save(action, "Thanks", _long(MAX_CHECKED + 1))
    assert refused.value.field == "body"
    assert drafts.draft(action) == before


def test_a_body_stored_before_the_limit_is_checked_in_its_head(drafts: Drafts) -> None:
    action = _thank_you(drafts)
    body = _long(MAX_CHECKED + 500)
    repo = drafts.svc.repo.writer()
    with repo.write(NOW, "cli") as conn:
        repo.set_action(conn, action, draft_subject="Thanks", draft_body=body, edited=True)
    shown = drafts.draft(action)
    cut = [f for f in shown["findings"] if "only the first" in f["message"]]
    assert [(f["rule"], f["start"], f["end"]) for f in cut] == [
        ("length", MAX_CHECKED, MAX_CHECKED + 500)
    ]
    assert all(f["start"] <= MAX_CHECKED for f in shown["findings"])
