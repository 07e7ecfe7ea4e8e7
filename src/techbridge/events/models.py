import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from techbridge.accounts.models import time_zone_choices
from techbridge.catalog.models import Technology
from techbridge.core.content import LocalizedText, MultilingualMixin
from techbridge.events.enums import (
    ACTIVE,
    Attendance,
    EventKind,
    ParticipantType,
    QuestionKind,
    RegistrationStatus,
)
from techbridge.organisations.models import Organisation


def validate_time_zone(name: str) -> None:
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValidationError(_("Unknown time zone.")) from None


class Event(MultilingualMixin):
    """A forum, a sub-forum programme, a matchmaking meeting or an exhibition."""

    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=200)
    title_translations = models.JSONField(default=dict, blank=True)
    description = models.TextField(_("description"))
    description_translations = models.JSONField(default=dict, blank=True)
    kind = models.CharField(_("type"), max_length=12, choices=EventKind.choices)
    venue = models.CharField(
        _("venue"), max_length=300, blank=True, help_text=_("Empty: the event is online only.")
    )
    online = models.BooleanField(_("can be followed online"), default=False)
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        choices=time_zone_choices,
        validators=[validate_time_zone],
        help_text=_("All times of the event are entered and shown in this zone."),
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    registration_deadline = models.DateTimeField(
        _("registration closes"), null=True, blank=True, help_text=_("Empty: at the start.")
    )
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    requires_approval = models.BooleanField(_("staff approve registrations"), default=False)
    is_published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            errors["ends_at"] = [_("The end is before the start.")]
        if not self.venue and not self.online:
            errors["venue"] = [_("Give a venue, or let people follow the event online.")]
        if errors:
            raise ValidationError(errors)

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def registration_closes_at(self):
        return self.registration_deadline or self.starts_at

    def registration_open_at(self, moment=None) -> bool:
        return self.is_published and (moment or timezone.now()) <= self.registration_closes_at

    @property
    def attendance_options(self) -> list[tuple[str, str]]:
        options = []
        if self.venue:
            options.append((Attendance.IN_PERSON, Attendance.IN_PERSON.label))
        if self.online:
            options.append((Attendance.ONLINE, Attendance.ONLINE.label))
        return options


def _child_text(obj, field: str, original_language: str) -> LocalizedText:
    """Text of a row written in its event's language, with a translations map beside it."""
    code = translation.get_language()
    translated = (getattr(obj, f"{field}_translations") or {}).get(code, "").strip()
    if code != original_language and translated:
        return LocalizedText(translated, code, False)
    return LocalizedText(getattr(obj, field), original_language, True)


class Session(models.Model):
    """A session of a forum's programme (a sub-forum, a panel, a keynote)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("title"), max_length=200)
    title_translations = models.JSONField(default=dict, blank=True)
    room = models.CharField(_("room"), max_length=120, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "pk"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": [_("The end is before the start.")]})

    def text_in(self, field: str) -> LocalizedText:
        return _child_text(self, field, self.event.language)


class Speaker(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="speakers")
    name = models.CharField(_("name"), max_length=200)
    affiliation = models.CharField(_("affiliation"), max_length=200, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.name


class Booth(models.Model):
    """An organisation's stand at an exhibition, showing some of its published technologies."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="booths")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="booths")
    label = models.CharField(_("booth number"), max_length=40, blank=True)
    technologies = models.ManyToManyField(
        Technology, blank=True, related_name="booths", verbose_name=_("technologies")
    )

    class Meta:
        verbose_name = _("booth")
        verbose_name_plural = _("booths")
        ordering = ["label", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "organisation"], name="one_booth_per_event")
        ]

    def __str__(self) -> str:
        return f"{self.label} {self.organisation}".strip()


class RegistrationQuestion(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="questions")
    label = models.CharField(_("question"), max_length=300)
    label_translations = models.JSONField(default=dict, blank=True)
    kind = models.CharField(
        _("type"), max_length=8, choices=QuestionKind.choices, default=QuestionKind.TEXT
    )
    options = models.JSONField(
        _("options"), default=list, blank=True, help_text=_("For choice questions: a list.")
    )
    required = models.BooleanField(_("answer required"), default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("registration question")
        verbose_name_plural = _("registration questions")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.label

    def clean(self) -> None:
        if self.kind == QuestionKind.CHOICE and not (
            isinstance(self.options, list) and self.options
        ):
            raise ValidationError({"options": [_("A choice question needs options.")]})

    def text_in(self, field: str) -> LocalizedText:
        return _child_text(self, field, self.event.language)


class Registration(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_registrations"
    )
    participant_type = models.CharField(
        _("participant type"), max_length=12, choices=ParticipantType.choices
    )
    attendance = models.CharField(_("attendance"), max_length=10, choices=Attendance.choices)
    answers = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=RegistrationStatus.choices, db_index=True
    )
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="one_registration_per_event")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.event}"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE


# Brokerage models live in their own module; importing them here registers them with the app.
from techbridge.events.models_brokerage import (  # noqa: E402
    Brokerage,
    BrokerageProfile,
    Meeting,
    MeetingFeedback,
    MeetingRequest,
    MeetingSlot,
    MeetingTable,
    ScheduleRun,
)

__all__ = [
    "Booth",
    "Brokerage",
    "BrokerageProfile",
    "Event",
    "Meeting",
    "MeetingFeedback",
    "MeetingRequest",
    "MeetingSlot",
    "MeetingTable",
    "Registration",
    "RegistrationQuestion",
    "ScheduleRun",
    "Session",
    "Speaker",
]
