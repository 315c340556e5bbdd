"""Correcting and deleting a wrong actual: who may, the reason it needs, the history it
leaves (who, when, what, why), a stale page refused, and the goal's status following."""

import datetime
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from dream.core.fingerprint import database_fingerprint
from dream.tracking.models import GoalValue
from dream.tracking.selectors import goal_history, goal_page
from dream.tracking.services import goal_value_correct, goal_value_delete, goal_value_record

DAY = datetime.date(2025, 3, 31)
ECONOMY = reverse("tracking:goal_detail", args=["digital-economy-output"])


@pytest.fixture
def actual(editor, economy) -> GoalValue:
    """지방 디지털 경제 총생산액 2024 = 21조원 (a typo: the report says 12)."""
    return goal_value_record(
        actor=editor, goal=economy, year=2024, value="21", source="실태조사", observed_on=DAY
    )


def correct(actor, actual, **changes):
    entry = {"value": "12", "source": "디지털산업 실태조사", "observed_on": DAY}
    return goal_value_correct(
        actor=actor, goal_value=actual, reason="보고서 재확인", **{**entry, **changes}
    )


@pytest.mark.parametrize(
    ("name", "allowed"),
    [
        ("anonymous", False),
        ("province_editor", False),
        ("committee_viewer", False),
        ("committee_editor", True),
        ("superuser", True),
    ],
)
def test_only_committee_staff_may_correct_or_delete_an_actual(persona, actual, name, allowed):
    user = persona(name)
    before = database_fingerprint()

    if allowed:
        assert correct(user, actual).value == D(12)
        goal_value_delete(actor=user, goal_value=actual, reason="중복 입력")
        assert not GoalValue.objects.exists()
    else:
        with pytest.raises(PermissionDenied):
            correct(user, actual)
        with pytest.raises(PermissionDenied):
            goal_value_delete(actor=user, goal_value=actual, reason="중복 입력")
        assert database_fingerprint() == before


def test_a_correction_keeps_the_old_value_with_who_when_and_why(persona, editor, actual):
    colleague = persona("superuser")

    row = correct(colleague, actual, value="12조원")

    assert (row.value, row.value_text, row.source, row.recorded_by) == (
        D(12),
        "12조원",
        "디지털산업 실태조사",
        colleague,
    )
    entry, first = goal_history(actual.goal)
    assert (entry.who, entry.action, entry.subject, entry.reason) == (
        "root",
        "변경",
        "2024년 실적",
        "보고서 재확인",
    )
    assert [(c.label, c.old, c.new) for c in entry.changes] == [
        ("값", "21조원", "12조원"),
        ("출처", "실태조사", "디지털산업 실태조사"),
    ]
    assert (first.who, first.action, first.reason) == ("editor", "추가", "실적 입력")


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"reason": " "}, "reason", "고치거나 지우는 까닭을 적어 주세요"),
        ({"reason": "가" * 101}, "reason", "까닭은 100자까지"),
        ({"value": "열두"}, "value", "숫자로 읽을 수 없습니다"),
        ({"source": ""}, "source", "출처를 적으세요"),
        ({"observed_on": "2999-01-01"}, "observed_on", "기준일이 오늘보다 뒤입니다"),
    ],
)
def test_a_refused_correction_says_why_and_changes_nothing(editor, actual, changes, field, message):
    before = database_fingerprint()

    with pytest.raises(ValidationError) as refused:
        goal_value_correct(
            actor=editor,
            goal_value=actual,
            **{"value": "12", "source": "실태조사", "observed_on": DAY, "reason": "재확인"}
            | changes,
        )

    assert message in " ".join(refused.value.message_dict[field])
    assert database_fingerprint() == before


def test_a_correction_that_changes_nothing_is_refused(editor, actual):
    with pytest.raises(ValidationError, match="바뀐 것이 없습니다"):
        correct(editor, actual, value="21", source="실태조사")


def test_a_correction_from_a_page_a_colleague_has_changed_since_is_refused(persona, editor, actual):
    seen = actual.recorded_at
    correct(persona("superuser"), actual, seen=seen)

    with pytest.raises(ValidationError, match="다른 담당자가 먼저 이 실적을 고쳤습니다"):
        correct(editor, actual, value="13", seen=seen)
    assert GoalValue.objects.get().value == D(12)


def test_a_deleted_actual_stays_in_the_history_and_entering_it_again_restores_it(editor, actual):
    goal_value_delete(actor=editor, goal_value=actual, reason="다른 목표의 값")

    assert not GoalValue.objects.exists()
    deleted = goal_history(actual.goal)[0]
    assert (deleted.action, deleted.reason) == ("삭제", "다른 목표의 값")
    assert [(c.label, c.old) for c in deleted.changes][:1] == [("값", "21조원")]
    with pytest.raises(ValidationError, match="이미 지워졌습니다"):
        goal_value_delete(actor=editor, goal_value=actual, reason="다시")

    goal_value_record(
        actor=editor, goal=actual.goal, year=2024, value="21", source="실태조사", observed_on=DAY
    )
    assert GoalValue.objects.get().value == D(21)
    assert [e.action for e in goal_history(actual.goal)] == ["추가", "삭제", "추가"]


