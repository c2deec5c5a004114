"""Ingest: inputs in any supported format become ``Document`` objects.

Entry point: ``documents(paths)`` yields a ``Document`` or an ``InputError``
for every report found under the paths.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from trucewatch.errors import InputError
from trucewatch.ingest import dedup
from trucewatch.ingest.documents import Document, RawReport, make_document
from trucewatch.ingest.readers import read_inputs

__all__ = ["Document", "RawReport", "dedup", "documents", "make_document"]


def documents(paths: Iterable[str]) -> Iterator[Document | InputError]:
    for item in read_inputs(paths):
        if isinstance(item, InputError):
            yield item
            continue
        try:
            yield make_document(item)
        except InputError as error:
            yield error
