# ruff: noqa: F811  (pytest fixtures imported by name and requested as parameters)
"""Persona × action → allowed for fiscal execution, the body's accounts and the submission's
steps: the one table the services, the web pages and the API are held to
(test_permissions_execution.py).

Written by hand from ADR 0008's persona table, not computed from the permission functions:
- entering execution and accounts, and submitting: an editor or manager of the reporting
  body, or Committee staff (can_record_results); in the sectoral plan the reporting body of
  a practical task's 국비 is its lead ministry (행안부 here);
- returning and confirming: Committee staff (can_review_results);
- a superuser may do everything; viewers, other bodies and anonymous visitors nothing.
"""

from dream.cycle.tests.conftest import PERSONAS

COLUMNS = [
    "execution 부산",
    "self-assessment 부산",
    "submit 부산",
    "return 부산",
    "confirm 부산",
    "execution 행안부",
    "submit 행안부",
]
_GRID = {
    "anonymous":       (0, 0, 0, 0, 0,   0, 0),
    "busan_viewer":    (0, 0, 0, 0, 0,   0, 0),
    "busan_editor":    (1, 1, 1, 0, 0,   0, 0),
    "seoul_editor":    (0, 0, 0, 0, 0,   0, 0),
    "ministry_editor": (0, 0, 0, 0, 0,   1, 1),
    "committee_staff": (1, 1, 1, 1, 1,   1, 1),
    "superuser":       (1, 1, 1, 1, 1,   1, 1),
}  # fmt: skip
ALLOWED = {
    persona: dict(zip(COLUMNS, map(bool, row), strict=True)) for persona, row in _GRID.items()
}
assert list(ALLOWED) == PERSONAS, "the table names every persona of the cycle's conftest, in order"
CASES = [(persona, column) for persona in PERSONAS for column in COLUMNS]

from datetime import date  # noqa: E402
from decimal import Decimal  # noqa: E402

import pytest  # noqa: E402
from django.urls import reverse  # noqa: E402

from dream.cycle.errors import NotAllowed  # noqa: E402
from dream.plans.choices import BudgetSource, TaskKind  # noqa: E402
from dream.results import execution, workflow  # noqa: E402
from dream.results.choices import ResultState  # noqa: E402
from dream.results.models import FiscalExecution, ResultSubmission, SelfAssessment  # noqa: E402
from dream.results.submissions import result_submission_for  # noqa: E402

from .fixtures_execution import (  # noqa: E402, F401
    busan_plan,
    execution_token,
    orgs,
    personas,
    sectoral_2024,
    sectoral_plan,
    staff,
)

SPENT = "77.7"
WAYS = ["service", "web", "api"]
pytestmark = pytest.mark.django_db


