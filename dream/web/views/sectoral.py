from django.views.generic import TemplateView


class SectoralView(TemplateView):
    template_name = "web/placeholder.html"
