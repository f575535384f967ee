"""Corrections in a real browser: snooze with the picker (the action leaves Overdue without a
reload, with Undo), and an edit taken back from the flash. Screenshots go with the others."""

from __future__ import annotations

from tests.browser.conftest import SHOTS


def test_snooze_with_the_picker_leaves_overdue_and_undo_brings_it_back(
    server: str, browser: object
) -> None:
    page = browser.new_page(viewport={"width": 1200, "height": 900})  # type: ignore[attr-defined]
    page.goto(server + "/")
    overdue = page.locator("section.overdue li.action")
    count = overdue.count()
    assert count > 0
    row_id = overdue.nth(0).get_attribute("id")
    assert row_id
    page.evaluate("window.notReloaded = true")
    page.locator(f"#{row_id} summary.snooze").click()
    page.locator(f"#{row_id} button[value='tomorrow 9:00']").click()
    page.wait_for_selector(".undo-flash")
    assert page.evaluate("window.notReloaded === true")  # swapped in place by htmx
    assert page.locator(f"section.overdue #{row_id}").count() == 0
    assert "snoozed until" in page.locator(f"#{row_id}").inner_text()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "today-snoozed.png"), full_page=True)
    page.locator(".undo-flash button").click()
    page.wait_for_selector(".undo-flash >> text=Undid")
    assert page.locator(f"section.overdue #{row_id}").count() == 1


def test_edit_an_application_then_undo(server: str, browser: object) -> None:
    page = browser.new_page(viewport={"width": 1200, "height": 900})  # type: ignore[attr-defined]
    page.goto(server + "/applications/1")
    page.get_by_role("link", name="Edit").click()
    page.fill("#f-salary", "€75-80k")
    page.fill("#f-location", "Brussels, hybrid")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "application-edit.png"), full_page=True)
    page.get_by_role("button", name="Save").click()
    page.wait_for_selector(".undo-flash")
    assert "€75-80k" in page.locator("dl.wrote").inner_text()
    page.screenshot(path=str(SHOTS / "application-saved.png"), full_page=True)
    page.locator(".undo-flash button").click()
    page.wait_for_selector(".undo-flash >> text=Undid")
    assert "€75-80k" not in page.locator("dl.wrote").inner_text()
    page.goto(server + "/applications/1/history")
    page.screenshot(path=str(SHOTS / "application-history.png"), full_page=True)
    page.goto(server + "/contacts")
    page.screenshot(path=str(SHOTS / "contacts.png"), full_page=True)
