"""Writes for alliance membership: apply, withdraw, decide, tier, renew, daily expiry and
reminders. Each checks the rule, validates, writes and queues e-mail in one transaction."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from techbridge.accounts.models import User
from techbridge.alliance import rules
from techbridge.alliance.enums import ApplicationStatus, MembershipStatus, Tier
from techbridge.alliance.models import AllianceMembership, Charter, MembershipApplication
from techbridge.alliance.validation import application_clean
from techbridge.core.mail import email_enqueue
from techbridge.organisations.enums import MemberRole
from techbridge.organisations.models import Organisation

TERM_YEARS = 1
REMINDER_DAYS = 30


def _add_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def charter_current() -> Charter | None:
    return Charter.objects.filter(is_published=True).order_by("-version").first()


def _status_link(organisation: Organisation) -> str:
    return settings.SITE_URL + reverse("alliance:status", args=[organisation.slug])


def _mail_admins(*, organisation: Organisation, template: str, context: dict) -> int:
    admins = User.objects.filter(
        memberships__organisation=organisation,
        memberships__role=MemberRole.ADMIN,
        is_active=True,
    )
    count = 0
    for admin in admins:
        email_enqueue(
            to=admin.email,
            template=f"alliance/{template}",
            context={
                "organisation": organisation.name,
                "link": _status_link(organisation),
                **context,
            },
            language=admin.preferred_language,
        )
        count += 1
    return count


@transaction.atomic
def application_submit(
    *,
    user: User,
    organisation: Organisation,
    kind: str,
    capabilities: str,
    language: str,
    sectors: list[str],
    countries_served: list[str],
    charter_accepted: bool,
) -> MembershipApplication:
    membership = AllianceMembership.objects.filter(organisation=organisation).first()
    if not rules.can_apply(user, organisation, membership=membership):
        raise PermissionDenied
    cleaned = application_clean(
        kind=kind,
        capabilities=capabilities,
        language=language,
        sectors=sectors,
        countries_served=countries_served,
        charter_accepted=charter_accepted,
    )
    charter = charter_current()
    if charter is None:
        raise ValidationError({"charter_accepted": [_("The charter is not published yet.")]})
    pending = MembershipApplication.objects.filter(
        organisation=organisation, status=ApplicationStatus.PENDING
    )
    if pending.exists():
        raise ValidationError(_("This organisation already has an application waiting."))
    sector_rows = cleaned.pop("sectors")
    try:
        with transaction.atomic():
            application = MembershipApplication.objects.create(
                organisation=organisation,
                submitted_by=user,
                charter=charter,
                charter_accepted_at=timezone.now(),
                **cleaned,
            )
    except IntegrityError:
        raise ValidationError(_("This organisation already has an application waiting.")) from None
    application.sectors.set(sector_rows)
    return application


@transaction.atomic
def application_withdraw(*, user: User, application: MembershipApplication) -> None:
    application = MembershipApplication.objects.select_for_update().get(pk=application.pk)
    if not rules.can_withdraw_application(user, application):
        raise PermissionDenied
    application.status = ApplicationStatus.WITHDRAWN
    application.save(update_fields=["status"])


@transaction.atomic
def application_decide(
    *,
    user: User,
    application: MembershipApplication,
    approve: bool,
    reason: str = "",
    tier: str = Tier.ORDINARY,
    today: datetime.date | None = None,
) -> MembershipApplication:
    if not rules.is_staff(user):
        raise PermissionDenied
    application = (
        MembershipApplication.objects.select_for_update()
        .select_related("organisation")
        .get(pk=application.pk)
    )
    if not rules.can_decide_application(user, application):
        raise ValidationError(_("Only applications waiting for a decision can be decided."))
    reason = (reason or "").strip()
    if not approve and not reason:
        raise ValidationError({"reason": [_("Give the applicant a reason.")]})
    if tier not in Tier.values:
        raise ValidationError({"tier": [_("Choose a tier.")]})
    application.status = ApplicationStatus.APPROVED if approve else ApplicationStatus.REJECTED
    application.reason = reason
    application.decided_by = user
    application.decided_at = timezone.now()
    application.save(update_fields=["status", "reason", "decided_by", "decided_at"])
    membership = None
    if approve:
        membership = _membership_from(application, tier=tier, today=today)
    _mail_admins(
        organisation=application.organisation,
        template="application_decided",
        context={
            "approved": approve,
            "reason": reason,
            "tier": Tier(tier).label if approve else "",
            "valid_until": membership.valid_until.isoformat() if membership else "",
        },
    )
    return application


def _membership_from(
    application: MembershipApplication, *, tier: str, today: datetime.date | None
) -> AllianceMembership:
    today = today or timezone.localdate()
    membership, _created = AllianceMembership.objects.update_or_create(
        organisation=application.organisation,
        defaults={
            "application": application,
            "kind": application.kind,
            "capabilities": application.capabilities,
            "capabilities_translations": application.capabilities_translations,
            "language": application.language,
            "countries_served": application.countries_served,
            "tier": tier,
            "status": MembershipStatus.ACTIVE,
            "since": today,
            "valid_until": _add_years(today, TERM_YEARS),
            "renewal_reminded_at": None,
        },
    )
    membership.sectors.set(application.sectors.all())
    return membership


@transaction.atomic
def membership_set_tier(*, user: User, membership: AllianceMembership, tier: str) -> None:
    if not rules.can_set_tier(user):
        raise PermissionDenied
    if tier not in Tier.values:
        raise ValidationError({"tier": [_("Choose a tier.")]})
    membership.tier = tier
    membership.save(update_fields=["tier"])


@transaction.atomic
def membership_renew(
    *, user: User, membership: AllianceMembership, today: datetime.date | None = None
) -> AllianceMembership:
    """The organisation renews for another term from the later of today and its end date."""
    today = today or timezone.localdate()
    membership = (
        AllianceMembership.objects.select_for_update()
        .select_related("organisation")
        .get(pk=membership.pk)
    )
    if not rules.can_renew(user, membership, today):
        raise PermissionDenied
    membership.valid_until = _add_years(max(membership.valid_until, today), TERM_YEARS)
    membership.status = MembershipStatus.ACTIVE
    membership.renewed_at = timezone.now()
    membership.renewal_reminded_at = None
    membership.save(update_fields=["valid_until", "status", "renewed_at", "renewal_reminded_at"])
    return membership


def memberships_remind_renewal(*, today: datetime.date) -> int:
    """Once per term, REMINDER_DAYS before the end, the organisation's admins are e-mailed."""
    horizon = today + datetime.timedelta(days=REMINDER_DAYS)
    due = AllianceMembership.objects.filter(
        status=MembershipStatus.ACTIVE,
        valid_until__gte=today,
        valid_until__lte=horizon,
        renewal_reminded_at__isnull=True,
    ).select_related("organisation")
    sent = 0
    for membership in due:
        with transaction.atomic():
            _mail_admins(
                organisation=membership.organisation,
                template="renewal_reminder",
                context={"valid_until": membership.valid_until.isoformat()},
            )
            membership.renewal_reminded_at = timezone.now()
            membership.save(update_fields=["renewal_reminded_at"])
        sent += 1
    return sent


def memberships_expire(*, today: datetime.date) -> int:
    """Memberships past their end date lose the badge and leave the directory."""
    due = AllianceMembership.objects.filter(
        status=MembershipStatus.ACTIVE, valid_until__lt=today
    ).select_related("organisation")
    expired = 0
    for membership in due:
        with transaction.atomic():
            membership.status = MembershipStatus.EXPIRED
            membership.save(update_fields=["status"])
            _mail_admins(
                organisation=membership.organisation,
                template="expired",
                context={"valid_until": membership.valid_until.isoformat()},
            )
        expired += 1
    return expired
