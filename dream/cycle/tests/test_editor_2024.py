"""The draft editor on the resolved 2024 plan read from the document: read-only for
everyone, every number with its unit (a separate module: the 2024 import is per module)."""

import pytest
from django.urls import reverse

from tests.bare_numbers import bare_numbers
from tests.test_units import indicator_units

pytestmark = pytest.mark.usefixtures("plan_2024", "db")


def test_a_resolved_plan_shows_read_only_with_every_number_and_its_unit(client):
    response = client.get(reverse("cycle:draft_edit", args=[2024, "부산"]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "의결된 시행계획은 고칠 수 없습니다" in html
    assert 'class="filters edit-' not in html
    assert "재정투입 (전략 × 재원)" in html and "성과지표" in html
    assert bare_numbers(html, indicator_units()) == []
