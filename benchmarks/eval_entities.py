"""Entity accuracy against tests/gold/entities.jsonl: P/R/F1 overall and per label,
beside spaCy's NER alone on the same gold (the baseline).

    python benchmarks/eval_entities.py [--json]

Reports named in the gold are looked up in ../shared/seeds and
examples/reports; absent ones are left out of both sides of the score.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from trucewatch.evaluate import evaluate_entities

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold" / "entities.jsonl"
FOLDERS = [ROOT.parent / "shared" / "seeds", ROOT / "examples" / "reports"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    args = parser.parse_args()
    result = evaluate_entities(GOLD, FOLDERS)
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"entities on {len(result['files'])} report(s): {', '.join(result['files'])}")
    print(f"{'':14} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5} {'pred':>5}")
    rows = [("spaCy NER", result["baseline"]), ("trucewatch", result["overall"])]
    rows += [(f"  {label}", s) for label, s in result["by_label"].items()]
    for name, s in rows:
        print(
            f"{name:14} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f} "
            f"{s['gold']:5d} {s['predicted']:5d}"
        )


if __name__ == "__main__":
    main()
