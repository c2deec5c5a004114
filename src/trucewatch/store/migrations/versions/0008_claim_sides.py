"""whose people a release figure counts

A swap has two releasing sides, and one report's "230 Ukrainian prisoners of
war returned home" is the other side's release. Each release figure keeps the
side that frees (``released_by``: the actor of the release it is the object
of), the side whose people they are (``received_by``: "Ukrainian prisoners",
"returned to Ukraine"), and whether it is a per-side figure of a mutual
exchange (``each``: "swapped 103 prisoners each", "95 for 95").

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.add_column(sa.Column("released_by", sa.JSON))
        batch.add_column(sa.Column("received_by", sa.JSON))
        batch.add_column(sa.Column("each", sa.Boolean))


def downgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.drop_column("each")
        batch.drop_column("received_by")
        batch.drop_column("released_by")
