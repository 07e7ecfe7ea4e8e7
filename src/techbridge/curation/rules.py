"""Who may do what with calls, submissions and reviews."""

from techbridge.accounts.models import User
from techbridge.catalog import rules as catalog_rules
from techbridge.catalog.enums import Status
from techbridge.curation.models import Call, ReviewAssignment, Submission


def can_manage_calls(user: User) -> bool:
    return user.is_authenticated and user.is_staff


def can_view_call(user: User, call: Call) -> bool:
    return call.state != Call.State.DRAFT or can_manage_calls(user)


def can_submit_to_call(user: User, call: Call, technology) -> bool:
    return (
        call.is_open
        and catalog_rules.is_owner(user, technology)
        and technology.status not in {Status.WITHDRAWN, Status.REJECTED, Status.EXPIRED}
    )


def can_review(user: User, assignment: ReviewAssignment) -> bool:
    return user.is_authenticated and assignment.reviewer_id == user.pk


def can_see_submission(user: User, submission: Submission) -> bool:
    return (
        can_manage_calls(user)
        or catalog_rules.is_owner(user, submission.technology)
        or submission.assignments.filter(reviewer_id=user.pk).exists()
    )
