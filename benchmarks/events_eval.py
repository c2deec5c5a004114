"""Event accuracy against tests/gold/events.jsonl.

    python benchmarks/events_eval.py [--json] [--errors] [--heldout [SET]]

type:             a predicted event counts when its trigger overlaps a gold one (one to one)
                  and its PLOVER type is the gold type.
type+actor:       ... and its actors are the gold actors (canonical names, as a set).
type+actor+date:  ... and its date is the gold date (null only matches null).
incidents:        pairwise: two predicted mentions linked into one incident are right when
                  they match gold events with the same gold incident label.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import heldout

from trucewatch.evaluate import evaluate_events

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold" / "events.jsonl"
METRICS = ("type", "type+actor", "type+actor+date", "incidents")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--errors", action="store_true", help="list the first error of each miss")
    heldout.add_option(parser)
    args = parser.parse_args()
    result = evaluate_events(*heldout.sources(args, GOLD))
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return
    print(f"events in {len(result['files'])} report(s)")
    print(f"{'':16} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5} {'pred':>5}")
    for name in METRICS:
        s = result[name]
        print(
            f"{name:16} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f} "
            f"{s['gold']:5d} {s['predicted']:5d}"
        )
    print("(incidents: gold and pred count pairs of mentions)")
    if args.errors:
        for error in result["errors"]:
            print(
                f"  {error['file']}: {error['trigger']!r}: gold {error['gold']!r}, got {error['got']!r}"
            )


if __name__ == "__main__":
    main()
