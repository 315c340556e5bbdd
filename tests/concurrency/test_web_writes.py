"""Two staff members saving the same thing at the same moment, for every web write flow.

Each test sends pairs of real HTTP requests to the live server (its own threads, each with
its own database connection), released together by a barrier, and repeats the pair
`PAIRS` times. It asserts: no server error, exactly the rows expected (no duplicate), the
loser told why in the form's Korean words, and every accepted write in the history (no lost
update). It runs on SQLite (a file, see config/settings.py) and on PostgreSQL alike.
"""

import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from http.cookies import SimpleCookie
from urllib.error import HTTPError
from urllib.parse import urlencode, urljoin
from urllib.request import HTTPRedirectHandler, Request, build_opener

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils.crypto import get_random_string

from dream.accounts.choices import OrganizationKind
from dream.accounts.models import Membership, User
from dream.accounts.services import organizations_ensure
from dream.cycle.choices import SubmissionAction, SubmissionState
from dream.cycle.models import Submission
from dream.cycle.services import cycle_open
from dream.cycle.tests.conftest import draft_plan
from dream.digital.models import DigitalArea, DigitalGoal, DigitalPlan, DigitalTask
from dream.districts.choices import MeasureKind, Stage
from dream.districts.models import DistrictMeasure, InnovationDistrict, StageChange
from dream.links.choices import LinkStatus
from dream.links.models import TaskLink
from dream.plans.choices import BudgetSource, PlanLevel
from dream.plans.models import Budget, Plan, Task
from dream.tracking.models import GoalValue

PAIRS = 10
CSRF = get_random_string(32)  # a CSRF secret both browsers hold as cookie and send as token


@dataclass(frozen=True)
class Reply:
    status: int  # of the POST: 302 after a redirect, 200 for a form shown again
    page: str  # the page the person finally sees (the redirect followed)


class _Stay(HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the redirect is followed by hand, carrying the cookies


class Browser:
    """One signed-in staff member's browser: session, CSRF and message cookies."""

    opener = build_opener(_Stay)

    def __init__(self, base_url: str, user: User):
        client = Client()
        client.force_login(user)
        self.base_url = base_url
        self.cookies = {
            settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value,
            settings.CSRF_COOKIE_NAME: CSRF,
        }

    def post(self, path: str, data: dict) -> Reply:
        status, location, page = self._send(path, {**data, "csrfmiddlewaretoken": CSRF})
        if status in (301, 302, 303):
            _status, _location, page = self._send(location, None)
        return Reply(status, page)

    def _send(self, path: str, data: dict | None) -> tuple[int, str, str]:
        cookie = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = urlencode(data).encode() if data is not None else None
        request = Request(urljoin(self.base_url, path), data=body, headers={"Cookie": cookie})
        try:
            response = self.opener.open(request, timeout=60)
        except HTTPError as error:
            response = error
        with response:
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    if morsel["max-age"] == "0":
                        self.cookies.pop(name, None)
                    else:
                        self.cookies[name] = morsel.coded_value
            return response.code, response.headers.get("Location", ""), response.read().decode()


Post = tuple[Browser, str, dict]  # who sends what where


def race(first: Post, second: Post) -> tuple[Reply, Reply]:
    """Send both posts at once: each thread waits at the barrier, then sends."""
    barrier = threading.Barrier(2)

    def together(browser: Browser, url: str, data: dict) -> Reply:
        barrier.wait(timeout=30)
        return browser.post(url, data)

    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(together, *post) for post in (first, second)]
        return futures[0].result(), futures[1].result()


def outcome(reply: Reply, *, saved: tuple[str, ...], refused: str = "") -> str:
    """What the person was told: `refused`, `saved` (one of the success messages), or else.

    The refusal is looked for first: "다른 담당자가 먼저 이 연계를 기각했습니다" holds a
    success message's words."""
    if reply.status >= 500:
        return f"server error {reply.status}"
    if refused and refused in reply.page:
        return "refused"
    if any(message in reply.page for message in saved):
        return "saved"
    return f"no message ({reply.status})"


def assert_pairs(outcomes: list[list[str]], expected: list[str]) -> None:
    """Every pair ended as `expected` (in either order), reported over all pairs."""
    wrong = [(pair, told) for pair, told in enumerate(outcomes) if sorted(told) != expected]
    assert not wrong, f"{len(wrong)} of {len(outcomes)} pairs went wrong: {wrong}"


@pytest.fixture
def organizations(transactional_db):
    return organizations_ensure()