class World:
    """The two bodies' plans and what each column acts on, staged in the state it needs."""

    def __init__(self, busan_plan, sectoral_plan, orgs, staff):
        self.busan, self.sectoral, self.orgs, self.staff = busan_plan, sectoral_plan, orgs, staff
        self.strategy = busan_plan.strategies.get()
        self.core = busan_plan.tasks.get(kind=TaskKind.CORE)
        self.practical = sectoral_plan.tasks.get(kind=TaskKind.PRACTICAL)

    def submission(self, body: str):
        plan = self.busan if body == "부산" else self.sectoral
        return result_submission_for(plan, self.orgs[body])

    def stage(self, column: str):
        action, body = column.split()
        if action in ("submit", "return", "confirm"):
            FiscalExecution.objects.create(
                plan=self.busan if body == "부산" else self.sectoral, year=2024,
                source=BudgetSource.NATIONAL, task=None if body == "부산" else self.practical,
                spent_eok=Decimal("1"), spent_text="1", document="d",
                observed_on=date(2025, 1, 1), recorded_by=self.staff,
            )  # fmt: skip
        if action in ("return", "confirm"):
            ResultSubmission.objects.filter(pk=self.submission(body).pk).update(
                state=ResultState.SUBMITTED
            )

    def done(self, column: str) -> bool:
        action, body = column.split()
        state = ResultSubmission.objects.filter(organization=self.orgs[body]).values_list(
            "state", flat=True
        )
        if action == "execution":
            return FiscalExecution.objects.filter(spent_text=SPENT).exists()
        if action == "self-assessment":
            return SelfAssessment.objects.exists()
        wanted = {
            "submit": ResultState.SUBMITTED,
            "return": ResultState.RETURNED,
            "confirm": ResultState.CONFIRMED,
        }[action]
        return list(state) == [wanted]

    def by_service(self, actor, column: str):
        action, body = column.split()
        if action == "execution":
            execution.fiscal_execution_record(
                actor=actor, plan=self.busan if body == "부산" else self.sectoral, year=2024,
                source=BudgetSource.NATIONAL, spent_text=SPENT, document="결산",
                observed_on=date(2025, 2, 1),
                strategy=self.strategy if body == "부산" else None,
                task=None if body == "부산" else self.practical,
            )  # fmt: skip
        elif action == "self-assessment":
            execution.self_assessment_record(actor=actor, year=2024, task=self.core, text="설명")
        else:
            step = {
                "submit": lambda s: workflow.result_submit(actor=actor, submission=s),
                "return": lambda s: workflow.result_return(
                    actor=actor, submission=s, comment="보완"
                ),
                "confirm": lambda s: workflow.result_confirm(actor=actor, submission=s),
            }[action]
            step(self.submission(body))

    def by_web(self, client, column: str):
        action, body = column.split()
        if action == "execution":
            anchor = f"s:{self.strategy.pk}" if body == "부산" else f"t:{self.practical.pk}"
            return client.post(
                reverse("results:execution", args=[2024, body]),
                {"anchor": anchor, "source": "national", "spent": SPENT, "document": "결산",
                 "observed_on": "2025-02-01"},
            )  # fmt: skip
        if action == "self-assessment":
            return client.post(
                reverse("results:self_assessment", args=[2024, body]),
                {"anchor": f"t:{self.core.pk}", "text": "설명"},
            )
        return client.post(
            reverse("results:action", args=[2024, body, action]), {"comment": "보완"}
        )

    def by_api(self, client, headers, column: str):
        action, body = column.split()
        if action == "execution":
            payload = {"year": 2024, "source": "national", "spent": SPENT, "document": "결산",
                       "observed_on": "2025-02-01"}  # fmt: skip
            if body == "부산":
                payload["strategy_id"] = self.strategy.pk
            else:
                payload["task_id"] = self.practical.pk
            plan = self.busan if body == "부산" else self.sectoral
            return client.put(
                f"/api/v1/plans/{plan.pk}/executions", payload,
                content_type="application/json", **headers,
            )  # fmt: skip
        if action == "self-assessment":
            return client.put(
                f"/api/v1/tasks/{self.core.pk}/self-assessments/2024", {"text": "설명"},
                content_type="application/json", **headers,
            )  # fmt: skip
        return client.post(
            f"/api/v1/results/2024/{body}/{action}", {"comment": "보완"},
            content_type="application/json", **headers,
        )  # fmt: skip


@pytest.fixture
def world(busan_plan, sectoral_plan, orgs, staff):
    return World(busan_plan, sectoral_plan, orgs, staff)


@pytest.mark.parametrize("way", WAYS)
@pytest.mark.parametrize("persona, column", CASES)
def test_persona_table(way, persona, column, world, personas, client, execution_token):
    world.stage(column)
    user = personas(persona)
    allowed = ALLOWED[persona][column]
    if way == "service":
        if allowed:
            world.by_service(user, column)
        else:
            with pytest.raises(NotAllowed):
                world.by_service(user, column)
    elif way == "web":
        if persona != "anonymous":
            client.force_login(user)
        response = world.by_web(client, column)
        assert response.status_code in ((302,) if allowed or persona == "anonymous" else (403,))
        if persona == "anonymous":
            assert "/login" in response["Location"] or "login" in response["Location"]
    else:
        headers = execution_token(user) if persona != "anonymous" else {}
        response = world.by_api(client, headers, column)
        expected = 200 if allowed else (401 if persona == "anonymous" else 403)
        assert response.status_code == expected, response.content.decode()
    assert world.done(column) == allowed
