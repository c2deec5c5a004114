"""webhook outbox: alerts kept until a webhook accepts them

An alert for a webhook is stored here before it is queued for posting and
removed once the receiver accepts it (or refuses it for good), so a watcher
killed between saving its snapshot and posting sends the alert on its next
start instead of losing it: delivery is at least once for webhooks too.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "watch_outbox",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("destination", sa.Text, nullable=False),
        sa.Column("alert_id", sa.String(64), nullable=False),
        sa.Column("alert", sa.JSON, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index(
        "ux_watch_outbox_alert", "watch_outbox", ["destination", "alert_id"], unique=True
    )


def downgrade() -> None:
    op.drop_index("ux_watch_outbox_alert", table_name="watch_outbox")
    op.drop_table("watch_outbox")