@pytest.fixture
def staff(organizations):
    """Two editors of the Committee, who may take every decision below."""
    committee = organizations[(OrganizationKind.COMMITTEE, "위원회")]
    people = []
    for name in ("kim", "lee"):
        user = User.objects.create_user(name, password="pw")
        Membership.objects.create(user=user, organization=committee, role="editor")
        people.append(user)
    return people


@pytest.fixture
def browsers(live_server, staff) -> list[Browser]:
    return [Browser(live_server.url, user) for user in staff]


@pytest.fixture
def digital_task(transactional_db) -> DigitalTask:
    plan = DigitalPlan.objects.create(title="지방 디지털 경쟁력 강화방안(시험)", year=2023)
    area = DigitalArea.objects.create(plan=plan, kind="pillar", code="1", name="재창조", position=1)
    return DigitalTask.objects.create(plan=plan, area=area, position=1, name="블록체인 클러스터")


@pytest.fixture
def plan_tasks(organizations) -> list[Task]:
    busan = organizations[(OrganizationKind.PROVINCE, "부산")]
    plan = Plan.objects.create(year=2024, level="province", owner=busan)
    return [
        Task.objects.create(plan=plan, kind="core", position=i, name=f"블록체인 과제 {i}")
        for i in range(PAIRS)
    ]


@pytest.fixture
def proposals(digital_task, plan_tasks) -> list[TaskLink]:
    return [
        TaskLink.objects.create(digital_task=digital_task, task=task, score=Decimal("0.5"))
        for task in plan_tasks
    ]


def _decide(browser: Browser, link: TaskLink, decision: str) -> Post:
    """A decision as the review page sends it, with the status the page showed."""
    url = reverse("links:link_decide", args=[link.pk, decision])
    return browser, url, {"seen_status": LinkStatus.PROPOSED}


def test_two_reviewers_confirming_the_same_link(browsers, proposals):
    first, second = browsers
    told = []
    for link in proposals:
        replies = race(_decide(first, link, "confirm"), _decide(second, link, "confirm"))
        told.append(
            [
                outcome(r, saved=("연계를 확정했습니다.",), refused="이미 확정된 연계입니다.")
                for r in replies
            ]
        )

    assert_pairs(told, ["refused", "saved"])
    for link in proposals:
        assert TaskLink.objects.get(pk=link.pk).status == LinkStatus.CONFIRMED
        assert link.history.count() == 2  # proposed, confirmed once


def test_one_reviewer_confirming_while_another_rejects(browsers, proposals):
    first, second = browsers
    told = []
    for link in proposals:
        replies = race(_decide(first, link, "confirm"), _decide(second, link, "reject"))
        told.append(
            [
                outcome(
                    r,
                    saved=("연계를 확정했습니다.", "연계를 기각했습니다."),
                    refused="다른 담당자가 먼저 이 연계를",
                )
                for r in replies
            ]
        )
        winner = "confirmed" if told[-1][0] == "saved" else "rejected"
        assert TaskLink.objects.get(pk=link.pk).status == winner

    assert_pairs(told, ["refused", "saved"])
    for link in proposals:
        assert link.history.count() == 2


def test_two_reviewers_deciding_overlapping_batches(browsers, digital_task, proposals):
    """A batch is all or nothing: the one that comes second finds a link of it decided and
    changes none of its links."""
    first, second = browsers
    other = DigitalTask.objects.create(
        plan=digital_task.plan, area=digital_task.area, position=2, name="블록체인 허브"
    )
    url = reverse("links:link_bulk_decide")
    told = []
    for link in proposals:
        shared = TaskLink.objects.create(digital_task=other, task=link.task, score=Decimal("0.5"))
        replies = race(
            (first, url, {"links": f"{link.pk},{shared.pk}", "decision": "confirmed"}),
            (second, url, {"links": str(shared.pk), "decision": "rejected"}),
        )
        told.append(
            [
                outcome(
                    r,
                    saved=("건을 확정했습니다.", "건을 기각했습니다."),
                    refused="다른 담당자가 먼저 결정했습니다",
                )
                for r in replies
            ]
        )
        link.refresh_from_db()
        shared.refresh_from_db()
        if told[-1][0] == "saved":
            assert (link.status, shared.status) == ("confirmed", "confirmed")
        else:
            assert (link.status, shared.status) == ("proposed", "rejected")
        assert shared.history.count() == 2  # proposed, decided once

    assert_pairs(told, ["refused", "saved"])


