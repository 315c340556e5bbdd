"""The "원문 보기" page: a line of a bundled document with the printed text around it."""

from django.http import Http404
from django.views.generic import TemplateView

from dream.web.source_text import LineNotFound, line_url, line_window, other_import


class SourceLineView(TemplateView):
    """`/sources/<document>/lines/<n>/`: line n highlighted among the 20 lines either side;
    an unknown document or a line number that is not one of its lines is a Korean 404."""

    template_name = "web/sources/source_line.html"

    def get_context_data(self, **kwargs):
        try:
            window = line_window(self.kwargs["slug"], self.kwargs["line"])
        except LineNotFound as exc:
            raise Http404(str(exc)) from exc
        return super().get_context_data(
            window=window,
            page_sources=(window.text.source,),
            other_import=other_import(window.text),
            earlier_url=line_url(window.text, window.earlier) if window.earlier else "",
            later_url=line_url(window.text, window.later) if window.later else "",
            **kwargs,
        )
