"""Issue 10, "Done when": on the real 2024 plan, with results entered for three bodies, a 2024
evaluation round runs end to end through the services — results entered and confirmed,
evaluators assigned (a conflicted one refused), scored, normalised, checked, graded; feedback
raised and shown in 부산's 2025 draft; the annual report rendered as HTML, PDF and DOCX.

One run of `evaluation_demo_run` (the `dream evaluation-demo` command) for the module; each
test reads what it left."""

import io

import pytest
from django.core.management import call_command
from django.db.models import F
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from dream.evaluation.choices import FeedbackState, RoundPhase
from dream.evaluation.demo import DEMO_BODIES, evaluation_demo_run
from dream.evaluation.models import (
    Assignment,
    EvaluationRound,
    FeedbackAction,
    Grade,
    GradeCheck,
    Unit,
    UnitScore,
)
from dream.results.choices import ResultState
from dream.results.models import ResultSubmission

pytestmark = pytest.mark.usefixtures("plan_2024")


@pytest.fixture(scope="module")
def demo(plan_2024, django_db_blocker):
    with django_db_blocker.unblock():
        return evaluation_demo_run(2024)


def test_three_bodies_results_are_entered_and_confirmed(db, demo):
    confirmed = ResultSubmission.objects.filter(plan__year=2024, state=ResultState.CONFIRMED)
    assert sorted(s.organization.short_name for s in confirmed) == sorted(DEMO_BODIES)
    assert demo.actuals > 0 and demo.executions > 0 and demo.accounts > 0


def test_the_evaluator_who_works_for_busan_is_refused_and_never_assigned_to_it(db, demo):
    assert "부산" in demo.refused_assignment
    tied = Assignment.objects.filter(evaluator__user__username="demo-evaluator-busan")
    assert not tied.exists()


def test_every_graded_unit_is_scored_by_two_evaluators_and_normalised_beside_raw(db, demo):
    round = EvaluationRound.objects.get(year=2024)
    graded = Unit.objects.filter(round=round, graded=True)
    assert demo.assignments == 2 * graded.count()
    rolled = UnitScore.objects.filter(unit__in=graded).exclude(rolled=None)
    leaves = UnitScore.objects.filter(unit__round=round, unit__kind="leaf")
    assert rolled.count() + leaves.filter(unit__graded=True).count() == graded.count()
    assert not leaves.filter(raw=None).exists()
    # raw and normalised side by side, and the panels' scales differ
    assert leaves.exclude(normalised=None).exclude(normalised=F("raw")).exists()


def test_the_round_is_closed_with_every_grade_checked_and_one_changed_with_its_reason(db, demo):
    round = EvaluationRound.objects.get(year=2024)
    assert round.phase == RoundPhase.FEEDBACK and round.closed_at is not None
    grades = Grade.objects.filter(unit__round=round)
    assert grades.count() == demo.grades
    assert not grades.filter(final_band=None).exists()
    changed = grades.exclude(final_band=F("computed_band"))
    assert changed.count() == 1
    check = GradeCheck.objects.get(grade=changed.get(), is_correction=False)
    assert "한 등급 낮춤" in check.reason


def test_feedback_is_raised_and_shown_in_busans_2025_draft(db, client, demo):
    actions = FeedbackAction.objects.filter(pk__in=demo.feedback_actions)
    assert {a.state for a in actions} == {FeedbackState.OPEN}
    carried = actions.get(kind="next_plan")
    client.force_login(carried.organization.memberships.first().user)
    page = client.get(reverse("cycle:draft_edit", args=[2025, "부산"]))
    assert page.status_code == 200
    assert carried.description in page.content.decode()


def test_the_annual_report_renders_as_html_pdf_and_docx(db, demo, tmp_path):
    for format in ("html", "pdf", "docx"):
        call_command(
            "annual_report", "2024", "--format", format, "--output", str(tmp_path / f"r.{format}")
        )
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "2024년 지방시대 시행계획 추진실적" in html and "부울경" in html
    pdf = PdfReader(io.BytesIO((tmp_path / "r.pdf").read_bytes()))
    assert 5 <= len(pdf.pages) <= 200
    assert "시행계획" in pdf.pages[0].extract_text()
    docx = Document(str(tmp_path / "r.docx"))
    assert any("과기정통부" in cell.text for t in docx.tables for r in t.rows for cell in r.cells)
