from django.shortcuts import render


def page_not_found(request, exception):
    """Say why in Korean when a view raised Http404 with a message; URLs that match no
    page get the general sentence."""
    message = exception.args[0] if exception.args and isinstance(exception.args[0], str) else ""
    return render(request, "404.html", {"message": message}, status=404)
