from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    FORUM = "forum", _("Forum")
    SUB_FORUM = "sub_forum", _("Sub-forum programme")
    MATCHMAKING = "matchmaking", _("Matchmaking meeting")
    EXHIBITION = "exhibition", _("Exhibition")


class ParticipantType(models.TextChoices):
    PROVIDER = "provider", _("Technology provider")
    SEEKER = "seeker", _("Technology seeker")
    INVESTOR = "investor", _("Investor")
    GOVERNMENT = "government", _("Government")
    MEDIA = "media", _("Media")


class Attendance(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    WAITING = "waiting", _("On the waiting list")
    REJECTED = "rejected", _("Rejected")
    CANCELLED = "cancelled", _("Cancelled")


class QuestionKind(models.TextChoices):
    TEXT = "text", _("Text")
    CHOICE = "choice", _("Choice")
    YES_NO = "yes_no", _("Yes or no")


# Registrations that hold a seat: the capacity counts these.
SEAT_HOLDING = (RegistrationStatus.PENDING, RegistrationStatus.APPROVED)
# Registrations the participant may still cancel.
ACTIVE = (RegistrationStatus.PENDING, RegistrationStatus.APPROVED, RegistrationStatus.WAITING)


class Publication(models.TextChoices):
    """How far the meeting schedule of a brokerage event is published to participants."""

    DRAFT = "draft", _("Draft")
    PRELIMINARY = "preliminary", _("Preliminary")
    FINAL = "final", _("Final")


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    EXPIRED = "expired", _("Expired")
    # An accepted meeting that one of the two called off before it took place.
    CANCELLED = "cancelled", _("Cancelled")


class DeclineReason(models.TextChoices):
    NOT_RELEVANT = "not_relevant", _("Not relevant to our work")
    NO_TIME = "no_time", _("No free time at this event")
    ALREADY_IN_CONTACT = "already_in_contact", _("We are already in contact")
    TOO_EARLY = "too_early", _("Too early for us")
    OTHER = "other", _("Another reason")


class MeetingCheckIn(models.TextChoices):
    """What happened at the table."""

    UNKNOWN = "unknown", _("Not checked in yet")
    HELD = "held", _("Held")
    NO_SHOW = "no_show", _("No-show")


class FeedbackOutcome(models.TextChoices):
    NOT_HELD = "not_held", _("The meeting did not take place")
    INSUFFICIENT_INTEREST = "insufficient_interest", _("Insufficient interest")
    INFORMATIVE = "informative", _("Informative")
    COOPERATION_POSSIBLE = "cooperation_possible", _("Cooperation possible")


class ScheduleRunStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")
