"""The extract stage as a Ray Data job: an actor pool that holds the model once per actor.

The driver reads the inputs and decides what is new (only it talks to the
database, so SQLite works as long as the driver is the one writer). New
documents go to Ray in windows; each window becomes a dataset whose
``map_batches`` runs a callable class (``ExtractBatch``) in an
``ActorPoolStrategy`` pool, one model per actor. Results come back in input
order (``preserve_order``), so near-duplicate links and stored rows are the
same as the local engine's.

Documents and records cross process boundaries pickled: they are plain
dataclasses, and pickling keeps dates and offsets exactly as extracted, which
is what makes the two engines' output identical.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Iterable, Iterator
from importlib import resources
from itertools import islice

from trucewatch.errors import TrucewatchError
from trucewatch.extract import Record
from trucewatch.ingest import Document
from trucewatch.nlp import DEFAULT_BATCH_SIZE

# Documents per Ray dataset. A window is parsed by a fresh actor pool (one
# model load per actor, about a second), so windows are large enough for that
# to vanish in the parse, and small enough to keep the driver's memory flat on
# any input size.
WINDOW_BATCHES = 64
_LOGGING_CONFIG = resources.files("trucewatch.data").joinpath("ray_logging.yaml")


class RayNotInstalled(TrucewatchError):
    def __init__(self) -> None:
        super().__init__(
            "the Ray engine needs Ray: pip install 'trucewatch[ray]' (or use --engine local)"
        )


class ExtractBatch:
    """Ray Data callable class: loads the model once, then parses and extracts batches."""

    def __init__(self, model: str | None) -> None:
        from trucewatch.extract.actors import default_table
        from trucewatch.nlp import load_model

        self.nlp = load_model(model)
        self.aliases = default_table()

    def __call__(self, batch: dict) -> dict:
        import numpy as np

        from trucewatch.extract import extract
        from trucewatch.nlp import parse_documents

        docs = [pickle.loads(blob) for blob in batch["document"]]
        pairs = parse_documents(docs, self.nlp, batch_size=len(docs))
        results = [
            pickle.dumps((document, extract(document, doc, self.aliases)))
            for doc, document in pairs
        ]
        return {"result": np.array(results, dtype=object)}


def start_ray(address: str | None = None, num_cpus: int | None = None, temp_dir: str | None = None):
    """Join the cluster at ``address``, or start a local Ray with the machine's cores."""
    # Set before Ray is imported: Ray Data reads its logging config at import.
    # Ray would otherwise report usage to its makers; nothing leaves this machine.
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    os.environ.setdefault("RAY_DATA_LOGGING_CONFIG", str(_LOGGING_CONFIG))
    try:
        import ray
        import ray.data
    except ImportError:
        raise RayNotInstalled() from None
    if not ray.is_initialized():
        if address:
            ray.init(address=address, log_to_driver=False, configure_logging=False)
        else:
            ray.init(
                num_cpus=num_cpus or os.cpu_count(),
                include_dashboard=False,
                log_to_driver=False,
                configure_logging=False,
                _temp_dir=temp_dir,
            )
    context = ray.data.DataContext.get_current()
    context.execution_options.preserve_order = True
    context.enable_progress_bars = False
    context.print_on_execution_start = False
    return ray


def ray_extract(
    docs: Iterable[Document],
    *,
    actors: int = 2,
    batch_size: int = DEFAULT_BATCH_SIZE,
    model: str | None = None,
    address: str | None = None,
) -> Iterator[tuple[Document, list[Record]]]:
    """Parse and extract ``docs`` on Ray with ``actors`` model-holding actors, in input order."""
    ray = start_ray(address)
    docs = iter(docs)
    window = batch_size * WINDOW_BATCHES
    while chunk := list(islice(docs, window)):
        dataset = ray.data.from_items([{"document": pickle.dumps(d)} for d in chunk])
        results = dataset.map_batches(
            ExtractBatch,
            fn_constructor_kwargs={"model": model},
            batch_size=batch_size,
            batch_format="numpy",
            compute=ray.data.ActorPoolStrategy(size=min(actors, len(chunk))),
            num_cpus=1,
        )
        for row in results.iter_rows():
            yield pickle.loads(row["result"])
