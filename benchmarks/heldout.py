"""The ``--heldout [SET]`` option the evaluation scripts share.

A held-out set is gold in ``tests/gold/SET`` (a file named as the main gold
file) for the reports in ``tests/data/SET``; see ``tests/gold/README.md``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = [ROOT.parent / "shared" / "seeds", ROOT / "examples" / "reports"]


def add_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--heldout",
        nargs="?",
        const="heldout",
        metavar="SET",
        help="score a held-out set instead: tests/gold/SET on the reports in tests/data/SET "
        "(heldout: the first, heldout2: written after the rules it measured)",
    )


def sources(args: argparse.Namespace, gold: Path) -> tuple[Path, list[Path]]:
    """The gold file and the report folders to score: the main ones, or a held-out set's."""
    if args.heldout:
        return ROOT / "tests" / "gold" / args.heldout / gold.name, [
            ROOT / "tests" / "data" / args.heldout
        ]
    return gold, FOLDERS
