"""The web app: FastAPI over the same services as the CLI (PRODUCT.md §4.2).

The factory only: nothing imports back from it. Safe by default: web/security.py's Guard checks
every request (Host, body size, CSRF and origin, text that is not Unicode) and adds the
security headers; web/errors.py turns every error into a status, JSON or an error page.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from pathlib import Path as FilePath

from fastapi import FastAPI
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool

from followthrough.services import Service, open_store
from followthrough.services import mail as mail_
from followthrough.web import errors
from followthrough.web.api.main import router as api_router
from followthrough.web.cache import DataVersion, Memo
from followthrough.web.config import WebConfig, utc_now
from followthrough.web.pages.main import router as pages_router
from followthrough.web.security import Guard, install_secret

__all__ = ["WebConfig", "create_app", "utc_now"]

STATIC = FilePath(__file__).with_name("static")


@contextlib.asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Run the outbox's background flush while the app serves, when the config asks for it."""
    every = app.state.config.outbox_every
    task = asyncio.create_task(_flush_outbox(app, every)) if every else None
    yield
    if task is not None:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


async def _flush_outbox(app: FastAPI, every: float) -> None:
    """Send what waits in the outbox every `every` seconds (a 4xx retried when its time
    comes); a mail account not set up, or a server out of reach, waits for the next round."""
    while True:
        await asyncio.sleep(every)
        svc = Service.on(app.state.store, app.state.config.clock(), app.state.config.overrides,
                         "system")  # fmt: skip
        with contextlib.suppress(Exception):  # the next round tries again; the CLI says why
            await run_in_threadpool(mail_.flush_due, svc)


def create_app(config: WebConfig) -> FastAPI:
    """Return the app on the database of `config` (created and migrated if needed)."""
    store = open_store(config.db_path, config.clock())
    app = FastAPI(
        title="Followthrough",
        version="1",
        openapi_url="/api/v1/openapi.json",
        docs_url=None,
        redoc_url=None,
        lifespan=_lifespan,
    )
    app.state.config = config
    app.state.store = store
    app.state.engine = store.engine  # tests and shutdown reach the engine here
    app.state.owner = store.owner
    app.state.data_version = DataVersion(config.db_path)
    app.state.memo = Memo()
    errors.install(app)

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> Response:
        """Liveness probe: answers without touching the database (also wrk's baseline route)."""
        return Response("ok", media_type="text/plain")

    app.add_middleware(Guard, config=config, secret=install_secret(config.db_path))
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(api_router)
    app.include_router(pages_router)
    return app
