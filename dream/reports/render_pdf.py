"""The report as PDF, printed by WeasyPrint from the HTML document with Korean fonts
(fonts-noto-cjk); figures carry numbered source notes instead of links."""

from .render_html import render_html


def render_pdf(data: dict) -> bytes:
    from weasyprint import HTML  # heavy: loaded only when a PDF is made

    return HTML(string=render_html(data, notes=True)).write_pdf()
