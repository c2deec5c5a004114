"""Shared fixtures: the seed report, the examples, and real databases (SQLite, PostgreSQL)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Property tests (tests/test_fuzz.py): a CI-sized run by default; a long run with
# HYPOTHESIS_PROFILE=long (docs/RELIABILITY.md). Model-backed properties take a
# fifth of max_examples. No deadline: the first parse of a session is slow.
settings.register_profile(
    "ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "long", max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# The atheris harness is run by hand (tests/fuzz/README.md), never collected.
collect_ignore = ["fuzz"]

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
EXAMPLES = ROOT / "examples" / "reports"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    files = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if not files:
        pytest.skip(
            "../shared/seeds is absent: the seed report is test data shared beside the checkout"
        )
    return files[0]


@pytest.fixture(scope="session")
def nlp():
    from trucewatch.nlp import load_model

    return load_model()


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'trucewatch.db'}"


@pytest.fixture(scope="session")
def postgres_server():
    """A throwaway PostgreSQL cluster on a unix socket, started for this test session."""
    from trucewatch.store.pgtemp import server_bindir, temporary_postgres

    bindir = server_bindir()
    if bindir is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but no PostgreSQL server binary (initdb) was found")
        pytest.skip("no PostgreSQL server binary (initdb) found: apt-get install postgresql")
    with temporary_postgres(bindir) as server:
        yield server


@pytest.fixture
def postgres_url(postgres_server) -> str:
    """A fresh, empty database on the session's PostgreSQL server."""
    return postgres_server.create_database()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request) -> str:
    """Each storage test runs on both backends."""
    if request.param == "sqlite":
        return request.getfixturevalue("sqlite_url")
    return request.getfixturevalue("postgres_url")


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES
