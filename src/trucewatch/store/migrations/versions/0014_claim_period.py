"""figures dated by an earlier month or year: "two were released in November"

A figure whose only date is a month or a year the text names before the report's
day is known as of that period's last day; the ledger needs to know that day is
no day of an exchange, to match the figure to the exchange of that period. Rows
written before this revision hold NULL (read as false) until their reports are
extracted again.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.add_column(sa.Column("period", sa.Boolean))


def downgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.drop_column("period")
