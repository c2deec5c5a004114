"""Shared fixtures: the seed report, the examples, and real databases (SQLite, PostgreSQL)."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
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


# A report whose text is an attack on the page that shows it: every probe must
# render as text (issue 7). The quotation makes it a quote record as well.
XSS_REPORT = (
    " date 2025-02-10 GAZA CITY: <script>alert('xss')</script> Hamas said on Monday it "
    'would delay the next release of hostages <img src=x onerror="alert(1)"> until further '
    "notice.\n\n"
    "“We will not free anyone </textarea><script>alert(2)</script> this week,” a Hamas "
    "official said.\n"
)


@pytest.fixture(scope="session")
def web_db_url(tmp_path_factory) -> str:
    """The example reports and the XSS probe, ingested once into SQLite for the web tests."""
    from trucewatch import pipeline
    from trucewatch.store import Database

    folder = tmp_path_factory.mktemp("web")
    probe = folder / "xss-probe.txt"
    probe.write_text(XSS_REPORT, "utf-8")
    url = f"sqlite:///{folder / 'web.db'}"
    with Database(url) as db:
        summary = pipeline.ingest([str(EXAMPLES), str(probe)], db)
    assert not summary.errors
    return url


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def serve(tmp_path_factory):
    """Start ``trucewatch serve`` in its own process, as a user would: a context manager
    giving the base URL, the server stopped on exit."""

    @contextlib.contextmanager
    def start(
        db_url: str,
        home: Path | None = None,
        token: str | None = None,
        specs: Path | None = None,
        args: tuple[str, ...] = (),
    ):
        port = free_port()
        log = tmp_path_factory.mktemp("serve") / "serve.log"
        env = {**os.environ, "HOME": str(home or tmp_path_factory.mktemp("home"))}
        env.pop("TRUCEWATCH_TOKEN", None)
        if token:
            env["TRUCEWATCH_TOKEN"] = token
        specs = specs or ROOT / "examples" / "agreements"
        command = [sys.executable, "-m", "trucewatch", "serve", "--db", db_url, "--host",
                   "127.0.0.1", "--port", str(port), "--specs", str(specs), *args]  # fmt: skip
        with log.open("w") as out:
            process = subprocess.Popen(
                command, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=ROOT
            )
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(base + "/api/kinds", timeout=2):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    process.kill()
                    pytest.fail(f"trucewatch serve did not start:\n{log.read_text()}")
                time.sleep(0.2)
        try:
            yield base
        finally:
            process.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(10)
            if process.poll() is None:
                process.kill()

    return start


@pytest.fixture
def records_of(nlp):
    """(text spanned, record) for the records of one kind in an invented report."""
    from trucewatch.extract import extract
    from trucewatch.ingest.documents import RawReport, make_document

    def read(text: str, kind: str, date: str = "2031-03-12") -> list[tuple[str, object]]:
        document = make_document(RawReport(text=f" date {date} {text}", origin="test"))
        records = extract(document, nlp(document.body))
        return [(document.body[r.start : r.end], r) for r in records if r.kind == kind]

    return read


@pytest.fixture
def claims_of(records_of):
    """The figures of an invented report, by the text each spans (``other`` left out)."""

    def read(text: str, date: str = "2031-03-12") -> dict:
        return {t: c for t, c in records_of(text, "claim", date) if c.category != "other"}

    return read


@pytest.fixture(scope="session")
def riverland_file(tmp_path_factory) -> Path:
    """The invented Riverland reports (tests/data/riverland) ingested once into SQLite."""
    from trucewatch import pipeline
    from trucewatch.store import Database

    path = tmp_path_factory.mktemp("riverland") / "riverland.db"
    with Database(f"sqlite:///{path}") as db:
        assert not pipeline.ingest([str(ROOT / "tests" / "data" / "riverland")], db).errors
    return path


@pytest.fixture
def riverland_url(riverland_file, tmp_path) -> str:
    """A copy of the Riverland database of its own for each test (reviews write to it)."""
    copy = tmp_path / "riverland.db"
    shutil.copy(riverland_file, copy)
    return f"sqlite:///{copy}"
