"""Brokerage (one-to-one meetings) of an event: setup, participant profiles, requests,
meetings, scheduling runs and feedback. Imported by models.py."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from techbridge.catalog.models import Need, Technology
from techbridge.events.enums import (
    DeclineReason,
    FeedbackOutcome,
    MeetingCheckIn,
    Publication,
    RequestStatus,
    ScheduleRunStatus,
)
from techbridge.organisations.models import Organisation


class Brokerage(models.Model):
    """Turns an event into a brokerage event: its rules and how far its schedule is published."""

    event = models.OneToOneField("events.Event", on_delete=models.CASCADE, related_name="brokerage")
    max_meetings = models.PositiveSmallIntegerField(
        _("meetings per participant"),
        default=12,
        help_text=_("Accepted meetings one participant may have; a participant may be given more."),
    )
    request_expiry_days = models.PositiveSmallIntegerField(
        _("days to answer a request"),
        default=7,
        help_text=_("Unanswered requests expire after this many days."),
    )
    reminder_days = models.PositiveSmallIntegerField(
        _("remind after days"),
        default=2,
        help_text=_("The receiver of a pending request is reminded once after this many days."),
    )
    publication = models.CharField(
        _("schedule publication"),
        max_length=12,
        choices=Publication.choices,
        default=Publication.DRAFT,
    )
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("brokerage")
        verbose_name_plural = _("brokerages")

    def __str__(self) -> str:
        return str(self.event)

    @property
    def agendas_visible(self) -> bool:
        return self.publication != Publication.DRAFT


class MeetingSlot(models.Model):
    event = models.ForeignKey(
        "events.Event", on_delete=models.CASCADE, related_name="meeting_slots"
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))

    class Meta:
        verbose_name = _("meeting slot")
        verbose_name_plural = _("meeting slots")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "starts_at"], name="one_slot_per_start"),
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="slot_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.starts_at:%Y-%m-%d %H:%M}"


class MeetingTable(models.Model):
    """A table in the meeting hall, or an online room with its video link."""

    event = models.ForeignKey(
        "events.Event", on_delete=models.CASCADE, related_name="meeting_tables"
    )
    label = models.CharField(_("label"), max_length=60)
    video_link = models.URLField(_("video link"), blank=True, help_text=_("Online rooms only."))
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("meeting table")
        verbose_name_plural = _("meeting tables")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "label"], name="one_table_per_label")
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def is_online(self) -> bool:
        return bool(self.video_link)


class BrokerageProfile(models.Model):
    """What an approved participant offers and looks for, and when they cannot meet."""

    registration = models.OneToOneField(
        "events.Registration", on_delete=models.CASCADE, related_name="brokerage_profile"
    )
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("organisation"),
    )
    language = models.CharField(_("language of the texts"), max_length=16, blank=True)
    offers = models.TextField(_("we offer"), blank=True)
    requests = models.TextField(_("we look for"), blank=True)
    technologies = models.ManyToManyField(
        Technology, blank=True, related_name="+", verbose_name=_("technologies we offer")
    )
    needs = models.ManyToManyField(
        Need, blank=True, related_name="+", verbose_name=_("needs we look to solve")
    )
    unavailable_slots = models.ManyToManyField(
        MeetingSlot, blank=True, related_name="+", verbose_name=_("slots I cannot attend")
    )
    max_meetings = models.PositiveSmallIntegerField(
        _("meetings for this participant"),
        null=True,
        blank=True,
        help_text=_("Empty: the event's limit."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("brokerage profile")
        verbose_name_plural = _("brokerage profiles")

    def __str__(self) -> str:
        return str(self.registration)


class MeetingRequest(models.Model):
    event = models.ForeignKey(
        "events.Event", on_delete=models.CASCADE, related_name="meeting_requests"
    )
    requester = models.ForeignKey(
        "events.Registration", on_delete=models.CASCADE, related_name="requests_sent"
    )
    receiver = models.ForeignKey(
        "events.Registration", on_delete=models.CASCADE, related_name="requests_received"
    )
    message = models.TextField(_("message"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=RequestStatus.choices,
        default=RequestStatus.PENDING,
        db_index=True,
    )
    decline_reason = models.CharField(
        _("reason"), max_length=20, choices=DeclineReason.choices, blank=True
    )
    decline_text = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["requester", "receiver"],
                condition=Q(status__in=["pending", "accepted"]),
                name="one_open_request_per_pair",
            ),
            models.CheckConstraint(
                condition=~Q(requester=models.F("receiver")), name="request_not_to_oneself"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.requester} → {self.receiver}"


class Meeting(models.Model):
    """An accepted request: the scheduler places it in a slot at a table."""

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="meetings")
    request = models.OneToOneField(MeetingRequest, on_delete=models.CASCADE, related_name="meeting")
    person_a = models.ForeignKey(
        "events.Registration", on_delete=models.CASCADE, related_name="meetings_as_a"
    )
    person_b = models.ForeignKey(
        "events.Registration", on_delete=models.CASCADE, related_name="meetings_as_b"
    )
    mutual = models.BooleanField(_("both asked"), default=False)
    slot = models.ForeignKey(
        MeetingSlot, null=True, blank=True, on_delete=models.SET_NULL, related_name="meetings"
    )
    table = models.ForeignKey(
        MeetingTable, null=True, blank=True, on_delete=models.SET_NULL, related_name="meetings"
    )
    locked = models.BooleanField(_("locked"), default=False)
    check_in = models.CharField(
        _("check-in"), max_length=10, choices=MeetingCheckIn.choices, default=MeetingCheckIn.UNKNOWN
    )
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    checked_in_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["slot__starts_at", "table__position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["slot", "table"],
                condition=Q(slot__isnull=False),
                name="one_meeting_per_table",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_a} · {self.person_b}"

    def clean(self) -> None:
        if (self.slot_id is None) != (self.table_id is None):
            raise ValidationError(_("A meeting needs both a slot and a table, or neither."))

    @property
    def is_scheduled(self) -> bool:
        return self.slot_id is not None

    def side_of(self, registration) -> str | None:
        if registration.pk == self.person_a_id:
            return "a"
        if registration.pk == self.person_b_id:
            return "b"
        return None


class ScheduleRun(models.Model):
    """One press of "Schedule": the worker runs the scheduler and records how it went."""

    event = models.ForeignKey(
        "events.Event", on_delete=models.CASCADE, related_name="schedule_runs"
    )
    only_unscheduled = models.BooleanField(_("only unscheduled meetings"), default=False)
    status = models.CharField(
        _("status"),
        max_length=8,
        choices=ScheduleRunStatus.choices,
        default=ScheduleRunStatus.QUEUED,
    )
    progress = models.FloatField(default=0.0)
    stage = models.CharField(max_length=120, blank=True)
    meeting_count = models.PositiveIntegerField(default=0)
    scheduled_count = models.PositiveIntegerField(default=0)
    scheduled_share = models.FloatField(null=True, blank=True)
    upper_bound = models.PositiveIntegerField(null=True, blank=True)
    idle_gaps = models.PositiveIntegerField(null=True, blank=True)
    solve_seconds = models.FloatField(null=True, blank=True)
    method = models.CharField(max_length=40, blank=True)
    error = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("scheduling run")
        verbose_name_plural = _("scheduling runs")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.event} · {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def is_active(self) -> bool:
        return self.status in (ScheduleRunStatus.QUEUED, ScheduleRunStatus.RUNNING)

    @property
    def progress_percent(self) -> int:
        return round(self.progress * 100)


class MeetingFeedback(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="feedback")
    registration = models.ForeignKey(
        "events.Registration", on_delete=models.CASCADE, related_name="meeting_feedback"
    )
    outcome = models.CharField(_("outcome"), max_length=24, choices=FeedbackOutcome.choices)
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("meeting feedback")
        verbose_name_plural = _("meeting feedback")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "registration"], name="one_feedback_per_participant"
            )
        ]

    def __str__(self) -> str:
        return f"{self.meeting} · {self.get_outcome_display()}"
