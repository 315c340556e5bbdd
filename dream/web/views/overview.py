from django.views.generic import TemplateView


class OverviewView(TemplateView):
    template_name = "web/placeholder.html"


class MapView(TemplateView):
    template_name = "web/placeholder.html"
