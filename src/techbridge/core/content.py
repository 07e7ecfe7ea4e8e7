"""Content written in one language with optional per-field translations.

A model stores each text field in its original language (``language``) and a JSON map
``<field>_translations`` of language code -> text. Readers see their language where a
translation exists, else the original, marked with its language.
"""

from dataclasses import dataclass

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class LocalizedText:
    text: str
    language: str
    is_original: bool
    is_machine: bool = False

    def __str__(self) -> str:
        return self.text


class MultilingualMixin(models.Model):
    language = models.CharField(
        _("original language"),
        max_length=10,
        help_text=_("The language the text was written in."),
    )

    class Meta:
        abstract = True

    def text_in(self, field: str, language_code: str | None = None) -> LocalizedText:
        wanted = (language_code or translation.get_language() or self.language).lower()
        original = getattr(self, field)
        if wanted == self.language:
            return LocalizedText(original, self.language, True)
        translations = getattr(self, f"{field}_translations") or {}
        text = translations.get(wanted, "").strip()
        if text:
            return LocalizedText(text, wanted, False)
        return LocalizedText(original, self.language, True)


class PerFieldTranslationsMixin(models.Model):
    """For records with many text fields: one JSON map of
    ``{language: {field: {"text": ..., "kind": "human" | "machine"}}}``."""

    language = models.CharField(
        _("original language"),
        max_length=10,
        help_text=_("The language the text was written in."),
    )
    translations = models.JSONField(_("translations"), default=dict, blank=True)

    class Meta:
        abstract = True

    def text_in(self, field: str, language_code: str | None = None) -> LocalizedText:
        wanted = (language_code or translation.get_language() or self.language).lower()
        original = getattr(self, field)
        if wanted != self.language:
            entry = (self.translations or {}).get(wanted, {}).get(field)
            if entry and entry.get("text", "").strip():
                return LocalizedText(
                    entry["text"], wanted, False, is_machine=entry.get("kind") == "machine"
                )
        return LocalizedText(original, self.language, True)
