"""Calls (competitions, programmes, camps), their tracks, rounds, rubrics and entry forms.

A programme or camp is the same machinery as a competition with one review round: entries
are applications, judges are reviewers, and selection with per-country quotas replaces
advancement. Times are stored in UTC and entered and shown in the call's time zone.
"""

import zoneinfo

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from techbridge.accounts.models import time_zone_choices
from techbridge.competitions.enums import Aggregation, CallKind, FieldKind, ScoreBasis
from techbridge.core.content import LocalizedText, MultilingualMixin


def validate_time_zone(name: str) -> None:
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValidationError(_("Unknown time zone.")) from None


def child_text(obj, field: str, original_language: str) -> LocalizedText:
    """Text of a row written in its call's language, with a translations map beside it."""
    code = translation.get_language()
    translated = (getattr(obj, f"{field}_translations") or {}).get(code, "").strip()
    if code != original_language and translated:
        return LocalizedText(translated, code, False)
    return LocalizedText(getattr(obj, field), original_language, True)


class Competition(MultilingualMixin):
    """A call: the innovation competition, a young scientist programme, a course or a camp."""

    slug = models.SlugField(max_length=80, unique=True)
    kind = models.CharField(
        _("type"), max_length=16, choices=CallKind.choices, default=CallKind.COMPETITION
    )
    title = models.CharField(_("title"), max_length=200)
    title_translations = models.JSONField(default=dict, blank=True)
    description = models.TextField(_("description"))
    description_translations = models.JSONField(default=dict, blank=True)
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        choices=time_zone_choices,
        validators=[validate_time_zone],
        help_text=_("Deadlines are entered and shown in this zone."),
    )
    entry_deadline = models.DateTimeField(_("entries close"))
    eligible_countries = models.JSONField(
        _("eligible countries"), default=list, blank=True, help_text=_("Empty: every country.")
    )
    max_company_age_years = models.PositiveSmallIntegerField(
        _("oldest eligible company, in years"),
        null=True,
        blank=True,
        help_text=_("Empty: companies of any age."),
    )
    eligible_stages = models.JSONField(
        _("eligible stages"), default=list, blank=True, help_text=_("Empty: every stage.")
    )
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Programmes and camps: places to fill.")
    )
    is_published = models.BooleanField(_("published"), default=False)
    decisions_published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("competition or programme")
        verbose_name_plural = _("competitions and programmes")
        ordering = ["-entry_deadline", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def is_programme(self) -> bool:
        return self.kind != CallKind.COMPETITION

    def is_open_at(self, moment=None) -> bool:
        return self.is_published and (moment or timezone.now()) <= self.entry_deadline


class Track(models.Model):
    competition = models.ForeignKey(Competition, on_delete=models.CASCADE, related_name="tracks")
    name = models.CharField(_("track"), max_length=120)
    name_translations = models.JSONField(default=dict, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("track")
        verbose_name_plural = _("tracks")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.name

    def text_in(self, field: str) -> LocalizedText:
        return child_text(self, field, self.competition.language)


class Round(models.Model):
    """A judging round. Rounds of the same level run side by side (one per country, or one
    open to all); entries advance from a level to the next."""

    competition = models.ForeignKey(Competition, on_delete=models.CASCADE, related_name="rounds")
    name = models.CharField(_("round"), max_length=120)
    name_translations = models.JSONField(default=dict, blank=True)
    level = models.PositiveSmallIntegerField(
        _("level"), default=1, help_text=_("1 for the first round (e.g. country rounds), 2 next…")
    )
    country = models.CharField(
        _("country"), max_length=2, blank=True, help_text=_("Empty: entries from every country.")
    )
    scoring_deadline = models.DateTimeField(_("scoring closes"))
    judges_per_entry = models.PositiveSmallIntegerField(_("judges per entry"), default=3)
    min_load = models.PositiveSmallIntegerField(_("fewest entries per judge"), default=0)
    max_load = models.PositiveSmallIntegerField(_("most entries per judge"), default=10)
    same_country_conflict = models.BooleanField(
        _("judges may not score entries from their own country"), default=False
    )
    blind = models.BooleanField(
        _("blind judging"), default=False, help_text=_("Judges see neither team nor organisation.")
    )
    aggregation = models.CharField(
        _("combine judges by"), max_length=8, choices=Aggregation.choices, default="mean"
    )
    score_basis = models.CharField(
        _("rank by"), max_length=4, choices=ScoreBasis.choices, default=ScoreBasis.Z
    )
    advance_count = models.PositiveSmallIntegerField(
        _("entries advancing per track"), default=3, help_text=_("A suggestion; staff decide.")
    )
    results_published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("round")
        verbose_name_plural = _("rounds")
        ordering = ["level", "country", "pk"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        loads = (self.min_load, self.max_load)
        if None not in loads and self.min_load > self.max_load:
            raise ValidationError(
                {"min_load": [_("The fewest entries is above the most entries.")]}
            )
        if self.judges_per_entry == 0:
            raise ValidationError({"judges_per_entry": [_("At least one judge per entry.")]})

    def text_in(self, field: str) -> LocalizedText:
        return child_text(self, field, self.competition.language)

    @property
    def is_published(self) -> bool:
        return self.results_published_at is not None

    def scoring_open_at(self, moment=None) -> bool:
        return not self.is_published and (moment or timezone.now()) <= self.scoring_deadline


class Criterion(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("criterion"), max_length=200)
    name_translations = models.JSONField(default=dict, blank=True)
    description = models.TextField(_("what judges look for"), blank=True)
    description_translations = models.JSONField(default=dict, blank=True)
    weight = models.DecimalField(_("weight"), max_digits=5, decimal_places=2, default=1)
    min_score = models.PositiveSmallIntegerField(_("lowest score"), default=0)
    max_score = models.PositiveSmallIntegerField(_("highest score"), default=10)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        scale = (self.min_score, self.max_score)
        if None not in scale and self.max_score <= self.min_score:
            raise ValidationError({"max_score": [_("The highest score must be above the lowest.")]})
        if self.weight is not None and self.weight < 0:
            raise ValidationError({"weight": [_("The weight must not be negative.")]})

    def text_in(self, field: str) -> LocalizedText:
        return child_text(self, field, self.round.competition.language)


class EntryField(models.Model):
    """A question of the entry form, configured per call."""

    competition = models.ForeignKey(Competition, on_delete=models.CASCADE, related_name="fields")
    label = models.CharField(_("question"), max_length=300)
    label_translations = models.JSONField(default=dict, blank=True)
    kind = models.CharField(_("type"), max_length=10, choices=FieldKind.choices, default="text")
    options = models.JSONField(
        _("options"), default=list, blank=True, help_text=_("For choice questions: a list.")
    )
    required = models.BooleanField(_("answer required"), default=False)
    file_types = models.JSONField(
        _("allowed file types"),
        default=list,
        blank=True,
        help_text=_('For files: extensions such as ["pdf", "pptx"]. Empty: PDF only.'),
    )
    max_size_mb = models.PositiveSmallIntegerField(_("largest file, in MB"), default=10)
    hidden_in_blind_rounds = models.BooleanField(
        _("hidden from judges in blind rounds"),
        default=False,
        help_text=_("For answers that name the team or organisation."),
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("entry form question")
        verbose_name_plural = _("entry form questions")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.label

    def clean(self) -> None:
        if self.kind == FieldKind.CHOICE and not (isinstance(self.options, list) and self.options):
            raise ValidationError({"options": [_("A choice question needs options.")]})

    def text_in(self, field: str) -> LocalizedText:
        return child_text(self, field, self.competition.language)

    @property
    def key(self) -> str:
        return f"field_{self.pk}"

    @property
    def allowed_types(self) -> list[str]:
        return [t.lower().lstrip(".") for t in (self.file_types or ["pdf"])]


class CountryQuota(models.Model):
    """Per-country minimum and maximum of selected applicants (programmes and camps)."""

    competition = models.ForeignKey(Competition, on_delete=models.CASCADE, related_name="quotas")
    country = models.CharField(_("country"), max_length=2)
    minimum = models.PositiveSmallIntegerField(_("at least"), default=0)
    maximum = models.PositiveSmallIntegerField(_("at most"), null=True, blank=True)

    class Meta:
        verbose_name = _("country quota")
        verbose_name_plural = _("country quotas")
        ordering = ["country"]
        constraints = [
            models.UniqueConstraint(fields=["competition", "country"], name="one_quota_per_country")
        ]

    def __str__(self) -> str:
        return f"{self.country}: {self.minimum}–{self.maximum or '∞'}"

    def clean(self) -> None:
        if self.maximum is not None and self.minimum > self.maximum:
            raise ValidationError({"minimum": [_("The minimum is above the maximum.")]})


# Entries and judging live in their own modules; importing them registers them with the app.
from techbridge.competitions.models_entries import (  # noqa: E402
    Entry,
    EntryAttachment,
    RoundEntry,
    TeamMember,
)
from techbridge.competitions.models_judging import (  # noqa: E402
    Assignment,
    AssignmentRun,
    Conflict,
    Judge,
)

__all__ = [
    "Assignment",
    "AssignmentRun",
    "Competition",
    "Conflict",
    "CountryQuota",
    "Criterion",
    "Entry",
    "EntryAttachment",
    "EntryField",
    "Judge",
    "Round",
    "RoundEntry",
    "TeamMember",
    "Track",
]
