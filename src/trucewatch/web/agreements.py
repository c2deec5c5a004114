"""Agreement specs in a folder, and their ledgers as the pages and the API show them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from trucewatch.ledger import Agreement, SpecError, agreement_figures, ledger, load_spec
from trucewatch.ledger.history import history


@dataclass
class SpecEntry:
    path: Path
    agreement: Agreement | None
    error: str | None


class SpecFolder:
    """The ``*.yaml``/``*.yml`` specs in a folder, read again when a file changes."""

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)
        self._cache: dict[Path, tuple[float, SpecEntry]] = {}

    def entries(self) -> list[SpecEntry]:
        """Every spec file, loaded or with the error that stopped it, by file name."""
        if not self.folder.is_dir():
            return []
        found = []
        for path in sorted([*self.folder.glob("*.yaml"), *self.folder.glob("*.yml")]):
            mtime = path.stat().st_mtime
            cached = self._cache.get(path)
            if cached is None or cached[0] != mtime:
                try:
                    entry = SpecEntry(path, load_spec(path), None)
                except SpecError as error:
                    entry = SpecEntry(path, None, str(error))
                self._cache[path] = (mtime, entry)
            found.append(self._cache[path][1])
        return found

    def agreements(self) -> list[Agreement]:
        return [e.agreement for e in self.entries() if e.agreement is not None]

    def get(self, agreement_id: str) -> Agreement | None:
        return next((a for a in self.agreements() if a.id == agreement_id), None)


def agreement_view(
    agreement: Agreement, db, as_of: dt.date | None = None, with_timeline: bool = True
) -> dict:
    """The ledger (``trucewatch.ledger`` JSON) with its day-by-day ``timeline`` beside it."""
    as_of = as_of or dt.date.today()
    claims = agreement_figures(agreement, db, as_of)
    result = ledger(agreement, claims, as_of)
    result["timeline"] = history(agreement, claims, as_of) if with_timeline else []
    return result


def summary(result: dict) -> dict:
    """Obligations per status, for the agreement list."""
    counts: dict[str, int] = {}
    for phase in result["phases"]:
        for row in phase["obligations"]:
            counts[row["status"]] = counts.get(row["status"], 0) + 1
    return counts


def cited_ids(result: dict) -> set[str]:
    """The reports a ledger's evidence, conflicts and tolls come from."""
    ids = set()
    for phase in result["phases"]:
        for row in phase["obligations"]:
            ids.update(e["doc"] for e in row["evidence"])
            ids.update(v["doc"] for c in row["conflicts"] for v in c["values"] if v.get("doc"))
    ids.update(v["doc"] for f in result["figures"] for v in f["values"] if v.get("doc"))
    ids.update(e["doc"] for e in result.get("rejected", ()))
    return ids
