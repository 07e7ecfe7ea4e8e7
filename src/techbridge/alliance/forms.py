"""Input shapes for alliance pages; the services validate (same rules as the API)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from techbridge.alliance.enums import NetworkKind, ProjectStatus, Tier
from techbridge.catalog.forms import sector_choices
from techbridge.catalog.models import Sector
from techbridge.catalog.validation import content_language_codes
from techbridge.core.countries import country_choices
from techbridge.core.languages import NATIVE_NAMES
from techbridge.organisations.enums import OrganisationKind


def language_choices() -> list[tuple[str, str]]:
    return [(code, NATIVE_NAMES.get(code, code)) for code in content_language_codes()]


def top_sector_choices() -> list[tuple[str, str]]:
    top = Sector.objects.filter(parent__isnull=True).order_by("position")
    return [("", "—"), *((sector.code, sector.name) for sector in top)]


class ApplicationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type"), choices=OrganisationKind.choices)
    capabilities = forms.CharField(
        label=_("Capabilities"),
        help_text=_("What your organisation offers the alliance, in any language."),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
    )
    language = forms.ChoiceField(label=_("Language of the text"))
    sectors = forms.MultipleChoiceField(
        label=_("Sectors"), widget=forms.SelectMultiple(attrs={"size": 8})
    )
    countries_served = forms.MultipleChoiceField(
        label=_("Countries served"), widget=forms.SelectMultiple(attrs={"size": 8})
    )
    charter_accepted = forms.BooleanField(
        label=_("We have read the alliance charter and accept it."), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = language_choices()
        self.fields["sectors"].choices = sector_choices()
        self.fields["countries_served"].choices = country_choices()


class DecisionForm(forms.Form):
    tier = forms.ChoiceField(label=_("Tier"), choices=Tier.choices, initial=Tier.ORDINARY)
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when rejecting; sent to the applicant."),
    )


class TierForm(forms.Form):
    tier = forms.ChoiceField(label=_("Tier"), choices=Tier.choices)


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    country = forms.ChoiceField(label=_("Country"), required=False)
    kind = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", "—"), *OrganisationKind.choices]
    )
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    tier = forms.ChoiceField(label=_("Tier"), required=False, choices=[("", "—"), *Tier.choices])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "—"), *country_choices()]
        self.fields["sector"].choices = top_sector_choices()


class NetworkFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", "—"), *NetworkKind.choices]
    )
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "—"), *country_choices()]
        self.fields["sector"].choices = top_sector_choices()


class NetworkForm(forms.Form):
    language = forms.ChoiceField(label=_("Language of the texts"))
    title = forms.CharField(label=_("Title"), max_length=200)
    title_zh = forms.CharField(label=_("Title in Chinese"), max_length=200, required=False)
    title_en = forms.CharField(label=_("Title in English"), max_length=200, required=False)
    description = forms.CharField(
        label=_("Description"), max_length=10000, widget=forms.Textarea(attrs={"rows": 6})
    )
    description_zh = forms.CharField(
        label=_("Description in Chinese"),
        max_length=10000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    description_en = forms.CharField(
        label=_("Description in English"),
        max_length=10000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    sectors = forms.MultipleChoiceField(
        label=_("Focus sectors"), required=False, widget=forms.SelectMultiple(attrs={"size": 8})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = language_choices()
        self.fields["sectors"].choices = sector_choices()


class ProjectForm(forms.Form):
    language = forms.ChoiceField(label=_("Language of the texts"))
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    status = forms.ChoiceField(label=_("Status"), choices=ProjectStatus.choices)
    starts_on = forms.DateField(
        label=_("Starts"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(
        label=_("Ends"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = language_choices()


class NewsForm(forms.Form):
    language = forms.ChoiceField(label=_("Language of the texts"))
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Text"), max_length=10000, widget=forms.Textarea(attrs={"rows": 6})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = language_choices()


class LinkListingForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("technology", _("Technology")), ("need", _("Innovation need"))]
    )
    listing = forms.IntegerField(
        label=_("Number"),
        min_value=1,
        help_text=_("The number in the listing's address, e.g. 42 in /technologies/42/."),
    )
