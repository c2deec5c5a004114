#!/usr/bin/env python3
"""Check the hand-annotated quotation gold file (tests/gold/quotes.jsonl).

Standalone, standard library only. For every line it checks that the report file
exists (in examples/reports or ../shared/seeds), that body[start:end] == content
(offsets into the body: the text after the ` date YYYY-MM-DD` header), and that
all fields are present with the right types and consistent with each other.
Prints counts by file and by kind, and exits with status 1 on any error.

    python tests/gold/check_quotes.py [path/to/quotes.jsonl]
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent  # the project root (the folder holding examples/ and tests/)
SEARCH_DIRS = [
    ROOT / "examples" / "reports",
    ROOT.parent / "shared" / "seeds",
    *sorted((ROOT / "tests" / "data").glob("heldout*")),
]
HEADER = re.compile(r"\A[ \t]*date[ \t]+\d\S*[ \t]*(?:\r?\n)?[ \t]*")

FIELDS = {
    "file": (str,),
    "start": (int,),
    "end": (int,),
    "content": (str,),
    "direct": (bool,),
    "partial": (bool,),
    "speaker": (str, type(None)),
    "speaker_mention": (str, type(None)),
    "cue": (str, type(None)),
}
QUOTE_MARKS = "“”\"‘’'"
ACCORDING = "according to"


def find_report(name: str) -> Path | None:
    for folder in SEARCH_DIRS:
        path = folder / name
        if path.is_file():
            return path
    return None


def body_of(path: Path) -> str:
    text = path.read_text("utf-8")
    match = HEADER.match(text)
    if match is None:
        raise ValueError(f"{path.name}: no ` date YYYY-MM-DD` header")
    return text[match.end() :]


def kind_of(record: dict) -> str:
    if record["cue"] == ACCORDING:
        return "according"
    if record["direct"]:
        return "partial" if record["partial"] else "direct"
    return "reported+fragment" if record["partial"] else "reported"


def check_record(record: dict, bodies: dict[str, str]) -> list[str]:
    errors = []
    missing = [f for f in FIELDS if f not in record]
    if missing:
        return [f"missing field(s) {missing}"]
    extra = sorted(set(record) - set(FIELDS))
    if extra:
        errors.append(f"unexpected field(s) {extra}")
    for field, types in FIELDS.items():
        value = record[field]
        # bool is a subclass of int: reject it for the offsets
        if not isinstance(value, types) or (int in types and isinstance(value, bool)):
            errors.append(f"{field}: expected {'/'.join(t.__name__ for t in types)}, got {value!r}")
    if errors:
        return errors

    name = record["file"]
    if "/" in name or "\\" in name:
        errors.append(f"file must be a file name only, got {name!r}")
    if name not in bodies:
        path = find_report(name)
        if path is None:
            return errors + [f"report {name!r} not found in {[str(d) for d in SEARCH_DIRS]}"]
        bodies[name] = body_of(path)
    body = bodies[name]

    start, end, content = record["start"], record["end"], record["content"]
    if not 0 <= start < end <= len(body):
        return errors + [f"bad offsets {start}:{end} (body has {len(body)} chars)"]
    if body[start:end] != content:
        errors.append(f"body[{start}:{end}] == {body[start:end]!r} != content {content!r}")
    if content != content.strip():
        errors.append("content has leading or trailing whitespace")
    if "\n" in content:
        errors.append("content spans a paragraph break (one record per paragraph)")

    direct, partial, cue = record["direct"], record["partial"], record["cue"]
    if direct:
        if content[0] in QUOTE_MARKS or content[-1] in QUOTE_MARKS:
            errors.append("direct content must not include the quotation marks")
        before = body[:start].rstrip(" ")
        if not before.endswith(("“", '"')):
            errors.append("direct content is not preceded by an opening quotation mark")
    else:
        if content.lower().startswith("that "):
            errors.append("reported content must not start with 'that'")
        if content.endswith(".") and not content.endswith(("a.m.", "p.m.")):
            errors.append("reported content must not end with the final period")
        has_quote = any(mark in content for mark in '“”"')
        if partial and not has_quote:
            errors.append("partial reported speech should contain a quoted fragment")
        if not partial and has_quote:
            errors.append("reported speech with a quoted fragment should be partial=true")
    if cue == ACCORDING and direct:
        errors.append("an 'according to' record should be direct=false")
    if cue is not None and (cue != cue.strip() or not cue):
        errors.append(f"bad cue {cue!r}")
    if (record["speaker"] is None) != (record["speaker_mention"] is None):
        errors.append("speaker and speaker_mention must both be null or both be set")
    for field in ("speaker", "speaker_mention"):
        value = record[field]
        if value is not None and (not value or value != value.strip()):
            errors.append(f"bad {field} {value!r}")
    return errors


def main(argv: list[str]) -> int:
    gold = Path(argv[1]) if len(argv) > 1 else HERE / "quotes.jsonl"
    bodies: dict[str, str] = {}
    records: list[tuple[int, dict]] = []
    failures = 0
    for number, line in enumerate(gold.read_text("utf-8").splitlines(), 1):
        if not line.strip():
            print(f"{gold.name}:{number}: empty line")
            failures += 1
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            print(f"{gold.name}:{number}: not JSON: {exc}")
            failures += 1
            continue
        if not isinstance(record, dict):
            print(f"{gold.name}:{number}: not a JSON object")
            failures += 1
            continue
        problems = check_record(record, bodies)
        for problem in problems:
            print(f"{gold.name}:{number}: {problem}")
        failures += bool(problems)
        if not problems:
            records.append((number, record))

    # no duplicate spans; no separate record for a fragment inside a reported clause
    seen: dict[tuple, int] = {}
    for number, r in records:
        key = (r["file"], r["start"], r["end"])
        if key in seen:
            print(f"{gold.name}:{number}: duplicate of line {seen[key]}")
            failures += 1
        seen[key] = number
    for number, r in records:
        if not r["direct"]:
            continue
        for other_number, o in records:
            if (
                o is not r
                and not o["direct"]
                and o["partial"]
                and o["file"] == r["file"]
                and o["start"] <= r["start"]
                and r["end"] <= o["end"]
            ):
                print(
                    f"{gold.name}:{number}: fragment inside the partial reported clause of "
                    f"line {other_number}; it should not be a separate record"
                )
                failures += 1

    by_file = Counter(r["file"] for _, r in records)
    by_kind = Counter(kind_of(r) for _, r in records)
    print(f"{len(records)} valid record(s), {failures} line(s) with problems, {gold}")
    print("\nby file:")
    for name in sorted(by_file):
        kinds = Counter(kind_of(r) for _, r in records if r["file"] == name)
        detail = ", ".join(f"{k} {v}" for k, v in sorted(kinds.items()))
        print(f"  {name:42} {by_file[name]:4}   ({detail})")
    print("\nby kind:")
    for kind in ("direct", "partial", "reported", "reported+fragment", "according"):
        print(f"  {kind:18} {by_kind.get(kind, 0):4}")
    print(f"  {'(no speaker)':18} {sum(r['speaker'] is None for _, r in records):4}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
