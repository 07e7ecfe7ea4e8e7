"""Who may do what with calls, entries, judging and results. Views, services and exports
all ask here."""

from techbridge.accounts.models import User
from techbridge.competitions.enums import EntryStatus, JudgeStatus
from techbridge.competitions.models import (
    Assignment,
    Competition,
    Entry,
    EntryAttachment,
    Judge,
    Round,
)


def can_manage_competitions(user: User) -> bool:
    return user.is_authenticated and user.is_staff


def can_view_competition(user: User, competition: Competition) -> bool:
    return competition.is_published or can_manage_competitions(user)


def can_enter(user: User, competition: Competition) -> bool:
    """Signed-in, verified and active users, while entries are open."""
    return (
        user.is_authenticated and user.is_active and user.is_verified and competition.is_open_at()
    )


def is_applicant(user: User, entry: Entry) -> bool:
    return user.is_authenticated and entry.applicant_id == user.pk


def can_view_entry(user: User, entry: Entry) -> bool:
    """The full entry (team, organisation, files): its applicant and staff. Judges see
    entries only through the judging pages, which follow the round's blind setting."""
    return is_applicant(user, entry) or can_manage_competitions(user)


def can_edit_entry(user: User, entry: Entry) -> bool:
    return (
        is_applicant(user, entry)
        and entry.status != EntryStatus.WITHDRAWN
        and entry.competition.is_open_at()
    )


def can_withdraw_entry(user: User, entry: Entry) -> bool:
    return is_applicant(user, entry) and entry.status != EntryStatus.WITHDRAWN


def is_judge(user: User, judge: Judge) -> bool:
    return user.is_authenticated and judge.user_id == user.pk and judge.status == JudgeStatus.ACTIVE


def can_answer_invitation(user: User, judge: Judge) -> bool:
    return user.is_authenticated and user.is_active and judge.user_id in (None, user.pk)


def can_score(user: User, assignment: Assignment) -> bool:
    return is_judge(user, assignment.judge) and assignment.round.scoring_open_at()


def can_view_assignment(user: User, assignment: Assignment) -> bool:
    return is_judge(user, assignment.judge)


def can_download_attachment(user: User, attachment: EntryAttachment, assignment=None) -> bool:
    if can_view_entry(user, attachment.entry):
        return True
    if assignment is None or assignment.entry_id != attachment.entry_id:
        return False
    if assignment.round.blind and attachment.field.hidden_in_blind_rounds:
        return False
    return can_view_assignment(user, assignment)


def can_view_results(user: User, round_: Round) -> bool:
    if can_manage_competitions(user):
        return True
    return round_.is_published and round_.competition.is_published
