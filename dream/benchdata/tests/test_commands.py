"""`dream bench-data`: the refusals a person sees. In a module of its own because the
2024 plan, once a module has imported it, stays for the whole module."""

import pytest
from django.core.management import CommandError, call_command

from dream.plans.models import Plan


def test_without_the_2024_plan_the_command_refuses_in_korean_and_english(db):
    with pytest.raises(CommandError, match="2024년 시행계획이 없습니다.*plan is missing"):
        call_command("bench_data", tasks=10_000)
    assert not Plan.objects.exists()
