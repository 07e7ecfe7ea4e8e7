from django import forms
from django.utils.translation import gettext_lazy as _

from techbridge.events.enums import ParticipantType, QuestionKind
from techbridge.events.models import Event, RegistrationQuestion
from techbridge.events.validation import YES_NO, question_field


def _answer_field(question: RegistrationQuestion) -> forms.Field:
    label = question.text_in("label").text
    if question.kind == QuestionKind.CHOICE:
        choices = [("", "—")] + [(option, option) for option in question.options]
        return forms.ChoiceField(label=label, choices=choices, required=question.required)
    if question.kind == QuestionKind.YES_NO:
        choices = [("", "—"), (YES_NO[0], _("Yes")), (YES_NO[1], _("No"))]
        return forms.ChoiceField(label=label, choices=choices, required=question.required)
    return forms.CharField(
        label=label,
        required=question.required,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RegistrationForm(forms.Form):
    """Shapes the widgets; the service checks everything again (registration_clean)."""

    participant_type = forms.ChoiceField(label=_("I take part as"), choices=ParticipantType.choices)
    attendance = forms.ChoiceField(label=_("I will attend"))

    def __init__(self, *args, event: Event, questions: list[RegistrationQuestion], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendance"].choices = event.attendance_options
        for question in questions:
            self.fields[question_field(question)] = _answer_field(question)
