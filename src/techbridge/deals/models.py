import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _

from techbridge.catalog.enums import BudgetRange, ListingKind, TransferMode
from techbridge.catalog.models import Need, Technology
from techbridge.deals.enums import TERMINAL, FollowUpAnswer, Reason, Stage
from techbridge.organisations.models import Organisation


class Deal(models.Model):
    """One organisation's interest in one listing, followed to an agreement or an end."""

    technology = models.ForeignKey(
        Technology, null=True, blank=True, on_delete=models.PROTECT, related_name="deals"
    )
    need = models.ForeignKey(
        Need, null=True, blank=True, on_delete=models.PROTECT, related_name="deals"
    )
    target_kind = models.CharField(_("interest in"), max_length=12, choices=ListingKind.choices)
    interested_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="deals_started"
    )
    interested_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    listing_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="deals_received"
    )
    brokered = models.BooleanField(
        _("brokered by staff"),
        default=False,
        help_text=_("The listing is anonymised: centre staff may act as broker."),
    )
    stage = models.CharField(
        _("stage"), max_length=20, choices=Stage.choices, default=Stage.INTEREST, db_index=True
    )
    stage_changed_at = models.DateTimeField(default=timezone.now, db_index=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    revealed_at = models.DateTimeField(_("introduced"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices, blank=True)
    reason_text = models.TextField(_("reason in your words"), blank=True, max_length=2000)
    agreement_type = models.CharField(
        _("type of agreement"), max_length=30, choices=TransferMode.choices, blank=True
    )
    value_range = models.CharField(
        _("value range"), max_length=12, choices=BudgetRange.choices, blank=True
    )
    agreement_countries = models.JSONField(_("countries covered"), default=list, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("deal")
        verbose_name_plural = _("deals")
        ordering = ["-stage_changed_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(target_kind="technology", technology__isnull=False)
                    | models.Q(target_kind="need", need__isnull=False)
                ),
                name="deal_target_present",
            )
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.get_stage_display()}"

    @property
    def target(self):
        return self.technology if self.target_kind == ListingKind.TECHNOLOGY else self.need

    @property
    def context_listing(self):
        """The reader's own listing the interest came from (a recommendation row), if any."""
        return self.need if self.target_kind == ListingKind.TECHNOLOGY else self.technology

    @property
    def is_open(self) -> bool:
        return self.stage not in TERMINAL

    @property
    def is_revealed(self) -> bool:
        return self.revealed_at is not None


class ExpressionOfInterest(models.Model):
    deal = models.OneToOneField(Deal, on_delete=models.CASCADE, related_name="interest")
    cooperation = models.JSONField(_("cooperation sought"), default=list)
    information_missing = models.TextField(_("information missing"), blank=True, max_length=2000)
    who_we_are = models.TextField(_("who we are"), max_length=2000)
    message = models.TextField(_("message"), blank=True, max_length=4000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("expression of interest")
        verbose_name_plural = _("expressions of interest")

    def __str__(self) -> str:
        return f"interest in deal #{self.deal_id}"


class DealStep(models.Model):
    """History: every stage a deal reached, when and who moved it (none: the platform)."""

    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="steps")
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, db_index=True)
    at = models.DateTimeField(_("when"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(_("note"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("deal step")
        verbose_name_plural = _("deal steps")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.stage} {self.at:%Y-%m-%d}"


class DealMessage(models.Model):
    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("message"), max_length=8000)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("deal message")
        verbose_name_plural = _("deal messages")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"message {self.pk} on deal #{self.deal_id}"


def attachment_path(instance: "DealAttachment", filename: str) -> str:
    """deals/<deal>/<random>-<cleaned name>: no user-chosen path, no guessable name."""
    stem, _dot, extension = filename.rpartition(".")
    safe = get_valid_filename(stem or "file")[:60] or "file"
    return f"deals/{instance.deal_id}/{secrets.token_hex(8)}-{safe}.{extension.lower()[:5]}"


class DealAttachment(models.Model):
    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size"))
    content_type = models.CharField(max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.original_name


class FollowUp(models.Model):
    """The outcome survey some months after a meeting or an agreement."""

    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="follow_ups")
    after_stage = models.CharField(max_length=20, choices=Stage.choices)
    due_on = models.DateField(_("due on"), db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    answer = models.CharField(
        _("outcome"), max_length=20, choices=FollowUpAnswer.choices, blank=True
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("follow-up survey")
        verbose_name_plural = _("follow-up surveys")
        constraints = [
            models.UniqueConstraint(fields=["deal", "after_stage"], name="one_follow_up_per_stage")
        ]

    def __str__(self) -> str:
        return f"follow-up of deal #{self.deal_id} after {self.after_stage}"
