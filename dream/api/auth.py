"""Bearer-token authentication for the API's writes (reads of public data need none)."""

from django.http import HttpRequest
from ninja.security import HttpBearer

from dream.accounts.models import User

from .services import api_token_user

MAX_TOKEN_LENGTH = 200


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <token>` → the token's owner as `request.auth`; anything
    else is refused with 401 by the API's handler."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        if not token or len(token) > MAX_TOKEN_LENGTH:
            return None
        return api_token_user(token)


token_auth = TokenAuth()
