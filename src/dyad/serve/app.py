"""``make_app`` builds the web app over one store file; ``serve`` runs it with uvicorn.

The app is injectable: tests build it over a temporary store and call it with a TestClient.
Library errors become HTTP answers here and nowhere else — JSON ``{"error": ...}`` under
``/api``, an HTML page elsewhere.

>>> app = make_app(Path("dyad.db"))
>>> app.state.settings.writable, app.docs_url
(False, None)
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from dyad import __version__
from dyad.errors import DyadError, InputError, NotFound, StoreError
from dyad.serve import api, pages
from dyad.serve.security import SecurityHeaders, Settings

STATIC = Path(__file__).parent / "static"


def make_app(store_path: Path, token: str | None = None, read_only: bool = True) -> FastAPI:
    """The dyad web app over ``store_path``; writes need ``read_only=False`` *and* a token."""
    app = FastAPI(title="dyad", version=__version__, docs_url=None, redoc_url=None,
                  description="Political event data from news text: events, actors, documents and dyads.")
    app.state.settings = Settings(Path(store_path), token or None, read_only)
    app.state.write_lock = threading.Lock()  # SQLite takes one writer: serialise ingest, merge, split
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(DyadError, _dyad_error)
    return app


def serve(db: Path, host: str = "127.0.0.1", port: int = 8765, token: str | None = None) -> None:
    """Serve an existing store on loopback by default; a token (or ``$DYAD_TOKEN``) turns writes on."""
    import uvicorn

    if not Path(db).exists():
        raise StoreError(f"no store at {db}: fill one first with `dyad ingest <files> --db {db}`")
    token = token or os.environ.get("DYAD_TOKEN") or None
    app = make_app(Path(db), token=token, read_only=token is None)
    uvicorn.run(app, host=host, port=port, server_header=False, proxy_headers=False)


def answer(request: Request, status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    """JSON for the API and the schema, an HTML page for people."""
    if request.url.path.startswith("/api") or request.url.path == "/openapi.json":
        return JSONResponse({"error": message, "status": status}, status_code=status, headers=headers)
    response = pages.error_page(request, status, message)
    response.headers.update(headers or {})
    return response


def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    message = str(exc.detail) if exc.status_code != 404 or exc.detail != "Not Found" else "no such page"
    return answer(request, exc.status_code, message, dict(exc.headers or {}))


def _invalid(request: Request, exc: Exception) -> Response:
    """FastAPI's own checks (limit ≤ 1000, a missing ``a``) as one readable sentence."""
    assert isinstance(exc, RequestValidationError)
    problems = [f"{'.'.join(str(p) for p in e['loc'][1:]) or e['loc'][0]}: {e['msg']}" for e in exc.errors()]
    return answer(request, 422, "; ".join(problems) or "invalid request")


def _dyad_error(request: Request, exc: Exception) -> Response:
    status = 404 if isinstance(exc, NotFound) else 422 if isinstance(exc, InputError) else 500
    return answer(request, status, str(exc))
