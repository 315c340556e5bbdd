"""Personal tokens: made by the command, shown once, stored as a hash, sent as Bearer."""

import hashlib
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from dream.api.models import ApiToken

# A write that needs a token; with one, an unknown year is a plain 404.
GUARDED = "/api/v1/cycles/2099"


def _token(username: str) -> str:
    out = StringIO()
    call_command("token_create", username, name="예산 시스템", stdout=out, stderr=StringIO())
    return out.getvalue().strip()


def test_a_token_made_by_the_command_authenticates(api, person):
    person("someone")
    token = _token("someone")

    response = api.get(GUARDED, HTTP_AUTHORIZATION=f"Bearer {token}")

    assert response.status_code == 404
    assert ApiToken.objects.get().last_used is not None


def test_only_the_tokens_hash_is_stored(person):
    person("someone")
    token = _token("someone")

    stored = ApiToken.objects.get()
    assert stored.key_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in {stored.key_hash, stored.prefix, stored.name}
    assert token.startswith(stored.prefix)
    assert stored.name == "예산 시스템"


@pytest.mark.parametrize(
    "header",
    [None, "Bearer ", "Bearer not-a-token", "Token {token}", "Basic {token}"],
)
def test_a_call_without_a_valid_bearer_token_is_refused_with_401(api, person, header):
    person("someone")
    token = _token("someone")
    headers = {"HTTP_AUTHORIZATION": header.format(token=token)} if header else {}

    response = api.get(GUARDED, **headers)

    assert response.status_code == 401
    assert "토큰" in response.json()["detail"]
    assert response["WWW-Authenticate"] == "Bearer"


def test_a_revoked_token_or_an_inactive_owner_is_refused(api, person):
    user = person("someone")
    revoked, inactive = _token("someone"), _token("someone")
    ApiToken.objects.filter(prefix=revoked[:12]).update(revoked=True)

    assert api.get(GUARDED, HTTP_AUTHORIZATION=f"Bearer {revoked}").status_code == 401
    assert api.get(GUARDED, HTTP_AUTHORIZATION=f"Bearer {inactive}").status_code == 404
    user.is_active = False
    user.save()
    assert api.get(GUARDED, HTTP_AUTHORIZATION=f"Bearer {inactive}").status_code == 401


def test_the_command_refuses_an_unknown_user(db):
    with pytest.raises(CommandError, match="nobody"):
        call_command("token_create", "nobody", stdout=StringIO())
