"""Numeric-claim accuracy against tests/gold/claims.jsonl.

    python benchmarks/figures_eval.py [--json] [--errors] [--heldout [SET]]

detection: a predicted claim counts when its span overlaps a gold one (one to one).
fields:    over the claims found, the share with the gold value, category, source
           (canonical names; null only matches null), qualifier, modality, date,
           as_of and cumulative.
overall:   a claim counts when it is found with the gold value, category, source
           and modality (P over predicted claims, R over gold claims).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import heldout

from trucewatch.evaluate import evaluate_claims

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold" / "claims.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--errors", action="store_true", help="list the wrong fields and misses")
    heldout.add_option(parser)
    args = parser.parse_args()
    result = evaluate_claims(*heldout.sources(args, GOLD))
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return
    print(f"claims in {len(result['files'])} report(s)")
    print(f"{'':10} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5} {'pred':>5}")
    for name in ("detection", "overall"):
        s = result[name]
        print(
            f"{name:10} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f} "
            f"{s['gold']:5d} {s['predicted']:5d}"
        )
    print("accuracy over the claims found:")
    for field, accuracy in result["fields"].items():
        print(f"  {field:11} {accuracy:6.3f}")
    if args.errors:
        for error in result["errors"]:
            if error.get("missed"):
                print(f"  {error['file']}: {error['text']!r}: missed")
                continue
            detail = "; ".join(
                f"{f} gold {v['gold']!r} got {v['predicted']!r}" for f, v in error["fields"].items()
            )
            print(f"  {error['file']}: {error['text']!r}: {detail}")


if __name__ == "__main__":
    main()
