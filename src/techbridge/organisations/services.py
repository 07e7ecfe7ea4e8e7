import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from techbridge.accounts.models import User
from techbridge.core.countries import is_country
from techbridge.core.languages import ui_language_codes
from techbridge.core.mail import email_enqueue
from techbridge.organisations import rules
from techbridge.organisations.enums import JoinRequestStatus, MemberRole
from techbridge.organisations.models import Invitation, JoinRequest, Membership, Organisation

EDITABLE_FIELDS = (
    "name",
    "name_translations",
    "language",
    "kind",
    "country",
    "region",
    "website",
    "description",
    "description_translations",
    "logo",
)


def _forget_roles(user: User) -> None:
    user.__dict__.pop("_organisation_roles", None)


def _unique_slug(name: str, fallback: str) -> str:
    base = slugify(name)[:60] or slugify(fallback)[:60] or "organisation"
    slug, counter = base, 2
    while Organisation.objects.filter(slug=slug).exists():
        slug, counter = f"{base}-{counter}", counter + 1
    return slug


def _clean_translations(value: dict | None, field: str) -> dict[str, str]:
    cleaned: dict[str, str] = {}
    for code, text in (value or {}).items():
        if code not in ui_language_codes():
            raise ValidationError({field: _("Unknown language code: %(code)s") % {"code": code}})
        if str(text).strip():
            cleaned[code] = str(text).strip()
    return cleaned


def _apply(organisation: Organisation, data: dict) -> None:
    unknown = set(data) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(
            _("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))}
        )
    for field, value in data.items():
        if field.endswith("_translations"):
            value = _clean_translations(value, field)
        setattr(organisation, field, value)
    errors = {}
    if organisation.country and not is_country(organisation.country):
        errors["country"] = [_("Choose a country from the list.")]
    if organisation.language not in ui_language_codes():
        errors["language"] = [_("Choose one of the platform languages.")]
    try:
        organisation.full_clean(exclude=["slug", "verified_by", "created_by"])
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def organisation_create(*, user: User, data: dict) -> Organisation:
    if not rules.can_create_organisation(user):
        raise PermissionDenied
    organisation = Organisation(created_by=user)
    _apply(organisation, data)
    organisation.slug = _unique_slug(
        organisation.name_translations.get("en", "") or organisation.name, user.email.split("@")[0]
    )
    organisation.save()
    Membership.objects.create(organisation=organisation, user=user, role=MemberRole.ADMIN)
    _forget_roles(user)
    return organisation


@transaction.atomic
def organisation_update(*, user: User, organisation: Organisation, data: dict) -> Organisation:
    if not rules.can_edit_organisation(user, organisation):
        raise PermissionDenied
    _apply(organisation, data)
    organisation.save()
    return organisation


def organisation_set_verified(*, user: User, organisation: Organisation, verified: bool) -> None:
    if not rules.can_verify_organisation(user, organisation):
        raise PermissionDenied
    organisation.is_verified = verified
    organisation.verified_by = user if verified else None
    organisation.save(update_fields=["is_verified", "verified_by"])


@transaction.atomic
def invitation_create(
    *, user: User, organisation: Organisation, email: str, role: str
) -> Invitation:
    if not rules.can_manage_members(user, organisation):
        raise PermissionDenied
    email = email.strip().lower()
    if organisation.memberships.filter(user__email__iexact=email).exists():
        raise ValidationError({"email": _("This person is already a member.")})
    if role not in MemberRole.values:
        raise ValidationError({"role": _("Choose a valid role.")})
    invitation = Invitation.objects.create(
        organisation=organisation, email=email, role=role, invited_by=user
    )
    invitee = User.objects.filter(email__iexact=email).first()
    email_enqueue(
        to=email,
        template="invitation",
        context={
            "organisation": organisation.name,
            "inviter": user.full_name,
            "link": settings.SITE_URL
            + reverse("organisations:invitation", kwargs={"token": invitation.token}),
        },
        language=invitee.preferred_language if invitee else user.preferred_language,
    )
    return invitation


def _invitation_expired(invitation: Invitation) -> bool:
    age = timezone.now() - invitation.created_at
    return age > datetime.timedelta(days=settings.EMAIL_VERIFICATION_DAYS * 5)


@transaction.atomic
def invitation_accept(*, user: User, token: str) -> Membership:
    invitation = Invitation.objects.select_for_update().filter(token=token).first()
    if (
        invitation is None
        or invitation.accepted_at
        or invitation.revoked_at
        or _invitation_expired(invitation)
    ):
        raise ValidationError(_("This invitation is invalid, used or expired."))
    if invitation.email.lower() != user.email.lower():
        raise ValidationError(
            _("This invitation was sent to %(email)s. Sign in with that address to accept it.")
            % {"email": invitation.email}
        )
    membership, _created = Membership.objects.get_or_create(
        organisation=invitation.organisation, user=user, defaults={"role": invitation.role}
    )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    _forget_roles(user)
    return membership


def invitation_revoke(*, user: User, invitation: Invitation) -> None:
    if not rules.can_manage_members(user, invitation.organisation):
        raise PermissionDenied
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])


