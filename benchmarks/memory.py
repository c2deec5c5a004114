"""Memory stays flat on any input size: a large JSONL archive through the reading stage.

Writes a JSONL file of ``--mb`` MB (default 1000) of distinct reports built from
examples/reports, then, in a fresh interpreter, reads it the way ``ingest`` does
(``pipeline.new_documents``: readers, header and dateline, content hash,
duplicate check) and prints the peak resident memory after the first 1,000
reports and at the end. Parsing is left out on purpose: spaCy's ``nlp.pipe``
holds one batch at a time (see ``throughput.py`` for its memory), and at its
speed a gigabyte would take hours; this measures whether anything before it
holds on to what it has read.

    python benchmarks/memory.py [--mb 1000]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import example_material  # noqa: E402


def write_archive(path: Path, megabytes: float) -> int:
    paragraphs, places = example_material()
    body = "\n\n".join(paragraphs)
    written = reports = 0
    with path.open("w", encoding="utf-8") as out:
        while written < megabytes * 1_000_000:
            reports += 1
            text = f"{places[reports % len(places)]}: Update {reports}. {body}"
            line = json.dumps({"id": str(reports), "date": "2025-02-04", "text": text}) + "\n"
            out.write(line)
            written += len(line.encode("utf-8"))
    return reports


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(path: str) -> None:
    from trucewatch.pipeline import new_documents

    errors = []
    started = time.perf_counter()
    first = None
    count = 0
    for _document in new_documents([path], lambda _d: False, errors.append):
        count += 1
        if count == 1000:
            first = peak_mib()
    seconds = time.perf_counter() - started
    print(json.dumps({"reports": count, "errors": len(errors), "seconds": seconds,
                      "peak_after_1000_mib": first, "peak_mib": peak_mib()}))  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=1000)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    with tempfile.TemporaryDirectory(prefix="trucewatch-memory-") as scratch:
        path = Path(scratch) / "archive.jsonl"
        reports = write_archive(path, args.mb)
        print(f"archive: {reports:,} reports, {path.stat().st_size / 1e6:,.0f} MB", file=sys.stderr)
        done = subprocess.run(
            [sys.executable, __file__, "--child", str(path)], stdout=subprocess.PIPE, text=True
        )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    print(
        f"read {result['reports']:,} reports ({result['errors']} errors) in "
        f"{result['seconds']:.0f} s, {args.mb / result['seconds']:.1f} MB/s; peak RSS after "
        f"1,000 reports {result['peak_after_1000_mib']:.0f} MiB, at the end "
        f"{result['peak_mib']:.0f} MiB"
    )


if __name__ == "__main__":
    main()
