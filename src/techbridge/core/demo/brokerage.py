"""A demo brokerage event: slots, tables, participants from the demo organisations, their
profiles, meeting requests and accepted meetings. Nothing is scheduled here: staff press
"Schedule" on the event's schedule page and the worker runs the real scheduler."""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from techbridge.catalog.enums import Status, Visibility
from techbridge.catalog.models import Need, Technology
from techbridge.events.enums import (
    DeclineReason,
    EventKind,
    ParticipantType,
    RegistrationStatus,
    RequestStatus,
)
from techbridge.events.models import (
    Brokerage,
    BrokerageProfile,
    Event,
    Meeting,
    MeetingRequest,
    Registration,
)
from techbridge.events.services_brokerage import meeting_slots_generate, meeting_tables_add
from techbridge.organisations.enums import MemberRole
from techbridge.organisations.models import Membership

SLUG = "digital-matchmaking-2026"
PARTICIPANTS = 24
REQUESTS = 60
MAX_MEETINGS = 8


def _event(staff) -> Event:
    zone = datetime.timezone(datetime.timedelta(hours=8))  # Asia/Shanghai, no DST
    day = (timezone.now() + datetime.timedelta(days=21)).astimezone(zone).date()
    event = Event.objects.create(
        slug=SLUG,
        title="中国—东盟数字技术推介与对接会 2026",
        title_translations={
            "en": "China–ASEAN Digital Technology Promotion and Matchmaking Meeting 2026",
            "th": "การประชุมส่งเสริมและจับคู่เทคโนโลยีดิจิทัลจีน–อาเซียน 2026",
            "vi": "Hội nghị giới thiệu và kết nối công nghệ số Trung Quốc – ASEAN 2026",
        },
        description="一对一技术对接洽谈：提交会谈请求，接受或拒绝，会务组统一排期。",
        description_translations={
            "en": "One-to-one technology meetings: request, accept or decline, and the "
            "organisers schedule every accepted meeting at once."
        },
        language="zh-hans",
        kind=EventKind.MATCHMAKING,
        venue="Nanning International Convention and Exhibition Centre",
        online=True,
        time_zone="Asia/Shanghai",
        starts_at=datetime.datetime.combine(day, datetime.time(9), tzinfo=zone),
        ends_at=datetime.datetime.combine(day, datetime.time(17), tzinfo=zone),
        registration_deadline=datetime.datetime.combine(
            day - datetime.timedelta(days=2), datetime.time(18), tzinfo=zone
        ),
        capacity=200,
        requires_approval=True,
        is_published=True,
    )
    Brokerage.objects.create(event=event, max_meetings=MAX_MEETINGS, request_expiry_days=7)
    meeting_slots_generate(
        user=staff,
        event=event,
        day=day,
        start=datetime.time(9, 30),
        end=datetime.time(17, 0),
        minutes=30,
        breaks=[(datetime.time(12, 0), datetime.time(13, 30))],
    )
    meeting_tables_add(
        user=staff,
        event=event,
        count=8,
        video_links=["https://meet.example.org/techbridge-b2b-1"],
    )
    return event


def _participants(event: Event, staff, rng: random.Random) -> list[Registration]:
    admins = list(
        Membership.objects.filter(role=MemberRole.ADMIN)
        .select_related("user", "organisation")
        .order_by("organisation__slug", "pk")
    )
    seen, chosen = set(), []
    for membership in admins:
        if membership.organisation_id in seen:
            continue
        seen.add(membership.organisation_id)
        chosen.append(membership)
    registrations = []
    public = {"status": Status.PUBLISHED, "visibility": Visibility.PUBLIC}
    for membership in chosen[:PARTICIPANTS]:
        organisation = membership.organisation
        technologies = list(Technology.objects.filter(organisation=organisation, **public)[:2])
        needs = list(Need.objects.filter(organisation=organisation, **public)[:1])
        registration = Registration.objects.create(
            event=event,
            user=membership.user,
            participant_type=ParticipantType.PROVIDER if technologies else ParticipantType.SEEKER,
            attendance="in_person",
            status=RegistrationStatus.APPROVED,
            decided_by=staff,
            decided_at=timezone.now(),
        )
        profile = BrokerageProfile.objects.create(
            registration=registration,
            organisation=organisation,
            language=organisation.language,
            offers="\n".join(t.title for t in technologies),
            requests="\n".join(n.title for n in needs),
        )
        profile.technologies.set(technologies)
        profile.needs.set(needs)
        if rng.random() < 0.2:
            profile.unavailable_slots.set(rng.sample(list(event.meeting_slots.all()), 2))
        registrations.append(registration)
    return registrations


def _requests(event: Event, people: list[Registration], rng: random.Random) -> None:
    meetings = dict.fromkeys((p.pk for p in people), 0)
    asked = set()
    now = timezone.now()
    for _n in range(REQUESTS * 3):
        if len(asked) >= REQUESTS:
            break
        a, b = rng.sample(people, 2)
        if (a.pk, b.pk) in asked or (b.pk, a.pk) in asked:
            continue
        asked.add((a.pk, b.pk))
        created = now - datetime.timedelta(hours=rng.randint(2, 120))
        roll = rng.random()
        full = max(meetings[a.pk], meetings[b.pk]) >= MAX_MEETINGS
        status = RequestStatus.PENDING
        if roll < 0.7 and not full:
            status = RequestStatus.ACCEPTED
        elif roll < 0.8:
            status = RequestStatus.DECLINED
        request = MeetingRequest.objects.create(
            event=event,
            requester=a,
            receiver=b,
            message="We would like to discuss cooperation on your listed technologies.",
            status=status,
            decline_reason=DeclineReason.NO_TIME if status == RequestStatus.DECLINED else "",
            created_at=created,
            answered_at=None if status == RequestStatus.PENDING else created,
        )
        if status == RequestStatus.ACCEPTED:
            Meeting.objects.create(
                event=event, request=request, person_a=a, person_b=b, mutual=rng.random() < 0.25
            )
            meetings[a.pk] += 1
            meetings[b.pk] += 1


@transaction.atomic
def brokerage_demo_load(*, staff) -> int:
    """Creates the demo brokerage event once; returns its number of accepted meetings."""
    if Event.objects.filter(slug=SLUG).exists():
        return Meeting.objects.filter(event__slug=SLUG).count()
    rng = random.Random(2026)  # noqa: S311 - demo data, repeatable
    event = _event(staff)
    people = _participants(event, staff, rng)
    if len(people) >= 2:
        _requests(event, people, rng)
    return Meeting.objects.filter(event=event).count()
