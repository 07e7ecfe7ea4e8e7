from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from techbridge.catalog.enums import ListingKind


class IndexedDocument(models.Model):
    """A listing as the search index knows it. `seq` grows with every change, so each process
    can catch up with what other processes (the worker) indexed since it last looked."""

    kind = models.CharField(max_length=12, choices=ListingKind.choices)
    listing_id = models.PositiveBigIntegerField()
    seq = models.PositiveBigIntegerField(db_index=True)
    removed = models.BooleanField(default=False)
    meta = models.JSONField(default=dict)
    indexed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("indexed listing")
        verbose_name_plural = _("indexed listings")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "listing_id"], name="one_index_entry_per_listing"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.listing_id}"

    @property
    def doc_id(self) -> str:
        return f"{self.kind}:{self.listing_id}"


class IndexedPassage(models.Model):
    document = models.ForeignKey(IndexedDocument, on_delete=models.CASCADE, related_name="passages")
    position = models.PositiveSmallIntegerField()
    field = models.CharField(max_length=40)
    language = models.CharField(max_length=10)
    text = models.TextField()
    vector = models.BinaryField()

    class Meta:
        ordering = ["document_id", "position"]

    def __str__(self) -> str:
        return f"{self.document} #{self.position}"


class IndexSequence(models.Model):
    """One row: the last `seq` handed out."""

    value = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return str(self.value)


class RecommendationFeedback(models.Model):
    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="+")
    source_kind = models.CharField(max_length=12, choices=ListingKind.choices)
    source_id = models.PositiveBigIntegerField()
    target_kind = models.CharField(max_length=12, choices=ListingKind.choices)
    target_id = models.PositiveBigIntegerField()
    relevant = models.BooleanField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("recommendation feedback")
        verbose_name_plural = _("recommendation feedback")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "source_kind", "source_id", "target_kind", "target_id"],
                name="one_feedback_per_pair",
            )
        ]

    def __str__(self) -> str:
        return f"{self.source_kind}:{self.source_id} → {self.target_kind}:{self.target_id}"


class LabelVector(models.Model):
    """An embedded description of a sector or SDG (its name, goal or target text), the
    zero-shot half of label suggestions. Rebuilt when the embedder or the text changes."""

    class Taxonomy(models.TextChoices):
        SECTOR = "sector", _("sector")
        SDG = "sdg", _("Sustainable Development Goal")

    embedder = models.CharField(max_length=120)
    taxonomy = models.CharField(max_length=10, choices=Taxonomy.choices)
    code = models.CharField(max_length=40)
    text_hash = models.CharField(max_length=64)
    vector = models.BinaryField()

    class Meta:
        verbose_name = _("label vector")
        verbose_name_plural = _("label vectors")
        constraints = [
            models.UniqueConstraint(
                fields=["embedder", "taxonomy", "code", "text_hash"], name="one_vector_per_text"
            )
        ]

    def __str__(self) -> str:
        return f"{self.taxonomy}:{self.code}"
