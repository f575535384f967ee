"""The insights from the store's aggregates equal the reference computation from every fact.

`services.insights.insights` (SQL aggregates, store/insights.py and the columns migration 0002
keeps) is compared, value for value and JSON for JSON, with tests/insights_reference (the
computation before issue 11, from `Repo.all_facts`) on the same database at the same `now`
(`insights_data.assert_same`): (a) the demo search built through the real use cases, in
Brussels and New York, read at several moments around DST changes; (b) generated searches
(bench/generate.py, 300 applications, two seeds); (c) a small search written row by row with
every edge the definitions name (insights_data.py), read a microsecond either side of each
edge and in three zones; (d) a spreadsheet import (history skipped as already past).
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from followthrough.services import Service, demo
from followthrough.services.context import open_store
from tests.cli.test_import import GOOD, HEADER
from tests.services.insights_data import (
    BRUSSELS,
    DAY,
    EDGE_NOW,
    MINUTE,
    MONDAY_AFTER,
    NEW_YORK,
    PLANNED,
    ROOT,
    SENT,
    US,
    WINDOW,
    assert_same,
    build_edges,
)

# ---------------------------------------------------------------- (a) the demo search

#: (zone, the moment the demo is built): a few days before a DST change in each zone.
DEMOS = [
    ("Europe/Brussels", dt.datetime(2026, 10, 22, 9, 0, tzinfo=BRUSSELS)),  # 25 Oct: back
    ("Europe/Brussels", dt.datetime(2026, 3, 26, 18, 30, tzinfo=BRUSSELS)),  # 29 Mar: forward
    ("America/New_York", dt.datetime(2026, 10, 29, 8, 0, tzinfo=NEW_YORK)),  # 1 Nov: back
    ("America/New_York", dt.datetime(2026, 3, 5, 23, 30, tzinfo=NEW_YORK)),  # 8 Mar: forward
]


@pytest.fixture(scope="module", params=DEMOS, ids=lambda d: f"{d[0]}-{d[1]:%m%d}")
def demo_db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple:
    """A demo search built at the moment given, plus the replies and skips a user would add."""
    tz, built = request.param
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    store = open_store(path, built)
    try:
        demo.fill(Service.on(store, built, {"tz": tz}))
        later = Service.on(store, built + dt.timedelta(hours=2), {"tz": tz})
        later.log(1, "email-in", summary="Thanks for your note")
        later.log(2, "email-out", summary="Following up")
        later.log(3, "message-in", summary="We will call you")
    finally:
        store.engine.dispose()
    return path, tz, built


@pytest.mark.parametrize("days", [-9, 0, 2, 4, 15, 40])
@pytest.mark.parametrize("weeks", [1, 12, 104])
def test_demo_search(demo_db: tuple, days: int, weeks: int) -> None:
    path, tz, built = demo_db
    now = built + dt.timedelta(days=days, hours=3)
    out = assert_same(path, now, weeks, tz=tz)
    assert out["zone"] == tz
    if days >= 0:
        assert out["funnel"]["total"] == 5


def test_the_demo_has_something_to_compare(demo_db: tuple) -> None:
    path, tz, built = demo_db
    out = assert_same(path, built + dt.timedelta(days=15), 12, tz=tz)
    assert out["follow_ups"]["total"]["eligible"] > 0
    assert sum(r["sent"] + r["waiting"] for r in out["reply_rates"]) > 0
    assert sum(w["actions_done"] for w in out["weeks"]) > 0
    assert out["questions"]["singles_total"] + len(out["questions"]["recurring"]) > 0


# ---------------------------------------------------------------- (b) generated searches

GENERATED_NOW = dt.datetime(2026, 11, 24, 10, 0, tzinfo=BRUSSELS)


@pytest.fixture(scope="module", params=[1, 2], ids=lambda s: f"seed{s}")
def generated_db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated search of 300 applications (bench/generate.py) as of GENERATED_NOW."""
    path = tmp_path_factory.mktemp("generated") / f"apps-300-seed{request.param}.db"
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "generate.py"), "--applications", "300",
         "--out", str(path), "--seed", str(request.param), "--now", GENERATED_NOW.isoformat()],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    return path


