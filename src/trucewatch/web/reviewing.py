"""Reviewing on the web: sign-in, the review form every evidence row and record carries, and
the review queue. Writes go through ``trucewatch.review``, as the CLI's do."""

from __future__ import annotations

import datetime as dt
import secrets
from urllib.parse import quote

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from trucewatch.review import ReviewError, review
from trucewatch.review.fields import MODALITIES, MODELS, STATUSES
from trucewatch.review.queue import review_queue
from trucewatch.web.auth import SESSION_COOKIE, SESSION_SECONDS, SIGNIN_COOKIE, safe_next

# Form inputs a correction may fill, per record kind (empty ones change nothing).
FORM_FIELDS = {kind: tuple(model.model_fields) for kind, model in MODELS.items()}
LIST_FIELDS = ("actor", "target")


def form_fields(kind: str, form) -> dict:
    """The non-empty correction inputs of a submitted form, as review fields."""
    fields = {}
    for name in FORM_FIELDS.get(kind, ()):
        value = (form.get(name) or "").strip()
        if not value:
            continue
        if name in LIST_FIELDS:
            fields[name] = [part.strip() for part in value.split(";") if part.strip()]
        elif name == "cumulative":
            fields[name] = value == "running total"
        else:
            fields[name] = value
    return fields


def router(state) -> APIRouter:
    pages = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)
    auth = state.auth

    def cookie_flags(request: Request) -> dict:
        return {"httponly": True, "samesite": "strict", "secure": request.url.scheme == "https",
                "path": "/"}  # fmt: skip

    @pages.get("/signin")
    def signin_form(request: Request, next: str | None = None, failed: bool = False):
        token = secrets.token_hex(16)
        response = state.render(
            request, "signin.html", csrf=token, next=safe_next(next), failed=failed,
            enabled=auth.enabled, status_code=401 if failed else 200,
        )  # fmt: skip
        response.set_cookie(SIGNIN_COOKIE, token, max_age=600, **cookie_flags(request))
        return response

    @pages.post("/signin")
    def signin(
        request: Request,
        token: str = Form(""),
        csrf: str = Form(""),
        next: str = Form("/"),
    ):
        expected = request.cookies.get(SIGNIN_COOKIE, "")
        if not expected or not secrets.compare_digest(expected, csrf):
            raise HTTPException(403, "the sign-in form expired or was not sent from this site")
        reviewer = auth.reviewer_for(token)
        if reviewer is None:
            return RedirectResponse(f"/signin?failed=1&next={quote(safe_next(next))}", 303)
        response = RedirectResponse(safe_next(next), 303)
        response.set_cookie(
            SESSION_COOKIE,
            auth.session_cookie(reviewer),
            max_age=SESSION_SECONDS,
            **cookie_flags(request),
        )
        response.delete_cookie(SIGNIN_COOKIE, path="/")
        return response

    @pages.post("/signout")
    def signout(request: Request, csrf: str = Form("")):
        auth.require(request, csrf)
        response = RedirectResponse("/", 303)
        response.delete_cookie(SESSION_COOKIE, path="/")
        return response

    @pages.post("/review")
    async def submit_review(request: Request):
        form = await request.form()
        session = auth.require(request, form.get("csrf"))
        kind = form.get("kind") or None
        verdict = form.get("verdict") or ""
        fields = form_fields(kind, form) if verdict in ("correct", "add") else None
        ref = form.get("ref") or ""
        if verdict == "add" and not ref:  # the add form names a span by its offsets
            ref = f"{form.get('doc', '')}:{form.get('start', '')}-{form.get('end', '')}"
        try:
            review(state.db, ref, verdict, session.reviewer, fields, form.get("note") or None,
                   kind)  # fmt: skip
        except ReviewError as error:
            raise HTTPException(422, str(error)) from None
        return RedirectResponse(safe_next(form.get("next")), 303)

    @pages.get("/review")
    def queue(request: Request, agreement: str | None = None, as_of: str | None = None):
        specs = state.specs.agreements()
        chosen = state.specs.get(agreement) if agreement else (specs[0] if specs else None)
        if agreement and chosen is None:
            raise HTTPException(404, f"no agreement {agreement!r}")
        items, result = [], None
        if chosen is not None:
            try:
                day = dt.date.fromisoformat(as_of) if as_of else dt.date.today()
            except ValueError:
                day = dt.date.today()
            result = state.ledger(chosen, day)
            items = review_queue(chosen, state.db, day, limit=100, result=result)
        labels = state.db.document_labels(i["doc"] for i in items)
        return state.render(
            request, "review.html", agreements=specs, chosen=chosen, items=items,
            as_of=result["as_of"] if result else None, doc_label=lambda d: labels.get(d, d),
            obligations=_obligations(chosen), modalities=MODALITIES, statuses=STATUSES,
        )  # fmt: skip

    return pages


def _obligations(agreement) -> list[str]:
    if agreement is None:
        return []
    return [o.id for phase in agreement.phases for o in phase.obligations]
