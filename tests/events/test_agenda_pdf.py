"""Agenda and table-sheet PDFs: same readers as the pages, the reader's language and zone."""

import datetime
import io
import unicodedata
import zoneinfo

import pytest
from babel import dates
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from techbridge.core.pdf import render
from techbridge.events import services_schedule
from techbridge.events.agenda import agenda_for_participant, table_sheet
from techbridge.events.views_pdf import agenda_document, table_sheet_document
from tests.factories import (
    BrokerageFactory,
    BrokerageProfileFactory,
    EventFactory,
    MeetingFactory,
    MeetingSlotFactory,
    MeetingTableFactory,
    MembershipFactory,
    RegistrationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "outsider", "participant", "other_participant", "staff"]
START = datetime.datetime(2026, 11, 20, 2, 0, tzinfo=datetime.UTC)  # 09:00 in Bangkok
TOKYO = "Asia/Tokyo"


@pytest.fixture
def setup():
    event = BrokerageFactory(
        event=EventFactory(kind="matchmaking", time_zone="Asia/Bangkok", title="Hội chợ B2B")
    ).event
    slots = [
        MeetingSlotFactory(
            event=event,
            starts_at=START + datetime.timedelta(minutes=30 * n),
            ends_at=START + datetime.timedelta(minutes=30 * n + 25),
        )
        for n in range(3)
    ]
    tables = [
        MeetingTableFactory(event=event, label="Bàn 7"),
        MeetingTableFactory(event=event, label="Online 1", video_link="https://meet.example.org/1"),
    ]
    a = RegistrationFactory(
        event=event,
        user__full_name="Trần Thị Mai",
        user__preferred_language="vi",
        user__time_zone=TOKYO,
    )
    b = RegistrationFactory(event=event, user__full_name="សុខា ចាន់")
    c = RegistrationFactory(event=event, user__full_name="李伟")
    organisation = MembershipFactory(user=b.user, organisation__name="ກະສິກຳ Mekong").organisation
    BrokerageProfileFactory(registration=b, organisation=organisation)
    first = MeetingFactory(
        request__requester=a, request__receiver=b, request__message="ម៉ាស៊ីនសម្ងួតស្រូវ; 1 t/day"
    )
    second = MeetingFactory(request__requester=c, request__receiver=a, mutual=True)
    MeetingFactory(request__requester=b, request__receiver=c)  # never scheduled
    first.slot, first.table = slots[1], tables[0]
    first.save()
    second.slot, second.table = slots[0], tables[1]
    second.save()
    return event, slots, tables, (a, b, c), (first, second)


@pytest.fixture
def people(setup):
    _event, _slots, _tables, (a, b, _c), _meetings = setup
    return {
        "anonymous": None,
        "outsider": UserFactory(),
        "participant": a.user,
        "other_participant": b.user,
        "staff": UserFactory(is_staff=True),
    }


def _publish(event, publication="preliminary"):
    services_schedule.schedule_publish(
        user=UserFactory(is_staff=True), event=event, publication=publication
    )


def _text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    # NULs: pypdf and the Chinese font's two-byte codes (tests/core/test_pdf.py); CLDR puts a
    # narrow no-break space before AM/PM; the PDF has break hints after dashes.
    text = text.replace("\x00", "").replace("\u202f", " ").replace("\u200b", "")
    return unicodedata.normalize("NFC", text)


@pytest.mark.parametrize("role", ROLES)
def test_own_agenda_pdf_only_once_published(client_for, setup, people, role):
    event = setup[0]
    client = client_for(people[role])
    url = reverse("events:agenda_pdf", args=[event.slug])
    assert client.get(url).status_code == {"anonymous": 302}.get(role, 403)
    _publish(event)
    expected = {"anonymous": 302, "participant": 200, "other_participant": 200}.get(role, 403)
    assert client.get(url).status_code == expected


