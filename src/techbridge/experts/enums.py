from django.db import models
from django.utils.translation import gettext_lazy as _


class Availability(models.TextChoices):
    AVAILABLE = "available", _("available")
    LIMITED = "limited", _("limited availability")
    UNAVAILABLE = "unavailable", _("not available")


class ProfileVisibility(models.TextChoices):
    PUBLIC = "public", _("public")
    MEMBERS = "members", _("members only")
