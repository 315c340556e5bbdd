"""Which documents a page's figures come from: cited in its footer, beside its download
links and in its downloads (`X-DREAM-Source`, the "출처" sheet)."""

from dream.opendata.services import DIGITAL_PLAN, IMPLEMENTATION_PLAN, SourceDocument

BOTH = (IMPLEMENTATION_PLAN, DIGITAL_PLAN)
# By URL namespace; a page not named here shows the implementation plan's figures.
BY_NAMESPACE: dict[str, tuple[SourceDocument, ...]] = {
    "digital": (DIGITAL_PLAN,),
    "tracking": (DIGITAL_PLAN,),
    "districts": (DIGITAL_PLAN,),
    "links": BOTH,  # digital tasks beside the implementation plan's tasks
    "search": BOTH,  # hits from either plan
}
# Single pages that differ from their namespace.
BY_VIEW_NAME: dict[str, tuple[SourceDocument, ...]] = {
    "web:downloads": BOTH,  # the package holds both plans
    "web:organization_detail": BOTH,  # a body's tasks in both plans
}


def page_sources(request) -> tuple[SourceDocument, ...]:
    """The documents the page of `request` shows figures from."""
    match = getattr(request, "resolver_match", None)
    if match is None:  # error pages
        return (IMPLEMENTATION_PLAN,)
    if match.view_name in BY_VIEW_NAME:
        return BY_VIEW_NAME[match.view_name]
    return BY_NAMESPACE.get(match.namespace, (IMPLEMENTATION_PLAN,))
