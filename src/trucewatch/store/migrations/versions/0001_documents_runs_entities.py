"""documents, runs, near-duplicate bands, input errors and entity records

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "runs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True)),
        sa.Column("extractor_version", sa.String(32), nullable=False),
        sa.Column("model", sa.String(200), nullable=False),
        sa.Column("engine", sa.String(32), nullable=False),
        sa.Column("documents", sa.Integer, nullable=False),
        sa.Column("skipped", sa.Integer, nullable=False),
        sa.Column("errors", sa.Integer, nullable=False),
        sa.Column("records", sa.Integer, nullable=False),
    )
    op.create_table(
        "documents",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("path", sa.Text, nullable=False),
        sa.Column("external_id", sa.Text),
        sa.Column("url", sa.Text),
        sa.Column("source", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("date", sa.Date),
        sa.Column("dateline", sa.Text),
        sa.Column("dateline_start", sa.Integer),
        sa.Column("dateline_end", sa.Integer),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("chars", sa.Integer, nullable=False),
        sa.Column(
            "near_duplicate_of",
            sa.String(16),
            sa.ForeignKey("documents.id", ondelete="SET NULL"),
        ),
        sa.Column("similarity", sa.Float),
        sa.Column("minhash", sa.LargeBinary),
        sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id")),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_documents_date", "documents", ["date"])
    op.create_table(
        "document_bands",
        sa.Column("key", sa.String(40), primary_key=True),
        sa.Column(
            "doc_id",
            sa.String(16),
            sa.ForeignKey("documents.id", ondelete="CASCADE"),
            primary_key=True,
        ),
    )
    op.create_table(
        "input_errors",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id")),
        sa.Column("origin", sa.Text, nullable=False),
        sa.Column("code", sa.String(16), nullable=False),
        sa.Column("message", sa.Text, nullable=False),
    )
    op.create_table(
        "entities",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "doc_id",
            sa.String(16),
            sa.ForeignKey("documents.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("evidence_start", sa.Integer, nullable=False),
        sa.Column("evidence_end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("label", sa.String(16), nullable=False),
        sa.Column("canonical", sa.Text),
    )
    op.create_index("ix_entities_doc_id", "entities", ["doc_id"])
    op.create_index("ix_entities_canonical", "entities", ["canonical"])


def downgrade() -> None:
    op.drop_table("entities")
    op.drop_table("input_errors")
    op.drop_table("document_bands")
    op.drop_table("documents")
    op.drop_table("runs")
