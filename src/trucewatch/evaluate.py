"""Scoring extractors against gold files: precision, recall and F1 on exact spans.

Gold files are JSON Lines, one annotation a line, with ``file`` (the report's
file name), ``start``, ``end``, ``label`` and ``text`` (checked against the
body, so a gold file cannot drift from its report). A prediction counts only
when file, offsets and label all match.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

Key = tuple[str, int, int, str]


@dataclass(frozen=True)
class Score:
    true_positives: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "gold": self.gold,
            "predicted": self.predicted,
        }


def load_gold(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def score(gold: Iterable[Key], predicted: Iterable[Key]) -> Score:
    gold_set, predicted_set = set(gold), set(predicted)
    return Score(len(gold_set & predicted_set), len(predicted_set), len(gold_set))


def score_by_label(gold: list[Key], predicted: list[Key]) -> dict[str, Score]:
    labels = sorted(Counter(k[3] for k in gold) | Counter(k[3] for k in predicted))
    return {
        label: score([k for k in gold if k[3] == label], [k for k in predicted if k[3] == label])
        for label in labels
    }


def report_paths(names: set[str], folders: Iterable[Path]) -> dict[str, Path]:
    """Where each gold file's report is, among the folders searched."""
    found = {}
    for folder in folders:
        for name in names:
            if (folder / name).is_file():
                found[name] = folder / name
    return found


def evaluate_entities(gold_path: Path, folders: Iterable[Path]) -> dict:
    """Score trucewatch's entities, and spaCy's NER alone as the baseline, on a gold file."""
    from trucewatch.extract.entities import LABELS
    from trucewatch.nlp import load_model
    from trucewatch.pipeline import extract_stream

    gold_rows = load_gold(gold_path)
    paths = report_paths({row["file"] for row in gold_rows}, folders)
    nlp = load_model()
    gold, predicted, baseline = [], [], []
    for document, records in extract_stream([str(p) for p in paths.values()]):
        name = Path(document.path).name
        for row in (r for r in gold_rows if r["file"] == name):
            if document.body[row["start"] : row["end"]] != row["text"]:
                raise ValueError(
                    f"{gold_path}: {name}:{row['start']}: gold text does not match the body"
                )
            gold.append((name, row["start"], row["end"], row["label"]))
        predicted += [(name, r.start, r.end, r.label) for r in records if r.kind == "entity"]
        baseline += [
            (name, e.start_char, e.end_char, e.label_)
            for e in nlp(document.body).ents
            if e.label_ in LABELS
        ]
    return {
        "files": sorted(paths),
        "overall": score(gold, predicted).as_dict(),
        "baseline": score(gold, baseline).as_dict(),
        "by_label": {k: v.as_dict() for k, v in score_by_label(gold, predicted).items()},
    }


def _speaker_key(name: str | None, aliases) -> str | None:
    """Speakers compare on their canonical form, ignoring case, articles and apostrophe style."""
    if name is None:
        return None
    actor = aliases.lookup(name)
    text = actor.canonical if actor is not None else name
    text = text.replace("’", "'").casefold().strip()
    for article in ("the ", "a ", "an "):
        if text.startswith(article):
            text = text[len(article) :]
    return text


def same_speaker(gold: str | None, predicted: str | None, aliases) -> bool:
    """Equal, or one name starts or ends the other on a word boundary: the same
    head with more or fewer modifiers (``Prime Minister Benjamin Netanyahu's
    office`` and ``Netanyahu's office``; ``senior diplomat involved in the talks``
    and ``senior diplomat``)."""
    a, b = _speaker_key(gold, aliases), _speaker_key(predicted, aliases)
    if a is None or b is None:
        return a is b
    short, long = sorted((a, b), key=len)
    return long == short or long.endswith(" " + short) or long.startswith(short + " ")


def match_spans(gold: list[dict], predicted: list[dict]) -> list[tuple[dict, dict]]:
    """One-to-one pairs of overlapping spans, largest overlaps first."""
    overlaps = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            overlap = min(g["end"], p["end"]) - max(g["start"], p["start"])
            if overlap > 0:
                overlaps.append((overlap, gi, pi))
    pairs, used_gold, used_pred = [], set(), set()
    for _overlap, gi, pi in sorted(overlaps, reverse=True):
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            pairs.append((gold[gi], predicted[pi]))
    return pairs


