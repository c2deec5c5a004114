"""Throughput of ``trucewatch extract`` against spaCy's own ``nlp.pipe`` on the same corpus.

The parse is the one cost trucewatch cannot avoid; everything else (reading files,
headers, hashing, near-duplicate signatures, extraction, JSON) is overhead to keep
small. So the benchmark reports two rates over the same words and their ratio:

(a) ``spacy.load(model).pipe(bodies)``: spaCy alone, bodies already in memory;
(b) ``pipeline.extract_stream([folder])`` plus ``json.dumps`` of every record to
    /dev/null: what ``trucewatch extract FOLDER > /dev/null`` does.

Each measurement runs in its own fresh interpreter (this script re-invoked with a
hidden ``--child`` flag), so model loading and peak memory of one never leak into
the other; the model is loaded and warmed before the clock starts. Runs alternate
a, b, a, b, ... and medians are reported, which keeps a noisy shared machine fair.

    python benchmarks/throughput.py [--mb 2] [--batch-size 32] [--processes 1]
                                    [--repeat 3] [--json] [--out DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "reports"
SEED = 20261125
TARGET_RATIO = 0.8
KINDS = {"spacy": "(a) spaCy nlp.pipe", "trucewatch": "(b) trucewatch extract"}

# The examples open with " date YYYY-MM-DD" and then a wire dateline ("BEIRUT:",
# "SRINAGAR, May 11 -"); both are stripped so paragraphs can be shuffled freely.
_EXAMPLE_HEADER = re.compile(r"\A\s*date\s+\S+\s*")
_EXAMPLE_DATELINE = re.compile(
    r"\A(?P<place>[A-Z][A-Z'’.\-]*(?: [A-Z][A-Z'’.\-]*)*)(?:, [A-Z][a-z]+ \d{1,2})? ?[:\-–—] +"
)
_HEADER_CHARS = len(" date 2025-01-01 ")  # every generated header has exactly this length
WARMUP = (
    " date 2025-01-19 GAZA CITY: Hamas and Israel began a ceasefire on Sunday, "
    "U.S. envoy Steve Witkoff said, and three hostages were freed.\n\n"
    "“We are going home,” said Reem, a nurse in Khan Younis.\n"
)


# --- corpus -------------------------------------------------------------------------


@dataclass
class Corpus:
    folder: str
    reports: int
    utf8_bytes: int
    words: int
    seed: int


def example_material() -> tuple[list[str], list[str]]:
    """Paragraphs and dateline places from examples/reports, headers stripped.

    Real report prose keeps the parse and the entity rules as busy as they are
    in use; invented filler would be tokenised and tagged differently.
    """
    paragraphs, places = [], []
    for path in sorted(EXAMPLES.glob("*.txt")):
        body = _EXAMPLE_HEADER.sub("", path.read_text("utf-8"), count=1)
        dateline = _EXAMPLE_DATELINE.match(body)
        if dateline:
            places.append(dateline["place"])
            body = body[dateline.end() :]
        paragraphs += [p.strip() for p in re.split(r"\n\s*\n", body) if p.strip()]
    return paragraphs, places


def make_report(number: int, rng: random.Random, paragraphs: list[str], places: list[str]) -> str:
    """One report of 400-800 words: header, dateline, shuffled paragraphs, a numbered line.

    The numbered sentence and the per-report paragraph choice make every body
    distinct, so ``extract_stream`` skips none as an exact duplicate.
    """
    target = rng.randint(400, 800)
    chosen, words = [], 0
    for paragraph in rng.sample(paragraphs, len(paragraphs)):
        if words >= target:
            break
        chosen.append(paragraph)
        words += len(paragraph.split())
    minutes = rng.randint(5, 95)
    note = f"This is report number {number} of the series, filed {minutes} minutes after the last."
    chosen.insert(rng.randint(1, len(chosen)), note)
    date = dt.date(2024, 11, 1) + dt.timedelta(days=rng.randrange(400))
    return f" date {date.isoformat()} {rng.choice(places)}: " + "\n\n".join(chosen) + "\n"


def write_corpus(folder: Path, megabytes: float, seed: int = SEED) -> Corpus:
    """Reports into ``folder`` until they hold ``megabytes`` MB of UTF-8; reproducible by seed."""
    folder.mkdir(parents=True, exist_ok=True)
    stale = [p for p in folder.iterdir() if not p.name.startswith("report-")]
    if stale:
        sys.exit(f"error: {folder} holds files other than an earlier corpus: {stale[0].name}")
    for old in folder.glob("report-*.txt"):
        old.unlink()
    paragraphs, places = example_material()
    rng = random.Random(seed)
    reports = size = words = 0
    while size < megabytes * 1_000_000:
        reports += 1
        text = make_report(reports, rng, paragraphs, places)
        (folder / f"report-{reports:05d}.txt").write_text(text, "utf-8")
        size += len(text.encode("utf-8"))
        words += len(report_body(text).split())
    check_bodies(folder)
    return Corpus(str(folder), reports, size, words, seed)


def report_body(text: str) -> str:
    """The body as trucewatch stores it: everything after the fixed-length header."""
    return text[_HEADER_CHARS:]


def check_bodies(folder: Path) -> None:
    """Fail early if (a) would parse other text than trucewatch's own header split gives (b)."""
    from trucewatch.ingest.documents import split_header

    for path in sorted(folder.glob("report-*.txt")):
        text = path.read_text("utf-8")
        if split_header(text, str(path))[1] != report_body(text):
            sys.exit(f"error: {path}: header split differs from trucewatch's")


