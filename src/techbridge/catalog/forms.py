from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from techbridge.catalog.enums import (
    BudgetRange,
    HelpKind,
    IPStatus,
    TransferMode,
    Visibility,
)
from techbridge.catalog.models import Need, SDGGoal, Sector, Technology
from techbridge.catalog.taxonomy import trl_label
from techbridge.core.countries import country_choices
from techbridge.core.languages import NATIVE_NAMES, ui_language_codes

LIST_FIELDS = ("countries_developed", "countries_deployed", "ip_jurisdictions")


def sector_choices() -> list:
    groups: dict = {}
    for sector in Sector.objects.select_related("parent").order_by("position"):
        if sector.parent_id:
            groups.setdefault(sector.parent.name, []).append((sector.code, sector.name))
    return list(groups.items())


class ListingForm(forms.Form):
    """Collects input for the catalogue services, which validate it (same rules as the API
    and the bulk import); the form only shapes widgets and choices."""

    model = Technology
    language = forms.ChoiceField(label=_("Language of the texts"), choices=settings.LANGUAGES)
    title = forms.CharField(label=_("Title"), max_length=200)
    sectors = forms.MultipleChoiceField(
        label=_("Sectors"), widget=forms.SelectMultiple(attrs={"size": 8})
    )
    sdgs = forms.MultipleChoiceField(
        label=_("Sustainable Development Goals"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    visibility = forms.ChoiceField(label=_("Visibility"), choices=Visibility.choices)
    contact_name = forms.CharField(label=_("Contact person"), max_length=150, required=False)
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False)
    valid_until = forms.DateField(
        label=_("Valid until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    external_id = forms.CharField(
        label=_("Your reference (optional)"), max_length=64, required=False
    )
    confirm_not_duplicate = forms.BooleanField(
        label=_("This is not a duplicate of the listings shown above"), required=False
    )

    TRANSLATABLE = ("title",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sectors"].choices = sector_choices()
        self.fields["sdgs"].choices = [
            (str(goal.number), f"{goal.number} · {goal.short_name}")
            for goal in SDGGoal.objects.all()
        ]
        for code in ui_language_codes():
            for name in self.TRANSLATABLE:
                field = self.fields[name]
                key = f"{name}__{code}"
                self.fields[key] = forms.CharField(
                    label=f"{field.label} · {NATIVE_NAMES[code]}",
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 2, "lang": code})
                    if name != "title"
                    else forms.TextInput(attrs={"lang": code}),
                )

    def translation_fields(self) -> list:
        return [self[name] for name in self.fields if "__" in name]

    CLASSIFICATION = ("sectors", "sdgs")

    def main_fields(self) -> list:
        return [
            self[name]
            for name in self.fields
            if "__" not in name and name not in {"confirm_not_duplicate", *self.CLASSIFICATION}
        ]

    def classification_fields(self) -> list:
        """Shown after the texts, next to the suggestions drawn from them."""
        return [self[name] for name in self.CLASSIFICATION]

    def service_data(self) -> dict:
        data = {
            name: value
            for name, value in self.cleaned_data.items()
            if "__" not in name and name != "confirm_not_duplicate"
        }
        translations: dict = {}
        for code in ui_language_codes():
            if code == data["language"]:
                continue
            for name in self.TRANSLATABLE:
                text = self.cleaned_data.get(f"{name}__{code}", "").strip()
                if text:
                    translations.setdefault(code, {})[name] = {"text": text, "kind": "human"}
        data["translations"] = translations
        return data

    @classmethod
    def initial_from(cls, listing) -> dict:
        initial = {
            name: getattr(listing, name)
            for name in cls.base_fields
            if hasattr(listing, name) and name not in {"sectors", "sdgs"}
        }
        initial["sectors"] = [s.code for s in listing.sectors.all()]
        initial["sdgs"] = [str(g.number) for g in listing.sdgs.all()]
        for code, entries in (listing.translations or {}).items():
            for name in cls.TRANSLATABLE:
                if name in entries:
                    initial[f"{name}__{code}"] = entries[name]["text"]
        return initial


class TechnologyForm(ListingForm):
    model = Technology
    TRANSLATABLE = ("title", "summary")

    summary = forms.CharField(
        label=_("Summary"), max_length=600, widget=forms.Textarea(attrs={"rows": 3})
    )
    description = forms.CharField(
        label=_("Full description"), widget=forms.Textarea(attrs={"rows": 8})
    )
    problem = forms.CharField(
        label=_("Problem solved"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    benefits = forms.CharField(
        label=_("Benefits compared with existing solutions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    trl = forms.TypedChoiceField(label=_("Technology readiness level"), coerce=int)
    ip_status = forms.ChoiceField(label=_("IP status"), choices=IPStatus.choices)
    patent_numbers = forms.CharField(
        label=_("Patent numbers"), required=False, help_text=_("Separate several with commas.")
    )
    ip_jurisdictions = forms.MultipleChoiceField(label=_("IP jurisdictions"), required=False)
    transfer_modes = forms.MultipleChoiceField(
        label=_("Transfer modes"), choices=TransferMode.choices, widget=forms.CheckboxSelectMultiple
    )
    indicative_terms = forms.CharField(label=_("Indicative terms"), max_length=300, required=False)
    countries_developed = forms.MultipleChoiceField(label=_("Countries where developed"))
    countries_deployed = forms.MultipleChoiceField(
        label=_("Countries where deployed"), required=False
    )
    reference_deployments = forms.CharField(
        label=_("Reference deployments"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    languages_spoken = forms.MultipleChoiceField(
        label=_("Languages the team speaks"), required=False, choices=settings.LANGUAGES
    )
    website = forms.CharField(label=_("Web page"), required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["trl"].choices = [(level, trl_label(level)) for level in range(1, 10)]
        for name in LIST_FIELDS:
            self.fields[name].choices = country_choices()

    def service_data(self) -> dict:
        data = super().service_data()
        data["patent_numbers"] = data.get("patent_numbers", "")
        return data

    @classmethod
    def initial_from(cls, listing) -> dict:
        initial = super().initial_from(listing)
        initial["patent_numbers"] = ", ".join(listing.patent_numbers)
        initial["transfer_modes"] = listing.transfer_mode_values
        return initial


class NeedForm(ListingForm):
    model = Need
    TRANSLATABLE = ("title", "problem")

    problem = forms.CharField(
        label=_("Problem statement"), widget=forms.Textarea(attrs={"rows": 5})
    )
    context = forms.CharField(
        label=_("Context: location, scale, users"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    desired_outcome = forms.CharField(
        label=_("Desired outcome"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    constraints = forms.CharField(
        label=_("Constraints: budget, timeline, climate, infrastructure"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    budget_range = forms.ChoiceField(label=_("Budget range"), choices=BudgetRange.choices)
    help_kinds = forms.MultipleChoiceField(
        label=_("Kind of help sought"),
        choices=HelpKind.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    country = forms.ChoiceField(label=_("Country"))
    region = forms.CharField(label=_("Region / province"), max_length=120, required=False)
    deadline = forms.DateField(
        label=_("Deadline"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "—"), *country_choices()]


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


class FilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    sector = forms.CharField(required=False, max_length=40)
    sdg = forms.IntegerField(required=False, min_value=1, max_value=17)
    country = forms.CharField(required=False, max_length=2)
    trl = forms.IntegerField(required=False, min_value=1, max_value=9)
    transfer_mode = forms.ChoiceField(required=False, choices=[("", ""), *TransferMode.choices])
    call = forms.IntegerField(required=False, min_value=1)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("newest", _("Newest")),
            ("title", _("Title")),
            ("trl", _("Readiness (highest first)")),
            ("deadline", _("Deadline (soonest first)")),
        ],
    )


FORMS = {Technology: TechnologyForm, Need: NeedForm}
