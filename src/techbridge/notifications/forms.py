from django import forms

from techbridge.notifications.enums import Frequency, Group


class PreferencesForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for group in Group:
            self.fields[group.value] = forms.ChoiceField(
                label=group.label, choices=Frequency.choices, widget=forms.RadioSelect
            )
