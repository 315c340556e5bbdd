"""Two people saving the same task at once are serialised by the task's lock: nothing is
recorded twice and no transition starts from a state the task had already left."""

import threading
from datetime import date

import pytest
from django.db import connection

from dream.regional_tasks import services
from dream.regional_tasks.choices import ClosureStep, TaskState
from dream.regional_tasks.models import BudgetRequest

from .conftest import AGREED_ON, REQUESTED_ON


def at_once(*calls) -> list:
    """Run `calls` in threads released together; each outcome is the result or the error's
    class name."""
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            outcomes[index] = call()
        except Exception as error:  # SQLite may refuse a writer as locked; kept to assert on
            outcomes[index] = type(error).__name__
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@pytest.mark.django_db(transaction=True)
def test_two_people_recording_the_agreement_at_once_record_it_once(task, staff, personas):
    services.closure_request(actor=staff, task=task, decided_on=REQUESTED_ON, document="d")
    people = (personas("busan_editor"), personas("ministry_editor"))

    outcomes = at_once(
        *(
            lambda person=person: services.closure_step_record(
                actor=person,
                task=task,
                step=ClosureStep.AGREEMENT,
                decided_on=AGREED_ON,
                document="협의 결과",
            )
            for person in people
        )
    )

    recorded = [o for o in outcomes if not isinstance(o, str)]
    assert (len(recorded), [o for o in outcomes if isinstance(o, str)]) == (1, ["StateConflict"])
    assert task.transitions.filter(closure_step=ClosureStep.AGREEMENT).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_classifications_at_once_chain_from_each_others_state(task, staff):
    outcomes = at_once(
        *(
            lambda state=state: services.regional_task_classify(
                actor=staff, task=task, to_state=state, decided_on=date(2025, 2, 3), document="d"
            )
            for state in (TaskState.NEEDS_WORK, TaskState.LONG_TERM)
        )
    )

    assert not any(isinstance(o, str) for o in outcomes), outcomes
    first, second = task.transitions.order_by("pk")
    assert first.from_state == TaskState.ACTIVE
    assert second.from_state == first.to_state
    task.refresh_from_db()
    assert task.state == second.to_state


@pytest.mark.django_db(transaction=True)
def test_two_submissions_of_one_years_budget_at_once_leave_one_request(task, personas, staff):
    outcomes = at_once(
        *(
            lambda person=person, amount=amount: services.budget_request_submit(
                actor=person, task=task, year=2025, amount_text=amount
            )
            for person, amount in ((personas("busan_editor"), "100"), (staff, "120"))
        )
    )

    assert all(isinstance(o, BudgetRequest) for o in outcomes), outcomes
    request = BudgetRequest.objects.get()
    assert request.amount_text in ("100", "120")
    assert request.history.count() == 2
