"""Making and checking personal API tokens."""

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from dream.accounts.models import User

from .models import ApiToken

TOKEN_PREFIX = "dream_"
PREFIX_LENGTH = 12


def token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, user: User, name: str = "") -> tuple[ApiToken, str]:
    """A new token for `user`: the record (hash only) and the token, which is not kept."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name, key_hash=token_hash(raw), prefix=raw[:PREFIX_LENGTH]
    )
    return token, raw


def api_token_user(raw: str) -> User | None:
    """The active owner of a valid, unrevoked token, or None; records when it was used."""
    token = (
        ApiToken.objects.filter(key_hash=token_hash(raw), revoked=False, user__is_active=True)
        .select_related("user")
        .first()
    )
    if token is None:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used=timezone.now())
    return token.user
