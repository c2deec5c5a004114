"""figures added to the ones before: "another 30 prisoners", "two more coffins"

The extractor knows when a figure is the latest batch added to earlier ones; the
ledger needs it to tell a new exchange from a late report of the day before's.
It had read the figure's evidence text for it. Rows written before this revision
hold NULL (read as false) until their reports are extracted again.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.add_column(sa.Column("increment", sa.Boolean))


def downgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.drop_column("increment")
