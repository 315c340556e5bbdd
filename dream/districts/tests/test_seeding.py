"""`dream seed-pilot-districts`: the three pilot districts of the 2024 plan (l.764)."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from dream.districts.models import InnovationDistrict
from dream.districts.seeding import PILOT_FILE

pytestmark = pytest.mark.django_db


def test_seeds_the_three_pilot_districts_with_their_source_once(client):
    call_command("seed_pilot_districts")
    call_command("seed_pilot_districts")

    districts = InnovationDistrict.objects.order_by("province__position")
    assert [(d.province.short_name, d.name) for d in districts] == [
        ("부산", "부산 센텀"),
        ("대구", "대구 수성"),
        ("광주", "광주 AI융합단지"),
    ]
    assert {(d.source_document, d.source_line) for d in districts} == {
        ("2024-implementation-plan", 764)
    }
    assert {d.operator for d in districts} == {"확인 필요"}
    assert all(d.stage_changes.count() == 1 for d in districts)
    page = client.get(districts[0].get_absolute_url()).content.decode()
    assert "/sources/2024-implementation-plan/lines/764/" in page and "원문 764줄" in page


def _variant(tmp_path: Path, old: str, new: str) -> Path:
    text = PILOT_FILE.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "pilot.toml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def test_a_wrong_line_writes_nothing(tmp_path):
    path = _variant(tmp_path, "line = 764", "line = 765")

    with pytest.raises(CommandError, match="765줄에 '부산 센텀'"):
        call_command("seed_pilot_districts", file=path)

    assert not InnovationDistrict.objects.exists()


def test_a_name_not_printed_writes_nothing(tmp_path):
    path = _variant(tmp_path, 'name = "광주 AI융합단지"', 'name = "광주 AI융합집적단지"')

    with pytest.raises(CommandError, match="광주 AI융합집적단지"):
        call_command("seed_pilot_districts", file=path)

    assert not InnovationDistrict.objects.exists()
