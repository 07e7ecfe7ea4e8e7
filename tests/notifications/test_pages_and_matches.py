"""Inbox, unread badge and preferences pages per role; the digest of new recommended matches
from the matching app's recommendations (real index, real worker)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from techbridge.catalog import services as catalog_services
from techbridge.notifications import services
from techbridge.notifications.matches import match_digests_send
from techbridge.notifications.models import Notification
from tests.factories import (
    MembershipFactory,
    NeedFactory,
    NotificationFactory,
    OrganisationFactory,
    TechnologyFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["inbox", "preferences"])
def test_pages_need_sign_in(client, name):
    assert client.get(reverse(f"notifications:{name}")).status_code == 302


def test_inbox_shows_only_own_notices_and_marks_read(client_for):
    me, other = UserFactory(), UserFactory()
    NotificationFactory(recipient=me, payload={"listing": "Mine dryer", "link": "/deals/1/"})
    NotificationFactory(recipient=other, payload={"listing": "Their cage", "link": "/deals/2/"})
    client = client_for(me)
    page = client.get(reverse("notifications:inbox")).content.decode()
    assert "Mine dryer" in page and "Their cage" not in page
    badge = client.get(reverse("notifications:unread")).content.decode()
    assert 'id="unread-count"' in badge and "1" in badge
    assert client.post(reverse("notifications:read")).status_code == 302
    assert Notification.objects.get(recipient=me).read_at is not None
    assert Notification.objects.get(recipient=other).read_at is None
    assert ">1<" not in client.get(reverse("notifications:unread")).content.decode()


def test_unread_badge_is_empty_for_visitors(client):
    assert client.get(reverse("notifications:unread")).status_code == 200


def test_base_page_loads_badge_with_htmx_without_a_query(client_for):
    page = client_for(UserFactory()).get(reverse("deals:mine")).content.decode()
    assert 'hx-get="/notifications/unread/"' in page


@pytest.mark.parametrize("count", [1, 12])
def test_inbox_query_count_is_constant(client_for, count, django_assert_max_num_queries):
    me = UserFactory()
    for _ in range(count):
        NotificationFactory(recipient=me)
    client = client_for(me)
    with django_assert_max_num_queries(6):
        client.get(reverse("notifications:inbox"))


def test_preferences_page_saves_and_rejects_bad_values(client_for):
    me = UserFactory()
    client = client_for(me)
    values = {"deals": "immediate", "messages": "daily", "reminders": "weekly", "matches": "off"}
    assert client.post(reverse("notifications:preferences"), values).status_code == 302
    assert services.preferences_of(user=me) == values
    bad = client.post(reverse("notifications:preferences"), {**values, "deals": "hourly"})
    assert bad.status_code == 200 and "deals" in bad.context["form"].errors


@pytest.fixture
def matched(worker):
    """A published Cambodian need and, published later, a Chinese dryer that answers it."""
    staff = UserFactory(is_staff=True)
    need_org = OrganisationFactory(name="Kampot Fishers", country="KH")
    reader = MembershipFactory(organisation=need_org, user__preferred_language="en").user
    need = NeedFactory(
        organisation=need_org,
        status="under_review",
        title="Solar dryer for fish and rice",
        problem="Our cooperative needs to dry fish and rice with solar energy without smoke.",
        sectors=["agri.processing"],
    )
    catalog_services.listing_publish(user=staff, listing=need)
    dryer = TechnologyFactory(
        status="under_review",
        visibility="anonymised",
        title="Solar tunnel dryer for rice and fish",
        summary="Dries rice, cassava and fish with sunlight and photovoltaic fans.",
        organisation=OrganisationFactory(
            name="Hidden Dryer Works", slug="hidden-dryer", country="CN"
        ),
        sectors=["agri.processing"],
    )
    catalog_services.listing_publish(user=staff, listing=dryer)
    worker()
    return reader, dryer


def test_match_digest_lists_new_recommendations_once(matched, outbox):
    reader, dryer = matched
    now = timezone.now()
    assert match_digests_send(now=now) == 1
    assert match_digests_send(now=now) == 0  # a retried run sends nothing
    [message] = [m for m in outbox if m.to == [reader.email]]
    assert "Solar tunnel dryer for rice and fish" in message.body
    assert f"/technologies/{dryer.pk}/" in message.body
    assert "Hidden Dryer Works" not in message.body and "hidden-dryer" not in message.body
    notice = Notification.objects.get(recipient=reader, kind="match_digest")
    assert notice.payload["count"] == 1 and notice.emailed_at is not None
    # Nothing new since: the next period sends nothing.
    assert match_digests_send(now=now + datetime.timedelta(days=8)) == 0


def test_match_digest_respects_off(matched, outbox):
    reader, _dryer = matched
    services.preferences_update(user=reader, values={"matches": "off"})
    assert match_digests_send(now=timezone.now()) == 0
