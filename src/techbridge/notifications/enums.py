from django.db import models
from django.utils.translation import gettext_lazy as _


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", _("Immediately")
    DAILY = "daily", _("Daily digest")
    WEEKLY = "weekly", _("Weekly digest")
    OFF = "off", _("No e-mail")


class Group(models.TextChoices):
    DEALS = "deals", _("Interest, introductions and deal stages")
    MESSAGES = "messages", _("Messages in your deals")
    REMINDERS = "reminders", _("Reminders and follow-up surveys")
    MATCHES = "matches", _("New recommended matches")


DEFAULT_FREQUENCY = {
    Group.DEALS: Frequency.IMMEDIATE,
    Group.MESSAGES: Frequency.IMMEDIATE,
    Group.REMINDERS: Frequency.IMMEDIATE,
    Group.MATCHES: Frequency.WEEKLY,
}
