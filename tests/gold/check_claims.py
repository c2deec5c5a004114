#!/usr/bin/env python3
"""Check the hand-annotated claims gold file (tests/gold/claims.jsonl).

Standalone, standard library only. For every line it checks that the report
exists (in examples/reports or ../shared/seeds), that body[start:end] == text
(offsets into the body: the text after the ` date YYYY-MM-DD` header), that all
fields are present with the right types and values from the vocabularies, and
that no two claims overlap. Prints counts by file and by category; exits with
status 1 on any error.

    python tests/gold/check_claims.py [path/to/claims.jsonl]
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SEARCH_DIRS = [
    ROOT / "examples" / "reports",
    ROOT.parent / "shared" / "seeds",
    *sorted((ROOT / "tests" / "data").glob("heldout*")),
]
HEADER = re.compile(r"\A[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2})[ \t]*(?:\r?\n)?[ \t]*")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

CATEGORIES = {"killed", "wounded", "hostages_held", "hostages_released", "prisoners_released",
              "exchanges", "displaced", "aid_trucks", "duration", "other"}  # fmt: skip
MODALITIES = {"reported", "term", "projected", "negated"}
QUALIFIERS = {None, "at least", "more than", "around", "some", "nearly", "up to", "at most",
              "less than", "fraction"}  # fmt: skip
NUMBER = (int, float, type(None))
FIELDS = {
    "file": (str,),
    "start": (int,),
    "end": (int,),
    "text": (str,),
    "value": NUMBER,
    "qualifier": (str, type(None)),
    "category": (str,),
    "source": (str, type(None)),
    "modality": (str,),
    "cumulative": (bool,),
    "date": (str, type(None)),
    "as_of": (str,),
}


def body_of(name: str) -> tuple[str, str] | None:
    for folder in SEARCH_DIRS:
        path = folder / name
        if path.is_file():
            text = path.read_text("utf-8")
            match = HEADER.match(text)
            if match is None:
                raise ValueError(f"{name}: no ` date YYYY-MM-DD` header")
            return text[match.end() :], match[1]
    return None


def check(record: dict, bodies: dict) -> list[str]:
    missing = [f for f in FIELDS if f not in record]
    if missing:
        return [f"missing field(s) {missing}"]
    errors = [f"unexpected field {f}" for f in sorted(set(record) - set(FIELDS))]
    for field, types in FIELDS.items():
        value = record[field]
        if not isinstance(value, types) or (bool not in types and isinstance(value, bool)):
            errors.append(f"{field}: expected {'/'.join(t.__name__ for t in types)}, got {value!r}")
    if errors:
        return errors
    name = record["file"]
    if name not in bodies:
        found = body_of(name)
        if found is None:
            return [f"report {name!r} not found"]
        bodies[name] = found
    body, report_date = bodies[name]
    start, end = record["start"], record["end"]
    if not 0 <= start < end <= len(body) or body[start:end] != record["text"]:
        errors.append(f"body[{start}:{end}] == {body[start:end]!r} != {record['text']!r}")
    if record["category"] not in CATEGORIES:
        errors.append(f"unknown category {record['category']!r}")
    if record["modality"] not in MODALITIES:
        errors.append(f"unknown modality {record['modality']!r}")
    if record["qualifier"] not in QUALIFIERS:
        errors.append(f"unknown qualifier {record['qualifier']!r}")
    for field in ("date", "as_of"):
        if record[field] is not None and not DATE.match(record[field]):
            errors.append(f"{field} is not an ISO date: {record[field]!r}")
    if record["as_of"] < report_date and "by" not in body[max(0, start - 200) : start].lower():
        errors.append(f"as_of {record['as_of']} before the report date without a 'by ...'")
    if record["source"] is not None and record["source"] != record["source"].strip():
        errors.append("source has surrounding whitespace")
    return errors


def main(argv: list[str]) -> int:
    gold = Path(argv[1]) if len(argv) > 1 else HERE / "claims.jsonl"
    bodies: dict = {}
    records, failures = [], 0
    for number, line in enumerate(gold.read_text("utf-8").splitlines(), 1):
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            print(f"{gold.name}:{number}: not JSON: {exc}")
            failures += 1
            continue
        problems = check(record, bodies)
        for problem in problems:
            print(f"{gold.name}:{number}: {problem}")
        failures += bool(problems)
        if not problems:
            records.append((number, record))
    spans: dict[str, list[tuple[int, int, int]]] = {}
    for number, r in records:
        for start, end, other in spans.get(r["file"], []):
            if start < r["end"] and r["start"] < end:
                print(f"{gold.name}:{number}: overlaps line {other}")
                failures += 1
        spans.setdefault(r["file"], []).append((r["start"], r["end"], number))
    print(f"{len(records)} valid claim(s), {failures} line(s) with problems, {gold}")
    for name, n in sorted(Counter(r["file"] for _, r in records).items()):
        print(f"  {name:42} {n:4}")
    print("by category:")
    for category, n in Counter(r["category"] for _, r in records).most_common():
        print(f"  {category:20} {n:4}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
