"""django-tables2 asks `inspect.signature` which arguments a render or value function takes
for every cell it renders (django_tables2.utils.call_with_appropriate): 29 % of the time of
the sectoral CSV download (issue 13). A function's signature does not change, so it is
read once per function here; the answer is the library's own `signature`, unchanged.

Installed from WebConfig.ready(). django-tables2 3.0.1 has no such cache; drop this module
when it does."""

from weakref import WeakKeyDictionary

import django_tables2.utils

_uncached = django_tables2.utils.signature
# Bound methods are new objects at every attribute access: they are keyed by their function.
# Weak keys, so functions made while a request runs (a lambda column) do not pile up.
_of_methods: WeakKeyDictionary = WeakKeyDictionary()
_of_callables: WeakKeyDictionary = WeakKeyDictionary()


def cached_signature(fn):
    """The library's (arguments, kwargs name) for `fn`, read once per function."""
    function = getattr(fn, "__func__", None)
    cache, key = (_of_methods, function) if function is not None else (_of_callables, fn)
    try:
        return cache[key]
    except KeyError:
        cache[key] = answer = _uncached(fn)
        return answer
    except TypeError:  # neither hashable nor weakly referenceable: asked every time
        return _uncached(fn)


def install() -> None:
    django_tables2.utils.signature = cached_signature
