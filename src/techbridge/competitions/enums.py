from django.db import models
from django.utils.translation import gettext_lazy as _


class CallKind(models.TextChoices):
    COMPETITION = "competition", _("Competition")
    YOUNG_SCIENTIST = "young_scientist", _("Young scientist programme")
    TRAINING = "training", _("Training course")
    CAMP = "camp", _("Camp")
    EXCHANGE = "exchange", _("Exchange programme")


class Stage(models.TextChoices):
    IDEA = "idea", _("Idea")
    PROTOTYPE = "prototype", _("Prototype")
    EARLY_REVENUE = "early_revenue", _("Early revenue")
    GROWTH = "growth", _("Growth")


class FieldKind(models.TextChoices):
    TEXT = "text", _("Short text")
    LONG_TEXT = "long_text", _("Long text")
    NUMBER = "number", _("Number")
    CHOICE = "choice", _("Choice")
    YES_NO = "yes_no", _("Yes or no")
    URL = "url", _("Web address")
    FILE = "file", _("File")


class EntryStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Decision(models.TextChoices):
    PENDING = "pending", _("Pending")
    SELECTED = "selected", _("Selected")
    NOT_SELECTED = "not_selected", _("Not selected")


class Aggregation(models.TextChoices):
    MEAN = "mean", _("Mean")
    MEDIAN = "median", _("Median")


class ScoreBasis(models.TextChoices):
    Z = "z", _("Normalised (z-score per judge)")
    RAW = "raw", _("Raw weighted score")


class JudgeStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    ACTIVE = "active", _("Accepted")
    DECLINED = "declined", _("Declined")


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    INFEASIBLE = "infeasible", _("Infeasible")
    FAILED = "failed", _("Failed")


class AssignmentSource(models.TextChoices):
    AUTOMATIC = "automatic", _("Automatic")
    MANUAL = "manual", _("Manual")
