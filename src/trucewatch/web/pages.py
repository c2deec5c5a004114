"""The HTML pages: server-rendered from the same functions the JSON API calls."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from trucewatch.review.apply import reviewed_records
from trucewatch.store.schema import RECORD_TABLES
from trucewatch.store.search import (
    DocumentFilter,
    SearchError,
    document_records,
    page_documents,
    page_records,
)
from trucewatch.web import charts, kinds
from trucewatch.web.agreements import cited_ids, summary
from trucewatch.web.format import record_summary
from trucewatch.web.highlight import segments

PAGE_SIZE = 25
MAX_PAGE = 1_000_000


def _date(value: str | None) -> dt.date | None:
    """A form's date field: empty or malformed is no filter (the form shows it back)."""
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _pager(request: Request, page: int, total: int, size: int = PAGE_SIZE) -> dict:
    """Links to the previous and next page, keeping the other query parameters."""
    params = {k: v for k, v in request.query_params.multi_items() if k != "page"}

    def link(n: int) -> str:
        return f"{request.url.path}?{urlencode([*params.items(), ('page', n)])}"

    pages = max(1, -(-total // size))
    return {
        "page": page,
        "pages": pages,
        "total": total,
        "prev": link(page - 1) if page > 1 else None,
        "next": link(page + 1) if page < pages else None,
    }


def router(state) -> APIRouter:
    pages = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)
    db = state.db

    def ledger_view(agreement, day, with_timeline: bool) -> dict:
        return state.ledger(agreement, day, with_timeline=with_timeline)

    @pages.get("/")
    def dashboard(request: Request):
        agreements = []
        for entry in state.specs.entries():
            if entry.agreement is None:
                agreements.append({"file": entry.path.name, "error": entry.error})
                continue
            result = ledger_view(entry.agreement, None, with_timeline=False)
            agreements.append(
                {"agreement": entry.agreement, "result": result, "summary": summary(result)}
            )
        return state.render(
            request,
            "index.html",
            counts=state.cached("counts", db.counts),
            agreements=agreements,
            latest=page_documents(db, limit=10)["items"],
            actors=state.cached("actors", lambda: db.top_values("entity", "canonical", limit=12)),
            speakers=state.cached("speakers-12", lambda: kinds.speakers(db, limit=12)),
        )

    @pages.get("/agreements/{agreement_id}")
    def agreement(request: Request, agreement_id: str, as_of: str | None = None):
        spec = state.specs.get(agreement_id)
        if spec is None:
            raise HTTPException(404, f"no agreement {agreement_id!r}")
        day = _date(as_of)
        result = ledger_view(spec, day, with_timeline=True)
        for series in result["timeline"]:
            series["svg"] = charts.timeline_chart(series)
        cited = sorted(cited_ids(result))
        labels = state.cached(f"labels:{hash(tuple(cited))}", lambda: db.document_labels(cited))
        return state.render(
            request,
            "agreement.html",
            result=result,
            as_of=result["as_of"],
            progress_bar=charts.progress_bar,
            evidence_href=lambda e: document_href(e["doc"], "claim", e["start"], e["end"]),
            doc_href=lambda doc: f"/documents/{doc}" if doc else None,
            doc_label=lambda doc: labels.get(doc, doc),
        )

    @pages.get("/documents")
    def documents(
        request: Request,
        q: str | None = Query(None, max_length=500),
        since: str | None = None,
        until: str | None = None,
        actor: str | None = Query(None, max_length=200),
        kind: str | None = None,
        page: int = Query(1, ge=1, le=MAX_PAGE),
    ):
        where = DocumentFilter(
            q or None, _date(since), _date(until), actor or None, kind if kind else None
        )
        try:
            found = page_documents(db, where, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
        except SearchError as error:
            raise HTTPException(422, str(error)) from None
        return state.render(
            request,
            "documents.html",
            found=found,
            form={
                "q": q or "",
                "since": since or "",
                "until": until or "",
                "actor": actor or "",
                "kind": kind or "",
            },  # fmt: skip
            pager=_pager(request, page, found["total"]),
        )

    @pages.get("/documents/{doc_id}")
    def document(
        request: Request,
        doc_id: str,
        kind: str | None = None,
        start: int | None = None,
        end: int | None = None,
    ):
        row = db.get_document(doc_id)
        if row is None:
            raise HTTPException(404, f"no document {doc_id!r}")
        stored = document_records(db, doc_id)
        records = []
        for each in RECORD_TABLES:  # as reviewers left them: rejected ones marked, added ones in
            of_kind = [r for r in stored if r["kind"] == each]
            records += reviewed_records(db, each, of_kind, [doc_id], keep_rejected=True,
                                        report=row["content_hash"])  # fmt: skip
        records.sort(key=lambda r: (r["start"], -r["end"], r["kind"]))
        target = next(
            (
                r
                for r in records
                if (kind is None or r["kind"] == kind) and r["start"] == start and r["end"] == end
            ),
            None,
        )
        evidence = (target["evidence_start"], target["evidence_end"]) if target else None
        return state.render(
            request,
            "document.html",
            doc=row,
            records=records,
            target=target,
            pieces=segments(
                row["body"],
                records,
                evidence,
                record_summary,
                (target["start"], target["end"]) if target else None,
            ),
        )

    @pages.get("/records/{kind}")
    def records(request: Request, kind: str, page: int = Query(1, ge=1, le=MAX_PAGE)):
        if kind not in RECORD_TABLES:
            raise HTTPException(404, f"no record kind {kind!r}")
        filters = {
            k: v
            for k, v in request.query_params.items()
            if k in RECORD_TABLES[kind].c and k not in ("id", "doc_id") and v
        }
        try:
            found = page_records(
                db, kind, filters=filters, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE
            )
        except SearchError as error:
            raise HTTPException(422, str(error)) from None
        return state.render(
            request,
            "records.html",
            kind=kind,
            filters=filters,
            found=found,
            pager=_pager(request, page, found["total"]),
            evidence_href=lambda r: document_href(r["doc"], r["kind"], r["start"], r["end"]),
        )

    @pages.get("/quotes")
    def quotes(
        request: Request,
        speaker: str | None = Query(None, max_length=200),
        by: str | None = Query(None, max_length=200, description="exactly this speaker"),
        page: int = Query(1, ge=1, le=MAX_PAGE),
    ):
        found = page_records(
            db,
            "quote",
            filters={"speaker": speaker} if speaker else None,
            equals={"speaker": by} if by else None,
            limit=PAGE_SIZE,
            offset=(page - 1) * PAGE_SIZE,
        )
        return state.render(
            request,
            "quotes.html",
            speaker=speaker or "",
            by=by or "",
            speakers=state.cached("speakers", lambda: kinds.speakers(db)),
            found=found,
            pager=_pager(request, page, found["total"]),
            evidence_href=lambda r: document_href(r["doc"], r["kind"], r["start"], r["end"]),
        )

    @pages.get("/figures")
    def figures(request: Request, category: str | None = Query(None, max_length=64)):
        if not kinds.has_kind("claim"):
            raise HTTPException(404, "this database has no figure (claim) records yet")
        categories = state.cached("categories", lambda: kinds.figure_categories(db))
        category = category or kinds.default_category(categories)
        lines, records = kinds.figure_series(db, category) if category else ({}, [])
        return state.render(
            request,
            "figures.html",
            category=category,
            categories=categories,
            chart=charts.lines_chart(lines),
            records=records,
            evidence_href=lambda r: document_href(r["doc"], r["kind"], r["start"], r["end"]),
        )

    @pages.get("/incidents")
    def incidents(
        request: Request, type: str | None = None, page: int = Query(1, ge=1, le=MAX_PAGE)
    ):
        if not kinds.has_kind("event"):
            raise HTTPException(404, "this database has no event records yet")
        found = kinds.incidents(
            db, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE, type_=type or None
        )
        return state.render(
            request,
            "incidents.html",
            found=found,
            pager=_pager(request, page, found["total"]),
            evidence_href=lambda r: document_href(r["doc"], r["kind"], r["start"], r["end"]),
        )

    @pages.get("/api")
    def api_index(request: Request):
        routes = [
            {
                "path": route.path,
                "methods": sorted(route.methods - {"HEAD"}),
                "summary": route.summary,
            }
            for route in request.app.routes
            if getattr(route, "include_in_schema", False) and route.path.startswith("/api")
        ]
        return state.render(request, "api.html", routes=routes)

    return pages


def document_href(doc: str, kind: str | None, start: int | None, end: int | None) -> str:
    """The document view opened on a record: its evidence sentence marked and scrolled to."""
    if start is None or end is None:
        return f"/documents/{doc}"
    query = urlencode(
        {k: v for k, v in (("kind", kind), ("start", start), ("end", end)) if v is not None}
    )
    return f"/documents/{doc}?{query}#evidence"
