"""`dream seed-agencies`: only what the document names, checked against its lines."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from dream.accounts.services import organizations_ensure
from dream.agencies.choices import Incorporation
from dream.agencies.models import DigitalAgency
from dream.agencies.seed import seed_entries
from dream.web.source_text import DIGITAL_TEXT


def test_every_seeded_name_stands_on_its_cited_line():
    for entry in seed_entries():
        assert entry["printed"] in DIGITAL_TEXT.lines[entry["source_line"] - 1]


def test_the_command_registers_the_two_named_agencies_once(db):
    organizations_ensure()
    call_command("seed_agencies", stdout=StringIO())
    call_command("seed_agencies", stdout=StringIO())
    agencies = {a.name: a for a in DigitalAgency.objects.select_related("province")}
    assert set(agencies) == {"부산정보산업진흥원", "대구디지털혁신진흥원"}
    dip = agencies["대구디지털혁신진흥원"]
    assert (dip.province.short_name, dip.source_line) == ("대구", 1737)
    assert dip.incorporation == Incorporation.UNCONFIRMED
    assert agencies["부산정보산업진흥원"].source_line == 1062


def test_a_wrong_line_refuses_the_whole_file(db, tmp_path):
    organizations_ensure()
    seed = tmp_path / "agencies.toml"
    seed.write_text(
        '[[agencies]]\nname = "부산정보산업진흥원"\nprovince = "부산"\n'
        'printed = "부산정보산업진흥원"\nsource_line = 1062\n\n'
        '[[agencies]]\nname = "광주정보문화산업진흥원"\nprovince = "광주"\n'
        'printed = "광주정보문화산업진흥원"\nsource_line = 1062\n',
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match="원문 1062줄에 '광주정보문화산업진흥원'"):
        call_command("seed_agencies", file=seed, stdout=StringIO())
    assert not DigitalAgency.objects.exists()
