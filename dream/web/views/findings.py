from django.views.generic import TemplateView


class FindingListView(TemplateView):
    template_name = "web/placeholder.html"
