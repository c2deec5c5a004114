"""Quality gate: accuracy on the gold files may not drop below the pinned baseline."""

import json
from pathlib import Path

import pytest

from trucewatch.evaluate import (
    evaluate_claims,
    evaluate_entities,
    evaluate_events,
    evaluate_quotes,
)

GOLD = Path(__file__).resolve().parent / "gold"
ROOT = GOLD.parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
# The gold covers the seed and the examples. A user's clone has no ../shared: the
# gold is then scored on the examples alone, against that set's own floors.
REPORTS = [SEEDS, ROOT / "examples" / "reports"]


def baseline_for(kind: str) -> dict:
    """The baseline for ``kind``, with the examples-only floors when the seed is absent."""
    baseline = json.loads((GOLD / "baseline.json").read_text("utf-8"))
    merged = dict(baseline[kind])
    if not any(SEEDS.glob("*.txt")):
        for name, metrics in baseline["without_seed"].get(kind, {}).items():
            merged[name] = {**merged.get(name, {}), **metrics}
    return merged


@pytest.mark.slow
def test_entities_meet_the_baseline():
    minimum = baseline_for("entities")
    result = evaluate_entities(GOLD / "entities.jsonl", REPORTS)
    assert result["files"], "no gold report found"
    for metric, floor in minimum.items():
        assert result["overall"][metric] >= floor, (metric, result["overall"])
    # The rules must beat the model they correct.
    assert result["overall"]["f1"] > result["baseline"]["f1"]


@pytest.mark.slow
def test_quotes_meet_the_baseline():
    minimum = baseline_for("quotes")
    result = evaluate_quotes(GOLD / "quotes.jsonl", REPORTS)
    assert result["files"], "no gold report found"
    for name, floors in minimum.items():
        for metric, floor in floors.items():
            assert result[name][metric] >= floor, (name, metric, result[name])


@pytest.mark.slow
def test_claims_meet_the_baseline():
    """Issue 4: at least 90% of gold claims found with the right value, category,
    source and modality (``overall`` recall)."""
    minimum = baseline_for("claims")
    result = evaluate_claims(GOLD / "claims.jsonl", REPORTS)
    assert result["files"], "no gold report found"
    assert result["overall"]["gold"] >= 80
    for name, floors in minimum.items():
        for metric, floor in floors.items():
            assert result[name][metric] >= floor, (name, metric, result[name])


@pytest.mark.slow
def test_events_meet_the_baseline():
    minimum = baseline_for("events")
    result = evaluate_events(GOLD / "events.jsonl", REPORTS)
    assert result["files"], "no gold report found"
    for name, floors in minimum.items():
        for metric, floor in floors.items():
            assert result[name][metric] >= floor, (name, metric, result[name])


@pytest.mark.slow
@pytest.mark.parametrize("held_out", ["heldout", "heldout2"])
def test_held_out_reports_meet_their_baseline(held_out):
    """Reports no rule was written from (tests/data/heldout*): the floors say how far the
    rules carry to another conflict and other outlets' styles (benchmarks/README.md)."""
    minimum = json.loads((GOLD / "baseline.json").read_text("utf-8"))[held_out]
    reports = [GOLD.parent / "data" / held_out]
    results = {
        "quotes": evaluate_quotes(GOLD / held_out / "quotes.jsonl", reports),
        "claims": evaluate_claims(GOLD / held_out / "claims.jsonl", reports),
    }
    if (GOLD / held_out / "events.jsonl").exists():
        results["events"] = evaluate_events(GOLD / held_out / "events.jsonl", reports)
    for kind, floors in minimum.items():
        assert results[kind]["files"], f"no {held_out} report found"
        for name, metrics in floors.items():
            for metric, floor in metrics.items():
                assert results[kind][name][metric] >= floor, (kind, name, results[kind][name])
