"""The data package's allocation tables: every run and its lines, no person named."""

from dream.allocation import services
from dream.opendata.allocation import RESOURCES


def test_runs_and_lines_are_published_with_their_columns(year_2025, staff):
    run = services.allocation_run(actor=staff, year=year_2025, label="공개")
    runs, lines = RESOURCES
    rows = list(runs.read())
    assert len(rows) == 1 and len(rows[0]) == len(runs.columns)
    row = dict(zip([c.name for c in runs.columns], rows[0], strict=True))
    assert (row["run_id"], row["cap"], row["budget_neutral"]) == (run.pk, "0.20", True)
    assert row["base_total_eok"] == row["amount_total_eok"]
    published = list(lines.read())
    assert len(published) == 8 and all(len(r) == len(lines.columns) for r in published)
    assert not {c.name for c in runs.columns + lines.columns} & {"created_by", "created_by_id"}
