"""Who may do what with API tokens."""

from techbridge.accounts.models import User
from techbridge.api.models import ApiToken


def can_revoke_token(user: User, token: ApiToken) -> bool:
    return user.is_authenticated and (token.user_id == user.pk or user.is_staff)
