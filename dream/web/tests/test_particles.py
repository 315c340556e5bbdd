"""Particles in templates: `{{ name|josa:"을" }}` and `‘{{ name }}’{{ name|particle:"이" }}`."""

import re

import pytest
from django.template import Context, Template
from django.urls import reverse


def render(source: str, **context) -> str:
    return Template("{% load dream_korean %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("name", "source", "expected"),
    [
        ("혁신지구", '{{ name|josa:"을" }}', "혁신지구를"),
        ("국비", '{{ name|josa:"으로" }}', "국비로"),
        ("성장 가속화", '{{ name|josa:"로" }}', "성장 가속화로"),
        ("부울경(부산·울산·경남)", '{{ name|josa:"를" }}', "부울경(부산·울산·경남)을"),
        ("DX", '{{ name|josa:"으로" }}', "DX로"),
        (3, '{{ name|josa:"로" }}', "3으로"),
        ("수소", '‘{{ name }}’{{ name|particle:"이" }} 들어간', "‘수소’가 들어간"),
    ],
)
def test_the_filters_pick_the_particle_for_the_name(name, source, expected):
    assert render(source, name=name) == expected


def test_a_name_is_still_escaped():
    assert render('{{ name|josa:"을" }}', name="<script>전북") == "&lt;script&gt;전북을"


@pytest.mark.usefixtures("plan_2024")
def test_the_sum_notice_reads_억원으로(client, db):
    html = client.get(reverse("web:province_detail", args=["서울"])).content.decode()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))

    assert "문서에 인쇄된 총액은 54,742억원으로, " in text
    assert "억원로" not in text
