from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from techbridge.api.services import api_token_authenticate


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        user = api_token_authenticate(secret=token)
        if user is not None:
            request.user = user
        return user


class OptionalAuth:
    """Public endpoints still know who asks, so permission rules apply the same as on pages."""

    def __call__(self, request: HttpRequest):
        for method in (TokenAuth(), SessionAuth()):
            user = method(request)
            if user:
                return user
        return request.user if request.user.is_authenticated else _Anonymous()


class _Anonymous:
    """Truthy marker so ninja lets anonymous readers through; request.user stays anonymous."""

    def __bool__(self) -> bool:
        return True


AUTH = [TokenAuth(), SessionAuth()]
PUBLIC = [OptionalAuth()]
