"""In Chromium: a new user adds an application, records the interview, writes the debrief and
sees the plan made from it; every remaining page is opened and saved as a screenshot."""

from __future__ import annotations

from tests.browser.conftest import SHOTS


def _page(browser: object, width: int = 1200) -> object:
    page = browser.new_page(viewport={"width": width, "height": 900})  # type: ignore[attr-defined]
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.errors = errors
    return page


def _shot(page: object, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)  # type: ignore[attr-defined]


def test_add_an_application_record_the_interview_and_debrief_it(
    server: str, browser: object
) -> None:
    page = _page(browser)
    page.goto(server + "/")
    page.get_by_role("link", name="+ Application").click()
    page.wait_for_selector("h1:has-text('Add an application')")

    # a mistake first: the form comes back with what was typed and the error by its field
    page.get_by_label("Role title").fill("Platform Engineer")
    page.locator("#f-company").fill("   ")
    page.locator("#f-company").evaluate("e => e.removeAttribute('required')")
    page.get_by_role("button", name="Add and plan").click()
    page.wait_for_selector(".error-summary")
    assert "company" in page.locator("#err-company").inner_text()
    assert page.get_by_label("Role title").input_value() == "Platform Engineer"
    assert page.locator("#f-company").get_attribute("aria-invalid") == "true"
    _shot(page, "application-new-error")
    assert page.errors == [
        "Failed to load resource: the server responded with a status of 422 "  # type: ignore[attr-defined]
        "(Unprocessable Entity)"
    ]
    page.errors.clear()  # type: ignore[attr-defined]

    page.locator("#f-company").fill("Initech")
    page.get_by_label("Link to the advert").fill("https://initech.example/jobs/7")
    page.get_by_label("Referees you gave").fill("Maria Garcia <maria@example.org>")
    page.get_by_role("button", name="Add and plan").click()
    page.wait_for_selector("h1:has-text('Initech')")
    assert "Added" in page.locator(".flash").inner_text()
    assert "Record the interview" in page.locator("#h-plan + p").inner_text()

    page.get_by_role("link", name="Record an interview").click()
    page.wait_for_selector("h1:has-text('Record an interview')")
    assert "business cards" in page.locator(".checklist").inner_text()  # PRODUCT.md §1.3
    page.get_by_label("Day").fill("2026-11-24")
    page.get_by_label("Starts at").fill("14:00")
    page.get_by_label("Format").select_option("video")
    page.get_by_label("Interviewers").fill(
        "Ann Lee <ann@initech.example>\nBill Lumbergh <bill@initech.example>"
    )
    page.get_by_label("Decision promised by").fill("2026-12-02")
    page.get_by_label("What you promised to send").fill("my notice period")
    _shot(page, "interview-new")
    page.get_by_role("button", name="Save and plan").click()
    page.wait_for_selector("h1:has-text('Round 1')")
    assert "Interview saved" in page.locator(".flash").inner_text()
    plan = page.locator("#h-plan + ol").inner_text()
    assert "Ann Lee" in plan  # a thank-you to each interviewer
    assert "Bill Lumbergh" in plan
    assert "Write the debrief" in page.content()

    page.get_by_role("link", name="Write the debrief").click()
    page.wait_for_selector("h1:has-text('Debrief')")
    page.get_by_label("Topics worth mentioning in the thank-you").fill(
        "their move to event sourcing"
    )
    page.get_by_label("Questions I had not prepared for").fill("Tell me about a time you failed")
    page.locator("input[name=fit_role_score][value='4']").check()
    page.get_by_label("Note on: Is it a good fit for me?").fill("my stack")
    page.get_by_label("Yes, I want this job").check()
    _shot(page, "debrief")
    page.get_by_role("button", name="Save the debrief and re-plan").click()
    page.wait_for_selector(".flash")
    assert "Debrief saved" in page.locator(".flash").inner_text()
    assert "event sourcing" in page.locator("#h-debrief + p + p").inner_text()
    _shot(page, "interview")

    # the thank-you draft is written from the debrief
    page.locator("#h-plan + ol li.action", has_text="Thank-you email to Ann Lee").get_by_role(
        "link", name="Draft"
    ).click()
    page.wait_for_selector("textarea#body")
    assert "event sourcing" in page.locator("textarea#body").input_value()

    # opening the form again shows what was saved
    page.go_back()
    page.get_by_role("link", name="Edit the debrief").click()
    assert page.locator("input[name=fit_role_score][value='4']").is_checked()
    assert "failed" in page.get_by_label("Questions I had not prepared for").input_value()
    assert page.errors == []  # type: ignore[attr-defined]


def test_brief_and_settings_pages(server: str, browser: object) -> None:
    page = _page(browser)
    page.goto(server + "/applications/1/brief")
    assert "The next step" in page.locator("main").inner_text()
    _shot(page, "brief")
    page.goto(server + "/settings")
    text = page.locator("main").inner_text()
    assert "Hays" in text
    assert "BrightCareer" in text  # both sides of the LinkedIn disagreement
    assert "The sources disagree" in text
    feed = page.locator("#feed").input_value()
    assert feed.startswith(server + "/calendar/")
    _shot(page, "settings")
    page.get_by_role("button", name="Make a new address").click()
    page.wait_for_selector(".flash")
    assert page.locator("#feed").input_value() != feed
    page.get_by_label("Working day starts").fill("08:30")
    page.get_by_role("button", name="Save and re-plan").click()
    page.wait_for_selector(".flash")
    assert page.get_by_label("Working day starts").input_value() == "08:30"
    assert page.errors == []  # type: ignore[attr-defined]


def test_forms_fit_a_phone(server: str, browser: object) -> None:
    page = _page(browser, width=390)
    for path in ("/applications/new", "/interviews/1/debrief", "/settings", "/interviews/1"):
        page.goto(server + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, path
    page.goto(server + "/interviews/1/debrief")
    _shot(page, "debrief-phone")
