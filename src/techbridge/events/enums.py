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
