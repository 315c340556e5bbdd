"""The report's files: HTML with every section and its source links, a PDF with Korean text,
a DOCX officials can open, and the command that writes them."""

import time
from io import BytesIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from docx import Document
from pypdf import PdfReader

from dream.reports.management.commands.annual_report import Command
from dream.reports.render_docx import render_docx
from dream.reports.render_html import render_html
from dream.reports.render_pdf import render_pdf
from dream.reports.selectors import report_data

from .conftest import BUDGET_LINE

SECTIONS = ("plan", "fiscal", "execution", "achievement", "grades", "feedback", "rules")


def test_html_file_has_every_section_charts_and_absolute_source_links(report_world, settings):
    settings.DREAM_SITE_URL = "https://dream.example.kr"
    html = render_html(report_data(2024))
    for section in SECTIONS:
        assert f'id="{section}"' in html
    assert html.count("<svg") == 2
    assert "https://dream.example.kr/" in html and f"/{BUDGET_LINE + 1}/#L" in html
    assert "계획이 정하지 않음" in html


def test_pdf_has_korean_text_and_a_sane_page_count(report_world):
    started = time.monotonic()
    pdf = render_pdf(report_data(2024))
    elapsed = time.monotonic() - started
    reader = PdfReader(BytesIO(pdf))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "시행계획" in text and "부산" in text and "출처 주" in text
    assert 2 <= len(reader.pages) <= 12
    assert elapsed < 60


def test_docx_reopens_with_bodies_tables_and_source_notes(report_world):
    document = Document(BytesIO(render_docx(report_data(2024))))
    paragraphs = [p.text for p in document.paragraphs]
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "부산" in cells
    assert any(text.startswith("93.5억원 [") for text in cells)
    assert "출처 주" in paragraphs
    assert any(f"원문 {BUDGET_LINE}줄" in text for text in paragraphs)
    assert any("우수사업 인센티브" in text for text in cells)


@pytest.mark.parametrize("format", ["html", "pdf", "docx"])
def test_command_writes_the_file(report_world, tmp_path, format):
    output = tmp_path / f"report.{format}"
    call_command("annual_report", "2024", "--format", format, "--output", str(output))
    assert output.stat().st_size > 1000


def test_command_refuses_a_year_whose_round_is_open_with_the_reason(open_round, tmp_path):
    with pytest.raises(CommandError, match="종료되지 않아"):
        call_command("annual_report", "2024", "--output", str(tmp_path / "r.pdf"))


def test_command_exits_1_without_a_closed_round(db, tmp_path, capsys):
    with pytest.raises(SystemExit) as exit:
        Command().run_from_argv(["dream", "annual_report", "2023", "--output", str(tmp_path / "r")])
    assert exit.value.code == 1
    assert "2023년 평가 회차가 없어" in capsys.readouterr().err
    assert not (tmp_path / "r").exists()
