"""What the cycle's pages answer when a step is refused or done: one place, so every page
refuses the same way (a permission refusal is the 403 page; anything else a message)."""

from django.contrib import messages
from django.shortcuts import redirect, render

from .errors import CycleError, NotAllowed


def forbidden(request, message: str):
    return render(request, "cycle/forbidden.html", {"message": message}, status=403)


def step_run(request, form, call, done: str, back: str):
    """A step posted from a form: the form's errors or the service's refusal become a message
    (a permission refusal the 403 page), and the user goes back to `back`."""
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect(back)
    try:
        call(form.cleaned_data)
    except NotAllowed as error:
        return forbidden(request, error.message)
    except CycleError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return redirect(back)
