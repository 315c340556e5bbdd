"""The persona × action rows of ADR 0008 for round phases and grades (advance, self-grade,
점검, correction), held by the services, the web forms and the API alike. Written by hand
from the ADR's table: advance, check and correct — Committee staff and a superuser; self-grade
— the body's editor (own unit), staff and a superuser; the evaluator assigned to 부산's unit
does none of them."""

import pytest
from django.urls import reverse

from dream.cycle.errors import NotAllowed
from dream.evaluation.choices import RoundPhase
from dream.evaluation.grading import grade_check, grade_correct, round_advance, self_grade_record
from dream.evaluation.models import Grade, GradeCheck, RoundEvent
from dream.evaluation.tests.grading_setup import planned, scored

pytestmark = pytest.mark.django_db
JSON = "application/json"
REASON = "추진실적 자료를 다시 확인한 결과 한 등급 조정이 타당함"
PERSONAS = [
    "anonymous", "busan_viewer", "busan_editor", "seoul_editor", "ministry_editor",
    "committee_staff", "expert", "superuser",
]  # fmt: skip
STAFF = {"committee_staff", "superuser"}
ALLOWED = {
    "advance": STAFF,
    "self_grade": {"busan_editor"} | STAFF,
    "check": STAFF,
    "correct": STAFF,
}
LAYERS = ("service", "web", "api")


def _try(layer, action, actor, grade, band, seen, client, api, token_for):
    """Attempt one action through one layer; the effect is checked by the caller."""
    if layer == "service":
        calls = {
            "advance": lambda: round_advance(
                actor=actor, round=grade, to=RoundPhase.EVALUATING, seen_phase="planning"
            ),
            "self_grade": lambda: self_grade_record(
                actor=actor, grade=grade, band=band, reason=REASON
            ),
            "check": lambda: grade_check(
                actor=actor, grade=grade, band=band, reason=REASON, seen_band=seen
            ),
            "correct": lambda: grade_correct(actor=actor, grade=grade, band=band, reason=REASON),
        }
        try:
            calls[action]()
        except NotAllowed:
            return
        return
    if layer == "web":
        if actor.is_authenticated:
            client.force_login(actor)
        if action == "advance":
            response = client.post(
                reverse("evaluation:advance", args=[2024]),
                {"to": "evaluating", "seen_phase": "planning"},
            )
        else:
            response = client.post(
                reverse("evaluation:grade_action", args=[2024, action.replace("_", "-")]),
                {"grade": grade.pk, "band": band.pk, "reason": REASON,
                 "seen_band": seen.pk if seen else ""},
            )  # fmt: skip
        assert response.status_code in (302, 403)
        client.logout()
        return
    headers = token_for(actor) if actor.is_authenticated else {}
    if action == "advance":
        url, body = (
            "/api/v1/evaluations/2024/advance",
            {"to": "evaluating", "seen_phase": "planning"},
        )
    else:
        url = f"/api/v1/grades/{grade.pk}/{action.replace('_', '-')}"
        body = {"band": band.label, "reason": REASON, "seen_band": seen.label if seen else None}
    response = api.post(url, body, content_type=JSON, **headers)
    assert response.status_code in (200, 401, 403), response.content


@pytest.mark.parametrize("layer", LAYERS)
@pytest.mark.parametrize("persona", PERSONAS)
def test_grade_persona_rows(persona, layer, orgs, staff, personas, client, api, token_for):
    graded = planned(orgs, staff)
    expert = graded.assignments[0].evaluator.user
    actor = expert if persona == "expert" else personas(persona)
    args = (client, api, token_for)
    observed = {}

    _try(layer, "advance", actor, graded.round, None, None, *args)
    graded.round.refresh_from_db()
    observed["advance"] = graded.round.phase == RoundPhase.EVALUATING
    if not observed["advance"]:
        round_advance(actor=staff, round=graded.round, to="evaluating", seen_phase="planning")
    for assignment in graded.assignments:
        scored(assignment, graded.small.criteria, 90)
    round_advance(actor=staff, round=graded.round, to="checking", seen_phase="evaluating")
    graded.refresh()
    busan = graded.busan

    _try(layer, "self_grade", actor, busan, graded.band("보통"), None, *args)
    observed["self_grade"] = Grade.objects.get(pk=busan.pk).self_band_id is not None

    _try(layer, "check", actor, busan, graded.band("보통"), None, *args)
    observed["check"] = GradeCheck.objects.filter(grade=busan).exists()

    for grade in Grade.objects.filter(unit__round=graded.round):
        if grade.final_band_id is None:
            grade_check(
                actor=staff, grade=grade, band=grade.computed_band, reason="", seen_band=None
            )
    round_advance(actor=staff, round=graded.round, to="feedback", seen_phase="checking")
    busan.refresh_from_db()
    target = graded.band("미흡") if busan.final_band.label != "미흡" else graded.band("우수")
    _try(layer, "correct", actor, busan, target, None, *args)
    observed["correct"] = GradeCheck.objects.filter(grade=busan, is_correction=True).exists()

    expected = {action: persona in allowed for action, allowed in ALLOWED.items()}
    assert observed == expected
    assert RoundEvent.objects.filter(to_phase="evaluating").count() == 1
