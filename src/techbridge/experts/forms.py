from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from techbridge.catalog.forms import sector_choices
from techbridge.catalog.validation import content_language_codes
from techbridge.core.countries import country_choices
from techbridge.core.languages import NATIVE_NAMES, ui_language_codes
from techbridge.experts.enums import Availability, ProfileVisibility
from techbridge.organisations.models import Organisation


def _language_choices() -> list[tuple[str, str]]:
    return [(code, NATIVE_NAMES.get(code, code)) for code in content_language_codes()]


class ExpertForm(forms.Form):
    """Collects input for the expert services, which validate it (the same as the API). The
    e-mail and phone fields are write-only: never filled in from the stored profile."""

    name = forms.CharField(label=_("Name"), max_length=150)
    headline = forms.CharField(label=_("Position or title"), max_length=200, required=False)
    language = forms.ChoiceField(label=_("Language of your expertise text"))
    expertise = forms.CharField(
        label=_("Expertise"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("A few sentences in any language: what you know, what you have done."),
    )
    keywords = forms.CharField(
        label=_("Keywords"), required=False, help_text=_("Separate several with commas.")
    )
    sectors = forms.MultipleChoiceField(
        label=_("Sectors"), widget=forms.SelectMultiple(attrs={"size": 8})
    )
    languages_spoken = forms.MultipleChoiceField(
        label=_("Languages spoken"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    countries = forms.MultipleChoiceField(
        label=_("Countries covered"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    availability = forms.ChoiceField(label=_("Availability"), choices=Availability.choices)
    availability_note = forms.CharField(
        label=_("Availability note"), max_length=200, required=False
    )
    organisation = forms.ChoiceField(label=_("Affiliation"), required=False)
    visibility = forms.ChoiceField(
        label=_("Who may see the profile"), choices=ProfileVisibility.choices
    )
    email = forms.EmailField(
        label=_("E-mail address for messages"),
        required=False,
        help_text=_(
            "Never shown to anyone: messages reach you through the platform. Leave blank to "
            "keep the current address (or your account's address)."
        ),
    )
    phone = forms.CharField(
        label=_("Phone (for the centre's staff only)"),
        max_length=40,
        required=False,
        help_text=_("Never shown. Leave blank to keep the current number."),
    )
    email_language = forms.ChoiceField(
        label=_("Language for e-mails"), choices=settings.LANGUAGES, required=False
    )

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = _language_choices()
        self.fields["languages_spoken"].choices = _language_choices()
        self.fields["countries"].choices = country_choices()
        self.fields["sectors"].choices = sector_choices()
        if organisations is None:
            organisations = Organisation.objects.order_by("name")
        self.fields["organisation"].choices = [("", "—")] + [
            (organisation.slug, organisation.name) for organisation in organisations
        ]
        for code in ui_language_codes():
            self.fields[f"expertise__{code}"] = forms.CharField(
                label=f"{_('Expertise')} · {NATIVE_NAMES[code]}",
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 2, "lang": code}),
            )

    def main_fields(self) -> list:
        return [self[name] for name in self.fields if "__" not in name]

    def translation_fields(self) -> list:
        return [self[name] for name in self.fields if "__" in name]

    def service_data(self) -> dict:
        data = {name: value for name, value in self.cleaned_data.items() if "__" not in name}
        data["expertise_translations"] = {
            code: self.cleaned_data.get(f"expertise__{code}", "").strip()
            for code in ui_language_codes()
            if code != data["language"] and self.cleaned_data.get(f"expertise__{code}", "").strip()
        }
        if not data.get("email_language"):
            data.pop("email_language", None)
        return data

    @classmethod
    def initial_from(cls, expert) -> dict:
        initial = {
            "name": expert.name,
            "headline": expert.headline,
            "language": expert.language,
            "expertise": expert.expertise,
            "keywords": ", ".join(expert.keywords),
            "sectors": [sector.code for sector in expert.sectors.all()],
            "languages_spoken": expert.languages_spoken,
            "countries": expert.countries,
            "availability": expert.availability,
            "availability_note": expert.availability_note,
            "organisation": expert.organisation.slug if expert.organisation else "",
            "visibility": expert.visibility,
            "email_language": expert.email_language,
        }
        for code, text in (expert.expertise_translations or {}).items():
            initial[f"expertise__{code}"] = text
        return initial


class FilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)
    availability = forms.ChoiceField(
        label=_("Availability"), required=False, choices=[("", "—"), *Availability.choices]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].choices = [("", "—"), *sector_choices()]
        self.fields["country"].choices = [("", "—"), *country_choices()]
        self.fields["language"].choices = [("", "—"), *_language_choices()]


class ContactForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=150)
    body = forms.CharField(
        label=_("Message"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "The expert receives your name and e-mail address so that they can answer you."
        ),
    )
    need = forms.IntegerField(required=False, widget=forms.HiddenInput)
