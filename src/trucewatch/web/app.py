"""The web app: ``create_app(db_url, specs_dir, token)`` returns a FastAPI application.

A thin consumer of the library: pages (``pages.py``) and the JSON API
(``api.py``) read through ``trucewatch.store``, ``trucewatch.store.search``
and ``trucewatch.ledger``. Report text is untrusted input: templates
autoescape everything, SVG is built with ``markupsafe.escape``, and every HTML
response carries a Content-Security-Policy that allows no inline script and
nothing from another origin (https://www.w3.org/TR/CSP3/).
"""

from __future__ import annotations

import datetime as dt
import gc
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader
from starlette.exceptions import HTTPException as StarletteHTTPException

from trucewatch import __version__
from trucewatch.extract.claims import CATEGORIES
from trucewatch.review.fields import MODALITIES, STATUSES
from trucewatch.store import Database
from trucewatch.store.schema import RECORD_TABLES
from trucewatch.store.search import data_version
from trucewatch.web.agreements import SpecFolder, agreement_view
from trucewatch.web.auth import SERVER_REVIEWER, Auth
from trucewatch.web.format import register_filters

# Cached aggregates and ledgers kept at most (a ledger per date asked for).
CACHE_ENTRIES = 256
# What the correction forms offer to choose from.
REVIEW_CHOICES = {"categories": CATEGORIES, "modalities": MODALITIES, "statuses": STATUSES}

PACKAGE = resources.files("trucewatch.web")
DEFAULT_SPECS = "examples/agreements"

# Style attributes are not inline script, but 'self' only keeps the policy
# simple to audit: the pages use classes and SVG presentation attributes.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def templates() -> Environment:
    """The Jinja2 environment of the package's templates, escaping everything."""
    env = Environment(
        loader=FileSystemLoader(str(PACKAGE.joinpath("templates"))),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    register_filters(env)
    return env


class State:
    """What every request reads: the database, the agreement specs, the token, who may
    review, the templates."""

    def __init__(
        self,
        db_url: str | None,
        specs_dir: str | Path | None,
        token: str | None,
        reviewers: dict[str, str] | None = None,
    ):
        self.db = Database(db_url)
        self.specs = SpecFolder(specs_dir or DEFAULT_SPECS)
        self.token = token or None
        tokens = dict(reviewers or {})
        if self.token:
            tokens.setdefault(self.token, SERVER_REVIEWER)
        self.auth = Auth(tokens)
        self.env = templates()
        self.kinds = list(RECORD_TABLES)
        self._cache: dict[str, tuple] = {}

    def ledger(self, agreement, day: dt.date | None, with_timeline: bool = False) -> dict:
        """A ledger (with its history) computed once per database state (reviews included),
        spec and date: pages are read far more often than an ingest or a review runs."""
        day = day or dt.date.today()
        spec_key = hash(agreement.model_dump_json())
        return self.cached(
            f"ledger:{agreement.id}:{spec_key}:{day}:{with_timeline}",
            lambda: agreement_view(agreement, self.db, day, with_timeline=with_timeline),
        )

    def cached(self, name: str, compute):
        """An aggregate (counts, top values) computed once per database state (see data_version)."""
        version = data_version(self.db)
        hit = self._cache.get(name)
        if hit is None or hit[0] != version:
            if len(self._cache) >= CACHE_ENTRIES:  # ledgers asked for many dates
                self._cache.clear()
            hit = (version, compute())
            self._cache[name] = hit
        return hit[1]

    def render(
        self, request: Request, name: str, status_code: int = 200, **context
    ) -> HTMLResponse:
        context.setdefault("kinds", self.kinds)
        context.setdefault("has_claims", "claim" in RECORD_TABLES)
        context.setdefault("has_events", "event" in RECORD_TABLES)
        context.setdefault("today", dt.date.today().isoformat())
        context.setdefault("session", self.auth.session(request))
        context.setdefault("review_choices", REVIEW_CHOICES)
        context.setdefault(
            "here", str(request.url.path) + (f"?{request.url.query}" if request.url.query else "")
        )
        context["request"] = request
        context["url_for"] = request.url_for
        html = self.env.get_template(name).render(**context)
        return HTMLResponse(html, status_code=status_code)


def create_app(
    db_url: str | None = None,
    specs_dir: str | Path | None = None,
    token: str | None = None,
    reviewers: dict[str, str] | None = None,
) -> FastAPI:
    """The dashboard and the JSON API over the database at ``db_url``.

    ``specs_dir`` holds agreement specs (YAML), default ``examples/agreements``.
    ``token`` enables ``POST /api/reports`` (ingest) for requests that send it
    as a bearer token, and signs in a reviewer ("editor"); ``reviewers`` maps
    more reviewers' tokens to their names (``auth.load_reviewers``). Without
    either the app is read-only.
    """
    from trucewatch.web import api, pages, reviewing

    state = State(db_url, specs_dir, token, reviewers)

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        # What is loaded by now (modules, templates, the database engine, specs) lives as
        # long as the server: frozen, it is left out of the collector's full passes,
        # which otherwise walk it all every few ledgers (a 70 ms pause measured).
        gc.collect()
        gc.freeze()
        yield
        state.db.close()

    # FastAPI's own /docs pages load Swagger UI from a CDN: off. The OpenAPI
    # document is served, and /api lists the endpoints without any script.
    app = FastAPI(
        title="trucewatch",
        version=__version__,
        description="Ceasefire reports, provenance-pinned records and agreement ledgers.",
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
        lifespan=lifespan,
    )
    app.state.tw = state
    app.mount("/static", StaticFiles(directory=str(PACKAGE.joinpath("static"))), name="static")
    app.include_router(api.router(state))
    app.include_router(pages.router(state))
    app.include_router(reviewing.router(state))

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException):
        if request.url.path.startswith("/api"):
            return JSONResponse(
                {"detail": error.detail}, status_code=error.status_code, headers=error.headers
            )
        return state.render(
            request, "error.html", status_code=error.status_code, error=error.detail
        )

    return app
