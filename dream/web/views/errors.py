from django.shortcuts import render

from dream.web.middleware import InvalidRequest


def page_not_found(request, exception):
    """Say why in Korean when a view raised Http404 with a message; URLs that match no
    page get the general sentence."""
    message = exception.args[0] if exception.args and isinstance(exception.args[0], str) else ""
    return render(request, "404.html", {"message": message}, status=404)


def bad_request(request, exception):
    """Say in Korean what was wrong with the address or form. Only our own refusals carry
    a message: Django's (a bad Host header, too many fields) may echo the request."""
    message = str(exception) if isinstance(exception, InvalidRequest) else ""
    return render(request, "400.html", {"message": message}, status=400)
