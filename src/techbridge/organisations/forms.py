from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from techbridge.core.countries import country_choices
from techbridge.core.languages import NATIVE_NAMES, ui_language_codes
from techbridge.organisations.enums import MemberRole, OrganisationKind
from techbridge.organisations.models import Organisation

TRANSLATED_FIELDS = ("name", "description")


class OrganisationForm(forms.ModelForm):
    """The profile, plus optional name and description in every other UI language."""

    country = forms.ChoiceField(label=_("Country"))
    language = forms.ChoiceField(label=_("Language of the texts"), choices=settings.LANGUAGES)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = Organisation
        fields = ["name", "language", "kind", "country", "region", "website", "description", "logo"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "—"), *country_choices()]
        self.fields["logo"].help_text = _("PNG, JPEG, WebP or GIF; at most %(limit)s.") % {
            "limit": filesizeformat(settings.MAX_LOGO_BYTES)
        }
        for code in ui_language_codes():
            for field in TRANSLATED_FIELDS:
                key = f"{field}__{code}"
                existing = (getattr(self.instance, f"{field}_translations", None) or {}).get(
                    code, ""
                )
                widget = forms.Textarea(attrs={"rows": 2}) if field == "description" else None
                self.fields[key] = forms.CharField(
                    label=f"{self.fields[field].label} · {NATIVE_NAMES[code]}",
                    required=False,
                    initial=existing,
                    max_length=200 if field == "name" else 5000,
                    widget=widget,
                )
                self.fields[key].widget.attrs["lang"] = code

    def translation_fields(self) -> list:
        return [self[name] for name in self.fields if "__" in name]

    def main_fields(self) -> list:
        return [self[name] for name in self.fields if "__" not in name]

    def service_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        if not data["logo"]:
            data.pop("logo")
        for field in TRANSLATED_FIELDS:
            data[f"{field}_translations"] = {
                code: self.cleaned_data[f"{field}__{code}"]
                for code in ui_language_codes()
                if code != data["language"] and self.cleaned_data.get(f"{field}__{code}")
            }
        return data


class OrganisationFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    country = forms.ChoiceField(label=_("Country"), required=False)
    kind = forms.ChoiceField(label=_("Type"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("All countries")), *country_choices()]
        self.fields["kind"].choices = [("", _("All types")), *OrganisationKind.choices]


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(label=_("Role"), choices=MemberRole.choices, initial=MemberRole.MEMBER)


class JoinRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the organisation's admins"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=MemberRole.choices)
