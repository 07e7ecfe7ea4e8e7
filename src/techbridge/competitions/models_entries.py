"""Entries (competition entries and programme applications), their files and team."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _

from techbridge.competitions.enums import Decision, EntryStatus, Stage


class Entry(models.Model):
    competition = models.ForeignKey(
        "competitions.Competition", on_delete=models.CASCADE, related_name="entries"
    )
    track = models.ForeignKey(
        "competitions.Track",
        null=True,
        blank=True,
        on_delete=models.RESTRICT,
        related_name="entries",
        verbose_name=_("track"),
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="competition_entries"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="competition_entries",
        verbose_name=_("organisation"),
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"))
    language = models.CharField(_("language of the entry"), max_length=10)
    country = models.CharField(_("country"), max_length=2, db_index=True)
    founded_year = models.PositiveSmallIntegerField(_("year the company was founded"), null=True)
    stage = models.CharField(_("stage"), max_length=16, choices=Stage.choices, blank=True)
    sectors = models.JSONField(_("sectors"), default=list, blank=True)
    keywords = models.JSONField(_("keywords"), default=list, blank=True)
    answers = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=EntryStatus.choices,
        default=EntryStatus.DRAFT,
        db_index=True,
    )
    decision = models.CharField(
        _("decision"), max_length=14, choices=Decision.choices, default=Decision.PENDING
    )
    decision_notified_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("entry")
        verbose_name_plural = _("entries")
        ordering = ["competition", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_submitted(self) -> bool:
        return self.status == EntryStatus.SUBMITTED


def attachment_path(instance: "EntryAttachment", filename: str) -> str:
    """competitions/<entry>/<random>-<cleaned name>: no user-chosen path, no guessable name."""
    stem, _dot, extension = filename.rpartition(".")
    safe = get_valid_filename(stem or "file")[:60] or "file"
    return f"competitions/{instance.entry_id}/{secrets.token_hex(8)}-{safe}.{extension.lower()[:5]}"


class EntryAttachment(models.Model):
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="attachments")
    field = models.ForeignKey(
        "competitions.EntryField", on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size"))
    content_type = models.CharField(max_length=100)
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["field__position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "field"], name="one_file_per_entry_field")
        ]

    def __str__(self) -> str:
        return self.original_name

    @property
    def extension(self) -> str:
        return self.original_name.rpartition(".")[2].lower()


class TeamMember(models.Model):
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="team")
    name = models.CharField(_("name"), max_length=150)
    role = models.CharField(_("role in the team"), max_length=120, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.name


class RoundEntry(models.Model):
    """An entry taking part in a round; `advanced` once staff move it to the next level."""

    round = models.ForeignKey(
        "competitions.Round", on_delete=models.CASCADE, related_name="round_entries"
    )
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="round_entries")
    advanced = models.BooleanField(default=False)
    score = models.FloatField(null=True, blank=True)
    rank = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("entry in a round")
        verbose_name_plural = _("entries in rounds")
        ordering = ["round", "rank", "entry_id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "entry"], name="one_entry_per_round")
        ]

    def __str__(self) -> str:
        return f"{self.entry} · {self.round}"
