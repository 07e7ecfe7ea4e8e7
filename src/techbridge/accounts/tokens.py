"""Signed, expiring links for e-mail verification (no table needed)."""

from django.conf import settings
from django.core import signing

_SALT = "techbridge.accounts.verify-email"


def verification_token_make(*, user_id: int, email: str) -> str:
    return signing.dumps({"user": user_id, "email": email}, salt=_SALT, compress=True)


def verification_token_read(*, token: str) -> dict | None:
    """Returns the payload, or None for a tampered or expired token."""
    try:
        return signing.loads(
            token, salt=_SALT, max_age=settings.EMAIL_VERIFICATION_DAYS * 24 * 3600
        )
    except signing.BadSignature:
        return None
