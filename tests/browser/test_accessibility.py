"""Accessibility in Chromium: axe-core's WCAG 2.0/2.1 A and AA rules find nothing on any page,
at desktop and at phone width, and the debrief form can be filled and sent with the keyboard.

axe.min.js comes inside the axe-playwright-python wheel: nothing is downloaded when this runs.
The app's CSP forbids injected scripts, so axe runs in a context with bypass_csp=True.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

axe_sync = pytest.importorskip("axe_playwright_python.sync_playwright")

DESKTOP = {"width": 1200, "height": 900}
PHONE = {"width": 390, "height": 844}
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
DRAFT = "/actions/{draft}/draft"  # the id is read from a "Draft" link on Today
PAGES = [
    "/",
    "/pipeline",
    "/applications/new",
    "/applications/1",
    "/applications/1/brief",
    "/applications/1/interviews/new",
    "/interviews/1",
    "/interviews/1/debrief",
    DRAFT,
    "/insights",
    "/settings",
]
PHONE_PAGES = ["/", "/interviews/1/debrief", "/insights"]


@pytest.fixture(scope="module")
def context(browser: object) -> Iterator[object]:
    ctx = browser.new_context(bypass_csp=True, viewport=DESKTOP)  # type: ignore[attr-defined]
    yield ctx
    ctx.close()


@pytest.fixture(scope="module")
def axe() -> object:
    return axe_sync.Axe()


@pytest.fixture(scope="module")
def draft_id(server: str, context: object) -> str:
    page = context.new_page()  # type: ignore[attr-defined]
    page.goto(server + "/")
    href = page.locator("a.draft-link").first.get_attribute("href")
    page.close()
    assert href, "no Draft link on Today"
    return href.split("/")[2]


def _report(path: str, width: int, violations: list[dict]) -> str:
    lines = [f"axe found {len(violations)} WCAG A/AA violation(s) on {path} at {width}px:"]
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} <{v['helpUrl']}>")
        for node in v["nodes"][:10]:
            target = " ".join(str(t) for t in node["target"])
            lines.append(f"    at {target}")
            summary = " ".join(x.strip() for x in (node.get("failureSummary") or "").splitlines())
            if summary:
                lines.append(f"       {summary}")
        if len(v["nodes"]) > 10:
            lines.append(f"    ... and {len(v['nodes']) - 10} more")
    return "\n".join(lines)


def _axe(page: object, axe: object, what: str, width: int) -> None:
    results = axe.run(page, options=AXE_OPTIONS)  # type: ignore[attr-defined]
    violations = results.response["violations"]
    if violations:
        pytest.fail(_report(what, width, violations), pytrace=False)


def _check(server: str, context: object, axe: object, path: str, viewport: dict) -> None:
    page = context.new_page()  # type: ignore[attr-defined]
    try:
        page.set_viewport_size(viewport)
        response = page.goto(server + path)
        assert response is not None
        assert response.status == 200, path
        _axe(page, axe, path, viewport["width"])
    finally:
        page.close()


@pytest.mark.parametrize("path", PAGES)
def test_no_axe_violations_at_desktop_width(
    server: str, context: object, axe: object, draft_id: str, path: str
) -> None:
    _check(server, context, axe, path.format(draft=draft_id), DESKTOP)


@pytest.mark.parametrize("path", PHONE_PAGES)
def test_no_axe_violations_at_phone_width(
    server: str, context: object, axe: object, path: str
) -> None:
    _check(server, context, axe, path, PHONE)


def test_no_axe_violations_in_a_form_with_errors(server: str, context: object, axe: object) -> None:
    page = context.new_page()  # type: ignore[attr-defined]
    try:
        page.goto(server + "/applications/new")
        page.get_by_label("Role title").fill("Platform Engineer")
        page.locator("#f-company").evaluate("e => e.removeAttribute('required')")
        page.get_by_role("button", name="Add and plan").click()
        page.wait_for_selector(".error-summary")
        _axe(page, axe, "/applications/new (with errors)", DESKTOP["width"])
    finally:
        page.close()


_FOCUSED = """() => {
  const e = document.activeElement;
  return {tag: e.tagName.toLowerCase(), id: e.id, text: (e.innerText || '').trim(),
          nav: !!e.closest('nav'), header: !!e.closest('header')};
}"""


def test_debrief_form_is_reachable_by_keyboard(server: str, browser: object) -> None:
    page = browser.new_page(viewport=DESKTOP)  # type: ignore[attr-defined]
    try:
        page.goto(server + "/interviews/1/debrief")
        first_area = page.locator("form textarea").first.get_attribute("id")
        seen = []
        for _ in range(30):
            page.keyboard.press("Tab")
            seen.append(page.evaluate(_FOCUSED))
            if seen[-1]["tag"] == "textarea":
                break
        assert seen[0]["text"] == "Skip to content"
        assert seen[-1] == {**seen[-1], "tag": "textarea", "id": first_area}, seen
        nav = [f["text"] for f in seen if f["nav"]]
        menu = ["Today", "Pipeline", "Insights", "Contacts", "Inbox", "Mail", "Settings",
                "+ Application"]
        assert nav == menu, seen
        last_nav = max(i for i, f in enumerate(seen) if f["nav"])
        # after the nav only the breadcrumb links come before the first field
        assert all(f["tag"] == "a" for f in seen[last_nav + 1 : -1]), seen

        for _ in range(80):
            page.keyboard.press("Tab")
            focused = page.evaluate(_FOCUSED)
            if focused["text"] == "Save the debrief and re-plan":
                break
        else:
            raise AssertionError("Tab never reached 'Save the debrief and re-plan'")
        assert focused["tag"] == "button"
        button = page.get_by_role("button", name="Save the debrief and re-plan")
        assert button.evaluate("b => b === document.activeElement")
    finally:
        page.close()
