"""How values read on a page: figures, statuses, one-line record summaries (Jinja filters)."""

from __future__ import annotations

from jinja2 import Environment

from trucewatch.ledger.render import figure

STATUS_LABEL = {
    "complete": "complete",
    "on_track": "on track",
    "behind": "behind",
    "overdue": "overdue",
    "unknown": "unknown",
}


def delivered_range(delivered: dict) -> str:
    """`` (1,850–1,950)`` when a delivered figure has bounds, else nothing."""
    low, high = delivered.get("low"), delivered.get("high")
    if low is None or high is None or low == high:
        return ""
    return f" ({figure(low)}–{figure(high)})"


def _names(value) -> str:
    if value is None:
        return "?"
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value) or "?"
    return str(value)


# One line per record kind. Kinds merged later fall back to the generic line.
def entity_summary(r: dict) -> str:
    canonical = r.get("canonical")
    extra = f" → {canonical}" if canonical and canonical != r.get("text") else ""
    return f"{r.get('label')}: {r.get('text')}{extra}"


def quote_summary(r: dict) -> str:
    speaker = r.get("speaker") or "(unattributed)"
    content = r.get("content") or ""
    return f"{speaker}: “{content}”" if r.get("direct") else f"{speaker}: {content}"


def claim_summary(r: dict) -> str:
    qualifier = f"{r['qualifier']} " if r.get("qualifier") else ""
    source = f", according to {r['source']}" if r.get("source") else ""
    modality = " (term)" if r.get("modality") == "term" else ""
    return f"{r.get('category')}: {qualifier}{figure(r.get('value'))}{source}{modality}"


def event_summary(r: dict) -> str:
    mode = f"/{r['mode']}" if r.get("mode") else ""
    where = f" in {r['location']}" if r.get("location") else ""
    when = f" on {r['date']}" if r.get("date") else ""
    return (
        f"{r.get('type')}{mode}: {_names(r.get('actor'))} → {_names(r.get('target'))}"
        f"{where}{when} ({r.get('status')})"
    )


SUMMARIES = {
    "entity": entity_summary,
    "quote": quote_summary,
    "claim": claim_summary,
    "event": event_summary,
}


def record_summary(record: dict) -> str:
    """A record in one line of text (escaped by the template that shows it)."""
    summarize = SUMMARIES.get(record.get("kind"))
    if summarize is not None:
        try:
            return summarize(record)
        except (KeyError, TypeError, ValueError):
            pass
    return record.get("evidence", "")[:120]


def record_anchor(record: dict) -> str:
    """The id of a record's mark in the document view: kind and offsets, stable across runs."""
    return f"r-{record['kind']}-{record['start']}-{record['end']}"


def basename(path: str | None) -> str:
    """A report's file name without its folders (``examples/reports/002_x.txt`` -> ``002_x.txt``)."""
    return (path or "").replace("\\", "/").rsplit("/", 1)[-1]


def web_url(url: str | None) -> str | None:
    """A report's URL as a link target only when it is http(s): never ``javascript:``."""
    if url and url.split(":", 1)[0].lower() in ("http", "https"):
        return url
    return None


def register_filters(env: Environment) -> None:
    env.filters.update(
        web_url=web_url,
        basename=basename,
        figure=figure,
        delivered_range=delivered_range,
        status_label=lambda s: STATUS_LABEL.get(s, s),
        summary=record_summary,
        anchor=record_anchor,
        names=_names,
    )
