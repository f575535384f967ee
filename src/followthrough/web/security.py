"""Web security, in one ASGI middleware (QUALITY.md 11-13).

It serves only requests whose Host is this machine (a DNS rebinding page cannot talk to it),
reads no request body past MAX_BODY, sends a Content-Security-Policy without inline scripts, and
on every state change requires a CSRF token this server issued (signed with the install's secret;
cookie + form field or header) and, when the browser says where the request comes from, that it
comes from this origin.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import re
import secrets
from pathlib import Path as FilePath
from typing import Any
from urllib.parse import parse_qs, unquote_to_bytes

from followthrough.web.config import WebConfig

CSRF_COOKIE = "ft_csrf"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
#: An issued CSRF token: a random nonce, ".", the HMAC-SHA256 of the nonce under the install's
#: secret (both base64url). Only tokens of this shape that verify are accepted or echoed.
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{24}\.[A-Za-z0-9_-]{43}")
#: The largest request body read, in bytes (forms and JSON): a larger one gets 413 unread.
MAX_BODY = 1024 * 1024
TOO_LARGE = "body: larger than the limit of 1 MiB (1048576 bytes); send less"
CROSS_SITE = "csrf: request from another site or page refused; use this app's own pages"
FORGED = "csrf: missing or wrong CSRF token; reload the page and try again"
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; "
    "object-src 'none'"
)
SECURITY_HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
}


def host_of(header: str) -> str:
    """Return the host part of a Host header ("127.0.0.1:8765" -> "127.0.0.1")."""
    value = header.strip().lower()
    if value.startswith("["):
        return value[: value.find("]") + 1]
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


class Guard:
    """ASGI middleware: Host check, body limit, CSRF check on state changes, text that is not
    Unicode, security headers.

    A pure ASGI middleware (not `@app.middleware("http")`) so that it can read a form body to
    find the CSRF field and hand the same body on to the route. In order: a foreign Host gets
    400; a body over MAX_BODY gets 413 (from Content-Length, or while it streams in) before any
    other work; a state change from another origin, or without the issued token of its
    cookie, gets 403; a path, query parameter or body that is not valid Unicode gets 422.
    """

    def __init__(self, app: Any, config: WebConfig, secret: bytes) -> None:
        self.app = app
        self.config = config
        self.secret = secret

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        if host_of(headers.get("host", "")) not in self.config.allowed_hosts:
            await _json(send, 400, "host: this server only answers to 127.0.0.1 or localhost")
            return
        length = headers.get("content-length", "").strip()
        if length and (not length.isdigit() or int(length) > MAX_BODY):
            await _too_large(send)
            return
        body = b""
        if scope["method"] in SAFE_METHODS:
            receive = _limited(receive)  # no safe route reads a body; none is read past the limit
        else:
            read = await _read_body(receive)
            if read is None:
                await _too_large(send)
                return
            body = read
        cookie = next(
            (c for c in _cookies(headers.get("cookie", ""), CSRF_COOKIE) if self.issued(c)), None
        )  # a cookie we did not issue (planted by another page, or damaged) is never used
        if scope["method"] not in SAFE_METHODS:
            if not self.same_origin(scope, headers):
                await _json(send, 403, CROSS_SITE)
                return
            if not _csrf_ok(headers, body, cookie):
                await _json(send, 403, FORGED)
                return
            receive = _replay(body, receive)
        field = _not_unicode(scope, headers, body)
        if field is not None:
            message = (
                f"{field}: is not valid Unicode text (bytes that are not UTF-8, or a lone "
                "surrogate); send UTF-8 text"
            )
            await _json(send, 422, message, field)
            return
        token = cookie or issue_token(self.secret)
        scope.setdefault("state", {})["csrf"] = token

        async def send_with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                extra = [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
                if cookie != token:
                    secure = "; Secure" if self.config.secure_cookies else ""
                    cookie_value = f"{CSRF_COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/"
                    extra.append((b"set-cookie", (cookie_value + secure).encode()))
                message["headers"] = list(message.get("headers", [])) + extra
            await send(message)

        await self.app(scope, receive, send_with_headers)

    def issued(self, token: str) -> bool:
        """Return True when `token` is one this install issued (its HMAC verifies)."""
        if not TOKEN_SHAPE.fullmatch(token):
            return False
        nonce, _, mac = token.partition(".")
        return hmac.compare_digest(mac.encode(), _mac(self.secret, nonce).encode())

    def same_origin(self, scope: Any, headers: dict[str, str]) -> bool:
        """Return False when the browser says the request comes from another origin.

        Sec-Fetch-Site, when sent, decides: it must be "same-origin" (a form or script of this
        app; a state change never comes as "none"). Without it, an Origin must be this
        server's. A request with neither (curl, a script), or with Origin "null" (what a
        browser sends for our own forms under Referrer-Policy: no-referrer), is judged by its
        CSRF token alone.
        """
        site = headers.get("sec-fetch-site")
        if site is not None:
            return site.strip().lower() == "same-origin"
        origin = headers.get("origin")
        if origin is None or origin.strip() == "null":
            return True
        host = headers.get("host", "").strip().lower()
        schemes = {scope.get("scheme", "http"), "https" if self.config.secure_cookies else ""}
        return origin.strip().lower() in {f"{scheme}://{host}" for scheme in schemes if scheme}


def issue_token(secret: bytes) -> str:
    """Return a new CSRF token: a random nonce and its HMAC under the install's secret."""
    nonce = secrets.token_urlsafe(18)
    return f"{nonce}.{_mac(secret, nonce)}"


