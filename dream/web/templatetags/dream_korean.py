"""Particles after a name in a template: `{{ name|josa:"을" }}` → 혁신지구를, 서울을;
`‘{{ name }}’{{ name|particle:"이" }}` when the name is quoted."""

from django import template

from dream.core.korean import particle as particle_for
from dream.core.korean import with_particle

register = template.Library()


@register.filter(is_safe=True)
def josa(value, josa_form: str) -> str:
    """The value followed by the right form of the particle (either form may be given)."""
    return with_particle(str(value), josa_form)


@register.filter(is_safe=True)
def particle(value, josa_form: str) -> str:
    """Only the right form of the particle, for text put between the name and it."""
    return particle_for(str(value), josa_form)
