"""Watch: follow a live story. Feeds, sitemaps and folders in; reports stored; alerts out.

Entry point: ``watch(sources, db_url, once=..., agreements=..., send=...)``
(``runner.py``), with the sources from ``parse_sources(arguments)``
(``sources.py``). The stages: ``sources`` (what a feed, sitemap or folder
lists), ``fetch`` (HTTP, politely), ``articles`` (a page or file to reports),
``state`` (what was seen, in the database), ``alerts`` (what changed in a
ledger), ``outputs`` (JSON Lines, webhooks).
"""

from trucewatch.watch.command import cli_run, load_specs
from trucewatch.watch.runner import PassSummary, Watcher, watch
from trucewatch.watch.sources import Source, SourceError, parse_sources

__all__ = [
    "PassSummary",
    "cli_run",
    "load_specs",
    "Source",
    "SourceError",
    "Watcher",
    "parse_sources",
    "watch",
]
