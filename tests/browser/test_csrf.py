"""In Chromium: a page served on another loopback port plants a CSRF cookie for the app's
host (cookies do not tell ports apart) and auto-submits a form with the same value to change
the settings. It must get 403 and change nothing; the user's own form still works afterwards,
with the planted cookie still in the browser."""

from __future__ import annotations

import json
import secrets
import threading
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.browser.conftest import _free_port

#: The shape of token the old guard accepted (secrets.token_urlsafe(32)).
PLANTED = secrets.token_urlsafe(32)


def _attack_page(target: str) -> bytes:
    return f"""<!doctype html><html><body>
<form id="f" method="post" action="{target}/settings">
  <input name="csrf_token" value="{PLANTED}"><input name="name" value="Mallory">
</form>
<script>
  document.cookie = "ft_csrf={PLANTED}; path=/settings";
  document.getElementById("f").submit();
</script></body></html>""".encode()


@pytest.fixture(scope="module")
def attacker(server: str) -> Iterator[str]:
    """Another web server on this machine, on another port, serving the attack page."""
    page = _attack_page(server)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("content-type", "text/html")
            self.send_header("content-length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", _free_port()), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=10)


def _settings(server: str) -> dict[str, str]:
    with urllib.request.urlopen(f"{server}/api/v1/settings") as r:
        return json.loads(r.read())  # type: ignore[no-any-return]


def test_a_page_on_another_port_cannot_change_the_settings(
    server: str, attacker: str, browser: object
) -> None:
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(server + "/settings")  # the user has the app open: our cookie is set
    before = _settings(server)

    def settings_post(response: object) -> bool:
        return response.url == f"{server}/settings" and response.request.method == "POST"  # type: ignore[attr-defined]

    with page.expect_response(settings_post) as forged:
        page.goto(attacker + "/")
    assert forged.value.status == 403
    cookies = {(c["name"], c["value"], c["path"]) for c in context.cookies(server + "/settings")}
    assert ("ft_csrf", PLANTED, "/settings") in cookies  # planted, and sent first
    assert _settings(server) == before

    # the user's own form still works, the planted cookie notwithstanding
    page.goto(server + "/settings")
    page.get_by_label("Your name").fill("Sam Doe")
    with page.expect_response(settings_post) as mine:
        page.get_by_role("button", name="Save and re-plan").click()
    assert mine.value.status == 303
    page.wait_for_selector(".flash")
    assert _settings(server)["name"] == "Sam Doe"
    context.close()
