"""event records and incidents

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "incidents",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("mode", sa.String(32)),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("date", sa.Date),
        sa.Column("location", sa.Text),
        sa.Column("actor", sa.JSON),
        sa.Column("target", sa.JSON),
        sa.Column("mentions", sa.Integer, nullable=False),
        sa.Column("documents", sa.Integer, nullable=False),
    )
    op.create_index("ix_incidents_date", "incidents", ["date"])
    op.create_table(
        "events",
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
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("mode", sa.String(32)),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("actor", sa.JSON),
        sa.Column("actor_mention", sa.Text),
        sa.Column("actor_country", sa.JSON),
        sa.Column("actor_sector", sa.JSON),
        sa.Column("target", sa.JSON),
        sa.Column("target_mention", sa.Text),
        sa.Column("target_country", sa.JSON),
        sa.Column("target_sector", sa.JSON),
        sa.Column("location", sa.Text),
        sa.Column("date", sa.Date),
        sa.Column("trigger", sa.Text, nullable=False),
        sa.Column("trigger_start", sa.Integer, nullable=False),
        sa.Column("trigger_end", sa.Integer, nullable=False),
        sa.Column("incident_id", sa.Integer, sa.ForeignKey("incidents.id"), nullable=False),
    )
    op.create_index("ix_events_doc_id", "events", ["doc_id"])
    op.create_index("ix_events_type_date", "events", ["type", "date"])
    op.create_index("ix_events_incident_id", "events", ["incident_id"])


def downgrade() -> None:
    op.drop_table("events")
    op.drop_table("incidents")
