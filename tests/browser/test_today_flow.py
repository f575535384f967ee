"""In a real browser (Debian's Chromium via Playwright): the pages work and look right.

Screenshots of every page are saved under tests/artifacts/screenshots/ for people to look at.
"""

from __future__ import annotations

from tests.browser.conftest import SHOTS


def test_pages_render_without_errors_and_are_saved(server: str, browser: object) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1200, "height": 900})  # type: ignore[attr-defined]
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    for path, name in (
        ("/", "today"),
        ("/pipeline", "pipeline"),
        ("/applications/1", "application"),
        ("/insights", "insights"),
        ("/interviews/3", "interview-upcoming"),
    ):
        response = page.goto(server + path)
        assert response is not None
        assert response.status == 200
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    assert errors == []  # nothing blocked by the CSP, no missing files
    phone = browser.new_page(viewport={"width": 390, "height": 844})  # type: ignore[attr-defined]
    phone.goto(server + "/")
    phone.screenshot(path=str(SHOTS / "today-phone.png"))
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390  # no sideways scrolling on a phone


def test_done_skip_snooze_by_click_update_in_place(server: str, browser: object) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(server + "/")
    rows = page.locator("section.due_today li.action")
    first_id = rows.nth(0).get_attribute("id")
    second_id = rows.nth(1).get_attribute("id")
    assert first_id
    assert second_id
    page.locator(f"#{first_id} button.done").click()
    page.wait_for_selector(f"#{first_id}.done")
    assert "done" in (page.locator(f"#{first_id} .state").inner_text())
    page.locator(f"#{second_id} button.skip").click()
    page.wait_for_selector(f"#{second_id}.skipped")
    # the page was updated in place (htmx), not reloaded: the other rows are still there
    assert page.locator("section.due_today li.action").count() == rows.count()
    page.reload()
    assert page.locator(f"#{first_id}").count() == 0  # settled actions leave Today


def test_moving_a_card_shows_added_and_cancelled(server: str, browser: object) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(server + "/pipeline")
    card = page.locator("#card-1")
    card.locator("select").select_option("rejected")
    card.locator("button").click()
    page.wait_for_selector(".changes")
    text = page.locator(".changes").inner_text()
    assert "ACME Analytics is now rejected" in text
    assert "Reply graciously" in text
    assert "Check in with Jane Roe" in text
    assert page.locator("#col-rejected").count() == 1
    assert (
        "ACME Analytics"
        in page.locator("section.column", has=page.locator("#col-rejected")).inner_text()
    )
    page.screenshot(path=str(SHOTS / "pipeline-moved.png"), full_page=True)


def test_keyboard_reaches_the_buttons(server: str, browser: object) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(server + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "BUTTON":
            break
    assert page.evaluate("document.activeElement.tagName") == "BUTTON"


def test_fix_a_finding_in_the_draft_editor_and_watch_it_go(server: str, browser: object) -> None:
    page = browser.new_page(viewport={"width": 1100, "height": 1000})  # type: ignore[attr-defined]
    page.goto(server + "/")
    page.locator("a.draft-link").first.click()
    page.wait_for_selector("textarea#body")
    assert "No findings" in page.locator("#findings h2").inner_text()
    body = page.locator("textarea#body")
    original = body.input_value()
    body.fill(original.replace("\n\n", "\n\nI forgot to mention my Kafka work.\n\n", 1))
    page.wait_for_selector("#findings li.warning")
    assert "forgot-to-mention" in page.locator("#findings").inner_text()
    assert page.locator("#findings mark.warning").count() >= 1
    page.screenshot(path=str(SHOTS / "draft-finding.png"), full_page=True)
    body.fill(original)
    page.wait_for_selector("#findings h2:has-text('No findings')")  # the CSP forbids eval
    page.screenshot(path=str(SHOTS / "draft-clean.png"), full_page=True)
