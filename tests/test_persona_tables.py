"""Every action of the digital pipeline (issue 11, item 9) and of the priority tasks, zones and
regional policy tasks (issue 12, item 5) has its rows in a persona table: each
service that takes an `actor` is named here with the persona-table action that tests it, and
that action is in its app's hand-written table (`dream/<app>/tests/persona_table.py`), whose
rows run against the services. A new service without rows fails here."""

import importlib
import inspect

import pytest

SERVICE_MODULES = {
    "agencies": ["dream.agencies.services"],
    "pipeline": ["dream.pipeline.services"],
    "calls": ["dream.calls.services", "dream.calls.evaluation"],
    "allocation": ["dream.allocation.services"],
    "districts": ["dream.districts.plans"],
    "priorities": ["dream.priorities.services"],
    "zones": ["dream.zones.services"],
    "regional_tasks": ["dream.regional_tasks.services", "dream.regional_tasks.importing"],
}

# service → (app whose persona table covers it, action in that table)
COVERED_BY = {
    "agency_register": ("agencies", "agency_register"),
    "agency_update": ("agencies", "agency_update"),
    "performance_report_save": ("agencies", "report_save"),
    "performance_report_submit": ("agencies", "report_submit"),
    "proposal_create": ("pipeline", "proposal_create"),
    "proposal_update": ("pipeline", "proposal_update"),
    "proposal_submit": ("pipeline", "proposal_submit"),
    "proposal_withdraw": ("pipeline", "proposal_withdraw"),
    "proposals_rank": ("pipeline", "proposals_rank"),
    "proposal_track1_enter": ("calls", "application_submit"),  # only inside an application
    "large_project_start": ("pipeline", "large_project_start"),
    "large_project_step": ("pipeline", "large_project_step"),
    "call_create": ("calls", "call_create"),
    "call_open": ("calls", "call_open"),
    "call_criteria_set": ("calls", "call_criteria_set"),
    "call_evaluation_start": ("calls", "call_evaluation_start"),
    "call_close": ("calls", "call_close"),
    "preconsultation_log": ("calls", "preconsultation_log"),
    "application_submit": ("calls", "application_submit"),
    "call_panel_save": ("calls", "panel_save"),
    "call_conflict_declare": ("calls", "conflict_declare"),
    "call_assignment_create": ("calls", "assignment_create"),
    "call_assignment_cancel": ("calls", "assignment_cancel"),
    "call_scores_record": ("calls", "scores_record"),
    "call_compute": ("calls", "call_compute"),
    "call_scores_compute": ("calls", "call_compute"),  # call_compute's body, under its lock
    "call_select": ("calls", "call_select"),
    "funded_year_record": ("calls", "funded_year_record"),
    "application_mark_excellent": ("calls", "application_mark_excellent"),
    "application_move_to_track2": ("calls", "application_move_to_track2"),
    "base_amount_set": ("allocation", "base_amount_set"),
    "settings_set": ("allocation", "settings_set"),
    "score_override_set": ("allocation", "score_override_set"),
    "allocation_run": ("allocation", "allocation_run"),
    "development_plan_draft": ("districts", "plan_draft"),
    "development_plan_submit": ("districts", "plan_submit"),
    "plan_review_record": ("districts", "plan_review"),
    "action_owner_assign": ("priorities", "owner_assign"),
    "step_report_add": ("priorities", "step_report"),
    "tracker_settings_set": ("priorities", "settings_set"),
    "inspection_take": ("priorities", "inspection_take"),
    "designation_apply": ("zones", "designation_apply"),
    "designation_update": ("zones", "designation_update"),
    "designation_decide": ("zones", "designation_decide"),
    "designation_withdraw": ("zones", "designation_withdraw"),
    "regional_task_register": ("regional_tasks", "regional_task_register"),
    "regional_task_update": ("regional_tasks", "regional_task_update"),
    "regional_task_classify": ("regional_tasks", "regional_task_classify"),
    "closure_request": ("regional_tasks", "closure_request"),
    # one service for the three printed steps; the table has a row set for each
    "closure_step_record": ("regional_tasks", "closure_agreement"),
    "closure_withdraw": ("regional_tasks", "closure_withdraw"),
    "budget_request_submit": ("regional_tasks", "budget_request_submit"),
    "budget_opinion_record": ("regional_tasks", "budget_opinion_record"),
    "budget_forward": ("regional_tasks", "budget_forward"),
    "regional_tasks_import": ("regional_tasks", "regional_tasks_import"),
}
# Writes made by the system account from a reviewed data file, like `import-plan`.
SYSTEM_ONLY = {"agencies_seed"}


def _actor_services() -> set[str]:
    names = set()
    for modules in SERVICE_MODULES.values():
        for name in modules:
            module = importlib.import_module(name)
            for function_name, function in inspect.getmembers(module, inspect.isfunction):
                if (
                    function.__module__ == name
                    and not function_name.startswith("_")
                    and "actor" in inspect.signature(function).parameters
                ):
                    names.add(function_name)
    return names


def test_every_service_with_an_actor_is_covered_by_a_persona_table():
    assert _actor_services() - SYSTEM_ONLY - set(COVERED_BY) == set()


def test_no_stale_entries():
    assert set(COVERED_BY) | SYSTEM_ONLY <= _actor_services()


@pytest.mark.parametrize(("service", "app", "action"), [(s, *c) for s, c in COVERED_BY.items()])
def test_the_action_has_rows_in_its_apps_persona_table(service, app, action):
    table = importlib.import_module(f"dream.{app}.tests.persona_table")
    if hasattr(table, "ROWS"):
        actions = {row[1] for row in table.ROWS}
    else:
        actions = set(table.ACTIONS)
    assert action in actions
