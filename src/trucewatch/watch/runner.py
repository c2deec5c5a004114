"""The watch loop: poll the sources that are due, fetch what is new, ingest it, alert.

A pass lists every due source (feeds and sitemaps conditionally: an unchanged
feed answers ``304``), keeps the articles never handled plus the failed ones
whose retry time has come, fetches them in parallel threads (each host paced
on its own, so four outlets are read at once) while this thread parses and
stores them through the pipeline's own stages, then compares each agreement's
ledger with the last snapshot and sends the alerts. ``stop`` (Ctrl-C) is
checked between reports: what was stored stays, what was in hand is read
again next time.
"""

from __future__ import annotations

import datetime as dt
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from itertools import zip_longest

from trucewatch.errors import InputError
from trucewatch.extract import EXTRACTOR_VERSION
from trucewatch.ingest import Document, make_document
from trucewatch.ledger import Agreement
from trucewatch.nlp import load_model, model_id
from trucewatch.pipeline import extract_documents
from trucewatch.store import Database
from trucewatch.watch import alerts as alerting
from trucewatch.watch.articles import read_item
from trucewatch.watch.fetch import Fetcher, host_of
from trucewatch.watch.sources import Item, Source, folder_items, read_listing
from trucewatch.watch.state import Stopped, WatchState, retrying

DEFAULT_INTERVAL = 300.0
MAX_SOURCE_BACKOFF = 8  # a failing source is polled at most 8 intervals apart
MAX_NESTED_SITEMAPS = 50


@dataclass
class PassSummary:
    sources: int = 0
    listed: int = 0
    new: int = 0
    documents: int = 0
    skipped: int = 0
    errors: list[InputError] = field(default_factory=list)
    alerts: list[dict] = field(default_factory=list)
    doc_ids: list[str] = field(default_factory=list)
    seconds: float = 0.0


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


