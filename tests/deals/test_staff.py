"""All deals, funnel and exports: staff see everything, focal points their country's deals
with identities masked until consent, nobody else."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from techbridge.deals import services
from techbridge.deals.models import Deal
from tests.deals.fixtures import express
from tests.factories import OrganisationFactory, TechnologyFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["pipeline", "funnel", "export"])
@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("outsider", 403),
        ("interested", 403),
        ("provider", 403),
        ("staff", 200),
        ("focal_point", 200),
    ],
)
def test_staff_pages_per_role(client_for, people, deal, name, role, status):
    response = client_for(getattr(people, role)).get(reverse(f"deals:{name}"))
    assert response.status_code == status


def _ids(response) -> list[int]:
    return [view.pk for view in response.context["views"]]


def test_focal_point_sees_only_deals_with_a_party_in_their_country(client_for, people, deal):
    thai = OrganisationFactory(country="TH")
    other = Deal.objects.create(
        technology=TechnologyFactory(organisation=OrganisationFactory(country="MY")),
        target_kind="technology",
        interested_organisation=thai,
        listing_organisation=OrganisationFactory(country="MY"),
    )
    assert _ids(client_for(people.staff).get(reverse("deals:pipeline"))) == [other.pk, deal.pk]
    assert _ids(client_for(people.focal_point).get(reverse("deals:pipeline"))) == [deal.pk]
    assert _ids(client_for(people.other_focal_point).get(reverse("deals:pipeline"))) == [other.pk]


def test_filters_country_sector_stage_age(client_for, people, deal):
    services.deal_accept(user=people.provider, deal=deal)
    second = express(
        people,
        listing=TechnologyFactory(organisation=people.provider_org, sectors=["energy.solar"]),
    )
    Deal.objects.filter(pk=second.pk).update(
        stage_changed_at=second.stage_changed_at - datetime.timedelta(days=20)
    )
    client = client_for(people.staff)
    url = reverse("deals:pipeline")
    assert _ids(client.get(url, {"stage": "introduced"})) == [deal.pk]
    assert _ids(client.get(url, {"sector": "energy.solar"})) == [second.pk]
    assert _ids(client.get(url, {"min_days": 10})) == [second.pk]
    assert _ids(client.get(url, {"country": "TH"})) == []
    assert len(_ids(client.get(url, {"country": "VN"}))) == 2
    assert client.get(url, {"min_days": "soon", "stage": "bogus"}).status_code == 200


@pytest.mark.parametrize("count", [2, 8])
def test_pipeline_query_count_is_constant(client_for, people, count, django_assert_max_num_queries):
    for index in range(count):
        deal = express(people, listing=TechnologyFactory(organisation=people.provider_org))
        if index % 2:
            services.deal_accept(user=people.provider, deal=deal)
    client = client_for(people.staff)
    with django_assert_max_num_queries(16):
        assert client.get(reverse("deals:pipeline")).status_code == 200
    with django_assert_max_num_queries(16):
        assert client.get(reverse("deals:funnel")).status_code == 200


def test_funnel_counts_and_server_side_svg(client_for, people, deal):
    services.deal_accept(user=people.provider, deal=deal)
    services.deal_move(user=people.provider, deal=deal, stage="negotiating")  # skips meeting
    declined = express(people, listing=TechnologyFactory(organisation=people.provider_org))
    services.deal_decline(user=people.provider, deal=declined, reason="not_market_fit")
    response = client_for(people.staff).get(reverse("deals:funnel"))
    rows = {row.stage: (row.reached, row.now) for row in response.context["funnel"]["rows"]}
    assert rows["interest"] == (2, 0)
    assert rows["introduced"] == (1, 0)
    assert rows["meeting_held"] == (1, 0)  # passed on the way to negotiating
    assert rows["negotiating"] == (1, 1)
    assert rows["agreement_signed"] == (0, 0)
    assert response.context["funnel"]["declined"] == 1
    page = response.content.decode()
    assert "<svg" in page and "<rect" in page and "Not a fit for our market" in page
    assert "cdn" not in page.lower() and '<script src="http' not in page


def _export(client, fmt: str) -> str:
    response = client.get(reverse("deals:export"), {"format": fmt} if fmt == "xlsx" else {})
    assert response.status_code == 200
    if fmt == "csv":
        assert response["Content-Type"].startswith("text/csv")
        return response.content.decode("utf-8-sig")
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    return " ".join(
        str(value) for row in workbook.active.iter_rows(values_only=True) for value in row if value
    )


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_names_parties_for_staff_only_before_consent(client_for, people, deal, fmt):
    staff = _export(client_for(people.staff), fmt)
    assert "Mekong Foods JSC" in staff and "Secret Provider Ltd" in staff
    assert "li.secret@secret-provider.example.org" in staff or "contact@secret-provider" in staff
    focal = _export(client_for(people.focal_point), fmt)
    assert "Hybrid solar biomass cassava dryer" in focal
    assert "Mekong Foods JSC" not in focal and "Secret Provider Ltd" not in focal
    services.deal_accept(user=people.provider, deal=deal)
    after = _export(client_for(people.focal_point), fmt)
    assert "Mekong Foods JSC" in after and "Secret Provider Ltd" in after