def join_request_create(*, user: User, organisation: Organisation, message: str) -> JoinRequest:
    if not rules.can_request_to_join(user, organisation):
        raise PermissionDenied
    try:
        with transaction.atomic():
            join_request = JoinRequest.objects.create(
                organisation=organisation, user=user, message=message.strip()
            )
    except IntegrityError:
        raise ValidationError(_("You have already asked to join; an admin will answer.")) from None
    for admin in User.objects.filter(
        memberships__organisation=organisation, memberships__role=MemberRole.ADMIN
    ):
        email_enqueue(
            to=admin.email,
            template="join_request",
            context={
                "organisation": organisation.name,
                "requester": user.full_name,
                "message": join_request.message,
                "link": settings.SITE_URL
                + reverse("organisations:members", kwargs={"slug": organisation.slug}),
            },
            language=admin.preferred_language,
        )
    return join_request


@transaction.atomic
def join_request_decide(*, user: User, join_request: JoinRequest, approve: bool) -> JoinRequest:
    if not rules.can_manage_members(user, join_request.organisation):
        raise PermissionDenied
    if join_request.status != JoinRequestStatus.PENDING:
        raise ValidationError(_("This request has already been answered."))
    join_request.status = JoinRequestStatus.APPROVED if approve else JoinRequestStatus.REJECTED
    join_request.decided_by = user
    join_request.decided_at = timezone.now()
    join_request.save(update_fields=["status", "decided_by", "decided_at"])
    if approve:
        Membership.objects.get_or_create(
            organisation=join_request.organisation,
            user=join_request.user,
            defaults={"role": MemberRole.MEMBER},
        )
    requester = join_request.user
    email_enqueue(
        to=requester.email,
        template="join_request_approved" if approve else "join_request_rejected",
        context={"organisation": join_request.organisation.name},
        language=requester.preferred_language,
    )
    return join_request


def _admins_left_after(membership: Membership, new_role: str | None) -> int:
    admins = membership.organisation.memberships.filter(role=MemberRole.ADMIN).exclude(
        pk=membership.pk
    )
    return admins.count() + (1 if new_role == MemberRole.ADMIN else 0)


@transaction.atomic
def membership_change_role(*, user: User, membership: Membership, role: str) -> Membership:
    if not rules.can_manage_members(user, membership.organisation):
        raise PermissionDenied
    if role not in MemberRole.values:
        raise ValidationError({"role": _("Choose a valid role.")})
    if _admins_left_after(membership, role) == 0:
        raise ValidationError(_("An organisation needs at least one admin."))
    membership.role = role
    membership.save(update_fields=["role"])
    _forget_roles(membership.user)
    return membership


@transaction.atomic
def membership_remove(*, user: User, membership: Membership) -> None:
    leaving_self = membership.user_id == user.pk
    if not leaving_self and not rules.can_manage_members(user, membership.organisation):
        raise PermissionDenied
    if _admins_left_after(membership, None) == 0:
        raise ValidationError(_("An organisation needs at least one admin."))
    membership.delete()
    _forget_roles(membership.user)