def _mac(secret: bytes, nonce: str) -> str:
    digest = hmac.new(secret, b"ft-csrf:" + nonce.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


#: Where the install's CSRF secret is kept: a file beside the database, readable by its owner only.
SECRET_SUFFIX = ".csrf-key"  # noqa: S105  (a file name, not a password)
SECRET_BYTES = 32


def install_secret(db_path: FilePath) -> bytes:
    """Return this install's CSRF secret (32 random bytes beside the database), made once."""
    path = db_path.with_name(db_path.name + SECRET_SUFFIX)
    try:
        secret = path.read_bytes()
    except FileNotFoundError:
        secret = b""
    if len(secret) == SECRET_BYTES:
        return secret
    temp = path.with_name(f"{path.name}.{secrets.token_hex(8)}.tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(secrets.token_bytes(SECRET_BYTES))
    try:
        if secret:
            os.replace(temp, path)  # a damaged key: a new one (issued tokens stop working)
        else:
            os.link(temp, path)  # two first starts keep one key: the first link wins
    except FileExistsError:
        pass
    finally:
        temp.unlink(missing_ok=True)
    return path.read_bytes()


def _cookies(header: str, name: str) -> list[str]:
    """Return every value of cookie `name` (a browser sends a planted one beside ours)."""
    values = []
    for part in header.split(";"):
        key, _, value = part.strip().partition("=")
        if key == name and value:
            values.append(value)
    return values


async def _read_body(receive: Any) -> bytes | None:
    """Return the request body, or None as soon as it grows past MAX_BODY (the rest unread)."""
    chunks = []
    size = 0
    while True:
        message = await receive()
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > MAX_BODY:
            return None
        chunks.append(chunk)
        if not message.get("more_body"):
            return b"".join(chunks)


def _limited(receive: Any) -> Any:
    """Return `receive` that ends the body (as a disconnect) once it grows past MAX_BODY."""
    size = 0

    async def limited() -> Any:
        nonlocal size
        message = await receive()
        size += len(message.get("body", b""))
        return {"type": "http.disconnect"} if size > MAX_BODY else message

    return limited


def _replay(body: bytes, receive: Any) -> Any:
    """Return a `receive` that gives the body already read, then what the server sends next."""
    sent = False

    async def replay() -> Any:
        nonlocal sent
        if sent:
            return await receive()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay


def _csrf_ok(headers: dict[str, str], body: bytes, cookie: str | None) -> bool:
    """Return True when the request carries its (issued) cookie's CSRF token, as the header or
    the form field."""
    if not cookie:
        return False
    sent = headers.get(CSRF_HEADER)
    if sent is None and headers.get("content-type", "").startswith(
        "application/x-www-form-urlencoded"
    ):
        values = parse_qs(body.decode("utf-8", "replace")).get(CSRF_FIELD)
        sent = values[0] if values else None
    # compare bytes: compare_digest refuses non-ASCII str (a forged token must be a 403, not a 500)
    return sent is not None and hmac.compare_digest(sent.encode(), cookie.encode())


#: A JSON escape of a UTF-16 surrogate: only then can a JSON body that is UTF-8 hold a lone one.
SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")
#: A field name safe to put in a one-line message.
FIELD_NAME = re.compile(r"[A-Za-z0-9_.-]{1,64}")


def _not_unicode(scope: Any, headers: dict[str, str], body: bytes) -> str | None:
    """Return the field whose text is not valid Unicode (the path, a query parameter, a form
    field, a JSON value), or None when all of it is."""
    raw_path = scope.get("raw_path") or scope["path"].encode("utf-8", "surrogateescape")
    if not (raw_path.isascii() and b"%" not in raw_path):
        try:
            unquote_to_bytes(raw_path).decode("utf-8")
        except UnicodeDecodeError:
            return "path"
    field = _bad_pair(scope.get("query_string", b""), "query")
    if field is not None or not body:
        return field
    kind = headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "application/x-www-form-urlencoded":
        return _bad_pair(body, "body")
    if kind.startswith("multipart/"):
        return None  # no route takes one; its parts may be binary
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return "body"
    if not SURROGATE_ESCAPE.search(body):
        return None
    try:
        data = json.loads(body)
    except ValueError:
        return None  # not JSON: the route says so
    return _lone_surrogate(data, "body")


def _bad_pair(data: bytes, where: str) -> str | None:
    """Return the name of the first name=value pair of `data` (URL-encoded) that is not UTF-8."""
    if data.isascii() and b"%" not in data:
        return None
    for pair in data.split(b"&"):
        name, _, value = pair.partition(b"=")
        try:
            key = unquote_to_bytes(name.replace(b"+", b" ")).decode("utf-8")
        except UnicodeDecodeError:
            return where
        try:
            unquote_to_bytes(value.replace(b"+", b" ")).decode("utf-8")
        except UnicodeDecodeError:
            return key if FIELD_NAME.fullmatch(key) else where
    return None


def _lone_surrogate(data: Any, where: str) -> str | None:
    """Return the field of `data` (parsed JSON) that holds a lone surrogate, None if none does."""
    if isinstance(data, str):
        try:
            data.encode("utf-8")
        except UnicodeEncodeError:
            return where
        return None
    if isinstance(data, list):
        items: list[tuple[Any, str]] = [(item, where) for item in data]
    elif isinstance(data, dict):
        items = []
        for key, value in data.items():
            if _lone_surrogate(key, where) is not None:
                return where
            name = key if FIELD_NAME.fullmatch(key) else where
            items.append((value, name if where == "body" else f"{where}.{name}"))
    else:
        return None
    for item, name in items:
        found = _lone_surrogate(item, name)
        if found is not None:
            return found
    return None


async def _too_large(send: Any) -> None:
    # the connection is closed after it: the rest of the body is never read
    await _json(send, 413, TOO_LARGE, "body", close=True)


async def _json(
    send: Any, status: int, error: str, field: str | None = None, close: bool = False
) -> None:
    payload: dict[str, str] = {"error": error}
    if field is not None:
        payload["field"] = field
    body = json.dumps(payload).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    headers += [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
    if close:
        headers.append((b"connection", b"close"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
