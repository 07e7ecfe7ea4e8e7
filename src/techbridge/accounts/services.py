import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from techbridge.accounts.models import FailedLogin, User
from techbridge.accounts.tokens import verification_token_make, verification_token_read
from techbridge.core.mail import email_enqueue


def _email_normalise(email: str) -> str:
    return email.strip().lower()


@transaction.atomic
def user_sign_up(
    *, email: str, full_name: str, password: str, preferred_language: str, time_zone: str
) -> User:
    email = _email_normalise(email)
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": _("An account with this e-mail address already exists.")})
    user = User.objects.create_user(
        email=email,
        password=password,
        full_name=full_name.strip(),
        preferred_language=preferred_language,
        time_zone=time_zone,
    )
    user_verification_send(user=user)
    return user


def user_verification_send(*, user: User) -> None:
    token = verification_token_make(user_id=user.pk, email=user.email)
    link = settings.SITE_URL + reverse("accounts:verify", kwargs={"token": token})
    email_enqueue(
        to=user.email,
        template="verify_email",
        context={"name": user.full_name, "link": link, "days": settings.EMAIL_VERIFICATION_DAYS},
        language=user.preferred_language,
    )


@transaction.atomic
def user_verify_email(*, token: str) -> User:
    payload = verification_token_read(token=token)
    invalid = ValidationError(_("This verification link is invalid or has expired."))
    if payload is None:
        raise invalid
    user = User.objects.select_for_update().filter(pk=payload["user"]).first()
    if user is None or user.email != payload["email"]:
        raise invalid
    if user.email_verified_at is None:
        user.email_verified_at = timezone.now()
        user.save(update_fields=["email_verified_at"])
    return user


def user_update_preferences(
    *,
    user: User,
    full_name: str | None = None,
    preferred_language: str | None = None,
    time_zone: str | None = None,
) -> User:
    changes = {
        "full_name": full_name,
        "preferred_language": preferred_language,
        "time_zone": time_zone,
    }
    fields = [name for name, value in changes.items() if value is not None]
    for name in fields:
        setattr(user, name, changes[name])
    if fields:
        user.full_clean(exclude=["password"])
        user.save(update_fields=fields)
    return user


def _window_start() -> datetime.datetime:
    return timezone.now() - datetime.timedelta(minutes=settings.LOGIN_FAILURE_WINDOW_MINUTES)


def login_failure_record(*, email: str, ip_address: str | None) -> None:
    FailedLogin.objects.filter(attempted_at__lt=_window_start()).delete()
    FailedLogin.objects.create(email=_email_normalise(email), ip_address=ip_address)


def login_failures_clear(*, email: str) -> None:
    FailedLogin.objects.filter(email=_email_normalise(email)).delete()


def login_is_throttled(*, email: str, ip_address: str | None) -> bool:
    recent = FailedLogin.objects.filter(attempted_at__gte=_window_start())
    limit = settings.LOGIN_FAILURE_LIMIT
    if recent.filter(email=_email_normalise(email)).count() >= limit:
        return True
    return bool(ip_address) and recent.filter(ip_address=ip_address).count() >= 4 * limit
