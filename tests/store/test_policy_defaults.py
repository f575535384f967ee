"""playbooks/defaults.py is generated from playbooks/default.toml and must not drift.

store/fast.py reads the policy defaults from it (the `today --json` path must not load the
TOML), so a change to the playbook's [policies] that is not regenerated fails here.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from followthrough import docs, playbooks
from followthrough.playbooks import defaults
from followthrough.store import fast


def test_defaults_module_is_generated_from_the_toml() -> None:
    text = docs.render_defaults(playbooks.default())
    assert docs.DEFAULTS.read_text(encoding="utf-8") == text, (
        "playbooks/defaults.py drifted from default.toml: run `python -m followthrough.docs`"
    )
    assert {k: str(v) for k, v in playbooks.default().policies.items()} == defaults.POLICIES
    assert fast.POLICY_DEFAULTS is defaults.POLICIES


def test_check_mode_fails_when_the_defaults_drift(tmp_path: Path) -> None:
    doc, module = tmp_path / "playbook.md", tmp_path / "defaults.py"
    assert docs.main(["--out", str(doc), "--defaults-out", str(module)]) == 0
    assert docs.main(["--check", "--out", str(doc), "--defaults-out", str(module)]) == 0
    module.write_text(module.read_text(encoding="utf-8").replace('"7"', '"8"'), encoding="utf-8")
    assert docs.main(["--check", "--out", str(doc), "--defaults-out", str(module)]) == 1


def test_the_fast_path_does_not_load_the_playbook() -> None:
    code = (
        "import sys, followthrough.store.fast; "
        "print(sorted(m for m in sys.modules if m.startswith(('importlib.resources', "
        "'followthrough.domain.playbook', 'tomllib', 'typing'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_generated_reminders_are_the_playbook_s() -> None:
    from followthrough.domain.model import Reminder

    book = playbooks.default()
    assert tuple(Reminder(*r) for r in defaults.REMINDERS) == book.reminders
