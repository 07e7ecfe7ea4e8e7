"""Writes at and after the meeting: check-in at the table, feedback."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from techbridge.accounts.models import User
from techbridge.events import rules_brokerage
from techbridge.events.enums import MeetingCheckIn
from techbridge.events.models import Meeting


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
