"""Scale-out figures on one machine: workers, the Ray engine, and the two databases.

On the corpus that ``throughput.py`` generates (real report prose from
examples/reports), in one run, alternating, each measurement in a fresh
interpreter:

- ``local1`` / ``local2``: ``extract_stream`` with 1 and 2 spaCy processes;
- ``ray2``: the same through the Ray engine, 2 actors (Ray started before the
  clock, as a cluster would be; actor start-up and model loads are inside it);
- ``sqlite`` / ``postgres``: ``trucewatch ingest`` (1 process) into a fresh
  SQLite file and a fresh database on a throwaway PostgreSQL server.

Printed: words/s of each (median), the paired per-round ratios 2 workers / 1
(target >= 1.7), Ray / local at 2 (target within 10%), PostgreSQL / SQLite, and
peak RSS: the process itself, and its largest spaCy worker where it forks some.

    python benchmarks/scale.py [--mb 0.5] [--repeat 2] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import WARMUP, Corpus, write_corpus  # noqa: E402

KINDS = ("local1", "local2", "ray2", "sqlite", "postgres")
RATIOS = {  # name: (numerator, denominator, target, how the target reads)
    "2 workers / 1": ("local2", "local1", 1.7, ">="),
    "ray 2 actors / local 2 workers": ("ray2", "local2", 0.9, ">="),
    "ingest PostgreSQL / SQLite": ("postgres", "sqlite", None, ""),
    "ingest SQLite / extract (1 worker)": ("sqlite", "local1", None, ""),
}


def warm_up() -> None:
    from trucewatch.pipeline import extract_stream

    with tempfile.TemporaryDirectory() as warm:
        (Path(warm) / "warmup.txt").write_text(WARMUP, "utf-8")
        for _ in extract_stream([warm]):
            pass


def measure(kind: str, folder: str, batch_size: int, scratch: str) -> dict:
    from trucewatch import pipeline
    from trucewatch.store import Database

    warm_up()
    if kind == "ray2":
        from trucewatch.scale.ray_job import start_ray

        start_ray(num_cpus=2, temp_dir=tempfile.mkdtemp(prefix="tw-ray-", dir="/tmp"))
    if kind in ("sqlite", "postgres"):
        url = f"sqlite:///{scratch}/bench.db" if kind == "sqlite" else postgres_url()
        db = Database(url)
        started = time.perf_counter()
        summary = pipeline.ingest([folder], db, batch_size=batch_size)
        seconds = time.perf_counter() - started
        db.close()
        documents, errors = summary.documents, len(summary.errors)
    else:
        n_process = 1 if kind == "local1" else 2
        engine = "ray" if kind == "ray2" else "local"
        started = time.perf_counter()
        documents = 0
        for _document, _records in pipeline.extract_stream(
            [folder], batch_size=batch_size, n_process=n_process, engine=engine
        ):
            documents += 1
        seconds = time.perf_counter() - started
        errors = 0
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {
        "documents": documents,
        "errors": errors,
        "seconds": seconds,
        "rss_mib": own,
        "worker_rss_mib": worker if kind == "local2" else None,
    }


_SERVER = None


def postgres_url() -> str:
    """A database on a throwaway server, started once per child (outside the clock)."""
    global _SERVER
    from trucewatch.store.pgtemp import server_bindir, temporary_postgres

    bindir = server_bindir()
    if bindir is None:
        sys.exit("error: no PostgreSQL server binary (initdb): apt-get install postgresql")
    _SERVER = temporary_postgres(bindir)
    return _SERVER.__enter__().create_database("bench")


def run_child(kind: str, corpus: Corpus, batch_size: int) -> dict | None:
    command = [sys.executable, __file__, "--child", kind, "--corpus", corpus.folder]
    command += ["--batch-size", str(batch_size)]
    done = subprocess.run(command, stdout=subprocess.PIPE, text=True)
    if done.returncode != 0:
        print(f"  {kind}: failed (exit {done.returncode}), left out", file=sys.stderr)
        return None
    result = json.loads(done.stdout.strip().splitlines()[-1])
    if result["documents"] != corpus.reports or result["errors"]:
        sys.exit(f"error: {kind} read {result['documents']} of {corpus.reports}: {result}")
    result["words_per_s"] = corpus.words / result["seconds"]
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=0.5, help="corpus size in MB (default 0.5)")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--repeat", type=int, default=2, help="rounds (default 2)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--kinds", default=",".join(KINDS), help=f"which to run, of {','.join(KINDS)} (default all)"
    )
    parser.add_argument("--child", choices=KINDS, help=argparse.SUPPRESS)
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        with tempfile.TemporaryDirectory() as scratch:
            result = measure(args.child, args.corpus, args.batch_size, scratch)
            if _SERVER is not None:
                _SERVER.__exit__(None, None, None)
        print(json.dumps(result))
        return

    runs: dict[str, list[dict]] = {kind: [] for kind in KINDS}
    with tempfile.TemporaryDirectory(prefix="trucewatch-scale-") as scratch:
        corpus = write_corpus(Path(scratch) / "corpus", args.mb)
        print(f"corpus: {corpus.reports} reports, {corpus.words:,} words", file=sys.stderr)
        for round_ in range(1, args.repeat + 1):
            for kind in [k for k in KINDS if k in args.kinds.split(",")]:
                result = run_child(kind, corpus, args.batch_size)
                if result is None:
                    continue
                runs[kind].append(result)
                print(
                    f"  round {round_}/{args.repeat} {kind}: {result['words_per_s']:,.0f} words/s,"
                    f" {result['seconds']:.1f} s, RSS {result['rss_mib']:,.0f} MiB",
                    file=sys.stderr,
                    flush=True,
                )
    summary = summarise(corpus, runs, args)
    print(json.dumps(summary, indent=2) if args.json else table(summary))


def summarise(corpus: Corpus, runs: dict[str, list[dict]], args) -> dict:
    summary: dict = {"corpus": vars(corpus), "cpus": os.cpu_count(), "rounds": args.repeat}
    for kind, results in runs.items():
        if results:
            workers = [r["worker_rss_mib"] for r in results if r["worker_rss_mib"]]
            summary[kind] = {
                "words_per_s": statistics.median(r["words_per_s"] for r in results),
                "rss_mib": max(r["rss_mib"] for r in results),
                "worker_rss_mib": max(workers) if workers else None,
            }
    summary["ratios"] = {}
    for name, (top, bottom, target, sense) in RATIOS.items():
        pairs = list(zip(runs[top], runs[bottom], strict=False))
        if pairs:
            each = [a["words_per_s"] / b["words_per_s"] for a, b in pairs]
            summary["ratios"][name] = {
                "median": statistics.median(each),
                "runs": each,
                "target": f"{sense} {target}" if target else None,
            }
    return summary


def table(summary: dict) -> str:
    corpus = summary["corpus"]
    lines = [
        f"corpus: {corpus['reports']} reports, {corpus['words']:,} words; "
        f"{summary['cpus']} CPUs, {summary['rounds']} round(s)",
        "",
        f"{'':10} {'words/s':>10} {'peak RSS':>10} {'worker RSS':>11}",
    ]
    for kind in KINDS:
        if kind in summary:
            row = summary[kind]
            worker = f"{row['worker_rss_mib']:,.0f} MiB" if row["worker_rss_mib"] else "–"
            lines.append(
                f"{kind:10} {row['words_per_s']:>10,.0f} {row['rss_mib']:>6,.0f} MiB {worker:>11}"
            )
    lines.append("")
    for name, ratio in summary["ratios"].items():
        each = " ".join(f"{r:.2f}" for r in ratio["runs"])
        target = f"  (target {ratio['target']})" if ratio["target"] else ""
        lines.append(f"{name:36} {ratio['median']:.2f}  [{each}]{target}")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
