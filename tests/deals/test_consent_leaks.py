"""Consent to reveal: before the listing's side accepts, neither side (nor a focal point)
finds the other's identity or contacts on any surface: pages, API, e-mails, exports. After
acceptance both sides see each other's contacts."""

import io

import pytest
from django.core import mail
from django.urls import reverse
from openpyxl import load_workbook

from techbridge.deals import services
from tests.deals.fixtures import INTERESTED_SECRETS, PROVIDER_SECRETS
from tests.factories import NeedFactory

pytestmark = pytest.mark.django_db


def _xlsx(content: bytes) -> str:
    workbook = load_workbook(io.BytesIO(content), read_only=True)
    return " ".join(str(v) for row in workbook.active.iter_rows(values_only=True) for v in row if v)


def _party_surfaces(client, deal) -> dict[str, str]:
    return {
        "deal_page": client.get(reverse("deals:detail", args=[deal.pk])).content.decode(),
        "my_deals": client.get(reverse("deals:mine")).content.decode(),
        "inbox": client.get(reverse("deals:inbox")).content.decode(),
        "notifications": client.get(reverse("notifications:inbox")).content.decode(),
        "api_detail": client.get(f"/api/deals/{deal.pk}").content.decode(),
        "api_list": client.get("/api/deals").content.decode(),
        "api_waiting": client.get("/api/deals/waiting").content.decode(),
        "listing_page": client.get(
            reverse("catalog:technology", args=[deal.technology_id])
        ).content.decode(),
    }


def _leaks(surfaces: dict[str, str], secrets: list[str]) -> list[tuple[str, str]]:
    return [(name, s) for name, text in surfaces.items() for s in secrets if s in text]


@pytest.fixture
def waiting(people, worker, outbox):
    """An interest from a Vietnamese company, sent from its own (public) need, not answered."""
    need = NeedFactory(organisation=people.interested_org, title="Drying cassava chips")
    from tests.deals.fixtures import express

    deal = express(people, context_listing=need)
    worker()  # the e-mails go out
    return deal


def test_listing_side_sees_nothing_of_the_interested_party(client_for, people, waiting):
    surfaces = _party_surfaces(client_for(people.provider), waiting)
    assert "Hybrid solar biomass cassava dryer" in surfaces["deal_page"]
    assert "A cassava processor" in surfaces["deal_page"]  # the answers are shown
    assert "Drying cassava chips" not in surfaces["deal_page"]  # its own need would name it
    assert _leaks(surfaces, INTERESTED_SECRETS) == []


def test_interested_party_sees_nothing_of_the_anonymised_provider(client_for, people, waiting):
    surfaces = _party_surfaces(client_for(people.interested), waiting)
    assert "Hybrid solar biomass cassava dryer" in surfaces["deal_page"]
    assert _leaks(surfaces, PROVIDER_SECRETS) == []


@pytest.mark.parametrize("role", ["focal_point", "other_focal_point", "outsider"])
def test_observers_see_neither_side(client_for, people, waiting, role):
    client = client_for(getattr(people, role))
    surfaces = _party_surfaces(client, waiting)
    surfaces["pipeline"] = client.get(reverse("deals:pipeline")).content.decode()
    surfaces["funnel"] = client.get(reverse("deals:funnel")).content.decode()
    surfaces["csv"] = client.get(reverse("deals:export")).content.decode("utf-8-sig")
    xlsx = client.get(reverse("deals:export"), {"format": "xlsx"})
    surfaces["xlsx"] = _xlsx(xlsx.content) if xlsx.status_code == 200 else ""
    assert _leaks(surfaces, INTERESTED_SECRETS + PROVIDER_SECRETS) == []


def test_emails_before_consent_name_no_one(people, waiting):
    to_parties = [m for m in mail.outbox if people.staff.email not in m.to]
    assert [m.to for m in to_parties] == [[people.provider.email]]
    text = " ".join(m.subject + m.body for m in mail.outbox)
    assert [s for s in INTERESTED_SECRETS + PROVIDER_SECRETS if s in text] == []
    assert "Hybrid solar biomass cassava dryer" in text


def test_decline_reveals_nothing_to_either_side(client_for, people, waiting, worker):
    mail.outbox.clear()
    services.deal_decline(
        user=people.provider, deal=waiting, reason="other", reason_text="Not this year"
    )
    worker()
    text = " ".join(m.subject + m.body for m in mail.outbox)
    assert "Not this year" in text
    assert [s for s in INTERESTED_SECRETS + PROVIDER_SECRETS if s in text] == []
    surfaces = _party_surfaces(client_for(people.interested), waiting)
    assert _leaks(surfaces, PROVIDER_SECRETS) == []
    surfaces = _party_surfaces(client_for(people.provider), waiting)
    assert _leaks(surfaces, INTERESTED_SECRETS) == []


def test_after_acceptance_both_sides_see_each_others_contacts(client_for, people, waiting, worker):
    services.deal_accept(user=people.provider, deal=waiting)
    worker()
    provider_view = _party_surfaces(client_for(people.provider), waiting)
    assert "Mekong Foods JSC" in provider_view["deal_page"]
    assert "an@mekong-foods.example.org" in provider_view["deal_page"]
    assert "an@mekong-foods.example.org" in provider_view["api_detail"]
    assert "Drying cassava chips" in provider_view["deal_page"]
    interested_view = _party_surfaces(client_for(people.interested), waiting)
    assert "Secret Provider Ltd" in interested_view["deal_page"]
    assert "contact@secret-provider.example.org" in interested_view["deal_page"]
    assert "contact@secret-provider.example.org" in interested_view["api_detail"]
    # E-mails still carry no identities: the deal page shows them to whoever may see them.
    text = " ".join(m.subject + m.body for m in mail.outbox)
    assert "an@mekong-foods.example.org" not in text
    assert "Secret Provider Ltd" not in text


def test_history_names_no_one_before_consent(client_for, people, waiting):
    page = client_for(people.provider).get(reverse("deals:detail", args=[waiting.pk]))
    history = [row.who for row in page.context["history"]]
    assert history == ["Interested party"]
