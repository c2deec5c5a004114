"""Review: an analyst's verdicts on extracted records, and the records as they leave them.

Entry points: ``review(db, ref, verdict, reviewer, ...)`` stores a verdict on
the record ``DOC:START-END`` names; ``history`` reads a record's reviews;
``reviewed_figures`` gives the ledger its figures as the reviews left them;
``review_queue`` (``review.queue``) ranks what to review first;
``export_reviews`` and ``import_reviews`` move reviews through files;
``orphaned`` lists reviews whose record re-extraction removed.
"""

from trucewatch.review.apply import annotate, reviewed_figures, verdicts_by_span
from trucewatch.review.fields import ReviewError
from trucewatch.review.files import export_reviews, import_reviews
from trucewatch.review.orphans import orphaned
from trucewatch.review.records import history, parse_ref, resolve, review
from trucewatch.review.verdicts import Verdict

__all__ = [
    "ReviewError",
    "Verdict",
    "annotate",
    "export_reviews",
    "history",
    "import_reviews",
    "orphaned",
    "parse_ref",
    "resolve",
    "review",
    "reviewed_figures",
    "verdicts_by_span",
]
