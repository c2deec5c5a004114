"""The JSON API under ``/api``, described by the OpenAPI document at ``/api/openapi.json``.

Read-only, except ``POST /api/reports`` (ingest), which exists only when the
app has a token and then requires it as a bearer token, compared in constant
time.
"""

from __future__ import annotations

import datetime as dt
import hmac
import threading
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field

from trucewatch.review.files import file_entry
from trucewatch.store import reviews as review_store
from trucewatch.store.schema import RECORD_TABLES
from trucewatch.store.search import (
    MAX_LIMIT,
    DocumentFilter,
    SearchError,
    document_records,
    page_documents,
    page_records,
)
from trucewatch.web import kinds
from trucewatch.web.agreements import agreement_view

MAX_REPORT_CHARS = 2_000_000
MAX_OFFSET = 2**31 - 1  # what every backend binds as an integer


class Page(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[dict[str, Any]]


class ReportIn(BaseModel):
    """One report to ingest: its text and what is known about it."""

    text: str = Field(min_length=1, max_length=MAX_REPORT_CHARS)
    date: dt.date | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    id: str | None = Field(default=None, description="the report's id at its source")


class ReportsIn(BaseModel):
    reports: list[ReportIn] = Field(min_length=1, max_length=100)


class Ingested(BaseModel):
    id: str | None
    stored: bool
    records: int
    error: str | None = None


class Problem(BaseModel):
    detail: Any


def errors(*codes: int) -> dict:
    """The error statuses an endpoint answers, for its OpenAPI description."""
    text = {
        401: "no or wrong bearer token",
        404: "no such thing",
        422: "a parameter is malformed (the detail says which)",
    }
    return {code: {"model": Problem, "description": text[code]} for code in codes}


# Module level: annotations are strings here (PEP 563), resolved in this namespace.
BEARER = HTTPBearer(auto_error=False, description="the server's TRUCEWATCH_TOKEN")

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT)]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET)]


def _filters(values: list[str]) -> dict[str, str]:
    parsed = {}
    for item in values:
        name, sep, value = item.partition(":")
        if not sep or not name:
            raise HTTPException(422, f"filter {item!r}: write COLUMN:VALUE, e.g. speaker:trump")
        parsed[name] = value
    return parsed


