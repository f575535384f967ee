"""The draft page says what the user promised to attach in the page's own terms: its checkbox,
not the command line's flag (which the API's `notice` keeps for scripts)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tests.web.conftest import Api


def test_the_page_gives_the_attach_notice_without_the_cli_flag(demo: Api) -> None:
    api = demo.get("/actions/3/draft")
    assert "mark it attached (`followthrough draft 3 --attached`), or send" in api["notice"]
    page = demo.client.get("/actions/3/draft")
    assert page.status_code == 200
    assert "attach it and mark it attached, or send it separately" in page.text
    assert "followthrough draft 3" not in page.text
    assert 'name="attached"' in page.text
