from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from techbridge.accounts.models import User
from techbridge.catalog import services as catalog_services
from techbridge.catalog.enums import Status
from techbridge.core.countries import is_country
from techbridge.curation import rules
from techbridge.curation.models import Call, Criterion, ReviewAssignment, Submission


@transaction.atomic
def call_create(
    *, user: User, data: dict, criteria: list[dict], sectors: list | None = None
) -> Call:
    if not rules.can_manage_calls(user):
        raise PermissionDenied
    countries = [code.upper() for code in data.get("eligible_countries", [])]
    bad = [code for code in countries if not is_country(code)]
    if bad:
        raise ValidationError(
            {
                "eligible_countries": [
                    _("Unknown country codes: %(values)s") % {"values": ", ".join(bad)}
                ]
            }
        )
    if not criteria:
        raise ValidationError({"criteria": [_("A call needs at least one criterion.")]})
    call = Call(
        created_by=user,
        eligible_countries=countries,
        **{k: v for k, v in data.items() if k != "eligible_countries"},
    )
    call.slug = call.slug or slugify(call.title)[:70] or f"call-{timezone.now():%Y%m%d%H%M}"
    call.full_clean(exclude=["created_by"])
    call.save()
    if sectors:
        call.eligible_sectors.set(sectors)
    for position, row in enumerate(criteria):
        criterion = Criterion(call=call, position=position, **row)
        criterion.full_clean(exclude=["call"])
        criterion.save()
    return call


def call_set_state(*, user: User, call: Call, state: str) -> Call:
    if not rules.can_manage_calls(user):
        raise PermissionDenied
    if state == Call.State.PUBLISHED:
        call.published_at = timezone.now()
    call.state = state
    call.save(update_fields=["state", "published_at"])
    return call


def _eligibility_errors(call: Call, technology) -> list[str]:
    errors = []
    country = technology.organisation.country
    if call.eligible_countries and country not in call.eligible_countries:
        errors.append(_("Organisations from this country cannot submit to this call."))
    eligible = set(call.eligible_sectors.values_list("pk", flat=True))
    if eligible:
        own = set(technology.sectors.values_list("pk", flat=True))
        parents = set(technology.sectors.values_list("parent_id", flat=True))
        if not eligible & (own | parents):
            errors.append(_("The technology's sectors are not among the call's sectors."))
    return errors


@transaction.atomic
def submission_create(*, user: User, call: Call, technology) -> Submission:
    if not rules.can_submit_to_call(user, call, technology):
        if not call.is_open:
            raise ValidationError(_("This call is closed."))
        raise PermissionDenied
    errors = _eligibility_errors(call, technology)
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            submission = Submission.objects.create(
                call=call, technology=technology, submitted_by=user
            )
    except IntegrityError:
        raise ValidationError(_("This technology is already submitted to this call.")) from None
    if technology.status in {Status.DRAFT, Status.CHANGES_REQUESTED}:
        catalog_services.listing_submit(user=user, listing=technology)
    return submission


def review_assign(*, user: User, submission: Submission, reviewer: User) -> ReviewAssignment:
    if not rules.can_manage_calls(user):
        raise PermissionDenied
    if reviewer.memberships.filter(organisation=submission.technology.organisation).exists():
        raise ValidationError(_("A reviewer cannot review their own organisation's technology."))
    assignment, _created = ReviewAssignment.objects.get_or_create(
        submission=submission, reviewer=reviewer, defaults={"assigned_by": user}
    )
    return assignment


def review_save(
    *, user: User, assignment: ReviewAssignment, scores: dict, comment: str
) -> ReviewAssignment:
    if not rules.can_review(user, assignment):
        raise PermissionDenied
    errors = {}
    cleaned = {}
    for criterion in assignment.submission.call.criteria.all():
        raw = scores.get(str(criterion.pk))
        try:
            value = int(raw)
            if not 0 <= value <= criterion.max_score:
                raise ValueError
        except (TypeError, ValueError):
            errors[f"score_{criterion.pk}"] = [
                _("Give a whole number from 0 to %(max)s.") % {"max": criterion.max_score}
            ]
            continue
        cleaned[str(criterion.pk)] = value
    if errors:
        raise ValidationError(errors)
    assignment.scores = cleaned
    assignment.comment = comment.strip()
    assignment.reviewed_at = timezone.now()
    assignment.save(update_fields=["scores", "comment", "reviewed_at"])
    return assignment


def weighted_score(*, criteria: list[Criterion], scores: dict) -> Decimal | None:
    """Weighted mean of the scores as a share of each criterion's maximum, 0–100."""
    total_weight = sum(criterion.weight for criterion in criteria)
    if not scores or not total_weight:
        return None
    points = sum(
        criterion.weight * Decimal(scores.get(str(criterion.pk), 0)) / criterion.max_score
        for criterion in criteria
    )
    return (points / total_weight * 100).quantize(Decimal("0.1"))


def submission_decide(*, user: User, submission: Submission, selected: bool) -> Submission:
    if not rules.can_manage_calls(user):
        raise PermissionDenied
    submission.decision = (
        Submission.Decision.SELECTED if selected else Submission.Decision.NOT_SELECTED
    )
    submission.decided_by = user
    submission.decided_at = timezone.now()
    submission.save(update_fields=["decision", "decided_by", "decided_at"])
    return submission