def router(state) -> APIRouter:
    api = APIRouter(prefix="/api", tags=["api"])
    # The record kinds this database has, as a pattern the OpenAPI document states.
    KINDS = "^(" + "|".join(sorted(RECORD_TABLES)) + ")$"  # noqa: N806
    db = state.db

    @api.get(
        "/documents",
        response_model=Page,
        summary="Reports, searched and filtered",
        responses=errors(422),
    )
    def documents(
        q: Annotated[str | None, Query(max_length=500, description="full-text search")] = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        actor: Annotated[str | None, Query(max_length=200)] = None,
        kind: str | None = Query(
            None, pattern=KINDS, description="reports holding records of this kind"
        ),
        limit: Limit = 20,
        offset: Offset = 0,
    ):
        try:
            return page_documents(
                db, DocumentFilter(q, since, until, actor, kind), limit=limit, offset=offset
            )
        except SearchError as error:
            raise HTTPException(422, str(error)) from None

    @api.get(
        "/documents/{doc_id}",
        summary="One report: its text and every record in it",
        responses=errors(404, 422),
    )
    def document(doc_id: str, records: bool = True) -> dict[str, Any]:
        row = db.get_document(doc_id)
        if row is None:
            raise HTTPException(404, f"no document {doc_id!r}")
        row.pop("minhash", None)
        row = {k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in row.items()}
        if records:
            row["records"] = document_records(db, doc_id)
        return row

    @api.get(
        "/records/{kind}",
        response_model=Page,
        summary="Records of one kind, paged",
        responses=errors(404, 422),
    )
    def records(
        kind: str = Path(pattern=KINDS, description="a record kind (GET /api/kinds)"),
        doc: str | None = None,
        since: Annotated[dt.date | None, Query(description="report date from")] = None,
        until: Annotated[dt.date | None, Query(description="report date to")] = None,
        filter: list[str] = Query(  # noqa: B008 - FastAPI's way to declare a list parameter
            [],
            description="COLUMN:VALUE (repeatable); text columns match a substring, ignoring "
            "case; numbers, booleans and dates match exactly. Columns: GET /api/kinds",
        ),
        limit: Limit = 50,
        offset: Offset = 0,
    ):
        if kind not in RECORD_TABLES:
            raise HTTPException(404, f"no record kind {kind!r}: one of {sorted(RECORD_TABLES)}")
        try:
            return page_records(
                db,
                kind,
                doc_id=doc,
                filters=_filters(filter),
                since=since,
                until=until,
                limit=limit,
                offset=offset,
            )
        except SearchError as error:
            raise HTTPException(422, str(error)) from None

    @api.get("/kinds", summary="Record kinds and their columns")
    def record_kinds() -> dict[str, list[str]]:
        return {
            kind: [c.key for c in table.c if c.key not in ("id", "doc_id")]
            for kind, table in RECORD_TABLES.items()
        }

    @api.get(
        "/reviews",
        response_model=Page,
        summary="Analysts' reviews, oldest first, as `trucewatch review export` writes them",
    )
    def reviews(limit: Limit = 20, offset: Offset = 0):
        stored = review_store.stored(db)
        items = [file_entry(r) for r in stored[offset : offset + limit]]
        return {"total": len(stored), "limit": limit, "offset": offset, "items": items}

    @api.get("/agreements", summary="Agreement specs in the specs folder")
    def agreements() -> list[dict[str, Any]]:
        return [
            {
                "id": e.agreement.id if e.agreement else None,
                "name": e.agreement.name if e.agreement else None,
                "file": e.path.name,
                "error": e.error,
            }
            for e in state.specs.entries()
        ]

    @api.get(
        "/agreements/{agreement_id}/ledger",
        summary="Promised against delivered",
        responses=errors(404, 422),
    )
    def ledger(
        agreement_id: str,
        as_of: Annotated[dt.date | None, Query(description="default: today")] = None,
        timeline: bool = False,
    ) -> dict[str, Any]:
        agreement = state.specs.get(agreement_id)
        if agreement is None:
            raise HTTPException(404, f"no agreement {agreement_id!r} in {state.specs.folder}")
        result = agreement_view(agreement, db, as_of, with_timeline=timeline)
        if not timeline:
            result.pop("timeline")
        return result

    @api.get(
        "/incidents",
        response_model=Page,
        summary="Events grouped into incidents",
        responses=errors(404, 422),
    )
    def incidents(
        type: Annotated[str | None, Query(description="PLOVER type")] = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ):
        if not kinds.has_kind("event"):
            raise HTTPException(404, "this database has no event records yet")
        return kinds.incidents(db, limit=limit, offset=offset, type_=type)

    if state.token:
        add_ingest(api, state)
    return api


def add_ingest(api: APIRouter, state) -> None:
    """``POST /api/reports``: extract and store reports sent as JSON."""
    lock = threading.Lock()  # one spaCy pipeline, one parse at a time

    def authorised(credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(BEARER)]):
        given = credentials.credentials if credentials else ""
        # hmac.compare_digest: the time taken does not tell how much of the token matched.
        ok = credentials is not None and hmac.compare_digest(
            given.encode("utf-8"), state.token.encode("utf-8")
        )
        if not ok:
            raise HTTPException(401, "send the token as 'Authorization: Bearer TOKEN'",
                                headers={"WWW-Authenticate": "Bearer"})  # fmt: skip

    @api.post(
        "/reports",
        response_model=list[Ingested],
        dependencies=[Depends(authorised)],
        summary="Ingest reports (needs TRUCEWATCH_TOKEN as a bearer token)",
        responses=errors(401, 422),
    )
    def ingest(body: ReportsIn) -> list[Ingested]:
        from trucewatch.pipeline import ingest_rows

        rows = [r.model_dump(mode="json") for r in body.reports]
        with lock:
            return [Ingested(**result) for result in ingest_rows(rows, state.db, origin="api")]
