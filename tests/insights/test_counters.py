"""Listing views and searches are counted per day, cheaply, with nothing about the reader."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from techbridge.insights.models import ListingViewDay, SearchDay
from techbridge.insights.services import listing_view_record
from tests.factories import NeedFactory, TechnologyFactory, UserFactory


def test_listing_pages_are_counted_per_day(db, client_for):
    technology = TechnologyFactory()
    need = NeedFactory()
    client = client_for(None)
    for _ in range(3):
        assert client.get(f"/technologies/{technology.pk}/").status_code == 200
    client_for(UserFactory()).get(f"/needs/{need.pk}/")
    rows = ListingViewDay.objects.all()
    assert {(r.technology_id, r.need_id, r.n) for r in rows} == {
        (technology.pk, None, 3),
        (None, need.pk, 1),
    }
    # Nothing about the reader is stored.
    fields = {f.name for f in ListingViewDay._meta.get_fields()}
    assert fields == {"id", "technology", "need", "day", "n"}


def test_hidden_listings_and_other_pages_are_not_counted(db, client_for):
    draft = TechnologyFactory(status="draft", published_at=None)
    client = client_for(None)
    assert client.get(f"/technologies/{draft.pk}/").status_code == 404
    client.get("/technologies/")
    assert not ListingViewDay.objects.exists()


def test_counting_a_known_day_is_one_update(db):
    technology = TechnologyFactory()
    listing_view_record(kind="technology", listing_id=technology.pk)
    with CaptureQueriesContext(connection) as queries:
        listing_view_record(kind="technology", listing_id=technology.pk)
    assert len(queries) == 1 and queries[0]["sql"].upper().startswith("UPDATE")
    assert ListingViewDay.objects.get().n == 2


def test_searches_are_counted_per_day_and_language(db, client_for):
    client = client_for(None)
    client.get("/search/", {"q": "solar dryer"})
    client.get("/search/", {"q": "solar dryer", "page": "2"})  # more results: same search
    client.get("/search/", {"q": ""})  # no query: no search
    thai = UserFactory(preferred_language="th")
    client_for(thai).get("/search/", {"q": "เครื่องอบแห้ง"})
    assert {(r.language, r.n) for r in SearchDay.objects.all()} == {("en", 1), ("th", 1)}
    fields = {f.name for f in SearchDay._meta.get_fields()}
    assert fields == {"id", "day", "language", "n"}  # no query text, no user