def test_two_reviewers_adding_the_same_manual_link(browsers, digital_task, plan_tasks):
    first, second = browsers
    url = reverse("links:link_create")
    told = []
    for task in plan_tasks:
        data = {"digital_task": digital_task.pk, "task": task.pk, "note": "직접 찾음"}
        replies = race((first, url, data), (second, url, data))
        told.append(
            [
                outcome(r, saved=("연계했습니다.",), refused="이미 확정된 연계입니다.")
                for r in replies
            ]
        )

    assert_pairs(told, ["refused", "saved"])
    assert TaskLink.objects.count() == PAIRS
    for link in TaskLink.objects.all():
        assert link.status == LinkStatus.CONFIRMED and link.manual
        assert link.history.count() == 1


def _registration(organizations, number: int) -> dict:
    return {
        "province": organizations[(OrganizationKind.PROVINCE, "부산")].pk,
        "name": f"부산 디지털 혁신지구 {number}",
        "location": "부산 해운대구",
        "operator": "부산정보산업진흥원",
        "decided_on": "2024-03-01",
        "decision": "조성계획 적합성 검토 결과 1단계 지원 대상으로 선정",
    }


def test_two_people_registering_the_same_district(browsers, organizations):
    first, second = browsers
    url = reverse("districts:district_register")
    told = []
    for number in range(PAIRS):
        data = _registration(organizations, number)
        replies = race((first, url, data), (second, url, data))
        told.append(
            [
                outcome(
                    r,
                    saved=("1단계로 등록했습니다.",),
                    refused="이 시·도에 같은 이름의 디지털 혁신지구가 이미 있습니다.",
                )
                for r in replies
            ]
        )

    assert_pairs(told, ["refused", "saved"])
    assert InnovationDistrict.objects.count() == PAIRS
    assert StageChange.objects.count() == PAIRS
    for district in InnovationDistrict.objects.all():
        assert district.history.count() == 1


@pytest.fixture
def districts(staff, register_district) -> list[InnovationDistrict]:
    return [
        register_district("부산", actor=staff[0], name=f"부산 디지털 혁신지구 {number}")
        for number in range(PAIRS)
    ]


def test_two_people_recording_the_same_stage_change(browsers, districts):
    first, second = browsers
    data = {
        "to_stage": Stage.ACCELERATION,
        "decided_on": "2025-01-01",
        "decision": "특별위원회 심의",
    }
    told = []
    for district in districts:
        url = reverse("districts:district_stage_change", args=[district.pk])
        replies = race((first, url, data), (second, url, data))
        told.append(
            [
                outcome(
                    r,
                    saved=("2단계 성장 가속화로 바꿨습니다.",),
                    refused="이 지구는 이미 2단계 성장 가속화입니다.",
                )
                for r in replies
            ]
        )

    assert_pairs(told, ["refused", "saved"])
    for district in InnovationDistrict.objects.all():
        assert district.stage == Stage.ACCELERATION
        assert district.stage_changes.count() == 2  # registered, moved once
        assert district.history.count() == 2


def test_two_people_recording_the_same_year_of_a_measure(browsers, districts):
    """The second figure corrects the first, as a late report would: one row, both values
    in its history."""
    first, second = browsers
    district = districts[0]
    url = reverse("districts:district_measure_record", args=[district.pk])
    told = []
    for year in range(2015, 2015 + PAIRS):
        data = {"kind": MeasureKind.DIGITAL_FIRMS, "year": year, "source": "입주기업 현황"}
        replies = race(
            (first, url, data | {"value": "100"}),
            (second, url, data | {"value": "200"}),
        )
        messages = (
            f"{year}년 디지털 기업 수 값을 기록했습니다.",
            f"{year}년 디지털 기업 수 값을 고쳤습니다",
        )
        told.append([outcome(r, saved=messages) for r in replies])
        assert sum(messages[0] in r.page for r in replies) == 1  # one created, one corrected

    assert_pairs(told, ["saved", "saved"])
    assert DistrictMeasure.objects.count() == PAIRS
    for measure in DistrictMeasure.objects.all():
        values = [row.value for row in measure.history.order_by("history_date", "history_id")]
        assert sorted(values) == [100, 200] and values[-1] == measure.value


@pytest.fixture
def goal(transactional_db) -> DigitalGoal:
    plan = DigitalPlan.objects.create(title="지방 디지털 경쟁력 강화방안(시험)", year=2023)
    return DigitalGoal.objects.create(
        plan=plan,
        kind="headline",
        key="digital-economy-output",
        position=1,
        name="지방 디지털 경제 총생산액",
        unit="조원",
        baseline_year=2020,
        baseline_value=Decimal("10.5"),
        baseline_text="10.5조원",
        target_year=2027,
        target_value=Decimal("30"),
        target_text="30조원",
        source_line=1,
    )


