"""Quotation accuracy against tests/gold/quotes.jsonl.

    python benchmarks/quotes_eval.py [--json] [--errors] [--heldout [SET]]

content:     a predicted quotation counts when its span overlaps a gold one (one to one).
attribution: ... and its speaker is the gold speaker (canonical names; null only matches null).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import heldout

from trucewatch.evaluate import evaluate_quotes

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold" / "quotes.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--errors", action="store_true", help="list the speaker errors")
    heldout.add_option(parser)
    args = parser.parse_args()
    result = evaluate_quotes(*heldout.sources(args, GOLD))
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return
    print(f"quotations in {len(result['files'])} report(s)")
    print(f"{'':12} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5} {'pred':>5}")
    for name in ("content", "attribution"):
        s = result[name]
        print(
            f"{name:12} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f} "
            f"{s['gold']:5d} {s['predicted']:5d}"
        )
    if args.errors:
        for miss in result["speaker_errors"]:
            print(
                f"  {miss['file']}: {miss['content']!r}: gold {miss['gold']!r}, got {miss['predicted']!r}"
            )


if __name__ == "__main__":
    main()
