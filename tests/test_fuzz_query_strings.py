"""Hostile addresses against every page: never a server error (issue 7, defect 4).

Every URL of the URLconf (but the admin) is asked with every parameter at once set to a
known troublemaker; then Hypothesis (fixed budget, derandomized) asks the pages people
read with random parameters, mostly each page's own plus `_export` and `table`, with
values from unicode at large (NUL, other controls, superscript digits, quotes, CR/LF) to
4,000-digit numbers and 6,000-character texts, and hostile text in the path. The answer
may be a page, a download, a redirect to sign in, a 400, 404 or 405 — never a 500. The
plans of 2024 and the digital plan are loaded, so filters and downloads have rows to work
on. It runs on whichever database the suite uses: run it with DATABASE_URL on PostgreSQL
too, where NUL reaches a 500 that SQLite lets pass.
"""

from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dream.accounts.models import Membership, Organization, User
from dream.digital.models import DigitalGoal
from dream.indicators.models import Indicator
from dream.plans.models import Budget, Plan, Strategy, Task

pytestmark = pytest.mark.usefixtures("plan_2024", "digital_plan_2023")

# The query parameters each page reads (django-filter, django-tables2, the views).
TABLE = ["_export", "sort"]
READ_PAGES = {
    "web:overview": ["_export", "table", "metric", "region", "year"],
    "web:map": ["_export", "metric", "region", "year"],
    "web:province_detail": ["_export", "table", "year"],
    "web:super_region_detail": ["_export", "table", "year"],
    "web:compare": ["_export", "p", "year"],
    "web:sectoral": [*TABLE, "strategy", "ministry", "budget_min", "budget_max", "name", "year"],
    "web:findings": [*TABLE, "severity", "level", "owner", "code", "year"],
    "web:downloads": [],
    "web:source_line": [],
    "web:organization_detail": ["year"],
    "search:search": [*TABLE, "q", "level", "owner", "strategy", "year"],
    "digital:dashboard": [],
    "tracking:goal_list": ["_export"],
    "tracking:goal_detail": ["_export", "table"],
    "tracking:goal_values_template": [],
    "tracking:goal_values_import": [],
    "links:link_overview": TABLE,
    "links:link_review": [*TABLE, "digital_task", "area", "task_q"],
    "links:link_detail": [],
    "districts:district_list": [*TABLE, "table", "province", "stage"],
    "districts:district_detail": ["_export", "table"],
    "districts:district_register": [],
    "districts:district_update": [],
    "login": ["next"],
    "cycle:cycle_list": [],
    "cycle:cycle_detail": ["_export", "table"],
    "cycle:cycle_guidelines_file": [],
    "cycle:submission_detail": [],
    "cycle:draft_edit": [],
    "cycle:workbook_download": [],
    "cycle:workbook_upload": [],
    "results:body": [],
    "results:actual_history": [],
    "api-v1:body_results_detail": [],
    "results:workbook": [],
    "results:year": ["_export"],
    "api-v1:year_results_summary": [],
    "results:workbook_upload": [],
    "results:execution": [],
    "results:self_assessment": [],
    "cycle:compilation": [],
    "evaluation:round_list": [],
    "evaluation:round_detail": [],
    "evaluation:round_rules": [],
    "evaluation:round_units": [],
    "evaluation:indicator_rules": [],
    "api-v1:round_list": [],
    "api-v1:round_detail": [],
    "api-v1:rule_list": [],
    "api-v1:unit_list": [],
    "api-v1:criterion_set_list": [],
    "evaluation:evaluators": [],
    "evaluation:declaration": [],
    "evaluation:mine": [],
    "evaluation:unit_detail": [],
    "evaluation:scores": [],
    "evaluation:grades": [],
    "evaluation:feedback": [],
    "evaluation:special_account": [],
    "evaluation:special_account_template": [],
    "api-v1:feedback_action_list": ["year", "org", "state"],
    "api-v1:grades_list": [],
    "api-v1:assignment_list": [],
    "api-v1:scores_get": [],
    "api-v1:band_set_list": [],
    "api-v1:api-root": [],
    "api-v1:openapi-json": [],
    "api-v1:openapi-view": [],
    "api-v1:plan_list": ["year", "level", "owner", "limit", "offset"],
    "api-v1:plan_detail": [],
    "api-v1:finding_list": ["year", "code", "plan", "limit", "offset"],
    "api-v1:search_list": ["q", "level", "owner", "limit", "offset"],
    "api-v1:digital_plan": [],
    "api-v1:cycle_detail": [],
    "api-v1:duplicate_list": [],
    "api-v1:submission_detail": [],
    "api-v1:workbook_download": [],
    "api-v1:guidelines_detail": [],
    "api-v1:amendment_list": [],
    "api-v1:amendment_detail": [],
    "reports:report": [],
    "reports:file": [],
    "api-v1:annual_report_detail": [],
    "api-v1:annual_report_file": [],
}
PARAMETERS = sorted({name for names in READ_PAGES.values() for name in names} | {"page"})
# Values that mean something somewhere, so that hostile ones meet working code paths.
MEANINGFUL = [
    "csv", "xlsx", "ods", "yaml", "json", "latex", "tsv", "sources", "strategies", "map",
    "fiscal", "indicators", "findings", "districts", "measures", "stages", "trajectory",
    "values", "budget", "서울", "부산", "충청권", "과기부", "error", "province", "1", "2",
    "3", "-1", "0", "2024", "2023", "디지털", "블록체인 클러스터", "-national_budget_eok", "name", "/",
]  # fmt: skip
HOSTILE = [
    "²", "³", "½", "١٢", "1e999", "NaN", "-0", "\x00", "a\x00b", "\r\n", "\t", '"', "'",
    '";--', "%", "%00", "\\", "\u202e", "\ufeff", "\ud7ff", "\U0001f600", "ᄀ", "",
]  # fmt: skip
# Pages that only answer POST or manage a password: the sweep below asks them too, the
# random search spends its budget on READ_PAGES.
NOT_READ = {
    "logout",
    "password_change",
    "password_change_done",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "districts:district_measure_record",
    "districts:district_stage_change",
    "tracking:goal_value_correct",
    "tracking:goal_value_delete",
    "links:link_create",
    "links:link_decide",
    "links:link_bulk_decide",
    "web:datapackage_zip",  # builds the whole package: slow, and reads no parameter
    "cycle:cycle_resolve",
    "cycle:cycle_guidelines",
    "cycle:submission_action",
    "results:action",
    "results:actual_record",
    "results:actual_delete",
    "api-v1:actual_put",
    "api-v1:actual_remove",
    "api-v1:execution_put",
    "api-v1:execution_delete",
    "api-v1:task_self_assessment_put",
    "api-v1:strategy_self_assessment_put",
    "api-v1:result_action",
    "cycle:draft_item_add",
    "cycle:draft_item_update",
    "cycle:draft_item_remove",
    "cycle:draft_task_move",
    "cycle:draft_indicator_relink",
    "cycle:item_comment",
    "cycle:duplicates_find",
    "cycle:duplicate_decide",
    "cycle:amendment_start",
    "cycle:amendment_action",
    "api-v1:amendment_create",
    "api-v1:amendment_action",
    "api-v1:comment_create",
    "api-v1:duplicate_decide",
    "api-v1:cycle_create",
    "api-v1:cycle_resolve",
    "api-v1:submission_action",
    "api-v1:submission_roll_forward",
    "api-v1:task_patch",
    "api-v1:budget_patch",
    "api-v1:budget_set",
    "api-v1:strategy_patch",
    "api-v1:indicator_patch",
    "api-v1:plan_patch",
    "api-v1:strategy_add",
    "api-v1:strategy_remove",
    "api-v1:task_add",
    "api-v1:task_remove",
    "api-v1:indicator_add",
    "api-v1:indicator_remove",
    "api-v1:workbook_upload",
    "api-v1:duplicates_find",
    "api-v1:guidelines_record",
    "api-v1:budget_remove",
    "evaluation:units_generate",
    "evaluation:criterion_set_create",
    "evaluation:band_set_create",
    "evaluation:round_sets",
    "evaluation:unit_weight",
    "evaluation:judgement",
    "api-v1:criterion_set_create",
    "api-v1:band_set_create",
    "api-v1:round_sets_put",
    "api-v1:unit_weight_patch",
    "api-v1:indicator_rule_put",
    "api-v1:judgement_put",
    "api-v1:round_create",
    "api-v1:rule_set",
    "api-v1:unit_generate",
    "evaluation:scores_compute",
    "api-v1:declaration_create",
    "api-v1:assignment_create",
    "api-v1:scores_put",
    "api-v1:assignment_action",
    "evaluation:advance",
    "evaluation:grade_action",
    "api-v1:round_advance",
    "api-v1:grade_action",
    "api-v1:annual_report_create",
    "evaluation:feedback_raise",
    "evaluation:feedback_act",
    "evaluation:special_account_match",
    "api-v1:feedback_action_create",
    "api-v1:feedback_action_step",
    "api-v1:special_account_upload",
}
NAMED_PAGES_WITH_ARGUMENTS = {
    "evaluation:criterion_set_create",
    "evaluation:band_set_create",
    "evaluation:round_sets",
    "evaluation:indicator_rules",
    "evaluation:unit_weight",
    "evaluation:judgement",
    "api-v1:round_sets_put",
    "api-v1:unit_weight_patch",
    "api-v1:indicator_rule_put",
    "api-v1:judgement_put",
    "evaluation:feedback",
    "evaluation:feedback_raise",
    "evaluation:feedback_act",
    "evaluation:special_account",
    "evaluation:special_account_template",
    "evaluation:special_account_match",
    "api-v1:feedback_action_step",
    "api-v1:special_account_upload",
    "evaluation:advance",
    "evaluation:grades",
    "evaluation:grade_action",
    "api-v1:round_advance",
    "api-v1:grades_list",
    "api-v1:grade_action",
    "evaluation:evaluators",
    "evaluation:declaration",
    "evaluation:mine",
    "evaluation:unit_detail",
    "evaluation:scores",
    "evaluation:scores_compute",
    "api-v1:declaration_create",
    "api-v1:assignment_list",
    "api-v1:assignment_create",
    "api-v1:scores_put",
    "api-v1:assignment_action",
    "api-v1:scores_get",
    "evaluation:round_detail",
    "evaluation:round_rules",
    "evaluation:round_units",
    "evaluation:units_generate",
    "api-v1:round_detail",
    "api-v1:rule_list",
    "api-v1:rule_set",
    "api-v1:unit_generate",
    "api-v1:unit_list",
    "web:province_detail",
    "web:super_region_detail",
    "web:source_line",
    "web:organization_detail",
    "tracking:goal_detail",
    "districts:district_detail",
    "districts:district_measure_record",
    "districts:district_stage_change",
    "districts:district_update",
    "tracking:goal_value_correct",
    "tracking:goal_value_delete",
    "links:link_decide",
    "links:link_detail",
    "password_reset_confirm",
    "cycle:cycle_detail",
    "cycle:cycle_resolve",
    "cycle:cycle_guidelines",
    "cycle:cycle_guidelines_file",
    "cycle:submission_action",
    "cycle:submission_detail",
    "results:body",
    "results:actual_record",
    "results:actual_delete",
    "results:actual_history",
    "api-v1:body_results_detail",
    "api-v1:year_results_summary",
    "api-v1:actual_put",
    "api-v1:actual_remove",
    "cycle:draft_edit",
    "cycle:draft_item_add",
    "cycle:draft_item_update",
    "cycle:draft_item_remove",
    "cycle:draft_task_move",
    "cycle:draft_indicator_relink",
    "cycle:workbook_download",
    "cycle:workbook_upload",
    "results:workbook",
    "results:year",
    "results:workbook_upload",
    "results:execution",
    "results:self_assessment",
    "results:action",
    "api-v1:execution_put",
    "api-v1:execution_delete",
    "api-v1:task_self_assessment_put",
    "api-v1:strategy_self_assessment_put",
    "api-v1:result_action",
    "cycle:item_comment",
    "cycle:compilation",
    "cycle:duplicates_find",
    "cycle:duplicate_decide",
    "api-v1:comment_create",
    "api-v1:duplicate_list",
    "api-v1:duplicate_decide",
    "cycle:amendment_start",
    "cycle:amendment_action",
    "api-v1:amendment_list",
    "api-v1:amendment_detail",
    "api-v1:amendment_create",
    "api-v1:amendment_action",
    "api-v1:plan_detail",
    "api-v1:cycle_detail",
    "api-v1:cycle_resolve",
    "api-v1:submission_detail",
    "api-v1:submission_action",
    "api-v1:submission_roll_forward",
    "api-v1:task_patch",
    "api-v1:budget_patch",
    "api-v1:budget_set",
    "api-v1:strategy_patch",
    "api-v1:indicator_patch",
    "api-v1:plan_patch",
    "api-v1:strategy_add",
    "api-v1:strategy_remove",
    "api-v1:task_add",
    "api-v1:task_remove",
    "api-v1:indicator_add",
    "api-v1:indicator_remove",
    "api-v1:workbook_download",
    "api-v1:workbook_upload",
    "api-v1:duplicates_find",
    "api-v1:guidelines_detail",
    "api-v1:guidelines_record",
    "api-v1:budget_remove",
    "reports:report",
    "reports:file",
    "api-v1:annual_report_detail",
    "api-v1:annual_report_file",
}