def test_two_people_entering_the_same_year_of_a_goal(browsers, goal):
    """The second value replaces the first; the history keeps both."""
    first, second = browsers
    url = reverse("tracking:goal_detail", args=[goal.key])
    told = []
    for year in range(2020, 2020 + PAIRS):
        data = {"year": year, "source": "디지털산업 실태조사", "observed_on": "2024-12-31"}
        replies = race(
            (first, url, data | {"value": "11"}),
            (second, url, data | {"value": "12"}),
        )
        told.append([outcome(r, saved=(f"{year}년 실적을 저장했습니다.",)) for r in replies])

    assert_pairs(told, ["saved", "saved"])
    assert GoalValue.objects.count() == PAIRS
    for value in GoalValue.objects.all():
        history = list(value.history.order_by("history_date", "history_id"))
        assert [row.history_type for row in history] == ["+", "~"]
        assert sorted(row.value for row in history) == [11, 12]
        assert history[-1].value == value.value


@pytest.fixture
def actuals(goal, staff) -> list[GoalValue]:
    return [
        GoalValue.objects.create(
            goal=goal,
            year=year,
            value=Decimal("21"),
            value_text="21",
            source="실태조사",
            observed_on=date(2024, 12, 31),
            recorded_by=staff[0],
        )
        for year in range(2020, 2020 + PAIRS)
    ]


def _change(browser: Browser, actual: GoalValue, action: str, **fields) -> Post:
    """A correction or deletion as the goal page sends it, with the value the page showed."""
    url = reverse(f"tracking:goal_value_{action}", args=[actual.goal.key, actual.pk])
    data = {"seen": actual.recorded_at.isoformat(), "reason": "보고서 재확인", **fields}
    return browser, url, {f"{action}-{actual.pk}-{name}": value for name, value in data.items()}


def test_two_people_correcting_the_same_actual(browsers, actuals):
    """Both corrected the value they saw; the second is told of the first's correction
    instead of overwriting it unseen (no lost update)."""
    first, second = browsers
    told = []
    for actual in actuals:
        fields = {"source": "디지털산업 실태조사", "observed_on": "2024-12-31"}
        replies = race(
            _change(first, actual, "correct", value="12", **fields),
            _change(second, actual, "correct", value="13", **fields),
        )
        told.append(
            [
                outcome(
                    r,
                    saved=(f"{actual.year}년 실적을 고쳤습니다.",),
                    refused="다른 담당자가 먼저 이 실적을 고쳤습니다.",
                )
                for r in replies
            ]
        )
        winner = Decimal("12") if told[-1][0] == "saved" else Decimal("13")
        assert GoalValue.objects.get(pk=actual.pk).value == winner

    assert_pairs(told, ["refused", "saved"])
    for actual in actuals:
        history = list(actual.history.order_by("history_date", "history_id"))
        assert [row.history_type for row in history] == ["+", "~"]
        assert history[-1].history_change_reason == "보고서 재확인"


def test_one_person_deleting_an_actual_while_another_corrects_it(browsers, actuals):
    first, second = browsers
    told = []
    for actual in actuals:
        fields = {"value": "12", "source": "실태조사", "observed_on": "2024-12-31"}
        replies = race(
            _change(first, actual, "delete"), _change(second, actual, "correct", **fields)
        )
        told.append(
            [
                outcome(
                    r,
                    saved=(
                        f"{actual.year}년 실적을 지웠습니다",
                        f"{actual.year}년 실적을 고쳤습니다.",
                    ),
                    refused="다른 담당자가 먼저 이 실적을",
                )
                if "이미 지워졌습니다" not in r.page
                else "refused"
                for r in replies
            ]
        )

    assert_pairs(told, ["refused", "saved"])
    for actual in actuals:
        types = [row.history_type for row in actual.history.order_by("history_date", "history_id")]
        assert types in (["+", "-"], ["+", "~"])
        assert GoalValue.objects.filter(pk=actual.pk).exists() == (types[-1] == "~")


def test_two_people_correcting_the_same_district(browsers, districts):
    """Both corrected the details they saw; the second is told of the first's correction."""
    first, second = browsers
    told = []
    for district in districts:
        url = reverse("districts:district_update", args=[district.pk])
        data = {
            "province": district.province_id,
            "location": "부산 해운대구",
            "operator": "부산정보산업진흥원",
            "reason": "이름 오기 정정",
            "seen": district.history.latest().history_id,
        }
        replies = race(
            (first, url, data | {"name": f"{district.name} 가"}),
            (second, url, data | {"name": f"{district.name} 나"}),
        )
        told.append(
            [
                outcome(
                    r,
                    saved=("의 정보를 고쳤습니다",),
                    refused="다른 담당자가 먼저 이 지구를 고쳤습니다.",
                )
                for r in replies
            ]
        )

    assert_pairs(told, ["refused", "saved"])
    for district in districts:
        history = list(district.history.order_by("history_date", "history_id"))
        assert [row.history_type for row in history] == ["+", "~"]
        assert history[-1].name == InnovationDistrict.objects.get(pk=district.pk).name


