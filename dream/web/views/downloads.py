from django.http import HttpResponse
from django.views.generic import TemplateView


class DownloadsView(TemplateView):
    template_name = "web/placeholder.html"


def datapackage_zip(request):
    return HttpResponse(status=404)
