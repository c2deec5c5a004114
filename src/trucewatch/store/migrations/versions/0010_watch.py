"""watch: what a watcher has seen, so a restart neither refetches nor misses

``watch_sources`` keeps per feed, sitemap or folder the validators of its last
answer (ETag, Last-Modified: a conditional request gets ``304 Not Modified``
when nothing changed), when it was last read and its run of failures.
``watch_items`` keeps every article (URL or file) a source listed, once, with
its state (``done``, ``failed`` to try again at ``next_try``, ``gave_up``) and
the report it became. ``watch_snapshots`` keeps per agreement what its last
alerts were computed from, so alerts after a restart compare with what was
announced, not with what this process happened to see. An index on
``documents.url`` lets a watcher skip an article already stored before
fetching it.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "watch_sources",
        sa.Column("source", sa.Text, primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("etag", sa.Text),
        sa.Column("last_modified", sa.Text),
        sa.Column("checked_at", sa.DateTime(timezone=True)),
        sa.Column("failures", sa.Integer, nullable=False, server_default="0"),
        sa.Column("error", sa.Text),
    )
    op.create_table(
        "watch_items",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("item", sa.Text, nullable=False, unique=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("version", sa.Text),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("next_try", sa.DateTime(timezone=True)),
        sa.Column("doc_id", sa.String(16)),
        sa.Column("error", sa.Text),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_watch_items_state", "watch_items", ["state", "next_try"])
    op.create_table(
        "watch_snapshots",
        sa.Column("agreement", sa.Text, primary_key=True),
        sa.Column("state", sa.JSON, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_documents_url", "documents", ["url"])


def downgrade() -> None:
    op.drop_index("ix_documents_url", table_name="documents")
    op.drop_table("watch_snapshots")
    op.drop_index("ix_watch_items_state", table_name="watch_items")
    op.drop_table("watch_items")
    op.drop_table("watch_sources")