# The annual cycle: the submission steps and the draft editor's forms.


@pytest.fixture
def submitted(staff, organizations) -> list[Submission]:
    """PAIRS provinces' submissions of an opened 2025 cycle, each with a small draft and
    submitted, so that a reviewer may accept it."""
    cycle = cycle_open(actor=staff[0], year=2025)
    submissions = []
    for submission in cycle.submissions.select_related("organization")[:PAIRS]:
        submission.plan = draft_plan(submission.organization, PlanLevel.PROVINCE)
        submission.state = SubmissionState.SUBMITTED
        submission.save()
        submissions.append(submission)
    return submissions


@pytest.fixture
def drafting(submitted) -> list[Submission]:
    """The same submissions back in drafting, where their drafts may be edited."""
    Submission.objects.filter(pk__in=[s.pk for s in submitted]).update(
        state=SubmissionState.DRAFTING
    )
    return submitted


def _step(browser: Browser, submission: Submission, action: str) -> Post:
    org = submission.organization.short_name
    url = reverse("cycle:submission_action", args=[2025, org, action])
    return browser, url, {f"{action}-comment": ""}


def test_two_reviewers_accepting_the_same_submission(browsers, submitted):
    first, second = browsers
    told = []
    for submission in submitted:
        replies = race(_step(first, submission, "accept"), _step(second, submission, "accept"))
        told.append(
            [
                outcome(
                    r,
                    saved=("접수했습니다.",),
                    refused="다른 담당자가 먼저 처리했을 수 있으니",
                )
                for r in replies
            ]
        )

    assert_pairs(told, ["refused", "saved"])
    for submission in submitted:
        submission.refresh_from_db()
        assert submission.state == SubmissionState.ACCEPTED
        assert submission.events.filter(action=SubmissionAction.ACCEPT).count() == 1


def _budget_row(browser: Browser, submission: Submission, source: str, amount: str) -> Post:
    """The draft editor's grid row of the draft's strategy with one cell filled."""
    strategy = submission.plan.strategies.get()
    org = submission.organization.short_name
    url = reverse("cycle:draft_item_update", args=[2025, org, "budget", strategy.pk])
    return browser, url, {f"budget-{strategy.pk}-{source}": amount}


@pytest.mark.parametrize(
    "source", [BudgetSource.NATIONAL, BudgetSource.PRIVATE], ids=["existing", "new"]
)
def test_two_editors_writing_the_same_budget_cell(browsers, drafting, source):
    """The draft has a 국비 cell and no 민자 cell: either way both writes are saved, one
    after the other, into one cell whose history holds both amounts."""
    first, second = browsers
    told = []
    for submission in drafting:
        replies = race(
            _budget_row(first, submission, source, "100"),
            _budget_row(second, submission, source, "200"),
        )
        told.append([outcome(r, saved=("재정투입을 고쳤습니다.",)) for r in replies])

    assert_pairs(told, ["saved", "saved"])
    for submission in drafting:
        cell = Budget.objects.get(plan=submission.plan_id, source=source)
        amounts = [row.amount_eok for row in cell.history.order_by("history_date", "history_id")]
        assert {Decimal(100), Decimal(200)} <= set(amounts)
        assert amounts[-1] == cell.amount_eok


def test_two_editors_renaming_the_same_task(browsers, drafting):
    """Both renames are saved, one after the other; the history holds both names."""
    first, second = browsers
    told = []
    for submission in drafting:
        task = submission.plan.tasks.get(kind="core")
        org = submission.organization.short_name
        url = reverse("cycle:draft_item_update", args=[2025, org, "task", task.pk])
        replies = race(
            (first, url, {f"task-{task.pk}-name": "자치분권 강화 가"}),
            (second, url, {f"task-{task.pk}-name": "자치분권 강화 나"}),
        )
        told.append([outcome(r, saved=("과제를 고쳤습니다.",)) for r in replies])
        names = [row.name for row in task.history.order_by("history_date", "history_id")]
        assert {"자치분권 강화 가", "자치분권 강화 나"} <= set(names)
        assert names[-1] == Task.objects.get(pk=task.pk).name

    assert_pairs(told, ["saved", "saved"])
