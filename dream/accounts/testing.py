"""Personas for the apps' permission tests: one way to make "부산's editor", "Committee
staff" or a superuser, so that every app's persona table means the same people.

An app's conftest names its personas and hands them to `persona_maker`:

    PERSONAS = {"anonymous": Persona(), "busan_editor": Persona("busan", "부산", "editor"),
                "superuser": Persona("root", superuser=True)}
    personas = persona_maker(orgs, PERSONAS, password="pw")
    personas("busan_editor")  # made on first use, the same user afterwards
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser

from .models import Membership, Organization, User


@dataclass(frozen=True)
class Persona:
    """Who a persona is: no username for the anonymous visitor; otherwise a user, a member
    of `organization` (short name) with `role`, or a superuser."""

    username: str | None = None
    organization: str = ""
    role: str = ""
    superuser: bool = False


def persona_maker(
    orgs: dict[str, Organization],
    personas: dict[str, Persona],
    *,
    password: str | None = None,
    email_domain: str | None = None,
) -> Callable[[str], User | AnonymousUser]:
    """`make(name)` → that persona's user, created on first use (once per test, since the
    test database is rolled back); an unknown name is a KeyError. Users get `password`
    (None: unusable, sign in with `client.force_login`) and, with `email_domain`, the
    address username@email_domain."""
    made: dict[str, User | AnonymousUser] = {}

    def build(persona: Persona) -> User | AnonymousUser:
        if persona.username is None:
            return AnonymousUser()
        fields = {"password": password}
        if email_domain:
            fields["email"] = f"{persona.username}@{email_domain}"
        if persona.superuser:
            return User.objects.create_superuser(persona.username, **fields)
        user = User.objects.create_user(persona.username, **fields)
        Membership.objects.create(
            user=user, organization=orgs[persona.organization], role=persona.role
        )
        return user

    def make(name: str) -> User | AnonymousUser:
        if name not in made:
            made[name] = build(personas[name])
        return made[name]

    return make
