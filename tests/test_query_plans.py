"""Every public page and API read of one year reads that year through indexes: no query
scans a table that grows with the years (issue 13). The database's own EXPLAIN says so, on
SQLite and on PostgreSQL, for every SELECT a request runs.

The test data is one year, but a query plan does not depend on how many rows there are
(SQLite without statistics plans for large tables; PostgreSQL is told not to scan), so a
scan here is a scan at a million tasks."""

from urllib.parse import quote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.query_plans import explained, scans

pytestmark = pytest.mark.usefixtures("plan_2024", "digital_plan_2023")

# Tables whose rows grow with every year stored (and with finer data in each year).
GROWING = (
    "plans_task",
    "plans_strategy",
    "plans_budget",
    "plans_taskministry",
    "indicators_indicator",
    "ingest_finding",
    "search_searchentry",
    "links_tasklink",
)
PAGES = (
    "/",
    "/map/?metric=jobs_change&region=충청권",
    "/provinces/서울/",
    "/provinces/경남/",
    "/super-regions/충청권/",
    "/compare/",
    "/sectoral/",
    "/sectoral/?sort=-national_budget_eok",
    "/sectoral/?_export=csv",
    "/findings/",
    "/findings/?_export=csv",
    "/downloads/",
    "/search/?q=블록체인",
    "/search/?q=섬",
    "/search/?q=과기부",
    "/search/?q=지역&level=province",
    "/digital/",
    "/digital/goals/",
    "/digital/links/",
    "/digital/districts/",
    "/api/v1/plans?year=2024",
    "/api/v1/findings?year=2024",
    "/api/v1/search?q=지역&year=2024",
    "/api/v1/search?q=섬",
    "/api/v1/digital",
)


@pytest.mark.parametrize("page", PAGES)
def test_no_query_of_a_public_read_scans_a_table_that_grows_with_the_years(client, db, page):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(quote(page, safe="/?=&-_"))
    assert response.status_code == 200
    scanning = []
    for query in queries:
        if not query["sql"].startswith("SELECT"):
            continue
        plan = explained(query["sql"])
        scanning += [(table, query["sql"][:200], plan) for table in GROWING if scans(plan, table)]
    assert scanning == []
