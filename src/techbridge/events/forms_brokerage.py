"""Input of the brokerage pages; the services check everything again."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from techbridge.catalog.validation import content_language_codes
from techbridge.core.languages import NATIVE_NAMES
from techbridge.events.enums import DeclineReason, FeedbackOutcome


class BrokerageSetupForm(forms.Form):
    max_meetings = forms.IntegerField(label=_("Meetings per participant"), min_value=1)
    request_expiry_days = forms.IntegerField(label=_("Days to answer a request"), min_value=1)
    reminder_days = forms.IntegerField(label=_("Remind the receiver after days"), min_value=1)


def _parse_breaks(text: str) -> list[tuple[datetime.time, datetime.time]]:
    breaks = []
    for part in text.replace(";", ",").split(","):
        if not part.strip():
            continue
        try:
            start, end = (
                datetime.time.fromisoformat(value.strip()) for value in part.split("-", 1)
            )
        except ValueError:
            raise forms.ValidationError(_("Write breaks like 12:00-13:30, 15:00-15:15.")) from None
        if end <= start:
            raise forms.ValidationError(_("A break ends after it starts."))
        breaks.append((start, end))
    return breaks


class SlotsForm(forms.Form):
    day = forms.DateField(label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}))
    start = forms.TimeField(
        label=_("First meeting"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    end = forms.TimeField(
        label=_("Last meeting ends"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    minutes = forms.IntegerField(label=_("Minutes per meeting"), min_value=5, max_value=240)
    breaks = forms.CharField(
        label=_("Breaks"),
        required=False,
        help_text=_("In the event's time zone, e.g. 12:00-13:30, 15:00-15:15."),
    )

    def clean_breaks(self):
        return _parse_breaks(self.cleaned_data["breaks"])


class TablesForm(forms.Form):
    count = forms.IntegerField(label=_("Tables"), min_value=0, max_value=500, initial=0)
    prefix = forms.CharField(label=_("Label"), max_length=40, required=False)
    video_links = forms.CharField(
        label=_("Online rooms"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One video link per line: each becomes an online room."),
    )

    def clean_video_links(self):
        return [line.strip() for line in self.cleaned_data["video_links"].splitlines()]


class ProfileForm(forms.Form):
    organisation = forms.ChoiceField(label=_("I represent"), required=False)
    language = forms.ChoiceField(label=_("Language of my texts"))
    offers = forms.CharField(
        label=_("We offer"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    technologies = forms.MultipleChoiceField(
        label=_("Our technologies"), required=False, widget=forms.CheckboxSelectMultiple
    )
    requests = forms.CharField(
        label=_("We look for"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    needs = forms.MultipleChoiceField(
        label=_("Our needs"), required=False, widget=forms.CheckboxSelectMultiple
    )
    unavailable_slots = forms.MultipleChoiceField(
        label=_("Slots I cannot attend"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, organisations, technologies, needs, slots, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [("", "—")] + [(o.pk, o.name) for o in organisations]
        self.fields["language"].choices = [
            (code, NATIVE_NAMES.get(code, code)) for code in content_language_codes()
        ]
        self.fields["technologies"].choices = [(t.pk, t.title) for t in technologies]
        self.fields["needs"].choices = [(n.pk, n.title) for n in needs]
        self.fields["unavailable_slots"].choices = slots


class CapForm(forms.Form):
    max_meetings = forms.IntegerField(
        label=_("Meetings for this participant"),
        required=False,
        min_value=0,
        help_text=_("Empty: the event's limit."),
    )


class MeetingRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Message"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DeclineForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=DeclineReason.choices)
    text = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class FeedbackForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("How was the meeting?"), choices=FeedbackOutcome.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
