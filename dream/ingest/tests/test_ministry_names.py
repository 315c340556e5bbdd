"""A ministry printed under another name (과기부 for 과기정통부) or its official name links
the one record of that ministry, and the link keeps what the document printed."""

import pytest

from dream.accounts.models import Organization, User
from dream.ingest.models import Finding
from dream.ingest.services import plan_document_store
from dream.ingest.tests.test_services import small_document
from dream.plans.models import TaskMinistry

SCIENCE = "과학기술정보통신부"


def store(document) -> None:
    plan_document_store(
        actor=User.objects.get_or_create(username="officer")[0],
        document=document,
        file_name="plan.txt",
        sha256="0" * 64,
    )


def printed(task_name: str) -> list[tuple[str, str]]:
    return list(
        TaskMinistry.objects.filter(task__name=task_name)
        .order_by("position")
        .values_list("ministry__short_name", "printed_name")
    )


@pytest.fixture
def document():
    """The small document, its tasks naming 과기정통부 by three names."""
    document = small_document()
    core = document.plans[0].tasks[0]
    core.ministries = ["행안부", "과기정통부", "과기부"]
    core.children[0].ministries = ["과기부"]
    core.children[1].ministries = [SCIENCE, "법제처"]
    return document


def test_every_name_links_the_one_record_and_keeps_the_print(db, document):
    store(document)

    assert Organization.objects.filter(full_name=SCIENCE).count() == 1
    assert printed("지방정부 행정권한 확대") == [("과기정통부", "과기부")]
    assert printed("자치입법권 강화") == [("과기정통부", SCIENCE), ("법제처", "법제처")]


def test_a_task_printing_both_names_keeps_one_link_with_both_prints(db, document):
    store(document)

    assert printed("자율적 자치기반 마련") == [("행안부", "행안부"), ("과기정통부", "과기정통부, 과기부")]


def test_known_other_names_are_not_findings_but_an_unknown_one_still_is(db, document):
    document.plans[0].tasks[0].children[0].ministries.append("과기브")

    store(document)

    (finding,) = Finding.objects.filter(code="ministry.unknown")
    assert "'과기브'" in finding.message and finding.source_line == 13
    assert Organization.objects.filter(short_name="과기브", kind="ministry").exists()


def test_storing_the_same_document_again_changes_no_link(db, document):
    store(document)
    links = list(TaskMinistry.objects.values_list("pk", "ministry_id", "printed_name"))
    history = TaskMinistry.history.count()

    store(document)

    assert list(TaskMinistry.objects.values_list("pk", "ministry_id", "printed_name")) == links
    assert TaskMinistry.history.count() == history


@pytest.mark.usefixtures("plan_2024")
def test_the_2024_plan_links_its_science_and_farming_ministries_once_each(db):
    assert not Organization.objects.filter(short_name__in=["과기부", "농림부"]).exists()
    science = TaskMinistry.objects.filter(ministry__short_name="과기정통부")
    # printed 과기부 in the table: Ⅲ-4 and its (1)(2)(3), Ⅲ-5 and its (1)(2), Ⅳ-1 (2)
    assert science.count() == 8
    assert set(science.values_list("printed_name", flat=True)) == {"과기부"}
    assert TaskMinistry.objects.filter(ministry__short_name="농식품부").count() == 5
