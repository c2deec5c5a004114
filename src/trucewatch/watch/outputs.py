"""Where alerts go: JSON Lines on stdout or in a file, and webhooks.

A webhook gets each alert as a JSON POST signed like GitHub's webhooks: the
header ``X-Trucewatch-Signature: sha256=<hex>`` is the HMAC-SHA256 of the exact
body with the shared secret, so the receiver can check who sent it. Posting
runs in a thread of its own behind a queue: a slow or dead receiver delays no
report; each alert is tried up to ``WEBHOOK_ATTEMPTS`` times, waiting longer
after each failure, then left with a one-line error. With an ``Outbox`` each
alert is kept in the database from hand-over until the receiver accepts it
(or refuses it for good), and what is kept is posted first on the next start.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import queue
import sys
import threading
from collections.abc import Callable
from typing import IO

import httpx

from trucewatch.watch.fetch import USER_AGENT

WEBHOOK_ATTEMPTS = 5
WEBHOOK_BACKOFF = 1.0  # seconds before the second attempt, doubled each time
SIGNATURE_HEADER = "X-Trucewatch-Signature"


def alert_line(alert: dict) -> str:
    return json.dumps(alert, ensure_ascii=False, sort_keys=False, default=str)


def signature(body: bytes, secret: str) -> str:
    """The value of ``X-Trucewatch-Signature`` for ``body``: ``sha256=`` and the hex HMAC."""
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


class JsonLines:
    """Alerts as JSON Lines to a stream (stdout) or a file (appended, flushed per alert)."""

    def __init__(self, target: str | IO[str]):
        if isinstance(target, str):
            self.stream = sys.stdout if target == "-" else open(target, "a", encoding="utf-8")  # noqa: SIM115
            self._owned = target != "-"
        else:
            self.stream, self._owned = target, False

    def send(self, alert: dict) -> None:
        self.stream.write(alert_line(alert) + "\n")
        self.stream.flush()

    def close(self) -> None:
        if self._owned:
            self.stream.close()


class Webhook:
    """POSTs each alert to ``url`` from a background thread; ``send`` never waits."""

    def __init__(
        self,
        url: str,
        secret: str | None,
        say: Callable[[str], None] = lambda text: print(text, file=sys.stderr),
        attempts: int = WEBHOOK_ATTEMPTS,
        backoff: float = WEBHOOK_BACKOFF,
        outbox=None,
    ):
        self.url, self.secret, self.say = url, secret, say
        self.outbox = outbox
        self.attempts, self.backoff = attempts, backoff
        self.queue: queue.Queue[dict | None] = queue.Queue()
        self.closing = threading.Event()
        self.delivered = 0
        self.dropped = 0
        for alert in outbox.pending(url) if outbox is not None else ():
            self.queue.put(alert)  # handed over before the last stop, never accepted
        self.thread = threading.Thread(target=self._run, name="trucewatch-webhook", daemon=True)
        self.thread.start()

    def send(self, alert: dict) -> None:
        if self.outbox is not None and not self.outbox.add(self.url, alert):
            return  # kept from before the last stop: already queued
        self.queue.put(alert)

    def close(self, timeout: float = 30.0) -> None:
        """Deliver what is queued (trying each alert until ``timeout`` runs out), then stop."""
        self.queue.put(None)
        self.thread.join(timeout)
        self.closing.set()  # whatever is still being retried gives up now
        self.thread.join(5)
        if self.outbox is not None:
            self.outbox.close()

    def _run(self) -> None:
        with httpx.Client(timeout=10.0, headers={"User-Agent": USER_AGENT}) as client:
            while (alert := self.queue.get()) is not None:
                self._post(client, alert)

    def _post(self, client: httpx.Client, alert: dict) -> None:
        body = alert_line(alert).encode("utf-8")
        headers = {"Content-Type": "application/json"}
        if self.secret:
            headers[SIGNATURE_HEADER] = signature(body, self.secret)
        wait, problem = self.backoff, ""
        for attempt in range(1, self.attempts + 1):
            try:
                response = client.post(self.url, content=body, headers=headers)
                if response.status_code < 300:
                    self.delivered += 1
                    self._settled(alert)
                    return
                problem = f"HTTP {response.status_code}"
                if 400 <= response.status_code < 500 and response.status_code not in (408, 429):
                    self._settled(alert)  # the receiver refuses it: sending again will not help
                    break
            except httpx.HTTPError as error:
                problem = type(error).__name__
            if attempt < self.attempts and self.closing.wait(wait):
                break
            wait *= 2
        self.dropped += 1
        kept = "; kept for the next start" if self.outbox is not None else ""
        self.say(
            f"error: webhook {self.url}: alert {alert.get('id')} not delivered ({problem}){kept}"
        )

    def _settled(self, alert: dict) -> None:
        if self.outbox is None:
            return
        try:
            self.outbox.remove(self.url, alert.get("id"))
        except Exception as error:  # noqa: BLE001 - the database may be down; posted again later
            self.say(f"error: webhook outbox: {type(error).__name__}: {error}")


class Outputs:
    """Every destination at once."""

    def __init__(self, sinks: list):
        self.sinks = sinks

    def send(self, alert: dict) -> None:
        for sink in self.sinks:
            sink.send(alert)

    def close(self) -> None:
        for sink in self.sinks:
            sink.close()
