"""The upload fuzz run with a small budget, so CI keeps proving it: mutated CSV and Excel
files of actuals never crash the import and a refused one writes nothing. DREAM_FUZZ_UPLOADS
sets the number of uploads (300 here; `make fuzz` runs thousands)."""

import os

from tests.fuzz.uploads import upload_fuzz


def test_mutated_uploads_are_refused_or_accepted_never_crash_nor_write_half(digital_plan_2023, db):
    n = int(os.environ.get("DREAM_FUZZ_UPLOADS", "300"))

    figures = upload_fuzz(n, seed=int(os.environ.get("DREAM_FUZZ_SEED", "7")))

    print(
        {
            key: figures[key]
            for key in ("uploads", "accepted", "refused", "crashes", "partial_writes")
        }
    )
    assert figures["crashes"] == 0, "\n".join(figures["tracebacks"])
    assert figures["partial_writes"] == 0, "\n".join(figures["tracebacks"])
