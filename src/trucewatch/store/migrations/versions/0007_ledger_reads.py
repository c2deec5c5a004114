"""what a ledger reads, read without the reports' text

A ledger reads thousands of figures, each with its evidence sentence, from
the reports that name a party (benchmarks/queries.py, 1,000,000 records):

- the reports naming an actor come from covering indexes on the entities'
  canonical name and text, with the report id in the index, instead of one
  entity row read per mention;
- the figures' covering index puts the modality before the day: every
  figure query asks for some modalities (reported, term) over a span of days,
  so the index is searched on both instead of scanned across the span;
- the figures' index by report carries the same columns, for when the
  planner starts from the reports naming a party (SQLite does once ANALYZE
  has run; it read every figure of those reports);
- each figure keeps its evidence sentence (``body[evidence_start:evidence_end]``,
  as extracted), so a ledger does not cut it out of the report: PostgreSQL
  stores a report compressed out of line, and detoasting one per figure
  measured slower than the rest of the ledger together.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_entities_canonical_doc", "entities", ["canonical", "doc_id"])
    op.create_index("ix_entities_text_doc", "entities", ["text", "doc_id"])
    op.drop_index("ix_entities_canonical", "entities")
    op.drop_index("ix_entities_text", "entities")
    op.create_index(
        "ix_claims_figures",
        "claims",
        ["category", "modality", "as_of", "source", "doc_id", "value"],
    )
    op.drop_index("ix_claims_ledger", "claims")
    op.drop_index("ix_claims_doc_id", "claims")
    op.create_index("ix_claims_doc_id", "claims", ["doc_id", "category", "modality", "as_of"])
    op.add_column("claims", sa.Column("evidence", sa.Text()))
    op.execute(
        "UPDATE claims SET evidence = (SELECT substr(documents.body, claims.evidence_start + 1,"
        " claims.evidence_end - claims.evidence_start) FROM documents"
        " WHERE documents.id = claims.doc_id)"
    )


def downgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.drop_column("evidence")
    op.create_index(
        "ix_claims_ledger",
        "claims",
        ["category", "as_of", "modality", "source", "doc_id", "value"],
    )
    op.drop_index("ix_claims_figures", "claims")
    op.drop_index("ix_claims_doc_id", "claims")
    op.create_index("ix_claims_doc_id", "claims", ["doc_id"])
    op.create_index("ix_entities_text", "entities", ["text"])
    op.create_index("ix_entities_canonical", "entities", ["canonical"])
    op.drop_index("ix_entities_text_doc", "entities")
    op.drop_index("ix_entities_canonical_doc", "entities")
