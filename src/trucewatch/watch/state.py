"""What a watcher has seen, kept in the database (tables ``watch_*``, migration 0010).

An article is marked ``done`` only after its report is stored (or found stored
already), so a watcher killed at any point fetches again at most the articles
it had in hand, and ``Database.save`` refuses their second copy by content
hash: nothing is missed, nothing doubled. A failed article waits before it is
tried again, longer after each failure, and is given up after
``MAX_ATTEMPTS``; a failure that cannot pass (a page that is not HTML) is
given up at once.

``retrying`` runs a store call until the database answers: a PostgreSQL
server restarted under a running watcher costs a wait, never a report.
"""

from __future__ import annotations

import datetime as dt
import sys
import threading
from collections.abc import Callable, Iterable
from typing import TypeVar

from sqlalchemy import insert, select, update
from sqlalchemy.exc import DBAPIError, IntegrityError

from trucewatch.errors import InputError
from trucewatch.store import Database
from trucewatch.store.schema import documents, watch_items, watch_snapshots, watch_sources
from trucewatch.watch.sources import Item, Source

MAX_ATTEMPTS = 8
RETRY_FIRST = 60.0  # seconds before an article that failed is tried again; doubled each time
RETRY_MAX = 6 * 3600.0
DB_WAIT_MAX = 30.0  # longest wait between two tries at a database that does not answer

T = TypeVar("T")


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def database_down(error: Exception) -> bool:
    """Whether a store error means the database cannot be reached (worth waiting for),
    rather than a mistake in what was asked."""
    if isinstance(error, DBAPIError):
        if error.connection_invalidated:
            return True
        name = type(error.orig).__name__ if error.orig is not None else ""
        return name in ("OperationalError", "InterfaceError") and "locked" not in str(error)
    return False


def retrying(
    call: Callable[[], T],
    stop: threading.Event,
    say: Callable[[str], None] = lambda text: print(text, file=sys.stderr),
) -> T:
    """``call()`` again and again while the database is unreachable, waiting 1, 2, 4 ...
    up to 30 seconds between tries. Raises ``Stopped`` when asked to stop while waiting."""
    wait = 1.0
    while True:
        try:
            return call()
        except DBAPIError as error:
            if not database_down(error):
                raise
            first_line = str(error.orig or error).strip().splitlines()[0][:200]
            say(f"database unavailable ({first_line}): trying again in {wait:g} s")
            if stop.wait(wait):
                raise Stopped from None
            wait = min(wait * 2, DB_WAIT_MAX)


class Stopped(Exception):
    """The watcher was asked to stop (Ctrl-C) while it waited."""


