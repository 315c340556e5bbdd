"""`dream pipeline-demo` as the specification of issue 11's "Done when": on a database with
only the bodies, the demo runs the whole pipeline through the services and leaves every
state the issue asks for; a second run is refused; outside development it does not run."""

from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import CommandError, call_command

from dream.agencies.selectors import performance_reports, programme_names
from dream.allocation.models import AllocationLine
from dream.calls.choices import ApplicationState
from dream.calls.models import Application
from dream.districts.models import DistrictMeasure, InnovationDistrict
from dream.pipeline.choices import LargeProjectStage, Track
from dream.pipeline.demo import ALREADY, DEMO_MARK, DEMO_SOURCE
from dream.pipeline.models import Proposal

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_output(settings, printed_programmes):
    settings.DREAM_ENV = "development"
    out = StringIO()
    call_command("pipeline_demo", "--year", "2024", stdout=out)
    return out.getvalue()


def test_the_demo_runs_the_pipeline_to_every_done_when_state(demo_output):
    # Proposals of seven or more provinces, every one marked as the demo's, ranked 1..n.
    proposals = Proposal.objects.filter(year=2024)
    assert proposals.values("province").distinct().count() >= 7
    assert all(p.title.startswith(DEMO_MARK) for p in proposals)
    assert sorted(
        proposals.filter(province__short_name="부산").values_list("priority", flat=True)
    ) == [1, 2]

    # Track 1: a 부산 member refused on 부산's application, the tie named.
    assert "demo-track1-busan" in demo_output and "부산 소속" in demo_output
    applications = list(Application.objects.filter(call__year=2024).select_related("call"))
    call = applications[0].call
    assert call.title.startswith(DEMO_MARK)
    assert call.consultations.count() == len(applications) >= 7
    # Normalisation across the two panels: every application has a normalised score, and the
    # ranking differs from the raw one.
    assert all(a.normalised_score is not None for a in applications)
    by_raw = sorted(applications, key=lambda a: -a.raw_score)
    by_final = sorted(applications, key=lambda a: a.rank)
    assert by_raw != by_final
    # Selection within the budget, and someone left out by it.
    selected = [a for a in applications if a.state == ApplicationState.SELECTED]
    assert selected and sum(a.selected_eok for a in selected) <= call.budget_eok
    assert any("남은 예산" in a.selection_note for a in applications)

    # The excellent project in Track 2 through its steps, the special committee's by staff.
    moved = next(a for a in applications if a.moved_to_track2)
    assert moved.excellent and moved.proposal.track == Track.TWO
    project = moved.large_project
    steps = list(project.steps.order_by("pk"))
    assert [s.to_stage for s in steps] == [
        LargeProjectStage.CONSULTING,
        LargeProjectStage.DISCUSSION,
        LargeProjectStage.REVIEW,
        LargeProjectStage.SPECIAL_COMMITTEE,
        LargeProjectStage.BUSINESS_PLAN,
    ]
    committee_step = steps[3]
    assert committee_step.recorded_by.memberships.filter(organization__short_name="위원회").exists()

    # The allocation: seven or more provinces differentiated within ±20 %, each explained.
    lines = list(AllocationLine.objects.select_related("province"))
    assert len(lines) >= 7
    assert all(abs(line.change_percent) <= 20 for line in lines)
    assert len({line.change_percent for line in lines}) >= 7
    assert all(line.explanation.startswith(line.province.short_name) for line in lines)
    # The what-if (district weight 0) moves amounts: printed beside each run line.
    run_amounts = {line.province.short_name: line.amount_eok for line in lines}
    what_if = {}
    for row in demo_output.splitlines():
        if "가정(district=0)" in row:
            name = row.split()[0]
            what_if[name] = Decimal(row.rsplit(",", 1)[1].strip().removesuffix("억원"))
    assert set(what_if) == set(run_amounts)
    assert any(what_if[name] != run_amounts[name] for name in run_amounts)

    # The agency's report is in the integrated view.
    reports = performance_reports(AnonymousUser(), 2024, province="부산")
    assert [r.programme for r in reports] == [f"{DEMO_MARK} SW융합클러스터"]
    assert f"{DEMO_MARK} SW융합클러스터" in programme_names(AnonymousUser(), 2024)

    # The pilot districts are in the registry; their demo figures say so.
    names = set(InnovationDistrict.objects.values_list("name", flat=True))
    assert {"부산 센텀", "대구 수성", "광주 AI융합단지"} <= names
    assert set(DistrictMeasure.objects.values_list("source", flat=True)) == {DEMO_SOURCE}

    assert "/digital/pipeline/?year=2024" in demo_output


def test_a_second_run_is_refused_and_adds_nothing(demo_output, settings):
    counts = (Proposal.objects.count(), Application.objects.count(), AllocationLine.objects.count())
    with pytest.raises(CommandError, match=ALREADY):
        call_command("pipeline_demo", stdout=StringIO())
    assert counts == (
        Proposal.objects.count(),
        Application.objects.count(),
        AllocationLine.objects.count(),
    )


def test_the_demo_is_refused_outside_development(settings):
    settings.DREAM_ENV = "test"
    with pytest.raises(CommandError, match="로컬 개발 환경"):
        call_command("pipeline_demo", stdout=StringIO())
    assert not Proposal.objects.exists()
