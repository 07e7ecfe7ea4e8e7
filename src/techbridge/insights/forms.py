from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from techbridge.catalog.models import Sector
from techbridge.core.countries import country_choices
from techbridge.core.languages import NATIVE_NAMES


def sector_filter_choices() -> list:
    """Top-level sectors (which include their children) and, grouped, each child."""
    sectors = list(Sector.objects.select_related("parent").order_by("position"))
    tops = [(s.code, s.name) for s in sectors if s.parent_id is None]
    groups: dict = {}
    for sector in sectors:
        if sector.parent_id:
            groups.setdefault(sector.parent.name, []).append((sector.code, sector.name))
    return [("", "—"), (_("Sectors"), tops), *groups.items()]


class InsightsFilterForm(forms.Form):
    date_from = forms.DateField(
        label=pgettext_lazy("start of a period", "From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = forms.DateField(
        label=pgettext_lazy("end of a period", "To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    country = forms.ChoiceField(label=_("Country"), required=False)
    sector = forms.ChoiceField(label=_("Sector"), required=False)

    def __init__(self, *args, show_country: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if show_country:
            self.fields["country"].choices = [("", "—"), *country_choices()]
        else:
            del self.fields["country"]
        self.fields["sector"].choices = sector_filter_choices()

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end of the period is before its start."))
        return cleaned


class ReportForm(InsightsFilterForm):
    format = forms.ChoiceField(
        label=_("Format"), choices=[("pdf", "PDF"), ("xlsx", "XLSX")], initial="pdf"
    )
    language = forms.ChoiceField(label=_("Language of the report"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [
            (code, NATIVE_NAMES.get(code, name)) for code, name in settings.LANGUAGES
        ]