# --- one measurement, in a fresh child process ---------------------------------------


def peak_rss_mib(n_process: int) -> float:
    """Peak resident memory of this process, plus the largest worker when spaCy forks some.

    ``ru_maxrss`` is KiB on Linux. Forked workers share the model's pages with
    the parent, so self + children over-counts somewhat; it is the same bound for
    both measurements.
    """
    kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if n_process > 1:
        kib += resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return kib / 1024


def measure_spacy(folder: Path, batch_size: int, n_process: int) -> dict:
    """(a) spaCy alone over the bodies, read before the clock starts."""
    import spacy

    from trucewatch.config import model_name

    bodies = [report_body(p.read_text("utf-8")) for p in sorted(folder.glob("report-*.txt"))]
    nlp = spacy.load(model_name())
    list(nlp.pipe([report_body(WARMUP)]))
    started = time.perf_counter()
    parsed = sum(1 for _doc in nlp.pipe(bodies, batch_size=batch_size, n_process=n_process))
    seconds = time.perf_counter() - started
    model = f"{nlp.meta.get('lang')}_{nlp.meta.get('name')} {nlp.meta.get('version')}"
    return {"documents": parsed, "seconds": seconds, "model": model}


def measure_trucewatch(folder: Path, batch_size: int, n_process: int) -> dict:
    """(b) ``trucewatch extract FOLDER > /dev/null``, after a warm-up run on one tiny report."""
    from trucewatch.nlp import load_model

    load_model()
    with tempfile.TemporaryDirectory() as warm, open(os.devnull, "w", encoding="utf-8") as sink:
        (Path(warm) / "warmup.txt").write_text(WARMUP, "utf-8")
        extract_to(sink, [warm], batch_size, 1)
        started = time.perf_counter()
        documents, errors = extract_to(sink, [str(folder)], batch_size, n_process)
        seconds = time.perf_counter() - started
    return {"documents": documents, "errors": errors, "seconds": seconds}


def extract_to(sink, paths: list[str], batch_size: int, n_process: int) -> tuple[int, int]:
    """The body of the ``extract`` command: JSON Lines for every document and record."""
    from trucewatch.pipeline import extract_stream

    problems = []
    documents = 0
    for document, records in extract_stream(
        paths,
        on_error=problems.append,
        on_skip=problems.append,
        batch_size=batch_size,
        n_process=n_process,
    ):
        sink.write(json.dumps(document.to_record(), ensure_ascii=False) + "\n")
        for record in records:
            sink.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
        documents += 1
    return documents, len(problems)


def child_main(kind: str, folder: str, batch_size: int, n_process: int) -> None:
    """Entry point of a child: one measurement, printed as one JSON line on stdout."""
    measure = measure_spacy if kind == "spacy" else measure_trucewatch
    result = measure(Path(folder), batch_size, n_process)
    result["peak_rss_mib"] = peak_rss_mib(n_process)
    print(json.dumps(result))


# --- the parent: corpus, alternating runs, summary -----------------------------------


def run_child(kind: str, corpus: Corpus, batch_size: int, n_process: int) -> dict:
    """One measurement in a fresh interpreter; its stderr (warnings) passes through."""
    command = [sys.executable, __file__, "--child", kind, "--corpus", corpus.folder]
    command += ["--batch-size", str(batch_size), "--processes", str(n_process)]
    done = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    if result["documents"] != corpus.reports or result.get("errors"):
        sys.exit(f"error: {kind} read {result['documents']} of {corpus.reports} reports: {result}")
    result["words_per_s"] = corpus.words / result["seconds"]
    return result