# Characters that broke pages before: NUL and other controls, digits int() reads but
# the database does not, quotes, line breaks, bidi and byte-order marks.
ODD_CHARACTERS = "\x00\x01\x08\x1b\x7f\r\n\t\"'\\%²³½٣\u202e\ufeff"
odd_text = st.text(st.sampled_from(ODD_CHARACTERS) | st.characters(codec="utf-8"), max_size=30)
values = st.one_of(
    st.sampled_from(MEANINGFUL),
    st.sampled_from(HOSTILE),
    odd_text,
    st.builds(lambda a, bad, b: a + bad + b, st.sampled_from(MEANINGFUL), odd_text, st.sampled_from(["", *MEANINGFUL])),
    st.builds(lambda digit, n: digit * n, st.sampled_from("19²٣"), st.integers(1, 4000)),
    st.builds(lambda text, n: text * n, st.sampled_from(["가", "a", "'\"", "\r\n"]), st.integers(150, 6000)),
)  # fmt: skip
path_text = st.one_of(
    st.sampled_from(
        HOSTILE + ["서울", "충청권", "없는곳", "0", "01", "5-3", "1-999", "99999", "과기부"]
    ),
    odd_text,
)
# Pages whose last path segment is fuzzed too: a name, or a line of a document.
PATH_PAGES = (
    "web:province_detail",
    "web:super_region_detail",
    "web:source_line",
    "web:organization_detail",
)


