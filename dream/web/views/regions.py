from django.views.generic import TemplateView


class ProvinceDetailView(TemplateView):
    template_name = "web/placeholder.html"


class SuperRegionDetailView(TemplateView):
    template_name = "web/placeholder.html"


class CompareView(TemplateView):
    template_name = "web/placeholder.html"
