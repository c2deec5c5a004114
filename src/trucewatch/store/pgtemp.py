"""A throwaway PostgreSQL cluster on a unix socket: for the test suite and the benchmarks.

``initdb`` + ``pg_ctl`` from the server package (Debian's ``postgresql``),
in a temporary folder, listening on no TCP port, with fsync off (a cluster
that lives for one test session needs no durability). ``initdb`` refuses to
run as root, so as root the server runs as the ``postgres`` user, in a
folder that user owns.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import count
from pathlib import Path


def server_bindir() -> Path | None:
    """Where ``initdb`` and ``pg_ctl`` are, newest version first; None when not installed."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


@dataclass
class TemporaryServer:
    socket: str
    user: str
    _names = count()
    # How to stop and start it again (a test of a client that outlives a restart).
    control: list[str] | None = None
    start_options: list[str] | None = None

    def stop(self) -> None:
        """Stop the server now (``-m immediate``: as a crash or a restart would)."""
        subprocess.run([*self.control, "-m", "immediate", "-w", "stop"], check=True,
                       capture_output=True)  # fmt: skip

    def start(self) -> None:
        subprocess.run([*self.control, "-w", *self.start_options, "start"], check=True,
                       capture_output=True)  # fmt: skip

    def create_database(self, prefix: str = "tw") -> str:
        """A new empty database on this server; returns its trucewatch URL."""
        import psycopg

        name = f"{prefix}_{os.getpid()}_{next(self._names)}"
        with psycopg.connect(
            host=self.socket, user=self.user, dbname="postgres", autocommit=True
        ) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return f"postgresql://{self.user}@/{name}?host={self.socket}"


@contextmanager
def temporary_postgres(bindir: Path) -> Iterator[TemporaryServer]:
    """Start a cluster with the binaries in ``bindir``; stop it and remove its files on exit."""
    base = Path(tempfile.mkdtemp(prefix="trucewatch-pg-"))
    data, sockets = base / "data", base / "sock"
    sockets.mkdir()
    as_user: list[str] = []
    if os.geteuid() == 0:
        as_user = ["runuser", "-u", "postgres", "--"]
        shutil.chown(base, "postgres", "postgres")
        shutil.chown(sockets, "postgres", "postgres")
        base.chmod(0o755)

    def run(*args: str) -> None:
        subprocess.run([*as_user, *args], check=True, capture_output=True)

    pg_ctl = str(bindir / "pg_ctl")
    try:
        run(str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-E", "UTF8", "--no-sync",
            "-U", "postgres")  # fmt: skip
        options = f"-k {sockets} -c listen_addresses='' -c fsync=off -c full_page_writes=off"
        run(pg_ctl, "-D", str(data), "-w", "-l", str(base / "log"), "-o", options, "start")
        yield TemporaryServer(
            socket=str(sockets),
            user="postgres",
            control=[*as_user, pg_ctl, "-D", str(data)],
            start_options=["-l", str(base / "log"), "-o", options],
        )
    finally:
        subprocess.run(
            [*as_user, pg_ctl, "-D", str(data), "-m", "immediate", "stop"], capture_output=True
        )
        shutil.rmtree(base, ignore_errors=True)
