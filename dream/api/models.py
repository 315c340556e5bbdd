"""Personal API tokens: what an outside system sends as `Authorization: Bearer <token>`.

Only the token's SHA-256 is stored, so a copy of the database does not let anyone act
as its owner; the token itself is shown once, when it is made (`dream token-create`).
"""

from django.db import models

from dream.accounts.models import User


class ApiToken(models.Model):
    """A person's token for the API; it acts with its owner's permissions."""

    user = models.ForeignKey(
        User, verbose_name="사용자", on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField("이름", max_length=100, blank=True, help_text="어디에 쓰는 토큰인지")
    key_hash = models.CharField("토큰 해시(SHA-256)", max_length=64, unique=True)
    prefix = models.CharField("앞부분", max_length=16, help_text="토큰을 알아보는 앞 글자")
    created = models.DateTimeField("만든 때", auto_now_add=True)
    last_used = models.DateTimeField("마지막 사용", null=True, blank=True)
    revoked = models.BooleanField("폐기됨", default=False)

    class Meta:
        verbose_name = "API 토큰"
        verbose_name_plural = "API 토큰"
        ordering = ["user", "-created"]

    def __str__(self) -> str:
        return f"{self.user} {self.prefix}… {self.name}".strip()
