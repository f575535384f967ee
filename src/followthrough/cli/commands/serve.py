"""`serve` (the web app on this machine) and `demo` (a demo search, then the web app)."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import Any

import click

from followthrough.cli.context import Ctx, json_option, pass_ctx


def _render() -> Any:
    """Return the human renderers (imported only when a person reads the output)."""
    from followthrough.cli.render import agenda

    return agenda


def _serve(ctx: Ctx, host: str, port: int, open_browser: bool) -> None:
    """Run the web app on host:port until Ctrl-C."""
    import uvicorn

    from followthrough.domain.workdays import zone
    from followthrough.web.app import WebConfig, create_app

    for key, value in ctx.overrides.items():
        if key == "tz":
            zone(value)
    clock = None
    if ctx.now_arg:
        import time

        start, began = ctx.now, time.monotonic()

        def clock() -> dt.datetime:
            # a what-if server starts at --now and then lets time run, as a real day would
            return start + dt.timedelta(seconds=time.monotonic() - began)

    config = WebConfig(ctx.db_path, overrides=dict(ctx.overrides), outbox_every=60.0)
    if clock is not None:
        config.clock = clock
    app = create_app(config)
    shown = "127.0.0.1" if host in ("127.0.0.1", "0.0.0.0") else host  # noqa: S104  (display only)
    url = f"http://{shown}:{port}/"
    click.echo(f"Followthrough is at {url}  (Ctrl-C to stop)")
    if open_browser:
        import threading
        import webbrowser

        # after the server is up; a terminal browser (lynx, w3m) must not take over this terminal
        threading.Timer(1.0, webbrowser.open, [url]).start()
    uvicorn.run(app, host=host, port=port, log_level="warning")


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (keep 127.0.0.1: the app is for this machine).")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(1, 65535))
@click.option("--open", "open_browser", is_flag=True, help="Open it in your browser.")
@pass_ctx
def serve(ctx: Ctx, host: str, port: int, open_browser: bool) -> None:
    """Serve the web app and the JSON API (/api/v1) on this machine."""
    _serve(ctx, host, port, open_browser)


@click.command()
@click.option("--fresh/--keep", default=True, help="Start from a new demo database (default).")
@click.option("--serve/--no-serve", "serve_", default=None,
              help="Then serve the web app (default: yes, but with --json).")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(1, 65535))
@click.option("--open/--no-open", "open_browser", default=None,
              help="Open it in your browser (default: yes on a desktop session).")
@json_option
@pass_ctx
def demo(
    ctx: Ctx, fresh: bool, serve_: bool | None, port: int, open_browser: bool | None
) -> None:
    """Fill a demo database with a realistic job search and show today's agenda.

    Uses its own file (followthrough-demo.db beside your data) unless --db is given on the
    command line, so your own data is never touched.
    """
    from followthrough import shapes
    from followthrough.services import agenda
    from followthrough.services import demo as demo_data

    if not ctx.db_from_flag:  # FOLLOWTHROUGH_DB names your real data: keep away from it
        ctx.db_arg = str(ctx.db_path.with_name("followthrough-demo.db"))
    if fresh:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{ctx.db_path}{suffix}").unlink(missing_ok=True)
    svc = ctx.service()
    summary = demo_data.fill(svc)
    payload = agenda.today_until(svc)[0]

    def human() -> None:
        click.echo(f"Demo database: {ctx.db_path}  ({summary})")
        _render().today(payload, [shapes.prep_json(p) for p in agenda.prep_checklist(svc)])
        click.echo(f"\nTry: followthrough --db {ctx.db_path} plan 1")

    ctx.emit(payload, human)
    if serve_ is None:  # with no terminal too: the README's first command ends serving
        serve_ = not ctx.json
    if serve_:
        if open_browser is None:
            open_browser = desktop_session()
        _serve(ctx, "127.0.0.1", port, open_browser=open_browser)


def desktop_session() -> bool:
    """Return True when a graphical browser can open here (never a text browser in this
    terminal: on Linux only with a display)."""
    if sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
