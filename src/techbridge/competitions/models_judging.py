"""Judges (and programme reviewers), conflicts of interest, assignments and their scores."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from techbridge.competitions.enums import AssignmentSource, JudgeStatus, RunStatus


def _token() -> str:
    return secrets.token_urlsafe(32)


class Judge(models.Model):
    competition = models.ForeignKey(
        "competitions.Competition", on_delete=models.CASCADE, related_name="judges"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="judge_roles",
    )
    email = models.EmailField(_("e-mail address"))
    name = models.CharField(_("name"), max_length=150)
    language = models.CharField(_("language for e-mails"), max_length=10, default="en")
    country = models.CharField(_("country"), max_length=2, blank=True)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("organisation"),
    )
    sectors = models.JSONField(_("sectors"), default=list, blank=True)
    keywords = models.JSONField(_("keywords"), default=list, blank=True)
    expertise = models.TextField(_("expertise in a few sentences"), blank=True)
    status = models.CharField(max_length=10, choices=JudgeStatus.choices, default="invited")
    token = models.CharField(max_length=64, unique=True, default=_token)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    invited_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("judge")
        verbose_name_plural = _("judges")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["competition", "email"], name="one_judge_per_email")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.status == JudgeStatus.ACTIVE


class Conflict(models.Model):
    """A declared conflict: with one entry, or with every entry of an organisation. Staff
    exclusions ("never this pair") are conflicts declared by staff."""

    judge = models.ForeignKey(Judge, on_delete=models.CASCADE, related_name="conflicts")
    entry = models.ForeignKey(
        "competitions.Entry", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("organisation"),
    )
    reason = models.CharField(_("relationship"), max_length=300)
    by_staff = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("declared conflict")
        verbose_name_plural = _("declared conflicts")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(entry__isnull=False) | models.Q(organisation__isnull=False),
                name="conflict_names_entry_or_organisation",
            )
        ]

    def __str__(self) -> str:
        return self.reason


class Assignment(models.Model):
    """A judge scoring an entry in a round. `scores` maps criterion pk (as text) → value."""

    round = models.ForeignKey(
        "competitions.Round", on_delete=models.CASCADE, related_name="assignments"
    )
    entry = models.ForeignKey(
        "competitions.Entry", on_delete=models.CASCADE, related_name="assignments"
    )
    judge = models.ForeignKey(Judge, on_delete=models.CASCADE, related_name="assignments")
    source = models.CharField(max_length=10, choices=AssignmentSource.choices)
    locked = models.BooleanField(
        _("locked"), default=False, help_text=_("Kept when assignment runs again.")
    )
    affinity = models.FloatField(null=True, blank=True)
    scores = models.JSONField(default=dict, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    scored_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["round", "entry_id", "judge_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "entry", "judge"], name="one_assignment_per_pair"
            )
        ]

    def __str__(self) -> str:
        return f"{self.judge} · {self.entry}"

    @property
    def is_scored(self) -> bool:
        return self.scored_at is not None


class AssignmentRun(models.Model):
    """One automatic assignment of a round, run by the worker."""

    round = models.ForeignKey(
        "competitions.Round", on_delete=models.CASCADE, related_name="assignment_runs"
    )
    status = models.CharField(max_length=10, choices=RunStatus.choices, default="queued")
    message = models.TextField(blank=True)
    affinity_source = models.CharField(max_length=20, blank=True)
    total_affinity = models.FloatField(null=True, blank=True)
    assigned_count = models.PositiveIntegerField(default=0)
    seconds = models.FloatField(null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("assignment run")
        verbose_name_plural = _("assignment runs")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.round} · {self.get_status_display()}"
