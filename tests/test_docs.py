"""docs/playbook.md is generated from the packaged playbook and must not drift."""

from __future__ import annotations

from pathlib import Path

from followthrough import docs, playbooks

DOC = Path(__file__).resolve().parents[1] / "docs" / "playbook.md"


def test_playbook_doc_is_up_to_date() -> None:
    assert DOC.read_text(encoding="utf-8") == docs.render(playbooks.default()), (
        "docs/playbook.md drifted from default.toml: run `python -m followthrough.docs`"
    )


def test_every_rule_and_source_is_documented() -> None:
    text = docs.render(playbooks.default())
    for rule in playbooks.default().rules:
        assert f"`{rule.id}`" in text
    for key in ("hays", "carter-schwartz", "mining-people", "brightcareer", "stafffinders"):
        assert f"`{key}`" in text


def test_check_mode_fails_on_drift(tmp_path: Path) -> None:
    stale = tmp_path / "playbook.md"
    stale.write_text("# old\n", encoding="utf-8")
    assert docs.main(["--check", "--out", str(stale)]) == 1
    assert docs.main(["--out", str(stale)]) == 0
    assert docs.main(["--check", "--out", str(stale)]) == 0
