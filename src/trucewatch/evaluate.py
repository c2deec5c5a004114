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


def same_actors(gold: list[str] | None, predicted: list[str] | None, aliases) -> bool:
    """The same set of names: each gold name matched one to one (``same_speaker``)."""
    if not gold or not predicted:
        return not gold and not predicted
    if len(gold) != len(predicted):
        return False
    left = list(predicted)
    for name in gold:
        match = next((p for p in left if same_speaker(name, p, aliases)), None)
        if match is None:
            return False
        left.remove(match)
    return True


def pairs_in_clusters(labels: dict) -> set[frozenset]:
    """Unordered pairs of items that share a cluster label (None: an item alone)."""
    by_label: dict = {}
    for item, label in labels.items():
        if label is not None:
            by_label.setdefault(label, []).append(item)
    pairs = set()
    for members in by_label.values():
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                pairs.add(frozenset((a, b)))
    return pairs


def evaluate_events(gold_path: Path, folders: Iterable[Path]) -> dict:
    """Events against a gold file: type, type+actor, type+actor+date, and incidents.

    A predicted event matches a gold one when their triggers overlap (one to
    one, per report). Incident clustering is scored on pairs: a predicted pair
    of mentions in one incident is right when both match gold events that
    share a gold incident label.
    """
    from trucewatch.extract.actors import default_table
    from trucewatch.incidents import link
    from trucewatch.pipeline import extract_stream

    aliases = default_table()
    gold_rows = load_gold(gold_path)
    paths = report_paths({row["file"] for row in gold_rows}, folders)
    n_gold = n_pred = 0
    hits = {"type": 0, "type+actor": 0, "type+actor+date": 0}
    gold_incidents: dict[int, str | None] = {}
    predicted_all: list[dict] = []
    matched: dict[int, int] = {}  # predicted index -> gold index
    errors: list[dict] = []
    gold_index = {id(row): i for i, row in enumerate(gold_rows)}
    for i, row in enumerate(gold_rows):
        gold_incidents[i] = row.get("incident")
    for document, records in extract_stream([str(p) for p in paths.values()]):
        name = Path(document.path).name
        gold = [r for r in gold_rows if r["file"] == name]
        for row in gold:
            if document.body[row["start"] : row["end"]] != row["trigger"]:
                raise ValueError(
                    f"{gold_path}: {name}:{row['start']}: gold trigger does not match the body"
                )
        predicted = []
        for record in records:
            if record.kind != "event":
                continue
            data = record.to_dict()
            data["start"], data["end"] = record.trigger_start, record.trigger_end
            data["file"] = name
            predicted.append(data)
        base = len(predicted_all)
        predicted_all += predicted
        n_gold += len(gold)
        n_pred += len(predicted)
        position = {id(p): base + k for k, p in enumerate(predicted)}
        for g, p in match_spans(gold, predicted):
            matched[position[id(p)]] = gold_index[id(g)]
            if g["type"] != p["type"]:
                errors.append(
                    {"file": name, "trigger": g["trigger"], "gold": g["type"], "got": p["type"]}
                )
                continue
            hits["type"] += 1
            if not same_actors(g["actor"], p["actor"], aliases):
                errors.append(
                    {"file": name, "trigger": g["trigger"], "gold": g["actor"], "got": p["actor"]}
                )
                continue
            hits["type+actor"] += 1
            if g["date"] == p["date"]:
                hits["type+actor+date"] += 1
            else:
                errors.append(
                    {"file": name, "trigger": g["trigger"], "gold": g["date"], "got": p["date"]}
                )
        matched_gold = {matched[k] for k in range(base, len(predicted_all)) if k in matched}
        for g in gold:
            if gold_index[id(g)] not in matched_gold:
                errors.append(
                    {"file": name, "trigger": g["trigger"], "gold": "missed", "got": None}
                )
    order = sorted(
        range(len(predicted_all)),
        key=lambda k: (
            predicted_all[k]["doc_date"] or "",
            predicted_all[k]["file"],
            predicted_all[k]["start"],
        ),
    )
    numbers = link([predicted_all[k] for k in order])
    predicted_pairs = pairs_in_clusters(dict(zip(order, numbers, strict=True)))
    gold_pairs = pairs_in_clusters(gold_incidents)
    right = sum(
        1
        for pair in predicted_pairs
        if all(k in matched for k in pair) and frozenset(matched[k] for k in pair) in gold_pairs
    )
    result = {
        "files": sorted(paths),
        **{name: Score(n, n_pred, n_gold).as_dict() for name, n in hits.items()},
        "incidents": Score(right, len(predicted_pairs), len(gold_pairs)).as_dict(),
        "errors": errors,
    }
    return result
