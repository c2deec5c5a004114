"""Store: documents and records in SQLite or PostgreSQL. Entry point: ``Database(url)``."""

from trucewatch.store.database import Database

__all__ = ["Database"]
