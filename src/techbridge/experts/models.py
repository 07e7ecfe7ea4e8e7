from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from techbridge.catalog.models import Sector
from techbridge.core.content import MultilingualMixin
from techbridge.experts.enums import Availability, ProfileVisibility


class Expert(MultilingualMixin):
    """An expert in the registry. `email` and `phone` are private: no presenter, page, API
    response or export carries them; messages reach the expert through the platform."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="expert_profile",
    )
    name = models.CharField(_("name"), max_length=150)
    headline = models.CharField(_("position or title"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail address for messages"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email_language = models.CharField(_("language for e-mails"), max_length=10, default="en")
    sectors = models.ManyToManyField(Sector, verbose_name=_("sectors"), related_name="+")
    keywords = models.JSONField(_("keywords"), default=list, blank=True)
    expertise = models.TextField(_("expertise"))
    expertise_translations = models.JSONField(default=dict, blank=True)
    languages_spoken = models.JSONField(_("languages spoken"), default=list, blank=True)
    countries = models.JSONField(_("countries covered"), default=list, blank=True)
    availability = models.CharField(
        _("availability"),
        max_length=12,
        choices=Availability.choices,
        default=Availability.AVAILABLE,
        db_index=True,
    )
    availability_note = models.CharField(_("availability note"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("affiliation"),
    )
    visibility = models.CharField(
        _("profile visible to"),
        max_length=10,
        choices=ProfileVisibility.choices,
        default=ProfileVisibility.PUBLIC,
    )
    is_verified = models.BooleanField(_("verified"), default=False, db_index=True)
    verified_at = models.DateTimeField(null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    search_text = models.TextField(default="", blank=True, editable=False)
    vector = models.BinaryField(null=True, blank=True, editable=False)
    vector_embedder = models.CharField(max_length=120, blank=True, editable=False)
    vector_hash = models.CharField(max_length=64, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("expert")
        verbose_name_plural = _("experts")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class ExpertMessage(models.Model):
    """A message sent to an expert through the platform (kept; also the rate limit's count)."""

    expert = models.ForeignKey(Expert, on_delete=models.CASCADE, related_name="messages")
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="expert_messages"
    )
    subject = models.CharField(_("subject"), max_length=150)
    body = models.TextField(_("message"))
    need = models.ForeignKey(
        "catalog.Need", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("sent"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("message to an expert")
        verbose_name_plural = _("messages to experts")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.subject
