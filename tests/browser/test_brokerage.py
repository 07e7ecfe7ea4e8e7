"""Two participants register, one asks the other for a meeting, the other accepts, staff
schedule it with the real worker and publish: both agendas show the same slot and table."""

import datetime

import pytest
from django.utils import timezone

from techbridge.events import services_brokerage
from techbridge.events.models import Meeting, Registration
from tests.browser.helpers import login
from tests.factories import BrokerageFactory, EventFactory, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _register(page, base: str, slug: str, participant_type: str) -> None:
    page.goto(f"{base}/events/{slug}/register/")
    page.select_option("#id_participant_type", participant_type)
    page.select_option("#id_attendance", "in_person")
    page.get_by_role("button", name="Register").click()
    page.wait_for_url(f"{base}/events/{slug}/")


def _agenda_row(page, base: str, slug: str) -> tuple[datetime.datetime, str]:
    page.goto(f"{base}/events/{slug}/agenda/")
    row = page.locator("table.agenda tbody tr").first
    moment = datetime.datetime.fromisoformat(row.locator("time").get_attribute("datetime"))
    return moment, row.locator(".table-label").inner_text()


def test_request_accept_schedule_publish_same_slot_and_table(live_server, browser, worker):
    base = live_server.url
    staff = UserFactory(email="staff@centre.example.org", is_staff=True)
    event = EventFactory(
        slug="b2b-nanning",
        kind="matchmaking",
        time_zone="Asia/Shanghai",
        starts_at=timezone.now() + datetime.timedelta(days=10),
    )
    BrokerageFactory(event=event)
    day = (event.starts_at.astimezone(event.zone)).date()
    services_brokerage.meeting_slots_generate(
        user=staff,
        event=event,
        day=day,
        start=datetime.time(9),
        end=datetime.time(11),
        minutes=30,
    )
    services_brokerage.meeting_tables_add(user=staff, event=event, count=3, prefix="Table")
    alice = UserFactory(email="li.wei@example.org", full_name="Li Wei")
    bob = UserFactory(
        email="sokha@example.org", full_name="Sokha Chan", time_zone="Asia/Phnom_Penh"
    )

    a = browser.new_context(locale="en-US").new_page()
    b = browser.new_context(locale="en-US").new_page()
    s = browser.new_context(locale="en-US").new_page()
    for page in (a, b, s):
        page.set_default_timeout(15_000)
    login(a, base, alice.email)
    login(b, base, bob.email)
    login(s, base, staff.email)
    _register(a, base, event.slug, "provider")
    _register(b, base, event.slug, "seeker")
    assert set(Registration.objects.values_list("status", flat=True)) == {"approved"}

    # Li Wei finds Sokha Chan on the marketplace and asks for a meeting.
    a.goto(f"{base}/events/{event.slug}/")
    a.get_by_role("link", name="Marketplace").first.click()
    card = a.locator("li.card", has_text="Sokha Chan")
    card.get_by_role("link", name="Request a meeting").click()
    a.fill("#id_message", "Solar dryers for your cooperative?")
    a.get_by_role("button", name="Send the request").click()
    a.wait_for_url(f"{base}/events/{event.slug}/meetings/")

    # Sokha Chan accepts.
    b.goto(f"{base}/events/{event.slug}/meetings/")
    assert b.get_by_text("Solar dryers for your cooperative?").is_visible()
    b.get_by_role("button", name="Accept").click()
    b.wait_for_url(f"{base}/events/{event.slug}/meetings/")
    assert Meeting.objects.count() == 1

    # Staff press "Schedule"; the worker runs the scheduler; staff publish the schedule.
    s.goto(f"{base}/events/{event.slug}/schedule/")
    s.get_by_role("button", name="Schedule all meetings").click()
    s.wait_for_url(f"{base}/events/{event.slug}/schedule/")
    assert s.locator("#schedule-run").is_visible()
    worker()
    s.wait_for_selector("#schedule-run dl.facts")  # the htmx poll shows the finished run
    assert "1 of 1" in s.locator("#schedule-run").inner_text()
    s.get_by_role("button", name="Publish as final").click()
    s.wait_for_url(f"{base}/events/{event.slug}/schedule/")

    meeting = Meeting.objects.select_related("slot", "table").get()
    assert meeting.slot is not None and meeting.table is not None
    slot_a, table_a = _agenda_row(a, base, event.slug)
    slot_b, table_b = _agenda_row(b, base, event.slug)
    assert (slot_a, table_a) == (slot_b, table_b)
    assert table_a == meeting.table.label
    assert slot_a == meeting.slot.starts_at
    assert b.get_by_text("Li Wei").first.is_visible()
    assert a.locator("#preliminary").count() == 0