def evaluate_quotes(gold_path: Path, folders: Iterable[Path]) -> dict:
    """Quotation detection (span overlap) and speaker attribution against a gold file."""
    from trucewatch.extract.actors import default_table
    from trucewatch.pipeline import extract_stream

    aliases = default_table()
    gold_rows = load_gold(gold_path)
    paths = report_paths({row["file"] for row in gold_rows}, folders)
    found = attributed = n_gold = n_pred = 0
    misses: list[dict] = []
    for document, records in extract_stream([str(p) for p in paths.values()]):
        name = Path(document.path).name
        gold = [r for r in gold_rows if r["file"] == name]
        for row in gold:
            if document.body[row["start"] : row["end"]] != row["content"]:
                raise ValueError(
                    f"{gold_path}: {name}:{row['start']}: gold text does not match the body"
                )
        predicted = [r.to_dict() for r in records if r.kind == "quote"]
        pairs = match_spans(gold, predicted)
        n_gold += len(gold)
        n_pred += len(predicted)
        found += len(pairs)
        for g, p in pairs:
            if same_speaker(g["speaker"], p["speaker"], aliases):
                attributed += 1
            else:
                misses.append(
                    {
                        "file": name,
                        "content": g["content"][:60],
                        "gold": g["speaker"],
                        "predicted": p["speaker"],
                    }
                )
    return {
        "files": sorted(paths),
        "content": Score(found, n_pred, n_gold).as_dict(),
        "attribution": Score(attributed, n_pred, n_gold).as_dict(),
        "speaker_errors": misses,
    }


CLAIM_FIELDS = (
    "value",
    "category",
    "source",
    "qualifier",
    "modality",
    "date",
    "as_of",
    "cumulative",
)


def _same_value(gold, predicted) -> bool:
    if gold is None or predicted is None:
        return gold is predicted
    return abs(float(gold) - float(predicted)) <= 1e-6 * max(1.0, abs(float(gold)))


def evaluate_claims(gold_path: Path, folders: Iterable[Path]) -> dict:
    """Numeric claims against a gold file: detection (span overlap, one to one), the
    accuracy of each field over the claims found, and ``overall``: a claim is right
    when it is found with the gold value, category, source and modality."""
    from trucewatch.extract.actors import default_table
    from trucewatch.pipeline import extract_stream

    aliases = default_table()
    gold_rows = load_gold(gold_path)
    paths = report_paths({row["file"] for row in gold_rows}, folders)
    n_gold = n_pred = found = right = 0
    correct = Counter()
    errors: list[dict] = []
    for document, records in extract_stream([str(p) for p in paths.values()]):
        name = Path(document.path).name
        gold = [r for r in gold_rows if r["file"] == name]
        for row in gold:
            if document.body[row["start"] : row["end"]] != row["text"]:
                raise ValueError(
                    f"{gold_path}: {name}:{row['start']}: gold text does not match the body"
                )
        predicted = [r.to_dict() for r in records if r.kind == "claim"]
        pairs = match_spans(gold, predicted)
        n_gold += len(gold)
        n_pred += len(predicted)
        found += len(pairs)
        for g, p in pairs:
            ok = {
                "value": _same_value(g["value"], p["value"]),
                "source": same_speaker(g["source"], p["source"], aliases),
            }
            for field in CLAIM_FIELDS:
                ok.setdefault(field, g[field] == p[field])
            correct.update(field for field, good in ok.items() if good)
            if all(ok[f] for f in ("value", "category", "source", "modality")):
                right += 1
            wrong = [f for f in CLAIM_FIELDS if not ok[f]]
            if wrong:
                errors.append(
                    {
                        "file": name,
                        "text": g["text"],
                        "fields": {f: {"gold": g[f], "predicted": p[f]} for f in wrong},
                    }
                )
        matched = {id(g) for g, _ in pairs}
        errors += [
            {"file": name, "text": g["text"], "missed": True} for g in gold if id(g) not in matched
        ]
    return {
        "files": sorted(paths),
        "detection": Score(found, n_pred, n_gold).as_dict(),
        "fields": {f: round(correct[f] / found, 4) if found else 0.0 for f in CLAIM_FIELDS},
        "overall": Score(right, n_pred, n_gold).as_dict(),
        "errors": errors,
    }
