import datetime
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from techbridge.events.models import Event
from tests.factories import (
    BoothFactory,
    EventFactory,
    SessionFactory,
    SpeakerFactory,
    TechnologyFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_list_splits_upcoming_and_past_and_hides_unpublished(client):
    EventFactory(title="Coming forum")
    EventFactory(
        title="Last year's forum",
        starts_at=timezone.now() - datetime.timedelta(days=400),
        ends_at=timezone.now() - datetime.timedelta(days=398),
    )
    EventFactory(title="Secret draft", is_published=False)
    page = client.get(reverse("events:list")).content.decode()
    assert "Coming forum" in page and "Last year&#x27;s forum" in page
    assert page.index("Coming forum") < page.index("Last year&#x27;s forum")
    assert "Secret draft" not in page


@pytest.mark.parametrize("role", ["anonymous", "outsider", "member", "staff"])
def test_draft_event_only_for_staff(client_for, roles, role):
    event = EventFactory(is_published=False, title="Secret draft")
    response = client_for(roles[role]).get(reverse("events:detail", args=[event.slug]))
    assert response.status_code == (200 if role == "staff" else 404)
    listed = "Secret draft" in client_for(roles[role]).get(reverse("events:list")).content.decode()
    assert listed == (role == "staff")


def test_event_list_uses_a_constant_number_of_queries(client):
    EventFactory()
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("events:list"))
    for _ in range(6):
        EventFactory()
    with CaptureQueriesContext(connection) as seven:
        assert client.get(reverse("events:list")).status_code == 200
    assert len(seven) == len(one)


def test_event_detail_uses_a_constant_number_of_queries(client):
    event = EventFactory()
    SpeakerFactory(session__event=event)
    BoothFactory(event=event).technologies.add(TechnologyFactory())
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("events:detail", args=[event.slug]))
    for _ in range(4):
        SpeakerFactory(session__event=event)
        booth = BoothFactory(event=event)
        booth.technologies.add(TechnologyFactory(organisation=booth.organisation))
    with CaptureQueriesContext(connection) as many:
        assert client.get(reverse("events:detail", args=[event.slug])).status_code == 200
    assert len(many) == len(few)


def test_detail_shows_programme_in_event_zone_and_reader_zone(client_for):
    start = datetime.datetime(2031, 3, 4, 9, 30, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))
    event = EventFactory(time_zone="Asia/Shanghai", starts_at=start)
    session = SessionFactory(event=event, title="Smart agriculture sub-forum", starts_at=start)
    SpeakerFactory(session=session, name="Dr Lina Chen", affiliation="Guangxi University")
    reader = UserFactory(time_zone="Asia/Bangkok")
    page = client_for(reader).get(reverse("events:detail", args=[event.slug])).content.decode()
    assert "Smart agriculture sub-forum" in page
    assert "Dr Lina Chen, Guangxi University" in page
    assert "9:30" in page  # in Nanning
    assert "8:30" in page  # in Bangkok, the reader's zone
    assert "Your time" in page


def test_detail_without_second_zone_when_reader_is_in_event_zone(client_for):
    event = EventFactory(time_zone="Asia/Bangkok")
    reader = UserFactory(time_zone="Asia/Bangkok")
    page = client_for(reader).get(reverse("events:detail", args=[event.slug])).content.decode()
    assert "Your time" not in page


def test_detail_in_readers_language_with_original_marked(client_for):
    event = EventFactory(
        title="东盟技术转移论坛",
        language="zh-hans",
        title_translations={"th": "ฟอรัมถ่ายทอดเทคโนโลยีอาเซียน"},
    )
    thai = UserFactory(preferred_language="th")
    page = client_for(thai).get(reverse("events:detail", args=[event.slug])).content.decode()
    assert "ฟอรัมถ่ายทอดเทคโนโลยีอาเซียน" in page
    english = UserFactory(preferred_language="en")
    page = client_for(english).get(reverse("events:detail", args=[event.slug])).content.decode()
    assert 'lang="zh-hans">东盟技术转移论坛' in page
    assert 'class="badge" title="Original language"' in page


def test_booth_shows_only_public_published_technologies():
    booth = BoothFactory()
    shown = TechnologyFactory(organisation=booth.organisation, title="Solar dryer")
    hidden = TechnologyFactory(
        organisation=booth.organisation, title="Secret process", visibility="members"
    )
    booth.technologies.set([shown, hidden])
    with translation.override("en"):
        from django.test import Client

        page = Client().get(reverse("events:detail", args=[booth.event.slug])).content.decode()
    assert "Solar dryer" in page and "Secret process" not in page
    assert booth.organisation.name in page


def _admin_post_data(**extra):
    data = {
        "slug": "asean-forum",
        "title": "ASEAN forum",
        "description": "Forum.",
        "language": "en",
        "kind": "forum",
        "venue": "Jakarta Convention Center",
        "time_zone": "Asia/Jakarta",
        "starts_at_0": "2031-05-06",
        "starts_at_1": "09:00:00",
        "ends_at_0": "2031-05-07",
        "ends_at_1": "17:00:00",
        "registration_deadline_0": "2031-05-01",
        "registration_deadline_1": "17:00:00",
        "is_published": "on",
    }
    for prefix in ("sessions", "booths", "questions"):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    data.update(extra)
    return data


def test_staff_enter_event_times_in_the_event_zone_in_admin(client_for):
    staff = UserFactory(is_staff=True, is_superuser=True, time_zone="Europe/London")
    response = client_for(staff).post(reverse("admin:events_event_add"), _admin_post_data())
    assert response.status_code == 302, response.context["adminform"].form.errors
    event = Event.objects.get(slug="asean-forum")
    jakarta = zoneinfo.ZoneInfo("Asia/Jakarta")
    assert event.starts_at == datetime.datetime(2031, 5, 6, 9, 0, tzinfo=jakarta)
    assert event.registration_deadline == datetime.datetime(2031, 5, 1, 17, 0, tzinfo=jakarta)
    page = client_for(staff).get(reverse("admin:events_event_change", args=[event.pk]))
    assert 'value="09:00:00"' in page.content.decode()


def test_session_times_in_admin_are_in_the_event_zone(client_for):
    staff = UserFactory(is_staff=True, is_superuser=True, time_zone="Europe/London")
    bangkok = zoneinfo.ZoneInfo("Asia/Bangkok")
    start = datetime.datetime(2031, 5, 6, 14, 0, tzinfo=bangkok)
    session = SessionFactory(event__time_zone="Asia/Bangkok", starts_at=start)
    page = client_for(staff).get(reverse("admin:events_session_change", args=[session.pk]))
    assert 'value="14:00:00"' in page.content.decode()


def test_admin_rejects_unknown_time_zone_and_end_before_start(client_for):
    staff = UserFactory(is_staff=True, is_superuser=True)
    data = _admin_post_data(time_zone="Mars/Olympus", ends_at_0="2031-05-01")
    response = client_for(staff).post(reverse("admin:events_event_add"), data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "time_zone" in errors
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    "name", ["event", "session", "speaker", "booth", "registrationquestion", "registration"]
)
def test_every_model_has_an_admin_list(client_for, name):
    staff = UserFactory(is_staff=True, is_superuser=True)
    SpeakerFactory()
    BoothFactory()
    response = client_for(staff).get(reverse(f"admin:events_{name}_changelist"))
    assert response.status_code == 200
