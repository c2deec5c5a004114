"""full-text search over reports

SQLite: an FTS5 index over title and body that reads its text from
``documents`` (an external-content table, kept current by triggers; see
https://www.sqlite.org/fts5.html#external_content_tables). PostgreSQL: a
stored, generated ``tsvector`` column with a GIN index
(https://www.postgresql.org/docs/current/textsearch-tables.html).

Both use English stemming ("released" finds "release"). Numbered 0006 and
chained to 0002 on this branch; re-chain after the claim and event migrations.

Revision ID: 0006
Revises: 0002
Create Date: 2026-11-27
"""

from alembic import op

revision = "0006"
down_revision = "0002"
branch_labels = None
depends_on = None

SQLITE_UP = [
    """CREATE VIRTUAL TABLE documents_fts USING fts5(
        title, body, content='documents', content_rowid='rowid', tokenize='porter unicode61'
    )""",
    """CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
        INSERT INTO documents_fts(rowid, title, body) VALUES (new.rowid, new.title, new.body);
    END""",
    """CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, title, body)
        VALUES ('delete', old.rowid, old.title, old.body);
    END""",
    """CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, body ON documents BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, title, body)
        VALUES ('delete', old.rowid, old.title, old.body);
        INSERT INTO documents_fts(rowid, title, body) VALUES (new.rowid, new.title, new.body);
    END""",
    # Index the reports stored before this migration.
    "INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS documents_fts_update",
    "DROP TRIGGER IF EXISTS documents_fts_delete",
    "DROP TRIGGER IF EXISTS documents_fts_insert",
    "DROP TABLE IF EXISTS documents_fts",
]
POSTGRES_UP = [
    """ALTER TABLE documents ADD COLUMN search tsvector GENERATED ALWAYS AS (
        to_tsvector('english', coalesce(title, '') || ' ' || body)
    ) STORED""",
    "CREATE INDEX ix_documents_search ON documents USING gin (search)",
]
POSTGRES_DOWN = [
    "DROP INDEX IF EXISTS ix_documents_search",
    "ALTER TABLE documents DROP COLUMN IF EXISTS search",
]


def _run(statements: list[str]) -> None:
    for statement in statements:
        op.execute(statement)


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        _run(SQLITE_UP)
    elif dialect == "postgresql":
        _run(POSTGRES_UP)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        _run(SQLITE_DOWN)
    elif dialect == "postgresql":
        _run(POSTGRES_DOWN)
