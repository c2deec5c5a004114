"""Time-expression accuracy against tests/gold/timex.jsonl: trucewatch's resolver
beside dateparser alone on the same cases (the baseline).

    python benchmarks/timex_eval.py [--json] [--misses]

Each gold case is an expression, a report date (``reference``, may be null)
and a tense ("future" where the verb looks ahead), with the expected ``value``
and inclusive bounds ``low``/``high``. A case is right when the value and both
bounds match: "later this week" has no value but has bounds, and an answer of
nothing is right only where the gold says nothing can be known.

The cases are the project's own, in two sets: "dev", written from the rules
in the module doc while the resolver was built, and "held-out", written
afterwards without running either system; the few held-out misses were then
fixed, so from now on both sets measure regressions more than generalisation.

dateparser (1.5.0) runs with ``languages=['en']``, ``RELATIVE_BASE`` = the
report date (left unset without one, as a caller who trusts it would) and
``PREFER_DATES_FROM`` "current_period" or "past" ("future" for future cases).
Its answer (a datetime and a period) is read as generously as it allows: a
"day" is that day, a "week" its ISO week, a "month" or "year" the whole unit,
and for a clock-time case its hour and minute.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import time
from collections import Counter
from pathlib import Path

from trucewatch.extract.timex import resolve

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold" / "timex.jsonl"


def load(path: Path = GOLD) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def reference_of(case: dict) -> dt.date | None:
    return dt.date.fromisoformat(case["reference"]) if case["reference"] else None


def trucewatch_answer(case: dict) -> dict:
    timex = resolve.__wrapped__(case["text"], reference_of(case), tense=case["tense"])
    if timex is None:
        return {"kind": None, "value": None, "low": None, "high": None, "qualifier": None}
    return {
        "kind": timex.kind,
        "value": timex.value,
        "low": timex.low and timex.low.isoformat(),
        "high": timex.high and timex.high.isoformat(),
        "qualifier": timex.qualifier,
    }


def dateparser_parser(reference: dt.date | None, prefer: str):
    from dateparser.date import DateDataParser

    settings = {"PREFER_DATES_FROM": prefer, "RETURN_AS_TIMEZONE_AWARE": False}
    if reference is not None:
        settings["RELATIVE_BASE"] = dt.datetime(reference.year, reference.month, reference.day)
    return DateDataParser(languages=["en"], settings=settings)


def dateparser_answer(case: dict, prefer: str) -> dict:
    """dateparser's reading of one case, projected onto value and bounds (module doc)."""
    prefer = "future" if case["tense"] == "future" else prefer
    data = dateparser_parser(reference_of(case), prefer).get_date_data(case["text"])
    nothing = {"value": None, "low": None, "high": None}
    if data is None or data.date_obj is None:
        return nothing
    moment = data.date_obj
    day = moment.date()
    if case["kind"] == "time":
        clock = moment.strftime("T%H:%M")
        if case["low"] is None:
            return {"value": clock, "low": None, "high": None}
        return {"value": day.isoformat() + clock, "low": day.isoformat(), "high": day.isoformat()}
    if data.period == "week":
        year, week, weekday = day.isocalendar()
        monday = day - dt.timedelta(days=weekday - 1)
        low, high = monday, monday + dt.timedelta(days=6)
        value = f"{year}-W{week:02d}"
    elif data.period == "month":
        low = day.replace(day=1)
        high = (low + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        value = f"{day.year}-{day.month:02d}"
    elif data.period == "year":
        low, high, value = dt.date(day.year, 1, 1), dt.date(day.year, 12, 31), str(day.year)
    else:
        low = high = day
        value = day.isoformat()
    return {"value": value, "low": low.isoformat(), "high": high.isoformat()}


def right(answer: dict, case: dict) -> bool:
    return all(answer[key] == case[key] for key in ("value", "low", "high"))


def evaluate(path: Path = GOLD) -> dict:
    """Accuracy (value and bounds) of trucewatch and of dateparser alone, overall and by kind."""
    cases = load(path)
    systems = {
        "trucewatch": trucewatch_answer,
        "dateparser (current_period)": lambda c: dateparser_answer(c, "current_period"),
        "dateparser (past)": lambda c: dateparser_answer(c, "past"),
    }
    dateparser_parser(None, "past").get_date_data("today")  # its first call loads data: not timed
    result: dict = {"cases": len(cases), "systems": {}, "misses": []}
    for name, answer_of in systems.items():
        started = time.perf_counter()
        answers = [answer_of(case) for case in cases]
        elapsed = time.perf_counter() - started
        scores = {"by_kind": Counter(), "by_set": Counter()}
        totals = {"by_kind": Counter(), "by_set": Counter()}
        for case, answer in zip(cases, answers, strict=True):
            for key, group in (("by_kind", case["kind"] or "none"), ("by_set", case["set"])):
                totals[key][group] += 1
                scores[key][group] += right(answer, case)
        result["systems"][name] = {
            "accuracy": sum(scores["by_set"].values()) / len(cases),
            "right": sum(scores["by_set"].values()),
            "microseconds_per_case": elapsed / len(cases) * 1e6,
        } | {
            key: {k: {"right": scores[key][k], "of": totals[key][k]} for k in sorted(totals[key])}
            for key in scores
        }
        if name == "trucewatch":
            result["misses"] = [
                {"case": case, "answer": answer}
                for case, answer in zip(cases, answers, strict=True)
                if not right(answer, case)
            ]
            result["kind_accuracy"] = sum(
                answer["kind"] == case["kind"] for case, answer in zip(cases, answers, strict=True)
            ) / len(cases)
            result["qualifier_accuracy"] = sum(
                answer["qualifier"] == case["qualifier"]
                for case, answer in zip(cases, answers, strict=True)
            ) / len(cases)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument(
        "--misses", action="store_true", help="list the cases trucewatch gets wrong"
    )
    args = parser.parse_args()
    result = evaluate()
    if args.json:
        print(json.dumps(result, indent=2, default=str))
        return
    systems = result["systems"]
    sets = list(systems["trucewatch"]["by_set"])
    print(f"time expressions: {result['cases']} gold cases ({GOLD.relative_to(ROOT)})\n")
    print(f"{'':28}{'accuracy':>9}{'right':>10}" + "".join(f"{s:>10}" for s in sets) + "  µs/case")
    for name, s in systems.items():
        per_set = "".join(f"{s['by_set'][k]['right'] / s['by_set'][k]['of']:10.3f}" for k in sets)
        right_of = f"{s['right']}/{result['cases']}"
        print(
            f"{name:28}{s['accuracy']:9.3f}{right_of:>10}{per_set}{s['microseconds_per_case']:9.0f}"
        )
    print("\nright / cases, by gold kind")
    print(f"{'':10}" + "".join(f"{name:>30}" for name in systems))
    for kind in systems["trucewatch"]["by_kind"]:
        cells = (
            f"{s['by_kind'][kind]['right']}/{s['by_kind'][kind]['of']}" for s in systems.values()
        )
        print(f"{kind:10}" + "".join(f"{cell:>30}" for cell in cells))
    print(
        f"\ntrucewatch: kind right in {result['kind_accuracy']:.3f} of cases, "
        f"qualifier in {result['qualifier_accuracy']:.3f}"
    )
    if args.misses:
        print("\ntrucewatch misses:")
        for miss in result["misses"]:
            case, answer = miss["case"], miss["answer"]
            print(f"  {case['text']!r} ({case['reference']}, {case['tense']}): {answer}")


if __name__ == "__main__":
    main()
