"""The query benchmark's generated database is one the store could have written.

benchmarks/queries.py times the ledger on 1,000,000 generated records; the
figures it reports mean something only if the generated rows keep the
store's invariants (here at a small size, on both backends).
"""

import datetime as dt
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from trucewatch.ledger import ledger_from_db, load_spec
from trucewatch.store import Database
from trucewatch.store.schema import RECORD_TABLES, documents

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import queries  # noqa: E402

pytestmark = pytest.mark.postgres


def test_generated_figures_keep_the_sentence_their_offsets_cut(db_url):
    with Database(db_url) as db:
        queries.fill(db, n_records=4000, n_docs=40)
        claims = RECORD_TABLES["claim"]
        query = select(
            claims.c.evidence, documents.c.body, claims.c.evidence_start, claims.c.evidence_end
        ).join(documents, documents.c.id == claims.c.doc_id)
        with db.engine.connect() as conn:
            rows = conn.execute(query).all()
        assert len(rows) == 1000
        assert all(kept == body[start:end] for kept, body, start, end in rows)
        assert all(2500 <= len(body) < 7100 for _, body, _, _ in rows)

        ledger = ledger_from_db(load_spec(queries.SPEC), db, dt.date(2025, 6, 1))
        evidence = [e for p in ledger["phases"] for o in p["obligations"] for e in o["evidence"]]
        assert evidence and all(e["evidence"] and e["doc"] for e in evidence)
