import datetime
import hashlib
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from techbridge.accounts.models import User
from techbridge.api import rules
from techbridge.api.models import ApiToken

TOKEN_PREFIX = "tb_"
# Writing last_used_at on every call would turn each read into a write.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=5)


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Returns the token and its secret; the secret is not stored and cannot be shown again."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the token a name.")})
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name[:100], prefix=secret[:10], digest=_digest(secret)
    )
    return token, secret


def api_token_revoke(*, user: User, token: ApiToken) -> None:
    if not rules.can_revoke_token(user, token):
        raise PermissionDenied
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])


def api_token_authenticate(*, secret: str) -> User | None:
    if not secret.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=_digest(secret), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
