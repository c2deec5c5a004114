"""full-text search over reports

SQLite: an FTS5 index over title and body that reads its text from
``documents`` (an external-content table, kept current by triggers; see
https://www.sqlite.org/fts5.html#external_content_tables). PostgreSQL: a
stored, generated ``tsvector`` column with a GIN index
(https://www.postgresql.org/docs/current/textsearch-tables.html).

Both use English stemming ("released" finds "release").

On PostgreSQL the substring filters the dashboard offers (a speaker, an
actor's canonical name: ``ILIKE '%...%'``) also get trigram indexes when the
``pg_trgm`` extension can be created
(https://www.postgresql.org/docs/current/pgtrgm.html#PGTRGM-INDEX); without
it they scan, which is slower but the same result. SQLite's LIKE scans fast
enough at the sizes benchmarked (``benchmarks/web.py``).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
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
# (table, column) filtered by substring from the pages and the API.
TRIGRAM_COLUMNS = [("quotes", "speaker"), ("entities", "canonical")]

POSTGRES_DOWN = [
    *(f"DROP INDEX IF EXISTS ix_{table}_{column}_trgm" for table, column in TRIGRAM_COLUMNS),
    "DROP INDEX IF EXISTS ix_documents_search",
    "ALTER TABLE documents DROP COLUMN IF EXISTS search",
]


def _trigram_indexes() -> None:
    bind = op.get_bind()
    available = bind.execute(
        sa.text("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")
    ).first()
    if available is None:
        return
    try:
        # pg_trgm is a trusted extension (PostgreSQL 13+): a database owner may
        # create it. A savepoint keeps the migration going where it may not.
        with bind.begin_nested():
            bind.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
    except sa.exc.DBAPIError:
        return
    for table, column in TRIGRAM_COLUMNS:
        op.execute(
            f"CREATE INDEX ix_{table}_{column}_trgm ON {table} USING gin ({column} gin_trgm_ops)"
        )


def _run(statements: list[str]) -> None:
    for statement in statements:
        op.execute(statement)


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        _run(SQLITE_UP)
    elif dialect == "postgresql":
        _run(POSTGRES_UP)
        _trigram_indexes()


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        _run(SQLITE_DOWN)
    elif dialect == "postgresql":
        _run(POSTGRES_DOWN)
