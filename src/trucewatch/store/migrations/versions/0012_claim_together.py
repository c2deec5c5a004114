"""counts added together: the total of the coordinated counts a figure is one of

"The rebels freed 270 soldiers and 120 civilians" is one release of 390; each
part keeps its own value and, in ``together``, the total of the counts added
in its clause (390 on both), so that the ledger counts the release once, whole.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.add_column(sa.Column("together", sa.Float))


def downgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.drop_column("together")