def routes() -> dict[str, str]:
    """Every named page of the URLconf but the admin's: name → route."""

    def walk(patterns, namespace="", prefix=""):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                if pattern.app_name != "admin":
                    yield from walk(pattern.url_patterns, pattern.namespace or namespace, route)
            elif isinstance(pattern, URLPattern) and pattern.name:
                yield (f"{namespace}:{pattern.name}" if namespace else pattern.name), route

    return dict(walk(get_resolver().url_patterns))


def _busan_indicator() -> int:
    return Indicator.objects.filter(plan__owner__short_name="부산").order_by("pk")[0].pk


@pytest.fixture
def pages(db, register_district) -> dict[str, str]:
    """Every page by name, with real arguments where it needs them."""
    district = register_district("부산")
    arguments = {
        "web:province_detail": ["서울"],
        "web:super_region_detail": ["충청권"],
        "web:source_line": ["2024-implementation-plan", 100],
        "web:organization_detail": ["과기정통부"],
        "tracking:goal_detail": [DigitalGoal.objects.order_by("pk")[0].key],
        "districts:district_detail": [district.pk],
        "districts:district_measure_record": [district.pk],
        "districts:district_stage_change": [district.pk],
        "districts:district_update": [district.pk],
        "tracking:goal_value_correct": [DigitalGoal.objects.order_by("pk")[0].key, 1],
        "tracking:goal_value_delete": [DigitalGoal.objects.order_by("pk")[0].key, 1],
        "links:link_decide": [1, "confirm"],
        "links:link_detail": [1],
        "password_reset_confirm": ["MQ", "set-password"],
        "evaluation:round_detail": [2024],
        "evaluation:round_rules": [2024],
        "evaluation:round_units": [2024],
        "evaluation:criterion_set_create": [2024],
        "evaluation:band_set_create": [2024],
        "evaluation:round_sets": [2024],
        "evaluation:indicator_rules": [2024],
        "evaluation:unit_weight": [2024],
        "evaluation:judgement": [2024, 1],
        "api-v1:round_sets_put": [2024],
        "api-v1:unit_weight_patch": [1],
        "api-v1:indicator_rule_put": [2024, _busan_indicator()],
        "api-v1:judgement_put": [1, _busan_indicator()],
        "evaluation:units_generate": [2024],
        "evaluation:evaluators": [2024],
        "evaluation:declaration": [2024],
        "evaluation:mine": [2024],
        "evaluation:unit_detail": [2024, 1],
        "evaluation:scores": [2024],
        "evaluation:scores_compute": [2024],
        "evaluation:advance": [2024],
        "evaluation:grades": [2024],
        "evaluation:grade_action": [2024, "check"],
        "evaluation:feedback": [2024],
        "evaluation:feedback_raise": [2024],
        "evaluation:feedback_act": [2024, 1, "decline"],
        "evaluation:special_account": [2024],
        "evaluation:special_account_template": [2024],
        "evaluation:special_account_match": [2024, 1],
        "api-v1:feedback_action_step": [1, "decline"],
        "api-v1:special_account_upload": [2024],
        "api-v1:round_advance": [2024],
        "api-v1:grades_list": [2024],
        "api-v1:grade_action": [1, "check"],
        "api-v1:declaration_create": [2024],
        "api-v1:assignment_list": [2024],
        "api-v1:assignment_create": [2024],
        "api-v1:scores_put": [1],
        "api-v1:assignment_action": [1, "submit"],
        "api-v1:scores_get": [2024],
        "api-v1:round_detail": [2024],
        "api-v1:rule_list": [2024],
        "api-v1:rule_set": [2024],
        "api-v1:unit_generate": [2024],
        "api-v1:unit_list": [2024],
        "cycle:cycle_detail": [2024],
        "cycle:cycle_resolve": [2024],
        "cycle:cycle_guidelines": [2024],
        "cycle:cycle_guidelines_file": [2024],
        "cycle:submission_action": [2024, "부산", "submit"],
        "cycle:submission_detail": [2024, "부산"],
        "results:body": [2024, "부산"],
        "results:actual_record": [2024, "부산", _busan_indicator()],
        "results:actual_delete": [2024, "부산", _busan_indicator()],
        "results:actual_history": [2024, "부산", _busan_indicator()],
        "api-v1:body_results_detail": [2024, "부산"],
        "api-v1:year_results_summary": [2024],
        "api-v1:actual_put": [_busan_indicator(), 2024],
        "api-v1:actual_remove": [_busan_indicator(), 2024],
        "cycle:draft_edit": [2024, "부산"],
        "cycle:draft_item_add": [2024, "부산", "task"],
        "cycle:draft_item_update": [2024, "부산", "task", 1],
        "cycle:draft_item_remove": [2024, "부산", "task", 1],
        "cycle:draft_task_move": [2024, "부산", 1],
        "cycle:draft_indicator_relink": [2024, "부산", 1],
        "cycle:workbook_download": [2024, "부산"],
        "cycle:workbook_upload": [2024, "부산"],
        "results:workbook": [2024, "부산"],
        "results:year": [2024],
        "results:workbook_upload": [2024, "부산"],
        "results:execution": [2024, "부산"],
        "results:self_assessment": [2024, "부산"],
        "results:action": [2024, "부산", "submit"],
        "api-v1:execution_put": [Plan.objects.order_by("pk")[0].pk],
        "api-v1:execution_delete": [1],
        "api-v1:task_self_assessment_put": [Task.objects.order_by("pk")[0].pk, 2024],
        "api-v1:strategy_self_assessment_put": [Strategy.objects.order_by("pk")[0].pk, 2024],
        "api-v1:result_action": [2024, "부산", "submit"],
        "cycle:item_comment": [2024, "부산"],
        "cycle:compilation": [2024],
        "cycle:duplicates_find": [2024],
        "cycle:duplicate_decide": [2024, 1],
        "cycle:amendment_start": [2024, "부산"],
        "cycle:amendment_action": [2024, "부산", 1, "submit"],
        "api-v1:amendment_list": [2024, "부산"],
        "api-v1:amendment_detail": [2024, "부산", 1],
        "api-v1:amendment_create": [2024, "부산"],
        "api-v1:amendment_action": [2024, "부산", 1, "submit"],
        "api-v1:comment_create": [2024, "부산"],
        "api-v1:duplicate_list": [2024],
        "api-v1:duplicate_decide": [2024, 1],
        "api-v1:plan_detail": [Plan.objects.order_by("pk")[0].pk],
        "api-v1:cycle_detail": [2024],
        "api-v1:cycle_resolve": [2024],
        "api-v1:submission_detail": [2024, "부산"],
        "api-v1:submission_action": [2024, "부산", "submit"],
        "api-v1:submission_roll_forward": [2024, "부산"],
        "api-v1:task_patch": [Task.objects.order_by("pk")[0].pk],
        "api-v1:budget_patch": [Budget.objects.order_by("pk")[0].pk],
        "api-v1:budget_set": [Plan.objects.order_by("pk")[0].pk],
        "api-v1:strategy_patch": [Strategy.objects.order_by("pk")[0].pk],
        "api-v1:indicator_patch": [Indicator.objects.order_by("pk")[0].pk],
        "api-v1:plan_patch": [Plan.objects.order_by("pk")[0].pk],
        "api-v1:strategy_add": [Plan.objects.order_by("pk")[0].pk],
        "api-v1:strategy_remove": [Strategy.objects.order_by("pk")[0].pk],
        "api-v1:task_add": [Plan.objects.order_by("pk")[0].pk],
        "api-v1:task_remove": [Task.objects.order_by("pk")[0].pk],
        "api-v1:indicator_add": [Plan.objects.order_by("pk")[0].pk],
        "api-v1:indicator_remove": [Indicator.objects.order_by("pk")[0].pk],
        "api-v1:workbook_download": [2024, "부산"],
        "api-v1:workbook_upload": [2024, "부산"],
        "api-v1:duplicates_find": [2024],
        "api-v1:guidelines_detail": [2024],
        "api-v1:guidelines_record": [2024],
        "api-v1:budget_remove": [Budget.objects.order_by("pk")[0].pk],
        "reports:report": [2024],
        "reports:file": [2024, 1],
        "api-v1:annual_report_detail": [1],
        "api-v1:annual_report_file": [1],
    }
    return {name: reverse(name, args=arguments.get(name, [])) for name in routes()}


