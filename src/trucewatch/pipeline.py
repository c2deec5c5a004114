"""The stages joined up: inputs -> documents -> spaCy -> records -> out.

``extract_stream`` is the database-free path (``trucewatch extract``);
``ingest`` stores what it yields (``trucewatch ingest``). Both report bad
inputs through ``on_error`` and carry on with the rest of the batch.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from trucewatch.errors import InputError
from trucewatch.extract import EXTRACTOR_VERSION, Record, extract
from trucewatch.extract.actors import AliasTable, default_table
from trucewatch.ingest import Document, dedup, documents
from trucewatch.nlp import DEFAULT_BATCH_SIZE, load_model, model_id, parse_documents
from trucewatch.store import Database

ErrorHandler = Callable[[InputError], None]
ProgressHandler = Callable[[Document], None]


def _ignore(_item) -> None:
    return None


@dataclass
class IngestSummary:
    run_id: int | None = None
    documents: int = 0
    skipped: int = 0
    near_duplicates: int = 0
    records: dict[str, int] = field(default_factory=dict)
    errors: list[InputError] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def record_total(self) -> int:
        return sum(self.records.values())


def new_documents(
    paths: Iterable[str],
    is_known: Callable[[Document], bool],
    on_error: ErrorHandler,
    on_skip: Callable[[Document], None] = _ignore,
) -> Iterator[Document]:
    """Documents under the paths that are neither stored already nor seen earlier in this run."""
    seen: set[str] = set()
    for item in documents(paths):
        if isinstance(item, InputError):
            on_error(item)
        elif item.content_hash in seen or is_known(item):
            on_skip(item)
        else:
            seen.add(item.content_hash)
            yield item


def extract_documents(
    docs: Iterable[Document],
    *,
    aliases: AliasTable | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    n_process: int = 1,
    model: str | None = None,
    engine: str = "local",
    ray_address: str | None = None,
) -> Iterator[tuple[Document, list[Record]]]:
    """Parse and extract, in batches, keeping each document with its records.

    ``engine="ray"`` runs the same extraction in a Ray Data actor pool of
    ``n_process`` actors (``trucewatch.scale``); the records are identical.
    """
    if engine == "ray":
        from trucewatch.scale import ray_extract

        yield from ray_extract(
            docs, actors=n_process, batch_size=batch_size, model=model, address=ray_address
        )
        return
    if engine != "local":
        raise ValueError(f"unknown engine {engine!r}: use 'local' or 'ray'")
    nlp = load_model(model)
    aliases = aliases or default_table()
    for doc, document in parse_documents(docs, nlp, batch_size, n_process):
        yield document, extract(document, doc, aliases)


def extract_stream(
    paths: Iterable[str],
    *,
    on_error: ErrorHandler = _ignore,
    on_skip: Callable[[Document], None] = _ignore,
    batch_size: int = DEFAULT_BATCH_SIZE,
    n_process: int = 1,
    model: str | None = None,
    engine: str = "local",
    ray_address: str | None = None,
) -> Iterator[tuple[Document, list[Record]]]:
    """Records for every report under the paths, without a database.

    Exact duplicates within the inputs are skipped; near-duplicates are
    linked (``near_duplicate_of``) to the first similar report seen.
    """
    index = dedup.MemoryIndex()
    docs = new_documents(paths, lambda _d: False, on_error, on_skip)
    for document, records in extract_documents(
        docs,
        batch_size=batch_size,
        n_process=n_process,
        model=model,
        engine=engine,
        ray_address=ray_address,
    ):
        signature = dedup.signature(document.body)
        match = index.find(signature)
        if match is not None:
            document.near_duplicate_of, document.similarity = match.doc_id, match.similarity
        index.add(document.id, signature)
        yield document, records


def ingest(
    paths: Iterable[str],
    db: Database,
    *,
    on_error: ErrorHandler = _ignore,
    on_document: ProgressHandler = _ignore,
    batch_size: int = DEFAULT_BATCH_SIZE,
    n_process: int = 1,
    model: str | None = None,
    engine: str = "local",
    ray_address: str | None = None,
) -> IngestSummary:
    """Store every new report under the paths with its records; returns what was done.

    Reports already stored (same content hash) are skipped before parsing, so
    a re-run after a crash only does the work that is missing.
    """
    started = time.perf_counter()
    summary = IngestSummary()
    summary.run_id = db.start_run(EXTRACTOR_VERSION, model_id(load_model(model)), engine)

    def failed(error: InputError) -> None:
        summary.errors.append(error)
        db.record_error(summary.run_id, error)
        on_error(error)

    def skipped(_document: Document) -> None:
        summary.skipped += 1

    docs = new_documents(paths, lambda d: db.has_document(d.content_hash), failed, skipped)
    for document, records in extract_documents(
        docs,
        batch_size=batch_size,
        n_process=n_process,
        model=model,
        engine=engine,
        ray_address=ray_address,
    ):
        if not db.save(document, records, summary.run_id):
            summary.skipped += 1
            continue
        summary.documents += 1
        summary.near_duplicates += document.near_duplicate_of is not None
        for record in records:
            summary.records[record.kind] = summary.records.get(record.kind, 0) + 1
        on_document(document)

    summary.seconds = time.perf_counter() - started
    db.finish_run(
        summary.run_id,
        documents=summary.documents,
        skipped=summary.skipped,
        errors=len(summary.errors),
        records=summary.record_total,
    )
    return summary


def reextract(
    db: Database,
    *,
    every: bool = False,
    on_document: ProgressHandler = _ignore,
    batch_size: int = DEFAULT_BATCH_SIZE,
    n_process: int = 1,
    model: str | None = None,
) -> IngestSummary:
    """Extract stored reports again and replace their records: those an older (or
    other) extractor version wrote, or all with ``every``.

    After an upgrade the stored records are still the old extractor's; this
    brings them to the current one without reading the inputs again. Each
    report is replaced in one transaction, so a run stopped half-way leaves
    every report either old or new, and running it again finishes the rest.
    """
    started = time.perf_counter()
    summary = IngestSummary()
    summary.run_id = db.start_run(EXTRACTOR_VERSION, model_id(load_model(model)), "reextract")
    stale = db.stale_documents(EXTRACTOR_VERSION, every=every)
    for document, records in extract_documents(
        stale, batch_size=batch_size, n_process=n_process, model=model
    ):
        db.replace_records(document.id, records, summary.run_id)
        summary.documents += 1
        for record in records:
            summary.records[record.kind] = summary.records.get(record.kind, 0) + 1
        on_document(document)
    summary.seconds = time.perf_counter() - started
    db.finish_run(
        summary.run_id,
        documents=summary.documents,
        skipped=0,
        errors=0,
        records=summary.record_total,
    )
    return summary


def ingest_rows(
    rows: Iterable[dict], db: Database, *, origin: str = "rows", model: str | None = None
) -> list[dict]:
    """Store reports given as JSON-like rows (``text``, ``date``, ``title``, ``url``, ...).

    The path the API's ``POST /api/reports`` takes: each row is read as a JSON
    Lines row would be, then extracted and stored like ``ingest``. Returns per
    row its document ``id``, whether it was ``stored`` (False: already there),
    its ``records`` count and any input ``error``.
    """
    from trucewatch.ingest import make_document
    from trucewatch.ingest.readers import report_from_row

    results: list[dict] = []
    todo: list[tuple[int, Document]] = []
    for number, row in enumerate(rows, start=1):
        item = report_from_row(row, f"{origin}:{number}")
        try:
            if isinstance(item, InputError):
                raise item
            document = make_document(item)
        except InputError as error:
            results.append({"id": None, "stored": False, "records": 0, "error": error.message})
            continue
        results.append({"id": document.id, "stored": False, "records": 0, "error": None})
        if not db.has_document(document.content_hash):
            todo.append((len(results) - 1, document))
    if not todo:
        return results
    run_id = db.start_run(EXTRACTOR_VERSION, model_id(load_model(model)), "api")
    stored = records_total = 0
    extracted = extract_documents((d for _, d in todo), model=model)
    for (index, _), (document, records) in zip(todo, extracted, strict=True):
        if db.save(document, records, run_id):
            stored += 1
            records_total += len(records)
            results[index].update(stored=True, records=len(records))
    db.finish_run(
        run_id, documents=stored, skipped=len(todo) - stored, errors=0, records=records_total
    )
    return results