def run_all(corpus: Corpus, batch_size: int, n_process: int, repeat: int) -> dict[str, list[dict]]:
    """``repeat`` rounds of a then b, so drift on a shared machine hits both alike."""
    runs: dict[str, list[dict]] = {kind: [] for kind in KINDS}
    for round_ in range(1, repeat + 1):
        for kind in KINDS:
            result = run_child(kind, corpus, batch_size, n_process)
            runs[kind].append(result)
            print(
                f"  round {round_}/{repeat} {KINDS[kind]}: {result['words_per_s']:,.0f} words/s, "
                f"{result['seconds']:.1f} s, peak RSS {result['peak_rss_mib']:,.0f} MiB",
                file=sys.stderr,
                flush=True,
            )
    return runs


def summarise(corpus: Corpus, runs: dict[str, list[dict]], args: argparse.Namespace) -> dict:
    """Medians of each rate and of the per-round ratio b/a (paired, so drift cancels)."""
    ratios = [
        b["words_per_s"] / a["words_per_s"]
        for a, b in zip(runs["spacy"], runs["trucewatch"], strict=True)
    ]
    summary = {
        "date": dt.date.today().isoformat(),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "spacy": metadata.version("spacy"),
            "model": runs["spacy"][0]["model"],
        },
        "settings": {"batch_size": args.batch_size, "processes": args.processes},
        "corpus": asdict(corpus),
        "ratio": {"median": statistics.median(ratios), "runs": ratios, "target": TARGET_RATIO},
    }
    for kind, results in runs.items():
        summary[kind] = {
            "words_per_s": statistics.median(r["words_per_s"] for r in results),
            "runs_words_per_s": [r["words_per_s"] for r in results],
            "peak_rss_mib": max(r["peak_rss_mib"] for r in results),
        }
    return summary


def print_table(summary: dict) -> None:
    corpus, machine, settings = summary["corpus"], summary["machine"], summary["settings"]
    print(
        f"corpus: {corpus['reports']} reports, {corpus['utf8_bytes'] / 1e6:.2f} MB, "
        f"{corpus['words']:,} words (seed {corpus['seed']})\n"
        f"settings: batch size {settings['batch_size']}, processes {settings['processes']}, "
        f"{len(summary['ratio']['runs'])} rounds; Python {machine['python']}, "
        f"spaCy {machine['spacy']}, {machine['model']}, {machine['cpus']} CPUs\n"
    )
    print(f"{'':24} {'words/s (median)':>17} {'runs':>28} {'peak RSS':>12}")
    for kind, label in KINDS.items():
        row = summary[kind]
        each = " ".join(f"{w:,.0f}" for w in row["runs_words_per_s"])
        print(
            f"{label:24} {row['words_per_s']:>17,.0f} {each:>28} {row['peak_rss_mib']:>8,.0f} MiB"
        )
    ratio = summary["ratio"]
    each = " ".join(f"{r:.2f}" for r in ratio["runs"])
    verdict = "ok" if ratio["median"] >= ratio["target"] else "BELOW target"
    print(
        f"{'ratio b/a':24} {ratio['median']:>17.2f} {each:>28} "
        f"  target >= {ratio['target']:.2f}: {verdict}"
    )


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=2.0, help="corpus size in MB (default 2)")
    parser.add_argument("--batch-size", type=int, default=32, help="reports per batch (default 32)")
    parser.add_argument("--processes", type=int, default=1, help="parse processes (default 1)")
    parser.add_argument("--repeat", type=int, default=3, help="rounds of a, b (default 3)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--out", type=Path, help="write the corpus here and keep it")
    parser.add_argument("--child", choices=sorted(KINDS), help=argparse.SUPPRESS)
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if min(args.batch_size, args.processes, args.repeat) < 1 or args.mb <= 0:
        parser.error("--mb, --batch-size, --processes and --repeat must be positive")
    return args


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    if args.child:
        child_main(args.child, args.corpus, args.batch_size, args.processes)
        return
    with tempfile.TemporaryDirectory(prefix="trucewatch-bench-") as scratch:
        corpus = write_corpus(args.out or Path(scratch), args.mb)
        print(
            f"corpus: {corpus.reports} reports, {corpus.words:,} words in {corpus.folder}",
            file=sys.stderr,
        )
        runs = run_all(corpus, args.batch_size, args.processes, args.repeat)
    summary = summarise(corpus, runs, args)
    if args.json:
        print(json.dumps(summary, indent=2))
    else:
        print_table(summary)


if __name__ == "__main__":
    main()