class WatchState:
    def __init__(self, db: Database):
        self.engine = db.engine

    # Sources --------------------------------------------------------------

    def source(self, location: str) -> dict | None:
        with self.engine.connect() as conn:
            row = conn.execute(
                select(watch_sources).where(watch_sources.c.source == location)
            ).mappings()
            found = row.first()
            return dict(found) if found else None

    def source_read(
        self,
        location: str,
        kind: str,
        etag: str | None = None,
        last_modified: str | None = None,
        error: InputError | None = None,
    ) -> int:
        """Note a poll of a source: its validators when it answered, its error when not.
        Returns the source's failures in a row."""
        with self.engine.begin() as conn:
            old = conn.execute(
                select(watch_sources).where(watch_sources.c.source == location)
            ).mappings().first()  # fmt: skip
            values = {"kind": kind, "checked_at": now()}
            if error is None:
                values.update(etag=etag, last_modified=last_modified, failures=0, error=None)
            else:
                failures = (old["failures"] if old else 0) + 1
                values.update(failures=failures, error=error.message)
            if old is None:
                conn.execute(insert(watch_sources).values(source=location, **values))
            else:
                conn.execute(
                    update(watch_sources).where(watch_sources.c.source == location).values(values)
                )
            return values.get("failures", 0)

    # Articles -------------------------------------------------------------

    def unseen(self, items: Iterable[Item]) -> list[Item]:
        """The items never handled (or, for files, changed since), first listing first.

        An article whose URL a stored report already has is marked done here,
        without a fetch: a report ingested by ``ingest`` or another watcher.
        """
        by_key: dict[str, Item] = {}
        for item in items:
            by_key.setdefault(item.key, item)
        if not by_key:
            return []
        keys = list(by_key)
        known: dict[str, str | None] = {}
        stored: set[str] = set()
        with self.engine.connect() as conn:
            for i in range(0, len(keys), 500):
                chunk = keys[i : i + 500]
                query = select(watch_items.c.item, watch_items.c.version).where(
                    watch_items.c.item.in_(chunk)
                )
                known.update({row[0]: row[1] for row in conn.execute(query)})
                query = select(documents.c.url, documents.c.id).where(documents.c.url.in_(chunk))
                stored.update(row[0] for row in conn.execute(query))
        fresh = []
        for key, item in by_key.items():
            if key in known and known[key] == item.version:
                continue
            if key in stored and key not in known:
                self.done(item, None)
                continue
            fresh.append(item)
        return fresh

    def due(self, sources: Iterable[Source]) -> list[Item]:
        """Articles that failed and whose time to be tried again has come."""
        by_location = {s.location: s for s in sources}
        query = select(watch_items.c.item, watch_items.c.source, watch_items.c.version).where(
            watch_items.c.state == "failed",
            watch_items.c.next_try <= now(),
            watch_items.c.source.in_(list(by_location)),
        )
        with self.engine.connect() as conn:
            rows = conn.execute(query.order_by(watch_items.c.id)).all()
        return [Item(key, by_location[source], version=version) for key, source, version in rows]

    def done(self, item: Item, doc_id: str | None) -> None:
        self._put(item, state="done", doc_id=doc_id, error=None, next_try=None)

    def failed(self, item: Item, error: InputError) -> str:
        """Note a failure; returns the item's state: ``failed`` (tried again later) or
        ``gave_up``."""
        with self.engine.connect() as conn:
            attempts = conn.execute(
                select(watch_items.c.attempts).where(watch_items.c.item == item.key)
            ).scalar()
        attempts = (attempts or 0) + 1
        again = getattr(error, "transient", False) and attempts < MAX_ATTEMPTS
        wait = min(RETRY_FIRST * 2 ** (attempts - 1), RETRY_MAX)
        state = "failed" if again else "gave_up"
        self._put(
            item,
            state=state,
            attempts=attempts,
            error=error.message,
            next_try=now() + dt.timedelta(seconds=wait) if again else None,
        )
        return state

    def _put(self, item: Item, **values) -> None:
        values = {"updated_at": now(), "version": item.version, **values}
        row = {"item": item.key, "source": item.source.location, "seen_at": now(), **values}
        for _attempt in range(2):  # a concurrent watcher may insert the same item first
            try:
                with self.engine.begin() as conn:
                    changed = conn.execute(
                        update(watch_items).where(watch_items.c.item == item.key).values(values)
                    ).rowcount
                    if not changed:
                        conn.execute(insert(watch_items).values(row))
                    return
            except IntegrityError:
                continue

    def counts(self) -> dict[str, int]:
        """Articles by state (``done``, ``failed``, ``gave_up``)."""
        from sqlalchemy import func

        with self.engine.connect() as conn:
            rows = conn.execute(
                select(watch_items.c.state, func.count()).group_by(watch_items.c.state)
            )
            return {state: n for state, n in rows}

    # Snapshots (what the last alerts were computed from) -----------------

    def snapshot(self, agreement: str) -> dict | None:
        with self.engine.connect() as conn:
            return conn.execute(
                select(watch_snapshots.c.state).where(watch_snapshots.c.agreement == agreement)
            ).scalar()

    def save_snapshot(self, agreement: str, state: dict) -> None:
        with self.engine.begin() as conn:
            changed = conn.execute(
                update(watch_snapshots)
                .where(watch_snapshots.c.agreement == agreement)
                .values(state=state, updated_at=now())
            ).rowcount
            if not changed:
                conn.execute(
                    insert(watch_snapshots).values(
                        agreement=agreement, state=state, updated_at=now()
                    )
                )
