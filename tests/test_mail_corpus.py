"""The mail matcher on its labelled corpus (tests/mail_corpus/), through the real reading
service into real SQLite files: the bars of issue 14 on the sealed `test` split and on `dev`,
docs/mail.md up to date, and a second read of every mailbox changes nothing."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.mail_corpus import harness

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory) -> list[harness.Case]:
    return harness.all_cases(tmp_path_factory.mktemp("mail-corpus"))


@pytest.mark.parametrize("split", ["dev", "test"])
def test_matching_and_proposals_meet_the_bars(cases: list[harness.Case], split: str) -> None:
    s = harness.score(harness.in_split(cases, split))
    assert s.matching.precision >= 0.98, s.matching
    assert s.matching.recall >= 0.9, s.matching
    tp = sum(f.tp for f in s.proposals.values())
    fp = sum(f.fp for f in s.proposals.values())
    assert tp / (tp + fp) >= 0.9, s.proposals


def test_the_split_is_sealed_half_of_each_mailbox(cases: list[harness.Case]) -> None:
    test = harness.in_split(cases, "test")
    for name in harness.sets():
        mine = [c for c in cases if c.set == name]
        assert abs(2 * sum(c.set == name for c in test) - len(mine)) <= 1
    assert len(cases) >= 200


def test_the_report_is_up_to_date(cases: list[harness.Case]) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    import mail_report

    text = mail_report.DOC.read_text(encoding="utf-8")
    assert text.split(mail_report.MARK)[0].rstrip() + "\n\n" + mail_report.render(cases) == text


def test_reading_a_mailbox_again_changes_nothing(tmp_path: Path) -> None:
    from followthrough.services.mail_read import Whole, full_read, read_messages

    name = harness.sets()[0]
    ctx, _ids = harness.build_copy(name, tmp_path / "again.db")
    items = [
        Whole(m.get("folder", "INBOX"), m.get("folder") == "Sent",
              (harness.HERE / name / m["file"]).read_bytes())
        for m in harness.labels(name)
    ]  # fmt: skip
    first = read_messages(ctx, items, "import")
    with full_read(ctx) as uow:
        before = [
            len(uow.repo.interactions(uow.conn, a)) for a in uow.repo.application_ids(uow.conn)
        ]
    again = read_messages(ctx, items, "import")
    with full_read(ctx) as uow:
        after = [
            len(uow.repo.interactions(uow.conn, a)) for a in uow.repo.application_ids(uow.conn)
        ]
    assert first.logged
    assert again.logged == []
    assert again.proposals == []
    assert {i["reason"] for i in again.ignored} == {"duplicate"}
    assert after == before