def test_the_goal_status_follows_corrected_and_deleted_actuals(editor, economy, actual):
    """10.5조원 (2020) → 30조원 (2027), path 21.64 in 2024: 25 is ahead, 12 far behind."""
    correct(editor, actual, value="25")
    assert goal_page(economy).status.status_label == "순항"

    corrected = correct(editor, actual)
    assert goal_page(economy).status.latest_shown == "12조원 (2024년)"
    assert goal_page(economy).status.status_label == "지연"

    goal_value_delete(actor=editor, goal_value=corrected, reason="출처 불명")
    assert goal_page(economy).status.status_label == "실적 없음"


# HTTP: the goal page's forms


@pytest.fixture
def signed_in(client, persona):
    def sign_in(name):
        if name != "anonymous":
            client.force_login(persona(name))
        return client

    return sign_in


def correct_url(actual):
    return reverse("tracking:goal_value_correct", args=[actual.goal.key, actual.pk])


def delete_url(actual):
    return reverse("tracking:goal_value_delete", args=[actual.goal.key, actual.pk])


def form_data(actual, prefix: str, **fields) -> dict:
    data = {"seen": actual.recorded_at.isoformat(), **fields}
    return {f"{prefix}-{actual.pk}-{name}": value for name, value in data.items()}


@pytest.mark.parametrize(
    ("name", "expected"),
    [("anonymous", 302), ("province_editor", 403), ("committee_viewer", 403)],
)
def test_only_committee_staff_may_post_a_correction_or_deletion(signed_in, actual, name, expected):
    client = signed_in(name)
    before = database_fingerprint()

    for url, prefix in ((correct_url(actual), "correct"), (delete_url(actual), "delete")):
        response = client.post(url, form_data(actual, prefix, value="12", reason="재확인"))
        assert response.status_code == expected
        if expected == 403:
            assert "지방시대위원회 작성·관리 담당자만" in response.content.decode()
    assert database_fingerprint() == before


def test_corrections_and_deletions_are_posted_not_fetched(signed_in, actual):
    client = signed_in("committee_editor")

    assert client.get(correct_url(actual)).status_code == 405
    assert client.get(delete_url(actual)).status_code == 405


def test_staff_correct_an_actual_on_the_goal_page(signed_in, actual):
    client = signed_in("committee_editor")
    page = client.get(ECONOMY).content.decode()
    assert "실적 고치기·지우기" in page and correct_url(actual) in page

    response = client.post(
        correct_url(actual),
        form_data(
            actual,
            "correct",
            value="12",
            source="디지털산업 실태조사",
            observed_on="2025-03-31",
            reason="보고서 재확인",
        ),
        follow=True,
    )

    html = response.content.decode()
    assert response.redirect_chain[-1][0] == f"{ECONOMY}#values"
    assert "2024년 실적을 고쳤습니다." in html
    assert GoalValue.objects.get().value == D(12)
    history = html.split('id="history-heading"', 1)[1]
    assert "보고서 재확인" in history and "21조원" in history and "12조원" in history


def test_a_correction_without_a_reason_comes_back_with_the_message(signed_in, actual):
    client = signed_in("committee_editor")

    response = client.post(
        correct_url(actual),
        form_data(actual, "correct", value="12", source="실태조사", observed_on="2025-03-31"),
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "고치거나 지우는 까닭을 적어 주세요" in html
    assert f'id="value-{actual.pk}" open' in html
    assert GoalValue.objects.get().value == D(21)


def test_staff_delete_an_actual_and_a_second_deletion_is_told_it_is_gone(signed_in, actual):
    client = signed_in("committee_editor")
    data = form_data(actual, "delete", reason="중복 입력")

    response = client.post(delete_url(actual), data, follow=True)
    assert "2024년 실적을 지웠습니다" in response.content.decode()
    assert not GoalValue.objects.exists()

    again = client.post(delete_url(actual), data, follow=True)
    assert "이 실적은 이미 지워졌습니다" in again.content.decode()


def test_a_correction_from_a_stale_page_is_reported_not_applied(signed_in, persona, actual):
    client = signed_in("committee_editor")
    stale = form_data(
        actual, "correct", value="13", source="실태조사", observed_on="2025-03-31", reason="x"
    )
    correct(persona("superuser"), actual)

    response = client.post(correct_url(actual), stale, follow=True)

    assert "다른 담당자가 먼저 이 실적을 고쳤습니다" in response.content.decode()
    assert GoalValue.objects.get().value == D(12)


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("anonymous", False),
        ("province_editor", False),
        ("committee_editor", True),
        ("superuser", True),
    ],
)
def test_the_change_history_is_shown_to_staff_only(signed_in, actual, name, shown):
    html = signed_in(name).get(ECONOMY).content.decode()

    assert ('id="history-heading"' in html and "실적 입력" in html) == shown
    assert ("실적 고치기·지우기" in html) == shown
