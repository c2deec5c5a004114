"""Web: the dashboard, the JSON API and the shareable report. Entry point: ``create_app``."""

from trucewatch.web.app import create_app

__all__ = ["create_app"]
