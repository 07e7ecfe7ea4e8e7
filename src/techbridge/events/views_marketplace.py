"""The brokerage marketplace: who takes part, what they offer and look for, whom to meet."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from techbridge.catalog.models import Sector
from techbridge.core.templatetags.l10n_babel import country as country_name
from techbridge.events import rules_brokerage, selectors_brokerage
from techbridge.events.enums import ParticipantType
from techbridge.events.views_brokerage import brokerage_event

PAGE_SIZE = 20


class MarketplaceFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    participant_type = forms.ChoiceField(label=_("Participant type"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    side = forms.ChoiceField(
        label=_("Shows"),
        required=False,
        choices=[
            ("", _("Offers and requests")),
            (selectors_brokerage.OFFERS, _("Offers")),
            (selectors_brokerage.REQUESTS, _("Requests")),
        ],
    )

    def __init__(self, *args, countries: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participant_type"].choices = [("", _("All")), *ParticipantType.choices]
        self.fields["country"].choices = [("", _("All"))] + [
            (code, country_name(code)) for code in countries
        ]
        self.fields["sector"].choices = [("", _("All"))] + [
            (s.code, s.name) for s in Sector.objects.filter(parent__isnull=True)
        ]


@login_required
def marketplace(request: HttpRequest, slug: str) -> HttpResponse:
    event = brokerage_event(request, slug)
    if not rules_brokerage.can_view_marketplace(request.user, event):
        raise PermissionDenied
    reader = rules_brokerage.approved_registration(request.user, event)
    form = MarketplaceFilterForm(
        request.GET or None, countries=selectors_brokerage.marketplace_countries(event=event)
    )
    filters = form.cleaned_data if form.is_valid() else {}
    participants = selectors_brokerage.marketplace_participants(
        event=event,
        query=filters.get("q", ""),
        participant_type=filters.get("participant_type", ""),
        country=filters.get("country", ""),
        sector=filters.get("sector", ""),
        side=filters.get("side", ""),
    )
    page = Paginator(participants, PAGE_SIZE).get_page(request.GET.get("page"))
    open_requests = selectors_brokerage.open_requests_between(registration=reader) if reader else {}
    for participant in page:
        participant.open_request = open_requests.get(participant.pk)
    context = {"event": event, "form": form, "page": page, "reader": reader}
    if request.htmx:
        return render(request, "events/brokerage/_marketplace_results.html", context)
    if reader is not None:
        suggestions = selectors_brokerage.suggested_meetings(user=request.user, registration=reader)
        for suggestion in suggestions or []:
            suggestion.registration.open_request = open_requests.get(suggestion.registration.pk)
        context["suggestions"] = suggestions
    return render(request, "events/brokerage/marketplace.html", context)
