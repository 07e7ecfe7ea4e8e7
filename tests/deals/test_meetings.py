"""Meetings held at an event move deals on (events feedback → deals_meeting_held)."""

import datetime

import pytest
from django.utils import timezone

from techbridge.deals.models import Deal, FollowUp
from techbridge.deals.services_meetings import deals_meeting_held
from techbridge.events.services_agenda import meeting_feedback_record
from tests.factories import (
    BrokerageFactory,
    BrokerageProfileFactory,
    DealFactory,
    MeetingFactory,
    MeetingSlotFactory,
    MeetingTableFactory,
    MembershipFactory,
    NeedFactory,
    OrganisationFactory,
    RegistrationFactory,
    TechnologyFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def met():
    """A Vietnamese seeker met a Chinese provider who brought one public technology."""
    seeker_org = OrganisationFactory(country="VN")
    provider_org = OrganisationFactory(country="CN")
    seeker = MembershipFactory(organisation=seeker_org).user
    provider = MembershipFactory(organisation=provider_org).user
    technology = TechnologyFactory(organisation=provider_org)
    event = BrokerageFactory(publication="final").event
    start = timezone.now() - datetime.timedelta(hours=2)
    slot = MeetingSlotFactory(
        event=event, starts_at=start, ends_at=start + datetime.timedelta(minutes=30)
    )
    seeker_registration = RegistrationFactory(event=event, user=seeker)
    provider_registration = RegistrationFactory(event=event, user=provider)
    BrokerageProfileFactory(registration=seeker_registration, organisation=seeker_org)
    provider_profile = BrokerageProfileFactory(
        registration=provider_registration, organisation=provider_org
    )
    provider_profile.technologies.set([technology])
    meeting = MeetingFactory(
        request__requester=seeker_registration, request__receiver=provider_registration
    )
    meeting.slot, meeting.table = slot, MeetingTableFactory(event=event)
    meeting.save()
    return {
        "meeting": meeting,
        "seeker": seeker,
        "provider": provider,
        "seeker_org": seeker_org,
        "provider_org": provider_org,
        "technology": technology,
        "now": slot.ends_at + datetime.timedelta(minutes=5),
    }


def test_feedback_cooperation_possible_opens_revealed_deal_at_meeting_held(met):
    meeting_feedback_record(
        user=met["seeker"], meeting=met["meeting"], outcome="cooperation_possible", now=met["now"]
    )
    deal = Deal.objects.get()
    assert deal.technology == met["technology"]
    assert deal.interested_organisation == met["seeker_org"]
    assert deal.listing_organisation == met["provider_org"]
    assert (deal.stage, deal.brokered, deal.revealed_at) == ("meeting_held", False, met["now"])
    assert list(deal.steps.order_by("pk").values_list("stage", flat=True)) == [
        "interest",
        "introduced",
        "meeting_held",
    ]
    assert deal.steps.last().note == met["meeting"].event.title
    assert FollowUp.objects.filter(deal=deal, after_stage="meeting_held").count() == 1


def test_feedback_informative_moves_introduced_deal_without_opening_new_ones(met):
    deal = DealFactory(
        technology=met["technology"],
        interested_organisation=met["seeker_org"],
        stage="introduced",
        revealed_at=met["now"],
    )
    meeting_feedback_record(
        user=met["provider"], meeting=met["meeting"], outcome="informative", now=met["now"]
    )
    deal.refresh_from_db()
    assert deal.stage == "meeting_held"
    assert Deal.objects.count() == 1
    # Giving the same feedback again changes nothing more.
    meeting_feedback_record(
        user=met["provider"], meeting=met["meeting"], outcome="cooperation_possible", now=met["now"]
    )
    assert list(Deal.objects.values_list("stage", flat=True)) == ["meeting_held"]


@pytest.mark.parametrize("outcome", ["not_held", "insufficient_interest", "informative"])
def test_feedback_without_cooperation_opens_no_deal(met, outcome):
    meeting_feedback_record(
        user=met["seeker"], meeting=met["meeting"], outcome=outcome, now=met["now"]
    )
    assert Deal.objects.count() == 0


def test_deal_waiting_for_consent_is_not_moved_by_a_meeting(met):
    deal = DealFactory(technology=met["technology"], interested_organisation=met["seeker_org"])
    meeting_feedback_record(
        user=met["seeker"], meeting=met["meeting"], outcome="cooperation_possible", now=met["now"]
    )
    deal.refresh_from_db()
    assert (deal.stage, Deal.objects.count()) == ("interest", 1)


def test_meeting_held_never_opens_deal_on_unpublished_anonymised_or_foreign_listing(met):
    hidden = [
        TechnologyFactory(organisation=met["provider_org"], status="draft"),
        TechnologyFactory(organisation=met["provider_org"], visibility="anonymised"),
        NeedFactory(organisation=OrganisationFactory(country="TH")),
    ]
    touched = deals_meeting_held(
        user=met["seeker"],
        organisation=met["seeker_org"],
        counterpart=met["provider_org"],
        note="Forum",
        open_on=hidden,
        now=met["now"],
    )
    assert (touched, Deal.objects.count()) == ([], 0)


def test_meeting_held_needs_a_member_of_the_organisation(met):
    touched = deals_meeting_held(
        user=met["provider"],
        organisation=met["seeker_org"],
        counterpart=met["provider_org"],
        note="Forum",
        open_on=[met["technology"]],
        now=met["now"],
    )
    assert (touched, Deal.objects.count()) == ([], 0)
