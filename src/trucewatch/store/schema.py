"""Tables. One per record kind, each row pinned to its document by offsets.

The schema is created and changed only by the Alembic migrations beside this
file (``migrations/versions``); this module is their source of truth for
column names and the place the rest of the code imports tables from.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

runs = Table(
    "runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True)),
    Column("extractor_version", String(32), nullable=False),
    Column("model", String(200), nullable=False),
    Column("engine", String(32), nullable=False),
    Column("documents", Integer, nullable=False, default=0),
    Column("skipped", Integer, nullable=False, default=0),
    Column("errors", Integer, nullable=False, default=0),
    Column("records", Integer, nullable=False, default=0),
)

documents = Table(
    "documents",
    metadata,
    Column("id", String(16), primary_key=True),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("path", Text, nullable=False),
    Column("external_id", Text),
    Column("url", Text),
    Column("source", Text),
    Column("title", Text),
    Column("date", Date),
    Column("dateline", Text),
    Column("dateline_start", Integer),
    Column("dateline_end", Integer),
    Column("body", Text, nullable=False),
    Column("chars", Integer, nullable=False),
    Column("near_duplicate_of", String(16), ForeignKey("documents.id", ondelete="SET NULL")),
    Column("similarity", Float),
    Column("minhash", LargeBinary),
    Column("run_id", Integer, ForeignKey("runs.id")),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Index("ix_documents_date", "date"),
    Index("ix_documents_url", "url"),  # a watcher skips an article stored already (0010)
)

# Locality-sensitive-hashing bands of each document's MinHash signature
# (see trucewatch.ingest.dedup): near-duplicate candidates are one indexed lookup.
document_bands = Table(
    "document_bands",
    metadata,
    Column("key", String(40), primary_key=True),
    Column("doc_id", String(16), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
)

input_errors = Table(
    "input_errors",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("run_id", Integer, ForeignKey("runs.id")),
    Column("origin", Text, nullable=False),
    Column("code", String(16), nullable=False),
    Column("message", Text, nullable=False),
)


def record_table(name: str, *columns: Column, by_report: tuple[str, ...] = ()) -> Table:
    """A record table: the offsets every record has, then the kind's own columns.

    Records are looked up by report (``doc_id``); ``by_report`` adds columns
    to that index for queries that start from a report and filter on them.
    """
    return Table(
        name,
        metadata,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column(
            "doc_id", String(16), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False
        ),
        Column("start", Integer, nullable=False),
        Column("end", Integer, nullable=False),
        Column("evidence_start", Integer, nullable=False),
        Column("evidence_end", Integer, nullable=False),
        *columns,
        Index(f"ix_{name}_doc_id", "doc_id", *by_report),
    )


entities = record_table(
    "entities",
    Column("text", Text, nullable=False),
    Column("label", String(16), nullable=False),
    Column("canonical", Text),
    Index("ix_entities_canonical_doc", "canonical", "doc_id"),
    Index("ix_entities_text_doc", "text", "doc_id"),
)

quotes = record_table(
    "quotes",
    Column("content", Text, nullable=False),
    Column("direct", Boolean, nullable=False),
    Column("partial", Boolean, nullable=False),
    Column("speaker", Text),
    Column("speaker_mention", Text),
    Column("speaker_start", Integer),
    Column("speaker_end", Integer),
    Column("cue", String(64)),
    Column("cue_start", Integer),
    Column("cue_end", Integer),
    Column("date", Date),
    Index("ix_quotes_speaker", "speaker"),
)

# Numeric claims (trucewatch.extract.claims): value and bounds, what is counted,
# by whose account, for when, and as fact or as a term of an agreement. The
# evidence sentence is kept beside its offsets: a ledger reads thousands of
# figures, and cutting each out of its report measured slow (migration 0007).
claims = record_table(
    "claims",
    Column("value", Float),
    Column("low", Float),
    Column("high", Float),
    Column("qualifier", String(32)),
    Column("category", String(32), nullable=False),
    Column("subject", Text),
    Column("location", Text),
    Column("source", Text),
    Column("as_of", Date),
    Column("date", Date),
    Column("modality", String(16), nullable=False),
    Column("cumulative", Boolean, nullable=False),
    Column("evidence", Text),
    Column("released_by", JSON),
    Column("received_by", JSON),
    Column("each", Boolean),
    Column("together", Float),
    Column("increment", Boolean),
    Column("period", Boolean),
    Index("ix_claims_category", "category"),
    Index("ix_claims_figures", "category", "modality", "as_of", "source", "doc_id", "value"),
    # A ledger may start from the reports naming a party (SQLite does once
    # ANALYZE has run): then the report's figures are filtered in the index.
    by_report=("category", "modality", "as_of"),
)


# One happening, however many event records (mentions) tell it: see
# trucewatch.incidents. The columns summarise its mentions; the mentions are
# the events rows that point here.
incidents = Table(
    "incidents",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("type", String(16), nullable=False),
    Column("mode", String(32)),
    Column("status", String(16), nullable=False),
    Column("date", Date),
    Column("location", Text),
    Column("actor", JSON),
    Column("target", JSON),
    Column("mentions", Integer, nullable=False, default=1),
    Column("documents", Integer, nullable=False, default=1),
    Index("ix_incidents_date", "date"),
)

events = record_table(
    "events",
    Column("type", String(16), nullable=False),
    Column("mode", String(32)),
    Column("status", String(16), nullable=False),
    Column("actor", JSON),
    Column("actor_mention", Text),
    Column("actor_country", JSON),
    Column("actor_sector", JSON),
    Column("target", JSON),
    Column("target_mention", Text),
    Column("target_country", JSON),
    Column("target_sector", JSON),
    Column("location", Text),
    Column("date", Date),
    Column("trigger", Text, nullable=False),
    Column("trigger_start", Integer, nullable=False),
    Column("trigger_end", Integer, nullable=False),
    Column("incident_id", Integer, ForeignKey("incidents.id"), nullable=False),
    Index("ix_events_type_date", "type", "date"),
    Index("ix_events_incident_id", "incident_id"),
)

# An analyst's verdicts (trucewatch.review), append-only: a record is named by its
# report's content hash, its kind and its span, which survive re-extraction, so
# no foreign key ties a review to a row that ``reextract`` replaces.
reviews = Table(
    "reviews",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("uid", String(64), nullable=False, unique=True),
    Column("content_hash", String(64), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("verdict", String(16), nullable=False),
    Column("fields", JSON),
    Column("reviewer", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("note", Text),
    Index("ix_reviews_record", "content_hash", "kind", "start", "end"),
)

# What ``trucewatch watch`` has seen (migration 0010): per source the validators of
# its last answer, per article its state, per agreement what alerts were last
# computed from. A restart reads them: it neither fetches again nor misses.
watch_sources = Table(
    "watch_sources",
    metadata,
    Column("source", Text, primary_key=True),
    Column("kind", String(16), nullable=False),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("checked_at", DateTime(timezone=True)),
    Column("failures", Integer, nullable=False, server_default="0"),
    Column("error", Text),
)

watch_items = Table(
    "watch_items",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("item", Text, nullable=False, unique=True),
    Column("source", Text, nullable=False),
    Column("version", Text),
    Column("state", String(16), nullable=False),
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("next_try", DateTime(timezone=True)),
    Column("doc_id", String(16)),
    Column("error", Text),
    Column("seen_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Index("ix_watch_items_state", "state", "next_try"),
)

watch_snapshots = Table(
    "watch_snapshots",
    metadata,
    Column("agreement", Text, primary_key=True),
    Column("state", JSON, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

# Alerts handed to a webhook and not yet accepted by it (migration 0011): kept until the
# receiver takes them, so a watcher killed before posting sends them on its next start.
watch_outbox = Table(
    "watch_outbox",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("destination", Text, nullable=False),
    Column("alert_id", String(64), nullable=False),
    Column("alert", JSON, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index("ux_watch_outbox_alert", "destination", "alert_id", unique=True),
)

# Record kind -> table. New record kinds add their table here and a migration.
RECORD_TABLES: dict[str, Table] = {
    "entity": entities,
    "quote": quotes,
    "claim": claims,
    "event": events,
}
