"""Usage counters the dashboards read: one row per listing and day, one per search day and
language. No user, no address, no query text: only how many."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from techbridge.catalog.models import Need, Technology


class ListingViewDay(models.Model):
    """How often a listing's page was opened on one day (UTC date)."""

    technology = models.ForeignKey(
        Technology, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    need = models.ForeignKey(
        Need, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    day = models.DateField(_("day"), db_index=True)
    n = models.PositiveIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("listing views per day")
        verbose_name_plural = _("listing views per day")
        constraints = [
            models.CheckConstraint(
                condition=Q(technology__isnull=False, need__isnull=True)
                | Q(technology__isnull=True, need__isnull=False),
                name="listing_view_day_one_target",
            ),
            models.UniqueConstraint(
                fields=["technology", "day"],
                condition=Q(technology__isnull=False),
                name="one_view_row_per_technology_day",
            ),
            models.UniqueConstraint(
                fields=["need", "day"],
                condition=Q(need__isnull=False),
                name="one_view_row_per_need_day",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.technology_id or self.need_id} {self.day}: {self.n}"


class SearchDay(models.Model):
    """How many searches were made on one day (UTC date) with the interface in one language."""

    day = models.DateField(_("day"), db_index=True)
    language = models.CharField(_("language"), max_length=10)
    n = models.PositiveIntegerField(_("searches"), default=0)

    class Meta:
        verbose_name = _("searches per day")
        verbose_name_plural = _("searches per day")
        constraints = [
            models.UniqueConstraint(fields=["day", "language"], name="one_search_row_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.language}: {self.n}"
