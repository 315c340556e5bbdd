"""The data package's pipeline tables publish submitted proposals only (never drafts or
withdrawn ones) and every large project with its steps."""

from dream.opendata.pipeline import RESOURCES
from dream.pipeline import services

TABLES = {resource.name: resource for resource in RESOURCES}


def _rows(name: str) -> list[tuple]:
    return list(TABLES[name].read())


def test_only_submitted_proposals_are_published(submitted, proposal_of, personas):
    proposal_of(title="초안")
    withdrawn = services.proposal_submit(actor=personas("busan_editor"), proposal=proposal_of())
    services.proposal_withdraw(actor=personas("busan_editor"), proposal=withdrawn)
    rows = _rows("proposals")
    assert [row[0] for row in rows] == [submitted.pk]
    columns = [c.name for c in TABLES["proposals"].columns]
    assert rows[0][columns.index("size_text")] == "1,234.5억원"


def test_large_projects_and_steps_are_published(project):
    assert [row[0] for row in _rows("large_projects")] == [project.pk]
    steps = _rows("large_project_steps")
    columns = [c.name for c in TABLES["large_project_steps"].columns]
    assert [row[columns.index("to_stage")] for row in steps] == ["consulting"]
