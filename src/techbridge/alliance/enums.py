from django.db import models
from django.utils.translation import gettext_lazy as _


class ApplicationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for a decision")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Tier(models.TextChoices):
    CORE = "core", _("Core member")
    ORDINARY = "ordinary", _("Ordinary member")


class MembershipStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    EXPIRED = "expired", _("Expired")


class NetworkKind(models.TextChoices):
    NETWORK = "network", _("Cooperation network")
    CENTRE = "centre", _("Cooperation centre")
    JOINT_LAB = "joint_lab", _("Joint laboratory")
    ALLIANCE = "alliance", _("Alliance")


class NetworkRole(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinator")
    MEMBER = "member", _("Member")


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    RUNNING = "running", _("Running")
    COMPLETED = "completed", _("Completed")
