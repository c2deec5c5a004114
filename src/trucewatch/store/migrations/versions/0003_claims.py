"""claim records

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "claims",
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
        sa.Column("value", sa.Float),
        sa.Column("low", sa.Float),
        sa.Column("high", sa.Float),
        sa.Column("qualifier", sa.String(32)),
        sa.Column("category", sa.String(32), nullable=False),
        sa.Column("subject", sa.Text),
        sa.Column("location", sa.Text),
        sa.Column("source", sa.Text),
        sa.Column("as_of", sa.Date),
        sa.Column("date", sa.Date),
        sa.Column("modality", sa.String(16), nullable=False),
        sa.Column("cumulative", sa.Boolean, nullable=False),
    )
    op.create_index("ix_claims_doc_id", "claims", ["doc_id"])
    op.create_index("ix_claims_category", "claims", ["category"])


def downgrade() -> None:
    op.drop_table("claims")
