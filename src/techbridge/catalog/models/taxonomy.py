from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _


def _pick(names: dict, language_code: str | None = None) -> str:
    code = language_code or translation.get_language() or "en"
    return names.get(code) or names.get("en") or next(iter(names.values()), "")


class Sector(models.Model):
    """Hierarchical sector taxonomy; names in every UI language (seeded from data/sectors.json)."""

    code = models.CharField(max_length=40, unique=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    names = models.JSONField(default=dict)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        ordering = ["position"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return _pick(self.names)


class SDGGoal(models.Model):
    number = models.PositiveSmallIntegerField(unique=True)
    titles = models.JSONField(default=dict)
    short_names = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("Sustainable Development Goal")
        verbose_name_plural = _("Sustainable Development Goals")
        ordering = ["number"]

    def __str__(self) -> str:
        return f"SDG {self.number}: {self.short_name}"

    @property
    def short_name(self) -> str:
        return _pick(self.short_names)

    @property
    def title(self) -> str:
        return _pick(self.titles)


class SDGTarget(models.Model):
    code = models.CharField(max_length=8, unique=True)
    goal = models.ForeignKey(SDGGoal, on_delete=models.CASCADE, related_name="targets")
    titles = models.JSONField(default=dict)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("SDG target")
        verbose_name_plural = _("SDG targets")
        ordering = ["position"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def title(self) -> str:
        return _pick(self.titles)
