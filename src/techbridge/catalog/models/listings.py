from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from techbridge.catalog.enums import BudgetRange, IPStatus, Status, TransferMode, Visibility
from techbridge.catalog.models.taxonomy import SDGGoal, Sector
from techbridge.core.content import PerFieldTranslationsMixin
from techbridge.organisations.models import Organisation


class Listing(PerFieldTranslationsMixin):
    """What technologies and needs share: owner, lifecycle, visibility, taxonomy, validity."""

    TRANSLATED_FIELDS: tuple[str, ...] = ()

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="%(class)ss"
    )
    external_id = models.CharField(
        _("external ID"),
        max_length=64,
        blank=True,
        help_text=_("Your own reference; re-importing a row with the same ID updates it."),
    )
    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    visibility = models.CharField(
        _("visibility"), max_length=12, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    sectors = models.ManyToManyField(Sector, verbose_name=_("sectors"), related_name="+")
    sdgs = models.ManyToManyField(
        SDGGoal, verbose_name=_("Sustainable Development Goals"), blank=True, related_name="+"
    )
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    renewal_reminded_at = models.DateTimeField(null=True, blank=True)
    status_reason = models.TextField(_("reason"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, db_index=True)

    class Meta:
        abstract = True
        ordering = ["-published_at", "-created_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_live(self) -> bool:
        return self.status == Status.PUBLISHED


class Technology(Listing):
    TRANSLATED_FIELDS = ("title", "summary", "description", "problem", "benefits")

    summary = models.TextField(_("summary"), max_length=600)
    description = models.TextField(_("full description"))
    problem = models.TextField(_("problem solved"), blank=True)
    benefits = models.TextField(_("benefits compared with existing solutions"), blank=True)
    trl = models.PositiveSmallIntegerField(_("technology readiness level"), db_index=True)
    ip_status = models.CharField(_("IP status"), max_length=20, choices=IPStatus.choices)
    patent_numbers = models.JSONField(_("patent numbers"), default=list, blank=True)
    ip_jurisdictions = models.JSONField(_("IP jurisdictions"), default=list, blank=True)
    indicative_terms = models.CharField(_("indicative terms"), max_length=300, blank=True)
    countries_developed = models.JSONField(_("countries where developed"), default=list)
    countries_deployed = models.JSONField(_("countries where deployed"), default=list, blank=True)
    reference_deployments = models.TextField(_("reference deployments"), blank=True)
    languages_spoken = models.JSONField(_("languages spoken"), default=list, blank=True)
    website = models.URLField(_("web page"), blank=True)

    class Meta(Listing.Meta):
        verbose_name = _("technology")
        verbose_name_plural = _("technologies")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "external_id"],
                condition=~models.Q(external_id=""),
                name="technology_external_id_per_organisation",
            )
        ]

    @property
    def transfer_mode_values(self) -> list[str]:
        return [row.mode for row in self.transfer_modes.all()]


class TechnologyTransferMode(models.Model):
    """One row per offered mode, so lists can filter and count by mode on any database."""

    technology = models.ForeignKey(
        Technology, on_delete=models.CASCADE, related_name="transfer_modes"
    )
    mode = models.CharField(max_length=30, choices=TransferMode.choices, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["technology", "mode"], name="transfer_mode_unique")
        ]

    def __str__(self) -> str:
        return self.get_mode_display()


class Need(Listing):
    TRANSLATED_FIELDS = ("title", "problem", "context", "desired_outcome", "constraints")

    problem = models.TextField(_("problem statement"))
    context = models.TextField(_("context: location, scale, users"), blank=True)
    desired_outcome = models.TextField(_("desired outcome"), blank=True)
    constraints = models.TextField(
        _("constraints: budget, timeline, climate, infrastructure"), blank=True
    )
    budget_range = models.CharField(
        _("budget range"), max_length=12, choices=BudgetRange.choices, default=BudgetRange.UNKNOWN
    )
    help_kinds = models.JSONField(_("kind of help sought"), default=list)
    country = models.CharField(_("country"), max_length=2, db_index=True)
    region = models.CharField(_("region / province"), max_length=120, blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)

    class Meta(Listing.Meta):
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "external_id"],
                condition=~models.Q(external_id=""),
                name="need_external_id_per_organisation",
            )
        ]