class Watcher:
    """Follows ``sources`` into the database at ``db_url``; see ``run``."""

    def __init__(
        self,
        sources: list[Source],
        db_url: str | None = None,
        *,
        agreements: list[Agreement] = (),
        send: Callable[[dict], None] = lambda _alert: None,
        on_error: Callable[[InputError], None] = lambda _e: None,
        say: Callable[[str], None] = _say,
        interval: float = DEFAULT_INTERVAL,
        per_host_interval: float = 0.5,
        fetchers: int = 8,
        batch_size: int = 8,
        model: str | None = None,
        deadline_days: int = alerting.DEADLINE_DAYS,
        today: Callable[[], dt.date] = dt.date.today,
        stop: threading.Event | None = None,
        timeout: float | None = None,
        retry_backoff: float | None = None,
    ):
        self.sources = sources
        self.db_url = db_url
        self.agreements = list(agreements)
        self.send, self.on_error, self.say = send, on_error, say
        self.interval = interval
        self.fetchers = fetchers
        self.batch_size = batch_size
        self.model = model
        self.deadline_days = deadline_days
        self.today = today
        self.stop = stop or threading.Event()
        knobs = {"timeout": timeout, "backoff": retry_backoff}
        self.fetcher = Fetcher(
            per_host_interval, self.stop, **{k: v for k, v in knobs.items() if v is not None}
        )
        self.next_due: dict[str, float] = {s.location: 0.0 for s in sources}
        self.db: Database | None = None
        self.state: WatchState | None = None

    # The loop -------------------------------------------------------------

    def run(self, once: bool = False, on_pass: Callable[[PassSummary], None] = None) -> None:
        """One pass (``once``), or passes until ``stop`` is set, each when a source is due."""
        try:
            self.open()
            while not self.stop.is_set():
                summary = self.run_pass()
                if on_pass is not None:
                    on_pass(summary)
                if once:
                    return
                pause = min(self.next_due.values()) - time.monotonic()
                if pause > 0:
                    self.stop.wait(pause)
        except Stopped:
            return
        finally:
            self.close()

    def open(self) -> None:
        if self.db is not None:
            return
        self.db = retrying(lambda: Database(self.db_url), self.stop, self.say)
        self.state = WatchState(self.db)
        load_model(self.model)  # before the first pass: a missing model fails at once
        for agreement in self.agreements:  # the first pass is compared with what was there
            if retrying(lambda a=agreement: self.state.snapshot(a.id), self.stop, self.say) is None:
                self._store(lambda a=agreement: self._baseline(a))

    def close(self) -> None:
        self.fetcher.close()
        if self.db is not None:
            self.db.close()
            self.db = None

    def _store(self, call):
        """A store call that waits out a database outage (see ``state.retrying``)."""
        return retrying(call, self.stop, self.say)

    def _baseline(self, agreement: Agreement) -> None:
        state = alerting.agreement_state(agreement, self.db, self.today(), self.deadline_days)
        self.state.save_snapshot(agreement.id, alerting.snapshot(state, baseline=True))

    # A pass -----------------------------------------------------------------

    def run_pass(self) -> PassSummary:
        started = time.perf_counter()
        summary = PassSummary()
        due = [s for s in self.sources if self.next_due[s.location] <= time.monotonic()]
        summary.sources = len(due)
        listed = self._list(due, summary)
        summary.listed = len(listed)
        todo = self._store(lambda: self.state.unseen(listed))
        retries = self._store(lambda: self.state.due(self.sources))
        keys = {i.key for i in todo}
        todo = by_host_in_turn(todo + [i for i in retries if i.key not in keys])
        summary.new = len(todo)
        if todo and not self.stop.is_set():
            self._ingest(todo, summary)
        if not self.stop.is_set():
            summary.alerts = self._alerts()
        summary.seconds = time.perf_counter() - started
        return summary

    def _failed(self, error: InputError, summary: PassSummary, run_id: int | None) -> None:
        summary.errors.append(error)
        self.on_error(error)
        self._store(lambda: self.db.record_error(run_id, error))

    # Listing sources ------------------------------------------------------

    def _list(self, due: list[Source], summary: PassSummary) -> list[Item]:
        items: list[Item] = []
        with ThreadPoolExecutor(max(1, min(self.fetchers, len(due)))) as pool:
            listings = [(s, pool.submit(self._list_source, s)) for s in due]
            for source, future in listings:
                found, error = future.result()
                failures = self._store(
                    lambda s=source, e=error, f=found: self.state.source_read(
                        s.location, s.kind, *(f[1] if f else (None, None)), error=e
                    )
                )
                interval = source.interval or self.interval
                backoff = min(2 ** max(failures - 1, 0), MAX_SOURCE_BACKOFF) if error else 1
                self.next_due[source.location] = time.monotonic() + interval * backoff
                if error is not None:
                    self._failed(error, summary, None)
                else:
                    items += found[0]
        return items

    def _list_source(self, source: Source):
        """(items, validators) or the error; runs in a fetch thread."""
        try:
            if source.kind == "folder":
                return (folder_items(source), (None, None)), None
            known = self._store(lambda: self.state.source(source.location)) or {}
            response = self.fetcher.get(
                source.location, known.get("etag"), known.get("last_modified")
            )
            validators = (response.etag, response.last_modified)
            if response.not_modified:
                return ([], (known.get("etag"), known.get("last_modified"))), None
            items, nested = read_listing(response.content, source, source.location)
            for url in nested[:MAX_NESTED_SITEMAPS]:  # a sitemap index: its sitemaps
                child = self.fetcher.get(url)
                items += read_listing(child.content, source, url)[0]
            return (items, validators), None
        except InputError as error:
            return None, error

    # Fetching and ingesting -----------------------------------------------

    def _ingest(self, todo: list[Item], summary: PassSummary) -> None:
        nlp = load_model(self.model)
        run_id = self._store(lambda: self.db.start_run(EXTRACTOR_VERSION, model_id(nlp), "watch"))
        records = 0
        with ThreadPoolExecutor(self.fetchers, thread_name_prefix="trucewatch-fetch") as pool:
            docs = self._documents(pool, todo, summary, run_id)
            for document, found in extract_documents(
                docs, batch_size=self.batch_size, model=self.model
            ):
                if self.stop.is_set():
                    break  # not marked done: read again on the next start
                stored = self._store(lambda d=document, r=found: self.db.save(d, r, run_id))
                if stored:
                    summary.documents += 1
                    summary.doc_ids.append(document.id)
                    records += len(found)
                else:
                    summary.skipped += 1
                item = document.extra.get("done_item")
                if item is not None:
                    self._store(lambda i=item, d=document: self.state.done(i, d.id))
            pool.shutdown(cancel_futures=True)
        self._store(
            lambda: self.db.finish_run(
                run_id,
                documents=summary.documents,
                skipped=summary.skipped,
                errors=len(summary.errors),
                records=records,
            )
        )

    def _documents(
        self, pool: ThreadPoolExecutor, todo: list[Item], summary: PassSummary, run_id: int
    ) -> Iterator[Document]:
        """New documents as their pages arrive (first come, first parsed); the last
        document of each item carries it, to be marked done once stored."""
        today = self.today()
        order = {item.key: n for n, item in enumerate(todo)}
        pending: dict[Future, Item] = {
            pool.submit(read_item, item, self.fetcher, today): item for item in todo
        }
        while pending and not self.stop.is_set():
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in sorted(finished, key=lambda f: order[pending[f].key]):
                item = pending.pop(future)
                try:
                    reports, row_errors = future.result()
                except InputError as error:
                    self._failed(error, summary, run_id)
                    self._store(lambda i=item, e=error: self.state.failed(i, e))
                    continue
                for error in row_errors:
                    self._failed(error, summary, run_id)
                fresh = []
                for raw in reports:
                    try:
                        document = make_document(raw)
                    except InputError as error:
                        self._failed(error, summary, run_id)
                        continue
                    stored = self._store(lambda d=document: self.db.has_document(d.content_hash))
                    if stored or any(d.content_hash == document.content_hash for d in fresh):
                        summary.skipped += 1
                    else:
                        fresh.append(document)
                if not fresh:
                    self._store(lambda i=item: self.state.done(i, None))
                    continue
                fresh[-1].extra["done_item"] = item
                for document in fresh:
                    if self.stop.is_set():
                        return
                    yield document

    # Alerts -----------------------------------------------------------------

    def _alerts(self) -> list[dict]:
        sent = []
        today = self.today()
        for agreement in self.agreements:
            state = self._store(
                lambda a=agreement: alerting.agreement_state(a, self.db, today, self.deadline_days)
            )
            before = self._store(lambda a=agreement: self.state.snapshot(a.id))
            before = before or alerting.snapshot(state, baseline=True)
            found = self._store(
                lambda a=agreement, b=before, s=state: alerting.changes(a, b, s, self.db)
            )
            emitted_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
            for alert in found:
                alert["emitted_at"] = emitted_at
                self._store(lambda al=alert: self.send(al))  # a webhook's outbox writes
                sent.append(alert)
            # Saved after sending: a watcher killed in between sends them again on
            # restart (same ids), never loses them.
            self._store(
                lambda a=agreement, s=state: self.state.save_snapshot(a.id, alerting.snapshot(s))
            )
        return sent


def by_host_in_turn(items: list[Item]) -> list[Item]:
    """One item of each host in turn: a feed lists 50 articles of one site, and fetch
    threads taking them in that order would all wait for that site's pace while the
    other sites sit idle."""
    queues: dict[str, list[Item]] = {}
    for item in items:
        queues.setdefault(host_of(item.key) if item.source.kind == "web" else "", []).append(item)
    return [item for group in zip_longest(*queues.values()) for item in group if item is not None]


def watch(sources: list[Source], db_url: str | None = None, *, once: bool = False, **options):
    """Follow the sources (see ``Watcher``): one pass with ``once``, else until stopped."""
    watcher = Watcher(sources, db_url, **options)
    watcher.run(once=once)
    return watcher
