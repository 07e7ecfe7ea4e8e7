"""Every figure against the hand-counted world of conftest.py."""

import datetime

import pytest
from django.utils import timezone

from techbridge.insights import selectors as s
from techbridge.insights import selectors_deals as d
from techbridge.insights.selectors import Filters, Scope

M3, M4, M5 = (datetime.date(2026, m, 1) for m in (3, 4, 5))
APRIL = Filters(date_from=datetime.date(2026, 4, 1), date_to=datetime.date(2026, 4, 30))
STAFF = Scope()
THAILAND = Scope(kind=s.COUNTRY, country="TH")
PUBLIC = Scope(kind=s.PUBLIC)


@pytest.fixture(autouse=True)
def _utc():
    timezone.activate(datetime.UTC)
    yield
    timezone.deactivate()


def test_listings_published_for_staff(world):
    data = s.listings_published(scope=STAFF, filters=Filters())
    tech, need = data["technology"], data["need"]
    assert tech["total"] == 4
    assert tech["months"] == {M3: 1, M4: 2, M5: 1}
    assert tech["countries"] == {"CN": 2, "TH": 1, "KH": 1}
    assert tech["sectors"] == {"agri": 2, "energy": 2}
    assert tech["sdgs"] == {2: 3, 7: 1, 12: 1}
    assert need["total"] == 2
    assert need["months"] == {M3: 1, M5: 1}
    assert need["countries"] == {"VN": 1, "TH": 1}
    assert need["sectors"] == {"agri": 1, "energy": 1}


def test_listings_in_a_country_period_sector_and_public(world):
    thai = s.listings_published(scope=THAILAND, filters=Filters())
    assert (thai["technology"]["total"], thai["need"]["total"]) == (1, 1)
    april = s.listings_published(scope=STAFF, filters=APRIL)
    assert (april["technology"]["total"], april["need"]["total"]) == (2, 0)
    agri = s.listings_published(scope=STAFF, filters=Filters(sector="agri"))
    assert (agri["technology"]["total"], agri["need"]["total"]) == (2, 1)
    leaf = s.listings_published(scope=STAFF, filters=Filters(sector="agri.crops"))
    assert (leaf["technology"]["total"], leaf["need"]["total"]) == (1, 0)
    vietnam = s.listings_published(scope=STAFF, filters=Filters(country="VN"))
    assert (vietnam["technology"]["total"], vietnam["need"]["total"]) == (0, 1)
    public = s.listings_published(scope=PUBLIC, filters=Filters())
    assert (public["technology"]["total"], public["need"]["total"]) == (3, 2)
    organisation = Scope(kind=s.ORGANISATION, organisation_id=world.cn.pk)
    own = s.listings_published(scope=organisation, filters=Filters())
    assert (own["technology"]["total"], own["need"]["total"]) == (2, 0)


def test_views_searches_and_recommendation_marks(world):
    views = s.listing_views(scope=STAFF, filters=Filters())
    assert views == {
        "total": 12,
        "months": {M4: 10, M5: 2},
        "countries": {"CN": 7, "TH": 4, "VN": 1},
    }
    assert s.listing_views(scope=THAILAND, filters=Filters())["total"] == 4
    assert s.listing_views(scope=STAFF, filters=APRIL)["total"] == 10
    assert s.listing_views(scope=PUBLIC, filters=Filters())["total"] == 12
    searches = s.searches(filters=Filters())
    assert searches == {"total": 6, "months": {M4: 5, M5: 1}, "languages": {"en": 4, "zh-hans": 2}}
    assert s.searches(filters=APRIL)["total"] == 5
    marks = s.recommendation_marks(scope=STAFF, filters=Filters())
    assert marks == {"relevant": 2, "not_relevant": 1, "months": {M4: 1, M5: 1}}
    thai = s.recommendation_marks(scope=THAILAND, filters=Filters())
    assert (thai["relevant"], thai["not_relevant"]) == (1, 1)
    assert s.recommendation_marks(scope=STAFF, filters=APRIL)["relevant"] == 1


def test_interests_stages_and_countries(world):
    data = d.interests(scope=STAFF, filters=Filters())
    assert data["total"] == 5
    assert data["months"] == {M3: 1, M4: 2, M5: 2}
    assert data["listing_countries"] == {"CN": 3, "TH": 1, "VN": 1}
    assert data["interested_countries"] == {"VN": 1, "CN": 1, "TH": 2, "KH": 1}
    assert data["sectors"] == {"agri": 4, "energy": 1}
    assert data["stages"] == {
        "transferred": 1,
        "agreement_signed": 1,
        "declined": 1,
        "interest": 1,
        "closed": 1,
    }
    assert d.interests(scope=THAILAND, filters=Filters())["total"] == 3
    assert d.interests(scope=STAFF, filters=APRIL)["total"] == 2
    assert d.interests(scope=STAFF, filters=Filters(sector="agri"))["total"] == 4
    assert d.interests(scope=STAFF, filters=Filters(country="VN"))["total"] == 2
    organisation = Scope(kind=s.ORGANISATION, organisation_id=world.cn.pk)
    assert d.interests(scope=organisation, filters=Filters())["total"] == 4


def test_funnel_counts_skipped_stages_as_passed(world):
    assert d.funnel(scope=STAFF, filters=Filters()) == {
        "interest": 5,
        "introduced": 3,
        "meeting_held": 2,
        "negotiating": 2,
        "agreement_signed": 2,
        "transferred": 1,
    }
    assert d.funnel(scope=THAILAND, filters=Filters()) == {
        "interest": 3,
        "introduced": 1,
        "meeting_held": 1,
        "negotiating": 1,
        "agreement_signed": 1,
        "transferred": 0,
    }


def test_agreements_reasons_meetings(world):
    data = d.agreements(scope=STAFF, filters=Filters())
    assert (data["signed"], data["transferred"]) == (2, 1)
    assert data["months"] == {"agreement_signed": {M5: 2}, "transferred": {M5: 1}}
    assert data["countries"] == {"CN": 1, "TH": 1}
    assert data["types"] == {"licence_non_exclusive": 1, "co_development": 1}
    assert d.agreements(scope=THAILAND, filters=Filters())["signed"] == 1
    assert d.agreements(scope=STAFF, filters=APRIL)["signed"] == 0
    assert d.end_reasons(scope=STAFF, filters=Filters()) == [
        ("closed", "price_terms", 1),
        ("declined", "not_market_fit", 1),
    ]
    assert d.end_reasons(scope=STAFF, filters=APRIL) == [("declined", "not_market_fit", 1)]
    assert d.meetings_held(scope=STAFF, filters=Filters()) == {"total": 2, "months": {M4: 1, M5: 1}}
    assert d.meetings_held(scope=THAILAND, filters=Filters())["total"] == 1
    assert d.meetings_held(scope=STAFF, filters=APRIL)["total"] == 1
    organisation = Scope(kind=s.ORGANISATION, organisation_id=world.cn.pk)
    assert d.meetings_held(scope=organisation, filters=Filters())["total"] == 2


def test_top_agreements_largest_value_first(world):
    deals = d.top_agreements(scope=STAFF, filters=Filters())
    assert [deal.pk for deal in deals] == [world.deals[1].pk, world.deals[0].pk]
    assert d.top_agreements(scope=Scope(kind=s.COUNTRY, country="VN"), filters=Filters()) == [
        world.deals[0]
    ]
