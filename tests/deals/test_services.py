"""The pipeline's writes: interest, consent, stages, close, decline, history, follow-ups."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from techbridge.deals import services
from techbridge.deals.models import Deal, FollowUp
from techbridge.notifications.models import Notification
from tests.deals.fixtures import ANSWERS, express
from tests.factories import MembershipFactory, NeedFactory, TechnologyFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_interest_creates_deal_answers_step_and_notifies_provider_and_brokers(people, deal):
    assert deal.stage == "interest"
    assert deal.brokered is True  # the listing is anonymised: staff broker it
    assert deal.listing_organisation == people.provider_org
    assert deal.interest.cooperation == ["licence", "pilot"]
    assert deal.interest.who_we_are == ANSWERS["who_we_are"]
    assert [(s.stage, s.by) for s in deal.steps.all()] == [("interest", people.interested)]
    notified = set(
        Notification.objects.filter(kind="deal_interest").values_list("recipient", flat=True)
    )
    assert notified == {people.provider.pk, people.staff.pk}


def test_public_listing_deal_is_not_brokered(people):
    technology = TechnologyFactory(organisation=people.provider_org, visibility="public")
    deal = express(people, listing=technology)
    assert deal.brokered is False
    assert not Notification.objects.filter(recipient=people.staff).exists()


@pytest.mark.parametrize("who", ["provider", "outsider_without_org", "unverified"])
def test_interest_refused_to_those_who_may_not(people, who):
    user = {
        "provider": people.provider,
        "outsider_without_org": UserFactory(),
        "unverified": MembershipFactory(user__email_verified_at=None).user,
    }[who]
    with pytest.raises(PermissionDenied):
        express(people, user=user, organisation=people.provider_org)


def test_interest_for_someone_elses_organisation_is_a_field_error(people):
    with pytest.raises(ValidationError) as error:
        express(people, organisation=MembershipFactory().organisation)
    assert "organisation" in error.value.message_dict


@pytest.mark.parametrize(
    ("answers", "field"),
    [
        ({**ANSWERS, "cooperation": []}, "cooperation"),
        ({**ANSWERS, "cooperation": ["bribery"]}, "cooperation"),
        ({**ANSWERS, "who_we_are": "  "}, "who_we_are"),
        ({**ANSWERS, "message": "x" * 4001}, "message"),
        ({**ANSWERS, "who_we_are": 42}, "who_we_are"),
    ],
)
def test_interest_answers_are_validated_by_field(people, answers, field):
    with pytest.raises(ValidationError) as error:
        express(people, answers=answers)
    assert field in error.value.message_dict
    assert not Deal.objects.exists()


def test_second_open_interest_from_same_organisation_is_refused(people, deal):
    with pytest.raises(ValidationError):
        express(people)
    services.deal_close(user=people.interested, deal=deal, reason="too_early")
    assert express(people).pk != deal.pk  # after the first ended, a new one may start


def test_interest_from_recommendation_keeps_own_need_as_context(people):
    need = NeedFactory(organisation=people.interested_org)
    deal = express(people, context_listing=need)
    assert deal.target == people.technology
    assert deal.context_listing == need
    with pytest.raises(ValidationError):
        express(people, listing=TechnologyFactory(), context_listing=NeedFactory())


def test_provider_accepts_and_both_are_introduced(people, deal):
    services.deal_accept(user=people.provider, deal=deal)
    deal.refresh_from_db()
    assert deal.stage == "introduced"
    assert deal.revealed_at is not None
    assert Notification.objects.filter(recipient=people.interested, kind="deal_accepted").exists()


def test_staff_may_accept_for_brokered_deal_only(people, deal):
    services.deal_accept(user=people.staff, deal=deal)
    public = express(people, listing=TechnologyFactory(organisation=people.provider_org))
    with pytest.raises(PermissionDenied):
        services.deal_accept(user=people.staff, deal=public)


@pytest.mark.parametrize("who", ["interested", "outsider", "focal_point"])
def test_only_listing_side_may_accept(people, deal, who):
    with pytest.raises(PermissionDenied):
        services.deal_accept(user=getattr(people, who), deal=deal)


def test_answered_interest_cannot_be_answered_again(people, introduced):
    with pytest.raises(ValidationError, match="already been answered"):
        services.deal_accept(user=people.provider, deal=introduced)
    with pytest.raises(ValidationError):
        services.deal_decline(user=people.provider, deal=introduced, reason="too_early")


def test_decline_needs_reason_from_list_and_text_for_other(people, deal):
    with pytest.raises(ValidationError) as error:
        services.deal_decline(user=people.provider, deal=deal, reason="dislike")
    assert "reason" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.deal_decline(user=people.provider, deal=deal, reason="other")
    assert "reason_text" in error.value.message_dict
    services.deal_decline(user=people.provider, deal=deal, reason="other", reason_text="Busy")
    deal.refresh_from_db()
    assert (deal.stage, deal.reason, deal.reason_text) == ("declined", "other", "Busy")
    assert deal.revealed_at is None
    notice = Notification.objects.get(recipient=people.interested, kind="deal_declined")
    assert notice.payload["reason"] == "other"


def test_full_pipeline_records_every_step_with_who(people, introduced):
    deal = introduced
    for stage, user in [
        ("meeting_held", people.interested),
        ("negotiating", people.provider),
        ("agreement_signed", people.provider),
        ("transferred", people.interested),
    ]:
        services.deal_move(user=user, deal=deal, stage=stage)
    deal.refresh_from_db()
    assert deal.stage == "transferred"
    assert [(s.stage, s.by.full_name) for s in deal.steps.order_by("at", "pk")] == [
        ("interest", "Nguyen Van An"),
        ("introduced", "Li Secret"),
        ("meeting_held", "Nguyen Van An"),
        ("negotiating", "Li Secret"),
        ("agreement_signed", "Li Secret"),
        ("transferred", "Nguyen Van An"),
    ]
    assert not deal.is_open


def test_illegal_transition_is_a_clear_field_error(people, introduced):
    with pytest.raises(ValidationError) as error:
        services.deal_move(user=people.provider, deal=introduced, stage="agreement_signed")
    message = error.value.message_dict["stage"][0]
    assert "cannot move" in message and "Meeting held" in message and "Negotiating" in message
    with pytest.raises(ValidationError) as error:
        services.deal_move(user=people.provider, deal=introduced, stage="closed")
    assert "reason" in error.value.message_dict["stage"][0]
    with pytest.raises(ValidationError):
        services.deal_move(user=people.provider, deal=introduced, stage="flying")


def test_no_stage_move_before_consent_and_none_after_end(people, deal):
    with pytest.raises(ValidationError, match="accept"):
        services.deal_move(user=people.interested, deal=deal, stage="meeting_held")
    services.deal_close(user=people.interested, deal=deal, reason="already_solved")
    with pytest.raises(ValidationError):
        services.deal_move(user=people.interested, deal=deal, stage="meeting_held")
    with pytest.raises(ValidationError, match="already ended"):
        services.deal_close(user=people.interested, deal=deal, reason="too_early")


@pytest.mark.parametrize("who", ["outsider", "focal_point", "staff"])
def test_observers_cannot_move_an_unbrokered_deal(people, who):
    technology = TechnologyFactory(organisation=people.provider_org)
    deal = services.deal_accept(user=people.provider, deal=express(people, listing=technology))
    with pytest.raises(PermissionDenied):
        services.deal_move(user=getattr(people, who), deal=deal, stage="meeting_held")


def test_meeting_and_agreement_schedule_follow_up_surveys(people, introduced, settings):
    settings.DEAL_FOLLOW_UP_MONTHS = 6
    moment = datetime.datetime(2026, 8, 31, 12, 0, tzinfo=datetime.UTC)
    services.deal_move(user=people.provider, deal=introduced, stage="meeting_held", now=moment)
    services.deal_move(user=people.provider, deal=introduced, stage="agreement_signed", now=moment)
    surveys = dict(FollowUp.objects.values_list("after_stage", "due_on"))
    assert surveys == {
        "meeting_held": datetime.date(2027, 2, 28),
        "agreement_signed": datetime.date(2027, 2, 28),
    }
