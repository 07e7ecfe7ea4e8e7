"""Registration input checked field by field; shared by the form page and the services."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from techbridge.events.enums import ParticipantType, QuestionKind
from techbridge.events.models import Event, RegistrationQuestion

YES_NO = ("yes", "no")


def question_field(question: RegistrationQuestion) -> str:
    return f"question_{question.pk}"


def registration_clean(
    *,
    event: Event,
    questions: list[RegistrationQuestion],
    participant_type: str,
    attendance: str,
    answers: dict,
) -> dict:
    """Returns ``{"participant_type", "attendance", "answers"}`` or raises a ValidationError
    keyed by field (``question_<pk>`` for answers)."""
    errors: dict[str, list[str]] = {}
    if participant_type not in ParticipantType.values:
        errors["participant_type"] = [_("Choose one of the participant types.")]
    if attendance not in {value for value, _label in event.attendance_options}:
        errors["attendance"] = [_("Choose how you will attend this event.")]
    cleaned = {}
    for question in questions:
        key = question_field(question)
        raw = answers.get(key, answers.get(str(question.pk), ""))
        value = raw.strip() if isinstance(raw, str) else ""
        if not value:
            if question.required:
                errors[key] = [_("This question needs an answer.")]
            continue
        if question.kind == QuestionKind.CHOICE and value not in question.options:
            errors[key] = [_("Choose one of the options.")]
        elif question.kind == QuestionKind.YES_NO and value not in YES_NO:
            errors[key] = [_("Answer yes or no.")]
        elif len(value) > 2000:
            errors[key] = [_("Keep the answer under 2,000 characters.")]
        else:
            cleaned[str(question.pk)] = value
    if errors:
        raise ValidationError(errors)
    return {"participant_type": participant_type, "attendance": attendance, "answers": cleaned}
