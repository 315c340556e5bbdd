"""Rendering a table asks each render function's signature once, not once per cell, and
gets the library's own answer (dream/web/table_speed.py)."""

import inspect
from unittest import mock

import django_tables2 as tables
import django_tables2.utils
from django.test import RequestFactory

from dream.web.table_speed import _uncached, cached_signature


class Figures(tables.Table):
    name = tables.Column()
    amount = tables.Column()

    def render_amount(self, value, record):
        return f"{value}억원"


ROWS = [{"name": f"과제 {n}", "amount": n} for n in range(200)]


def test_the_cache_is_the_one_the_library_calls():
    assert django_tables2.utils.signature is cached_signature


def test_a_table_of_two_hundred_rows_reads_each_signature_once():
    Figures(ROWS).as_html(RequestFactory().get("/"))  # warm: every function seen once
    with mock.patch("inspect.signature", wraps=inspect.signature) as inspected:
        html = Figures(ROWS).as_html(RequestFactory().get("/"))
    assert "199억원" in html
    assert inspected.call_count == 0


def test_the_answers_are_the_librarys():
    table = Figures(ROWS)
    for fn in (table.render_amount, Figures.render_amount, lambda value: value, len):
        assert cached_signature(fn) == _uncached(fn)
    assert cached_signature(table.render_amount) == (("value", "record"), None)
    assert cached_signature(Figures.render_amount) == (("self", "value", "record"), None)
