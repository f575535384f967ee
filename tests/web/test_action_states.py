"""Action states over HTTP: done and skipped are final (409), done logs one exchange however
many requests race for it, reopen is the one way back."""

from __future__ import annotations

import random
import sqlite3
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tests.web.conftest import Api


def _open_message_actions(api: Api, app_id: int) -> list[dict[str, Any]]:
    plan = api.get(f"/applications/{app_id}/plan")
    return [a for a in plan if a["status"] == "pending" and a["channel"] != "none"]


def _busiest_application(api: Api) -> int:
    apps = api.get("/applications")
    return max(apps, key=lambda a: len(_open_message_actions(api, a["id"])))["id"]


def test_done_then_skip_is_a_conflict_and_reopen_takes_the_exchange_back(demo: Api) -> None:
    app_id = _busiest_application(demo)
    action = _open_message_actions(demo, app_id)[0]
    path = f"/actions/{action['id']}"
    before = len(demo.get(f"/applications/{app_id}")["interactions"])
    assert demo.post(f"{path}/done")["status"] == "done"
    message = demo.error("POST", f"{path}/skip", 409)
    assert "already done" in message
    assert demo.post(f"{path}/done")["status"] == "done"  # idempotent
    assert len(demo.get(f"/applications/{app_id}")["interactions"]) == before + 1
    assert demo.post(f"{path}/reopen")["status"] == "pending"
    assert len(demo.get(f"/applications/{app_id}")["interactions"]) == before


def test_reopen_of_a_cancelled_action_is_a_conflict(demo: Api) -> None:
    cancelled = [
        a for app in demo.get("/applications")
        for a in demo.get(f"/applications/{app['id']}/plan") if a["status"] == "cancelled"
    ]
    assert cancelled, "the demo has a rejected application with cancelled actions"
    assert "cancelled" in demo.error("POST", f"/actions/{cancelled[0]['id']}/reopen", 409)


def test_eighty_parallel_requests_leave_every_done_action_done(demo: Api) -> None:
    app_id = _busiest_application(demo)
    targets = _open_message_actions(demo, app_id)
    assert len(targets) >= 3
    rng = random.Random(9)
    jobs = [(rng.choice(targets)["id"], rng.choice(("done", "skip", "done"))) for _ in range(80)]

    def send(job: tuple[int, str]) -> tuple[int, str, int, str | None]:
        ident, verb = job
        response = demo.client.post(f"/api/v1/actions/{ident}/{verb}")
        status = response.json().get("status") if response.status_code == 200 else None
        return ident, verb, response.status_code, status

    with ThreadPoolExecutor(max_workers=16) as pool:
        results = list(pool.map(send, jobs))

    assert {code for *_, code, _ in results} <= {200, 409}, results
    final = {a["id"]: a["status"] for a in demo.get(f"/applications/{app_id}/plan")}
    for ident in {ident for ident, *_ in results}:
        answers = [(verb, code, status) for i, verb, code, status in results if i == ident]
        if any(verb == "done" and code == 200 for verb, code, _ in answers):
            assert final[ident] == "done", answers
            # every answer agrees with the state that won: nobody flipped it back
            assert all(code == 409 for verb, code, _ in answers if verb == "skip"), answers
        elif any(code == 200 for _, code, _ in answers):
            assert final[ident] == "skipped", answers
        else:  # re-planned away by another action's change before any request reached it
            assert final[ident] == "cancelled", answers

    conn = sqlite3.connect(demo.db)
    try:
        logged = Counter(
            row[0] for row in conn.execute(
                "SELECT action_id FROM interactions WHERE action_id IS NOT NULL"
            )
        )
    finally:
        conn.close()
    for ident, status in final.items():
        if ident in {i for i, *_ in results}:
            assert logged[ident] == (1 if status == "done" else 0), (ident, status)
