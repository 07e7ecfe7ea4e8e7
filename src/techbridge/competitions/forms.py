"""Forms shape widgets and parse input; the services check everything again."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from techbridge.catalog.models import Sector
from techbridge.competitions.enums import Aggregation, FieldKind, ScoreBasis, Stage
from techbridge.competitions.models import Competition, Criterion, EntryField
from techbridge.competitions.validation import YES_NO
from techbridge.core.countries import country_choices


def _sector_choices() -> list[tuple[str, str]]:
    return [(sector.code, sector.name) for sector in Sector.objects.all()]


def _answer_field(field: EntryField) -> forms.Field:
    label = field.text_in("label").text
    required = False  # drafts may be incomplete; submission checks required answers
    if field.kind == FieldKind.CHOICE:
        choices = [("", "—")] + [(option, option) for option in field.options]
        return forms.ChoiceField(label=label, choices=choices, required=required)
    if field.kind == FieldKind.YES_NO:
        choices = [("", "—"), (YES_NO[0], _("Yes")), (YES_NO[1], _("No"))]
        return forms.ChoiceField(label=label, choices=choices, required=required)
    if field.kind == FieldKind.LONG_TEXT:
        return forms.CharField(
            label=label, required=required, widget=forms.Textarea(attrs={"rows": 4})
        )
    return forms.CharField(label=label, required=required)


class EntryForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 6}))
    track = forms.ChoiceField(label=_("Track"), required=False)
    organisation = forms.ChoiceField(label=_("Organisation"), required=False)
    country = forms.ChoiceField(label=_("Country"))
    founded_year = forms.CharField(label=_("Year the company was founded"), required=False)
    stage = forms.ChoiceField(label=_("Stage"), required=False)
    sectors = forms.MultipleChoiceField(label=_("Sectors"), required=False)
    keywords = forms.CharField(
        label=_("Keywords"), required=False, help_text=_("Separated by commas.")
    )

    def __init__(self, *args, competition: Competition, user, **kwargs):
        super().__init__(*args, **kwargs)
        tracks = list(competition.tracks.all())
        if tracks:
            self.fields["track"].choices = [("", "—")] + [
                (str(t.pk), t.text_in("name").text) for t in tracks
            ]
            self.fields["track"].required = True
        else:
            del self.fields["track"]
        organisations = [m.organisation for m in user.memberships.select_related("organisation")]
        self.fields["organisation"].choices = [("", "—")] + [
            (str(o.pk), o.name) for o in organisations
        ]
        self.fields["country"].choices = [("", "—"), *country_choices()]
        self.fields["stage"].choices = [("", "—"), *list(Stage.choices)]
        self.fields["sectors"].choices = _sector_choices()
        self.file_fields = []
        for field in competition.fields.all():
            if field.kind == FieldKind.FILE:
                self.file_fields.append(field)
            else:
                self.fields[field.key] = _answer_field(field)
                self.fields[field.key].required_on_submit = field.required


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("File"))


class TeamMemberForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    role = forms.CharField(label=_("Role in the team"), max_length=120, required=False)
    email = forms.CharField(label=_("E-mail address"), max_length=254, required=False)
    organisation_name = forms.CharField(label=_("Organisation"), max_length=200, required=False)


class JudgeInviteForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    email = forms.CharField(label=_("E-mail address"), max_length=254)
    language = forms.ChoiceField(label=_("Language for e-mails"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    sectors = forms.MultipleChoiceField(label=_("Sectors"), required=False)
    keywords = forms.CharField(
        label=_("Keywords"), required=False, help_text=_("Separated by commas.")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", "—"), *list(settings.LANGUAGES)]
        self.fields["country"].choices = [("", "—"), *country_choices()]
        self.fields["sectors"].choices = _sector_choices()


class JudgeProfileForm(forms.Form):
    country = forms.ChoiceField(label=_("Country"), required=False)
    sectors = forms.MultipleChoiceField(label=_("Sectors"), required=False)
    keywords = forms.CharField(
        label=_("Keywords"), required=False, help_text=_("Separated by commas.")
    )
    expertise = forms.CharField(
        label=_("Expertise in a few sentences"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "—"), *country_choices()]
        self.fields["sectors"].choices = _sector_choices()


class ConflictForm(forms.Form):
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=200,
        help_text=_("Its name as registered on techbridge."),
    )
    reason = forms.CharField(label=_("Relationship"), max_length=300)


class ScoreForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, criteria: list[Criterion], **kwargs):
        super().__init__(*args, **kwargs)
        comment = self.fields.pop("comment")
        for criterion in criteria:
            self.fields[f"criterion_{criterion.pk}"] = forms.DecimalField(
                label=criterion.text_in("name").text,
                min_value=criterion.min_score,
                max_value=criterion.max_score,
                decimal_places=2,
                help_text=_("From %(low)s to %(high)s; weight %(weight)s.")
                % {
                    "low": criterion.min_score,
                    "high": criterion.max_score,
                    "weight": criterion.weight,
                },
            )
        self.fields["comment"] = comment


class RoundSettingsForm(forms.Form):
    aggregation = forms.ChoiceField(label=_("Combine judges by"), choices=Aggregation.choices)
    score_basis = forms.ChoiceField(label=_("Rank by"), choices=ScoreBasis.choices)


class AssignmentAddForm(forms.Form):
    entry = forms.ChoiceField(label=_("Entry"))
    judge = forms.ChoiceField(label=_("Judge"))

    def __init__(self, *args, entries, judges, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entry"].choices = [(str(e.pk), f"E-{e.pk:04d} {e.title}") for e in entries]
        self.fields["judge"].choices = [(str(j.pk), j.name) for j in judges]


class QuotaForm(forms.Form):
    country = forms.ChoiceField(label=_("Country"))
    minimum = forms.CharField(label=_("At least"), required=False)
    maximum = forms.CharField(label=_("At most"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = country_choices()


def add_errors(form: forms.Form, error) -> None:
    """A service's ValidationError onto the form: by field where the form has it."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages)
