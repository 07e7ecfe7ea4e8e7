"""Writes at and after the meeting: check-in at the table, feedback."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from techbridge.accounts.models import User
from techbridge.deals.services_meetings import deals_meeting_held
from techbridge.events import rules_brokerage
from techbridge.events.enums import FeedbackOutcome, MeetingCheckIn
from techbridge.events.models import BrokerageProfile, Meeting, MeetingFeedback


@transaction.atomic
def meeting_check_in(*, user: User, meeting: Meeting, outcome: str, now=None) -> Meeting:
    """Staff or either participant mark a scheduled meeting as held or as a no-show."""
    if not rules_brokerage.can_check_in(user, meeting):
        raise PermissionDenied
    if outcome not in (MeetingCheckIn.HELD, MeetingCheckIn.NO_SHOW):
        raise ValidationError({"check_in": [_("Choose held or no-show.")]})
    meeting.check_in = outcome
    meeting.checked_in_by = user
    meeting.checked_in_at = now or timezone.now()
    meeting.save(update_fields=["check_in", "checked_in_by", "checked_in_at"])
    return meeting


def _profile(registration):
    try:
        return registration.brokerage_profile
    except BrokerageProfile.DoesNotExist:
        return None


def _feedback_recorded(feedback: MeetingFeedback, *, now) -> None:
    """The one place where meeting feedback leaves the events app: a meeting that took place
    and was worth it moves the deals between the two organisations to "meeting held"; with
    "cooperation possible" and no deal yet, one is opened on a listing the other side brought."""
    if feedback.outcome not in (FeedbackOutcome.INFORMATIVE, FeedbackOutcome.COOPERATION_POSSIBLE):
        return
    meeting = feedback.meeting
    mine = feedback.registration
    other = meeting.person_b if mine.pk == meeting.person_a_id else meeting.person_a
    my_profile, other_profile = _profile(mine), _profile(other)
    if not (
        my_profile and other_profile and my_profile.organisation and other_profile.organisation
    ):
        return
    listings = []
    if feedback.outcome == FeedbackOutcome.COOPERATION_POSSIBLE:
        listings = [*other_profile.technologies.all(), *other_profile.needs.all()]
    deals_meeting_held(
        user=mine.user,
        organisation=my_profile.organisation,
        counterpart=other_profile.organisation,
        note=meeting.event.title,
        open_on=listings,
        now=now,
    )


@transaction.atomic
def meeting_feedback_record(
    *, user: User, meeting: Meeting, outcome: str, comment: str = "", now=None
) -> MeetingFeedback:
    """A participant's feedback on a meeting; giving it again replaces the earlier answer."""
    now = now or timezone.now()
    if not rules_brokerage.can_give_feedback(user, meeting, now=now):
        raise PermissionDenied
    comment = comment.strip()
    errors = {}
    if outcome not in FeedbackOutcome.values:
        errors["outcome"] = [_("Choose one of the answers.")]
    if len(comment) > 2000:
        errors["comment"] = [_("Keep the comment under 2,000 characters.")]
    if errors:
        raise ValidationError(errors)
    registration = meeting.person_a if meeting.person_a.user_id == user.pk else meeting.person_b
    feedback, _created = MeetingFeedback.objects.update_or_create(
        meeting=meeting,
        registration=registration,
        defaults={"outcome": outcome, "comment": comment},
    )
    _feedback_recorded(feedback, now=now)
    return feedback
