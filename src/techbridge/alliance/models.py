"""The alliance: its charter, membership applications and memberships.

Counting members (insights): ``AllianceMembership.objects.current()`` are the members today;
country is ``organisation__country``, tier is ``tier`` (core / ordinary).
"""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from techbridge.alliance.enums import ApplicationStatus, MembershipStatus, Tier
from techbridge.catalog.models import Sector
from techbridge.core.content import MultilingualMixin
from techbridge.organisations.enums import OrganisationKind
from techbridge.organisations.models import Organisation


class Charter(MultilingualMixin):
    """The alliance charter: one row per version, the newest published one is in force.
    Staff write it in one language and add translations beside it."""

    version = models.PositiveIntegerField(_("version"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    title_translations = models.JSONField(default=dict, blank=True)
    body = models.TextField(_("text"))
    body_translations = models.JSONField(default=dict, blank=True)
    is_published = models.BooleanField(_("published"), default=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("alliance charter")
        verbose_name_plural = _("alliance charters")
        ordering = ["-version"]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"


class MembershipApplication(MultilingualMixin):
    """An organisation asks to join the alliance. ``language`` is the language of
    ``capabilities``."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="alliance_applications"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(_("type"), max_length=30, choices=OrganisationKind.choices)
    capabilities = models.TextField(_("capabilities"), max_length=5000)
    capabilities_translations = models.JSONField(default=dict, blank=True)
    sectors = models.ManyToManyField(
        Sector, related_name="+", verbose_name=_("sectors"), blank=True
    )
    countries_served = models.JSONField(_("countries served"), default=list)
    charter = models.ForeignKey(
        Charter, on_delete=models.PROTECT, related_name="+", verbose_name=_("charter")
    )
    charter_accepted_at = models.DateTimeField(_("charter accepted"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.PENDING,
        db_index=True,
    )
    reason = models.TextField(_("reason"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("submitted"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        verbose_name = _("alliance membership application")
        verbose_name_plural = _("alliance membership applications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"],
                condition=models.Q(status="pending"),
                name="alliance_one_pending_application",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.status})"


class AllianceMembershipQuerySet(models.QuerySet):
    def current(self, today: datetime.date | None = None):
        """Members today: active and not past their end date (the daily run may not have
        marked an expired membership yet)."""
        today = today or timezone.localdate()
        return self.filter(status=MembershipStatus.ACTIVE, valid_until__gte=today)


class AllianceMembership(MultilingualMixin):
    """One row per member organisation; what the directory shows. Copied from the approved
    application (type, capabilities, sectors, countries served); tier set by staff."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="alliance_membership"
    )
    application = models.ForeignKey(
        MembershipApplication, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(_("type"), max_length=30, choices=OrganisationKind.choices)
    capabilities = models.TextField(_("capabilities"), blank=True)
    capabilities_translations = models.JSONField(default=dict, blank=True)
    sectors = models.ManyToManyField(
        Sector, related_name="alliance_members", verbose_name=_("sectors"), blank=True
    )
    countries_served = models.JSONField(_("countries served"), default=list, blank=True)
    tier = models.CharField(
        _("tier"), max_length=10, choices=Tier.choices, default=Tier.ORDINARY, db_index=True
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=MembershipStatus.choices,
        default=MembershipStatus.ACTIVE,
        db_index=True,
    )
    since = models.DateField(_("member since"), default=timezone.localdate)
    valid_until = models.DateField(_("valid until"), db_index=True)
    renewed_at = models.DateTimeField(_("last renewed"), null=True, blank=True)
    renewal_reminded_at = models.DateTimeField(null=True, blank=True)

    objects = AllianceMembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("alliance membership")
        verbose_name_plural = _("alliance memberships")
        ordering = ["organisation__name"]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.tier}, {self.valid_until})"

    def is_current(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.status == MembershipStatus.ACTIVE and self.valid_until >= today


from techbridge.alliance.models_networks import (  # noqa: E402
    Network,
    NetworkMember,
    NewsUpdate,
    Project,
)

__all__ = [
    "AllianceMembership",
    "Charter",
    "MembershipApplication",
    "Network",
    "NetworkMember",
    "NewsUpdate",
    "Project",
]
