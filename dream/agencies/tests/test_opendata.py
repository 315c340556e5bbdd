"""The data package's agency tables: the registry, and reports only once submitted."""

from dream.agencies.services import performance_report_submit
from dream.opendata.agencies import RESOURCES


def _rows(name: str) -> list[tuple]:
    return list(next(r for r in RESOURCES if r.name == name).read())


def test_drafts_are_not_published(make_report, staff):
    make_report(programme="초안")
    submitted = performance_report_submit(actor=staff, report=make_report())
    assert [row[0] for row in _rows("performance_reports")] == [submitted.pk]
    assert {row[0] for row in _rows("performance_outcomes")} == {submitted.pk}
    names = {row[2] for row in _rows("agencies")}
    assert names == {"부산정보산업진흥원", "대구디지털혁신진흥원"}
