"""Polish through a language model registered with llm's plugin mechanism (no patching)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

llm = pytest.importorskip("llm")
from llm.plugins import pm  # noqa: E402

from followthrough.drafts.polish import SYSTEM, PolishError  # noqa: E402
from followthrough.services import Service, demo  # noqa: E402
from followthrough.services.drafts import Drafts  # noqa: E402
from followthrough.store import db  # noqa: E402
from followthrough.store.repo import Repo  # noqa: E402

NOW = dt.datetime(2026, 11, 25, 8, 0, tzinfo=dt.UTC)
SEEN: list[tuple[str, str | None]] = []


def _draft_part(prompt: str) -> str:
    return prompt.split("Draft:\n", 1)[1]


class Polisher(llm.Model):
    model_id = "ft-test-polisher"

    def execute(self, prompt, stream, response, conversation):  # type: ignore[no-untyped-def]
        SEEN.append((prompt.prompt, prompt.system))
        yield _draft_part(prompt.prompt).replace("Dear ", "Hello ")


class Rogue(llm.Model):
    """Adds a company from another of the user's applications: the checker must catch it."""

    model_id = "ft-test-rogue"

    def execute(self, prompt, stream, response, conversation):  # type: ignore[no-untyped-def]
        yield _draft_part(prompt.prompt).rstrip() + "\nI would also love to work at Globex.\n"


class TestModels:
    @llm.hookimpl
    def register_models(self, register):  # type: ignore[no-untyped-def]
        register(Polisher())
        register(Rogue())


@pytest.fixture(autouse=True)
def models(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    user = tmp_path / "llm"
    user.mkdir()
    monkeypatch.setenv("LLM_USER_PATH", str(user))
    pm.register(TestModels(), name="followthrough-test-models")
    SEEN.clear()
    yield user
    pm.unregister(name="followthrough-test-models")


@pytest.fixture
def drafts(tmp_path: Path) -> Drafts:
    engine = db.open_database(db.sqlite_url(tmp_path / "p.db"), NOW)
    svc = Service(Repo(engine, db.ensure_user(engine, db.LOCAL_USER, NOW)), NOW)
    demo.fill(svc)
    svc.update_settings({"name": "Alex Morgan"})
    return Drafts(svc, None)


def _thank_you(drafts: Drafts) -> int:
    return next(a["id"] for a in drafts.svc.plan(1) if a["kind"] == "thank-you")


def test_no_model_configured_says_how_to_configure_one(drafts: Drafts) -> None:
    with pytest.raises(PolishError, match="no language model configured: install one"):
        drafts.polish(_thank_you(drafts), None)


def test_polish_keeps_to_the_facts_and_is_checked_again(drafts: Drafts) -> None:
    action = _thank_you(drafts)
    plain = drafts.draft(action)
    result = drafts.polish(action, "ft-test-polisher")
    assert result["polished_by"] == "ft-test-polisher"
    assert result["body"] == plain["body"].replace("Dear ", "Hello ")
    assert result["subject"] == plain["subject"]
    prompt, system = SEEN[-1]
    assert system == SYSTEM
    assert "company: ACME Analytics" in prompt
    assert "topic discussed: their move from nightly batches to streaming" in prompt
    assert "sender: Alex Morgan" in prompt
    assert [f for f in result["findings"] if f["severity"] == "error"] == []


def test_the_checker_catches_what_the_model_added(drafts: Drafts) -> None:
    result = drafts.polish(_thank_you(drafts), "ft-test-rogue")
    wrong = [f for f in result["findings"] if f["rule"] == "wrong-name"]
    assert wrong, result["findings"]
    assert result["body"][wrong[0]["start"]:wrong[0]["end"]] == "Globex"


def test_default_model_from_llm_settings(drafts: Drafts, models: Path) -> None:
    (models / "default_model.txt").write_text("ft-test-polisher")
    assert drafts.polish(_thank_you(drafts), None)["polished_by"] == "ft-test-polisher"


def test_unknown_model(drafts: Drafts) -> None:
    with pytest.raises(PolishError, match="model: unknown model 'nope'"):
        drafts.polish(_thank_you(drafts), "nope")


def test_cli_polish_json(drafts: Drafts, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from followthrough.cli.group import cli

    action = _thank_you(drafts)
    result = CliRunner().invoke(cli, [
        "--db", str(tmp_path / "p.db"), "--now", NOW.isoformat(), "draft", str(action),
        "--polish", "--model", "ft-test-polisher", "--json",
    ])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["polished_by"] == "ft-test-polisher"
    assert payload["body"].startswith(("Hello ", "Hi "))