@pytest.mark.parametrize(
    ("now", "weeks", "tz"),
    [
        (GENERATED_NOW, 12, None),
        (GENERATED_NOW, 104, None),
        (GENERATED_NOW - dt.timedelta(days=30), 12, None),  # 25 Oct 2026 inside the weeks
        (GENERATED_NOW - dt.timedelta(days=240), 104, None),  # the data's future is ignored
        (GENERATED_NOW + dt.timedelta(days=20), 5, None),
        (GENERATED_NOW, 104, "America/New_York"),
        (GENERATED_NOW - dt.timedelta(days=260), 8, "America/New_York"),  # 8 Mar 2026
    ],
)
def test_generated_search(generated_db: Path, now: dt.datetime, weeks: int, tz: str | None) -> None:
    out = assert_same(generated_db, now, weeks, **({"tz": tz} if tz else {}))
    assert out["funnel"]["total"] > 0


# ---------------------------------------------------------------- (c) every edge, row by row


@pytest.fixture(scope="module")
def edge_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_edges(tmp_path_factory.mktemp("edges") / "edges.db")


EDGES = [
    EDGE_NOW, EDGE_NOW + dt.timedelta(seconds=20), EDGE_NOW - dt.timedelta(seconds=30) + MINUTE,
    EDGE_NOW + dt.timedelta(hours=1),
    MONDAY_AFTER, MONDAY_AFTER + 7 * DAY, SENT + WINDOW, SENT + WINDOW + DAY,
    PLANNED + DAY, PLANNED + 3 * DAY,
]  # fmt: skip


@pytest.mark.parametrize("edge", EDGES, ids=lambda e: e.isoformat())
@pytest.mark.parametrize("side", [-US, dt.timedelta(0), US])
@pytest.mark.parametrize("tz", ["Europe/Brussels", "America/New_York", "Asia/Kolkata"])
def test_every_edge(edge_db: Path, edge: dt.datetime, side: dt.timedelta, tz: str) -> None:
    assert_same(edge_db, edge + side, 3, tz=tz)


def test_the_edges_are_where_they_should_be(edge_db: Path) -> None:
    """The edge search says what its comments say (so the comparison above compares something)."""
    out = assert_same(edge_db, EDGE_NOW, 3)
    assert out["funnel"]["total"] == 11 + 1 + 10 + 2  # the other user's is not there
    assert [r["count"] for r in out["funnel"]["reached"]] == [24, 11, 5, 2]
    total = out["follow_ups"]["total"]
    assert (total["on_time"], total["late"], total["missed"], total["open"]) == (6, 6, 3, 3)
    weeks = out["weeks"]
    assert [w["applications"] for w in weeks] == [1, 7, 2]
    assert [w["interviews"] for w in weeks] == [1, 2, 1]  # a debriefed one on 12 Oct
    assert [w["interactions_out"] for w in weeks] == [3, 2, 5]
    assert [w["actions_done"] for w in weeks] == [1, 6, 3]
    thank_you, check_in = out["reply_rates"]
    assert (thank_you["replied"], thank_you["sent"], thank_you["waiting"]) == (2, 6, 2)
    assert (check_in["replied"], check_in["sent"], check_in["waiting"]) == (5, 6, 6)
    questions = out["questions"]
    assert [t["count"] for t in questions["recurring"]] == [3, 2, 2]
    assert [t["phrasing"] for t in questions["singles"]] == ["floundered", "Why did you leave?"]


# ---------------------------------------------------------------- (d) a spreadsheet import


def test_imported_history_is_neither_done_nor_missed(tmp_path: Path) -> None:
    path, now = tmp_path / "imported.db", "2026-11-20T09:00:00+01:00"
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(HEADER + GOOD, encoding="utf-8")
    cli = Path(sys.executable).parent / "followthrough"
    for args in (["init", "--tz", "Europe/Brussels", "--country", "BE"], ["import", str(sheet)]):
        subprocess.run([str(cli), "--db", str(path), "--now", now, *args], check=True,
                       capture_output=True, timeout=120)  # fmt: skip
    moment = dt.datetime.fromisoformat(now)
    first, *_ = [assert_same(path, moment + dt.timedelta(days=d), 4) for d in (0, 3, 20)]
    assert first["funnel"]["total"] == 3
    assert first["follow_ups"]["total"]["missed"] == 0  # the 16th's thank-you etc. were imported
