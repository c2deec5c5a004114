"""Alerts a webhook has not accepted yet, kept in the database (``watch_outbox``).

The watcher saves its snapshot once alerts are handed over; a webhook posts
them later, from its own thread. Kept here from hand-over to acceptance, an
alert outlives a watcher killed in between: the next start posts it.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite

from trucewatch.store import Database
from trucewatch.store.schema import watch_outbox


class Outbox:
    """The outbox of the database at ``db_url`` (opened on first use)."""

    def __init__(self, db_url: str | None):
        self.db_url = db_url
        self._db: Database | None = None

    @property
    def db(self) -> Database:
        if self._db is None:
            self._db = Database(self.db_url)
        return self._db

    def add(self, destination: str, alert: dict) -> bool:
        """Keep an alert for a destination; False when it is kept already (a restart
        computing again what it announced before)."""
        dialect = postgresql if self.db.engine.dialect.name == "postgresql" else sqlite
        statement = (
            dialect.insert(watch_outbox)
            .values(
                destination=destination,
                alert_id=str(alert.get("id")),
                alert=alert,
                created_at=dt.datetime.now(dt.UTC),
            )  # fmt: skip
            .on_conflict_do_nothing(index_elements=["destination", "alert_id"])
            .returning(watch_outbox.c.id)
        )
        with self.db.engine.begin() as conn:
            return bool(conn.execute(statement).all())

    def pending(self, destination: str) -> list[dict]:
        """The alerts kept for a destination, oldest first."""
        query = (
            select(watch_outbox.c.alert)
            .where(watch_outbox.c.destination == destination)
            .order_by(watch_outbox.c.id)
        )
        with self.db.engine.connect() as conn:
            return list(conn.execute(query).scalars())

    def remove(self, destination: str, alert_id: str) -> None:
        with self.db.engine.begin() as conn:
            conn.execute(
                delete(watch_outbox).where(
                    watch_outbox.c.destination == destination,
                    watch_outbox.c.alert_id == str(alert_id),
                )
            )

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
