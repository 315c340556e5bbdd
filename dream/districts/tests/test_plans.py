"""The long-term development plan (10+ years, l.1045) and its suitability review."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from dream.districts.choices import ReviewOutcome
from dream.districts.models import DevelopmentPlan
from dream.districts.plans import (
    development_plan_draft,
    development_plan_submit,
    live_review,
    plan_review_record,
)

pytestmark = pytest.mark.django_db


def _draft(actor, district, start=2025, end=2034):
    return development_plan_draft(
        actor=actor, district=district, title="발전계획", start_year=start, end_year=end
    )


def _review(actor, plan, on, outcome=ReviewOutcome.SUITABLE):
    return plan_review_record(
        actor=actor, plan=plan, reviewed_on=on, outcome=outcome, decision="검토 의견"
    )


def test_a_plan_of_ten_years_both_ends_counted_is_accepted(make_district, staff):
    plan = _draft(staff, make_district(), 2025, 2034)

    assert plan.years == 10


def test_a_plan_under_ten_years_is_refused_citing_the_line(make_district, staff):
    with pytest.raises(ValidationError) as refused:
        _draft(staff, make_district(), 2025, 2033)

    message = refused.value.message_dict["end_year"][0]
    assert "10년 이상" in message and "l.1045" in message and "9년" in message
    assert not DevelopmentPlan.objects.exists()


def test_the_database_refuses_a_short_plan_too(make_district, staff):
    with pytest.raises(IntegrityError):
        DevelopmentPlan.objects.create(
            district=make_district(), title="t", start_year=2025, end_year=2033, recorded_by=staff
        )


def test_a_review_before_submission_is_refused(make_district, staff):
    plan = _draft(staff, make_district())

    with pytest.raises(ValidationError, match="제출되지 않은"):
        _review(staff, plan, date(2025, 3, 1))


def test_a_review_dated_before_the_submission_is_refused(make_district, staff):
    plan = _draft(staff, make_district())
    development_plan_submit(actor=staff, plan=plan, submitted_on=date(2025, 3, 1))

    with pytest.raises(ValidationError) as refused:
        _review(staff, plan, date(2025, 2, 28))

    assert "제출일(2025-03-01)" in refused.value.message_dict["reviewed_on"][0]


def test_a_plan_is_submitted_once(make_district, busan_editor_district):
    editor, district = busan_editor_district
    plan = _draft(editor, district)
    development_plan_submit(actor=editor, plan=plan, submitted_on=date(2025, 1, 5))

    with pytest.raises(ValidationError, match="이미 2025-01-05에 제출"):
        development_plan_submit(actor=editor, plan=plan, submitted_on=date(2025, 1, 6))


def test_the_newest_review_is_in_force_and_earlier_ones_stay(make_district, staff):
    plan = _draft(staff, make_district())
    development_plan_submit(actor=staff, plan=plan, submitted_on=date(2025, 1, 5))
    _review(staff, plan, date(2025, 2, 1), ReviewOutcome.SUPPLEMENT)
    _review(staff, plan, date(2025, 4, 1), ReviewOutcome.SUITABLE)

    assert live_review(plan).outcome == ReviewOutcome.SUITABLE
    assert [r.outcome for r in plan.reviews.order_by("reviewed_on")] == ["supplement", "suitable"]
    with pytest.raises(ValidationError, match="마지막 검토일"):
        _review(staff, plan, date(2025, 3, 1), ReviewOutcome.UNSUITABLE)


@pytest.fixture
def busan_editor_district(personas, make_district):
    return personas("busan_editor"), make_district("부산")


def test_the_data_package_publishes_submitted_plans_and_their_reviews_only(make_district, staff):
    from dream.opendata.districts_plans import RESOURCES

    district = make_district()
    draft = _draft(staff, district)
    submitted = _draft(staff, district)
    development_plan_submit(actor=staff, plan=submitted, submitted_on=date(2025, 1, 5))
    _review(staff, submitted, date(2025, 2, 1))
    plans, reviews = RESOURCES

    assert [row[0] for row in plans.read()] == [submitted.pk]
    assert draft.pk != submitted.pk
    assert [row[1:3] for row in reviews.read()] == [(submitted.pk, date(2025, 2, 1))]
