"""Reviews to and from files (YAML or JSON Lines), so a team keeps them under version control.

Every review in a file carries its ``uid`` (a digest of its content): an
import adds only reviews not stored yet, so importing a file twice, or two
analysts' files that share reviews, changes nothing the second time. An
import checks every entry before it stores any: one bad line names its line
and leaves the store as it was.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from trucewatch.review.fields import ReviewError, checked_fields
from trucewatch.store import reviews as review_store
from trucewatch.store.schema import RECORD_TABLES

FORMATS = ("yaml", "jsonl")
REQUIRED = ("report", "kind", "start", "end", "verdict", "reviewer", "created_at")


def file_entry(review: dict) -> dict:
    """A stored review as a file keeps it: the record named as the CLI names it, too."""
    return {
        "uid": review["uid"],
        "record": f"{review['content_hash'][:16]}:{review['start']}-{review['end']}",
        "report": review["content_hash"],
        "kind": review["kind"],
        "start": review["start"],
        "end": review["end"],
        "verdict": review["verdict"],
        "fields": review.get("fields"),
        "reviewer": review["reviewer"],
        "created_at": review["created_at"],
        "note": review.get("note"),
    }


def dump(reviews: list[dict], fmt: str) -> str:
    entries = [file_entry(r) for r in reviews]
    if fmt == "jsonl":
        return "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in entries)
    if fmt == "yaml":
        return yaml.safe_dump(entries, sort_keys=False, allow_unicode=True) if entries else "[]\n"
    raise ReviewError(f"unknown review file format {fmt!r} (one of: {', '.join(FORMATS)})")


def format_of(path: str | Path, fmt: str | None = None) -> str:
    if fmt:
        return fmt
    return "jsonl" if str(path).endswith((".jsonl", ".ndjson", ".json")) else "yaml"


def export_reviews(db, path: str | Path | None = None, fmt: str | None = None) -> str:
    """Every stored review, oldest first, as file text (written to ``path`` when given)."""
    text = dump(review_store.stored(db), format_of(path or "", fmt))
    if path is not None:
        Path(path).write_text(text, encoding="utf-8")
    return text


def _entries(text: str, fmt: str, name: str) -> list[tuple[int, object]]:
    """(line, parsed entry) for each review in the file's text."""
    if fmt == "jsonl":
        found = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                found.append((number, json.loads(line)))
            except json.JSONDecodeError as error:
                raise ReviewError(f"{name}:{number}: not JSON ({error.msg})") from None
        return found
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return []
        if not isinstance(node, yaml.SequenceNode):
            raise ReviewError(f"{name}:{node.start_mark.line + 1}: expected a list of reviews")
        return [(item.start_mark.line + 1, loader.construct_object(item, deep=True))
                for item in node.value]  # fmt: skip
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f":{mark.line + 1}" if mark else ""
        raise ReviewError(f"{name}{where}: not YAML ({getattr(error, 'problem', error)})") from None
    finally:
        loader.dispose()


def checked_entry(entry, where: str) -> dict:
    """One file entry as a review to store, or ReviewError naming ``where`` and the reason."""
    if not isinstance(entry, dict):
        raise ReviewError(f"{where}: a review is a mapping, not {type(entry).__name__}")
    missing = [key for key in REQUIRED if entry.get(key) in (None, "")]
    if missing:
        raise ReviewError(f"{where}: missing {', '.join(missing)}")
    report = str(entry["report"])
    if len(report) != 64 or any(c not in "0123456789abcdef" for c in report):
        raise ReviewError(f"{where}: report must be a content hash (64 hex digits)")
    if entry["kind"] not in RECORD_TABLES:
        raise ReviewError(f"{where}: unknown record kind {entry['kind']!r}")
    if entry["verdict"] not in review_store.VERDICTS:
        raise ReviewError(f"{where}: unknown verdict {entry['verdict']!r}")
    start, end = entry["start"], entry["end"]
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end):
        raise ReviewError(f"{where}: start and end must be whole numbers, start before end")
    try:
        fields = checked_fields(entry["kind"], entry["verdict"], entry.get("fields"))
        created = review_store.utc(entry["created_at"])
    except ReviewError as error:
        raise ReviewError(f"{where}: {error}") from None
    except (TypeError, ValueError):
        raise ReviewError(f"{where}: created_at is not an ISO date and time") from None
    review = {
        "content_hash": report,
        "kind": entry["kind"],
        "start": start,
        "end": end,
        "verdict": entry["verdict"],
        "fields": fields,
        "reviewer": str(entry["reviewer"]),
        "created_at": created,
        "note": entry.get("note") or None,
    }
    uid = review_store.review_uid(review)
    if entry.get("uid") not in (None, uid):
        raise ReviewError(f"{where}: uid does not match the review's content (edited by hand?)")
    review["uid"] = uid
    return review


def import_reviews(db, path: str | Path, fmt: str | None = None) -> tuple[int, int]:
    """Store the reviews of a file: (new, already stored). Nothing is stored unless every
    entry is good."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ReviewError(f"{path}: cannot read ({error})") from None
    entries = _entries(text, format_of(path, fmt), str(path))
    reviews = [checked_entry(entry, f"{path}:{line}") for line, entry in entries]
    added = review_store.append(db, reviews)
    return added, len(reviews) - added