@pytest.fixture
def clients(db) -> list[Client]:
    """An anonymous visitor, and Committee staff (who also see the link review)."""
    staff = User.objects.create_user("fuzz-staff", password="pw")
    Membership.objects.create(
        user=staff, organization=Organization.objects.get(short_name="위원회"), role="editor"
    )
    signed_in = Client(raise_request_exception=False)
    signed_in.force_login(staff)
    return [Client(raise_request_exception=False), signed_in]


def test_every_page_with_arguments_is_known_to_the_fuzzer():
    """A new page must be added above to be fuzzed: its parameters, and its arguments."""
    with_arguments = {name for name, route in routes().items() if "<" in route or "(?P" in route}

    assert with_arguments == NAMED_PAGES_WITH_ARGUMENTS
    assert set(routes()) == set(READ_PAGES) | NOT_READ


@pytest.mark.parametrize("value", ["²", "9" * 4000, "a\x00b", 'x"\r\nSet-Cookie: a=b', "가" * 1000])
def test_every_page_survives_every_parameter_at_once(pages, clients, value):
    for url in pages.values():
        for client in clients:
            response = client.get(url, {name: value for name in PARAMETERS})
            assert response.status_code != 500, (url, value[:40])


@settings(
    max_examples=500,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_no_query_string_or_path_gets_a_server_error(pages, clients, data):
    name = data.draw(st.sampled_from(sorted(READ_PAGES)), label="page")
    url = pages[name]
    if name in PATH_PAGES and data.draw(st.booleans()):
        url = url.rsplit("/", 2)[0] + "/" + quote(data.draw(path_text, label="path"), safe="") + "/"
    names = st.sampled_from(PARAMETERS)
    if READ_PAGES[name]:
        names = st.sampled_from(READ_PAGES[name]) | names
    params = data.draw(st.lists(st.tuples(names, values), max_size=5), label="params")
    client = data.draw(st.sampled_from(clients), label="client")

    response = client.get(url, params)

    assert response.status_code != 500
