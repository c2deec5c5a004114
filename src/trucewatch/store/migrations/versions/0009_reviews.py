"""reviews: an analyst's verdicts on records, append-only

A review names its record by what survives re-extraction: the report's
content hash, the record kind and the character span, never a row id. It is
never updated or deleted: an undo is a new review, so a record's history is
the rows in order. ``uid`` is a digest of the review's own content, so an
imported file adds each review once however often it is imported.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("uid", sa.String(64), nullable=False, unique=True),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("verdict", sa.String(16), nullable=False),
        sa.Column("fields", sa.JSON),
        sa.Column("reviewer", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("note", sa.Text),
    )
    op.create_index("ix_reviews_record", "reviews", ["content_hash", "kind", "start", "end"])


def downgrade() -> None:
    op.drop_index("ix_reviews_record", table_name="reviews")
    op.drop_table("reviews")
