"""indexes for the ledger's queries

The ledger selects figures by category and by the day they were known, in
reports that name a party (entities by canonical name or by text as written);
measured in benchmarks/queries.py on 1,000,000 records.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_entities_text", "entities", ["text"])
    # Covering: the ledger's figure queries read this index alone until the rows
    # they keep (p95 on 1,000,000 records: benchmarks/README.md).
    op.create_index(
        "ix_claims_ledger",
        "claims",
        ["category", "as_of", "modality", "source", "doc_id", "value"],
    )


def downgrade() -> None:
    op.drop_index("ix_claims_ledger", "claims")
    op.drop_index("ix_entities_text", "entities")
