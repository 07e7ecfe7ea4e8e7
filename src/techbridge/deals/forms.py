"""Input parsing for the deal pages. The services validate (deals/validation.py); forms shape
widgets and choices and hand cleaned_data over."""

from django import forms
from django.utils.translation import gettext_lazy as _

from techbridge.catalog.enums import BudgetRange, TransferMode
from techbridge.catalog.forms import sector_choices
from techbridge.core.countries import country_choices
from techbridge.deals.enums import FORWARD, PIPELINE, Cooperation, FollowUpAnswer, Reason, Stage


class InterestForm(forms.Form):
    organisation = forms.ChoiceField(label=_("On behalf of"))
    cooperation = forms.MultipleChoiceField(
        label=_("What cooperation do you seek?"),
        choices=Cooperation.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    information_missing = forms.CharField(
        label=_("What information is missing for you to decide?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    who_we_are = forms.CharField(
        label=_("Who we are"),
        max_length=2000,
        help_text=_(
            "Describe your organisation without naming it if you wish: your name and contacts "
            "are shown only once the other side accepts the introduction."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    message = forms.CharField(
        label=_("Message"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.organisations = {str(o.pk): o for o in organisations}
        self.fields["organisation"].choices = [
            (key, o.text_in("name").text) for key, o in self.organisations.items()
        ]


class ReasonForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=Reason.choices)
    reason_text = forms.CharField(
        label=_("In your words (required for “Other”)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class MoveForm(forms.Form):
    stage = forms.ChoiceField(label=_("Next stage"), choices=Stage.choices)
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, current: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        allowed = FORWARD.get(current)
        if allowed is not None:
            self.fields["stage"].choices = [(s.value, s.label) for s in PIPELINE if s in allowed]


class AgreementForm(forms.Form):
    agreement_type = forms.ChoiceField(
        label=_("Type of agreement"), required=False, choices=[("", "—"), *TransferMode.choices]
    )
    value_range = forms.ChoiceField(
        label=_("Value range"), required=False, choices=[("", "—"), *BudgetRange.choices]
    )
    agreement_countries = forms.MultipleChoiceField(
        label=_("Countries covered"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agreement_countries"].choices = country_choices()


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Message"), max_length=8000, widget=forms.Textarea(attrs={"rows": 3})
    )


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("File (PDF, Office, image or text)"))


class FollowUpForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Where does the cooperation stand?"),
        choices=FollowUpAnswer.choices,
        widget=forms.RadioSelect,
    )


class DealFilterForm(forms.Form):
    country = forms.ChoiceField(label=_("Country"), required=False)
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    stage = forms.ChoiceField(label=_("Stage"), required=False, choices=[("", "—"), *Stage.choices])
    min_days = forms.IntegerField(
        label=_("At this stage for at least (days)"), required=False, min_value=0, max_value=3650
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "—"), *country_choices()]
        self.fields["sector"].choices = [("", "—"), *sector_choices()]
