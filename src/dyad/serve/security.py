"""Who may write, how much they may send, and what a browser may load.

dyad serves a researcher's own data on a laptop, so the defaults are closed: the server listens
on loopback, answers no cross-origin request (there is no CORS middleware), is read-only unless a
token was configured, and tells browsers to load nothing that dyad does not serve itself.

>>> settings = Settings(Path("dyad.db"), token="s3cret", read_only=False)
>>> settings.writable, token_matches(settings, "Bearer s3cret"), token_matches(settings, "Bearer nope")
(True, True, False)
"""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

from fastapi import HTTPException, Request, Response
from starlette.middleware.base import BaseHTTPMiddleware

from dyad.store import Store

Next = Callable[[Request], Awaitable[Response]]
MAX_BODY = 5 * 1024 * 1024
MAX_LIMIT = 1000

# Every script, style and image comes from dyad itself; SVG charts are inline markup with
# presentation attributes (no inline style), so even 'unsafe-inline' styles are not needed.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


@dataclass(frozen=True)
class Settings:
    """What one running app serves and allows; ``open()`` gives a fresh ``Store`` per request."""

    store_path: Path
    token: str | None = None
    read_only: bool = True
    max_body: int = MAX_BODY

    @property
    def writable(self) -> bool:
        """Writes need both an explicit opt-in and a token to check callers against."""
        return not self.read_only and bool(self.token)

    def open(self) -> Store:
        return Store(self.store_path)


def token_matches(settings: Settings, authorization: str | None) -> bool:
    """Compare an ``Authorization: Bearer <token>`` header in constant time."""
    if not settings.token or not authorization:
        return False
    scheme, _, given = authorization.partition(" ")
    if scheme.lower() != "bearer":
        return False
    return hmac.compare_digest(given.strip().encode(), settings.token.encode())


def require_writer(request: Request) -> Settings:
    """A FastAPI dependency for write endpoints: 403 when read-only, 401 on a missing or wrong token."""
    settings: Settings = request.app.state.settings
    if not settings.writable:
        raise HTTPException(403, "this server is read-only: start it with --token (or DYAD_TOKEN) to write")
    if not token_matches(settings, request.headers.get("authorization")):
        raise HTTPException(401, "a valid 'Authorization: Bearer <token>' header is needed to write",
                            headers={"WWW-Authenticate": "Bearer"})
    return settings


async def bounded_body(request: Request) -> bytes:
    """The raw request body, refused with 413 past ``max_body`` bytes (declared or actually sent)."""
    limit = request.app.state.settings.max_body
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, f"request body is larger than {limit} bytes")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise HTTPException(413, f"request body is larger than {limit} bytes")
    return bytes(body)


class SecurityHeaders(BaseHTTPMiddleware):
    """Adds the closed-by-default browser headers to every response."""

    async def dispatch(self, request: Request, call_next: Next) -> Response:
        response = await call_next(request)
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        return response
