"""Cooperation networks, centres, joint laboratories and alliances, with their member
organisations, projects and news."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from techbridge.alliance.enums import NetworkKind, NetworkRole, ProjectStatus
from techbridge.catalog.models import Need, Sector, Technology
from techbridge.core.content import MultilingualMixin
from techbridge.organisations.models import Organisation


class Network(MultilingualMixin):
    slug = models.SlugField(_("short name in addresses"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=NetworkKind.choices, db_index=True)
    title = models.CharField(_("title"), max_length=200)
    title_translations = models.JSONField(default=dict, blank=True)
    description = models.TextField(_("description"))
    description_translations = models.JSONField(default=dict, blank=True)
    website = models.URLField(_("website"), blank=True)
    sectors = models.ManyToManyField(
        Sector, related_name="networks", verbose_name=_("focus sectors"), blank=True
    )
    organisations = models.ManyToManyField(
        Organisation, through="NetworkMember", related_name="networks", blank=True
    )
    technologies = models.ManyToManyField(
        Technology, related_name="networks", verbose_name=_("technologies"), blank=True
    )
    needs = models.ManyToManyField(
        Need, related_name="networks", verbose_name=_("innovation needs"), blank=True
    )
    is_published = models.BooleanField(_("published"), default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("cooperation network")
        verbose_name_plural = _("cooperation networks")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class NetworkMember(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="members")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="network_memberships"
    )
    role = models.CharField(
        _("role"), max_length=12, choices=NetworkRole.choices, default=NetworkRole.MEMBER
    )
    joined_at = models.DateField(_("joined"), default=timezone.localdate)

    class Meta:
        verbose_name = _("network member")
        verbose_name_plural = _("network members")
        ordering = ["role", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "organisation"], name="alliance_network_member_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} @ {self.network} ({self.role})"


class Project(MultilingualMixin):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="projects")
    title = models.CharField(_("title"), max_length=200)
    title_translations = models.JSONField(default=dict, blank=True)
    description = models.TextField(_("description"), blank=True, max_length=5000)
    description_translations = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ProjectStatus.choices, default=ProjectStatus.PLANNED
    )
    starts_on = models.DateField(_("starts"), null=True, blank=True)
    ends_on = models.DateField(_("ends"), null=True, blank=True)

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["-starts_on", "pk"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": [_("The end is before the start.")]})


class NewsUpdate(MultilingualMixin):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="news")
    title = models.CharField(_("title"), max_length=200)
    title_translations = models.JSONField(default=dict, blank=True)
    body = models.TextField(_("text"), max_length=10000)
    body_translations = models.JSONField(default=dict, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(_("published"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("news update")
        verbose_name_plural = _("news updates")
        ordering = ["-published_at", "-pk"]

    def __str__(self) -> str:
        return self.title