@pytest.mark.parametrize("role", ROLES)
def test_someone_elses_agenda_pdf_and_table_sheet_pdf_are_staff_only(
    client_for, setup, people, role
):
    event, _slots, tables, (a, _b, c), _meetings = setup
    _publish(event)
    client = client_for(people[role])
    expected = {"anonymous": 302, "staff": 200}.get(role, 403)
    other = c if role == "participant" else a
    url = reverse("events:agenda_pdf_of", args=[event.slug, other.pk])
    assert client.get(url).status_code == expected
    url = reverse("events:table_sheet_pdf", args=[event.slug, tables[0].pk])
    assert client.get(url).status_code == expected


def test_unknown_ids_and_events_without_brokerage_are_404(client_for, setup):
    event, _slots, _tables, _regs, _meetings = setup
    client = client_for(UserFactory(is_staff=True))
    assert client.get(reverse("events:agenda_pdf_of", args=[event.slug, 999999])).status_code == 404
    assert client.get(reverse("events:table_sheet_pdf", args=[event.slug, 999999])).status_code == (
        404
    )
    plain = EventFactory()
    assert client.get(reverse("events:agenda_pdf", args=[plain.slug])).status_code == 404


def test_agenda_pdf_is_in_the_readers_language_and_zone(
    client_for, setup, django_assert_max_num_queries
):
    event, _slots, _tables, (a, _b, _c), _meetings = setup
    _publish(event)
    client = client_for(a.user)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("events:agenda_pdf", args=[event.slug]))
    assert response["Content-Disposition"] == f'attachment; filename="{event.slug}-agenda.pdf"'
    assert response["Content-Language"] == "vi"
    text = _text(response)
    day = dates.format_date(datetime.date(2026, 11, 20), format="full", locale="vi")
    assert day in text  # the day written out in Vietnamese
    assert "11:00" in text and "11:30" in text  # Tokyo, the reader's zone
    assert "09:30" in text  # the event's own zone (Bangkok) below it
    assert "Bàn 7" in text and "Trần Thị Mai" in text and "Online 1" in text
    assert "1 t/day" in text


def test_agenda_pdf_for_a_reader_in_the_events_zone_shows_one_time(client_for, setup):
    event, _slots, _tables, (_a, b, _c), _meetings = setup
    b.user.time_zone, b.user.preferred_language = "Asia/Bangkok", "en"
    b.user.save()
    _publish(event, "final")
    text = _text(client_for(b.user).get(reverse("events:agenda_pdf", args=[event.slug])))
    assert "9:30 AM–9:55 AM" in text
    assert "Event time" not in text
    assert "preliminary" not in text


def test_table_sheet_pdf_lists_every_slot(client_for, setup):
    event, _slots, tables, _regs, _meetings = setup
    staff = UserFactory(is_staff=True, preferred_language="en", time_zone="Asia/Bangkok")
    response = client_for(staff).get(
        reverse("events:table_sheet_pdf", args=[event.slug, tables[0].pk])
    )
    assert response["Content-Disposition"] == f'attachment; filename="{event.slug}-ban-7.pdf"'
    text = _text(response)
    assert text.count("Free") == 2
    assert "9:00 AM–9:25 AM" in text and "9:30 AM–9:55 AM" in text
    assert "Trần Thị Mai" in text


@pytest.mark.parametrize("language", ["zh-hans", "th", "km", "lo", "my", "vi"])
def test_agenda_and_sheet_documents_have_every_glyph_in_each_language(setup, language):
    event, _slots, tables, (a, _b, _c), _meetings = setup
    zone = zoneinfo.ZoneInfo(TOKYO)
    with translation.override(language):
        agenda = agenda_document(
            agenda=agenda_for_participant(registration=a), own=False, zone=zone
        )
        sheet = table_sheet_document(sheet=table_sheet(event=event, table=tables[0]), zone=zone)
    for document in (agenda, sheet):
        assert document.language == language
        assert render(document, strict=True).startswith(b"%PDF-")
