"""Mutated copies of both bundled documents are accepted or refused, never crash the importer,
and a refusal leaves the database byte for byte as it was.

A fixed budget per document (DREAM_FUZZ_DOCUMENTS overrides it); `make fuzz` runs thousands.
"""

import os

from tests.fuzz.documents import document_fuzz

CASES_PER_DOCUMENT = int(os.environ.get("DREAM_FUZZ_DOCUMENTS", "60"))


def test_mutated_documents_are_accepted_or_refused_and_refusals_write_nothing(
    plan_2024, digital_plan_2023, db
):
    figures = document_fuzz(2 * CASES_PER_DOCUMENT, seed=2024)

    print(
        "documents {documents}: accepted {accepted}, refused {refused}, crashes {crashes}, "
        "partial writes {partial_writes}".format(**figures)
    )
    assert figures["crashes"] == 0, "\n".join(figures["tracebacks"])
    assert figures["partial_writes"] == 0, "\n".join(figures["tracebacks"])
    assert figures["accepted"] and figures["refused"]
