"""Writes for technologies and needs: create, edit and every step of the lifecycle.

draft → submitted → under review → published | changes requested | rejected
published → expired (validity ended) → renewed; any live state → withdrawn.
Every change is recorded in ListingEvent with who, when, what and why.
"""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from techbridge.accounts.models import User
from techbridge.catalog import rules
from techbridge.catalog.enums import Status
from techbridge.catalog.models import ListingEvent, Need, Technology, TechnologyTransferMode
from techbridge.catalog.notifications import renewal_reminder_enqueue, review_outcome_enqueue
from techbridge.catalog.translation import translation_enqueue
from techbridge.catalog.validation import listing_clean
from techbridge.matching.services import listing_index_enqueue, listings_index_enqueue
from techbridge.organisations.models import Organisation

DEFAULT_VALIDITY_DAYS = 365


def _event(listing, *, actor, action, from_status="", changes=None, reason="") -> None:
    target = {"technology": listing} if isinstance(listing, Technology) else {"need": listing}
    ListingEvent.objects.create(
        actor=actor if actor and actor.is_authenticated else None,
        action=action,
        from_status=from_status,
        to_status=listing.status,
        changes=changes or {},
        reason=reason,
        **target,
    )


def _jsonable(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _apply_relations(listing, relations: dict) -> dict:
    changes = {}
    for name in ("sectors", "sdgs"):
        if name in relations:
            before = sorted(getattr(listing, name).values_list("pk", flat=True))
            if before != sorted(relations[name]):
                getattr(listing, name).set(relations[name])
                changes[name] = [before, sorted(relations[name])]
    if "transfer_modes" in relations:
        before = sorted(listing.transfer_modes.values_list("mode", flat=True))
        after = sorted(set(relations["transfer_modes"]))
        if before != after:
            listing.transfer_modes.all().delete()
            TechnologyTransferMode.objects.bulk_create(
                TechnologyTransferMode(technology=listing, mode=mode) for mode in after
            )
            changes["transfer_modes"] = [before, after]
    return changes


@transaction.atomic
def listing_create(*, user: User, organisation: Organisation, model, data: dict):
    if not rules.can_create_listing(user, organisation):
        raise PermissionDenied
    values, relations = listing_clean(model=model, data=data)
    listing = model(organisation=organisation, created_by=user, **values)
    listing.save()
    _apply_relations(listing, relations)
    _event(listing, actor=user, action="created")
    listing_index_enqueue(listing=listing)
    return listing


@transaction.atomic
def listing_update(*, user: User, listing, data: dict):
    if not rules.can_edit_listing(user, listing):
        raise PermissionDenied
    data = {**data, "original_language": listing.language}
    values, relations = listing_clean(model=type(listing), data=data, partial=True)
    changes = {}
    for name, value in values.items():
        before = getattr(listing, name)
        if before != value:
            changes[name] = [_jsonable(before), _jsonable(value)]
            setattr(listing, name, value)
    listing.save()
    changes.update(_apply_relations(listing, relations))
    if changes:
        _event(listing, actor=user, action="edited", changes=changes)
        listing_index_enqueue(listing=listing)
    return listing


@transaction.atomic
def listings_bulk_create(*, user: User, organisation: Organisation, model, cleaned: list) -> int:
    """Creates many drafts from already validated (values, relations) pairs in a few queries."""
    if not rules.can_create_listing(user, organisation):
        raise PermissionDenied
    listings = model.objects.bulk_create(
        [model(organisation=organisation, created_by=user, **values) for values, _r in cleaned],
        batch_size=500,
    )
    name = model._meta.model_name
    for relation, column in (("sectors", "sector_id"), ("sdgs", "sdggoal_id")):
        through = getattr(model, relation).through
        through.objects.bulk_create(
            [
                through(**{f"{name}_id": listing.pk, column: pk})
                for listing, (_v, relations) in zip(listings, cleaned, strict=True)
                for pk in dict.fromkeys(relations.get(relation, []))
            ],
            batch_size=2000,
        )
    if model is Technology:
        TechnologyTransferMode.objects.bulk_create(
            [
                TechnologyTransferMode(technology=listing, mode=mode)
                for listing, (_v, relations) in zip(listings, cleaned, strict=True)
                for mode in dict.fromkeys(relations.get("transfer_modes", []))
            ],
            batch_size=2000,
        )
    ListingEvent.objects.bulk_create(
        [
            ListingEvent(actor=user, action="imported", to_status=listing.status, **{name: listing})
            for listing in listings
        ],
        batch_size=2000,
    )
    listings_index_enqueue(kind=name, pks=[listing.pk for listing in listings])
    return len(listings)


def technology_create(*, user: User, organisation: Organisation, data: dict) -> Technology:
    return listing_create(user=user, organisation=organisation, model=Technology, data=data)


def need_create(*, user: User, organisation: Organisation, data: dict) -> Need:
    return listing_create(user=user, organisation=organisation, model=Need, data=data)


def _move(listing, *, user, to: str, action: str, reason: str = "") -> None:
    from_status = listing.status
    listing.status = to
    listing.status_reason = reason
    listing.save(
        update_fields=[
            "status",
            "status_reason",
            "submitted_at",
            "published_at",
            "valid_until",
            "renewal_reminded_at",
            "updated_at",
        ]
    )
    _event(listing, actor=user, action=action, from_status=from_status, reason=reason)
    listing_index_enqueue(listing=listing)


@transaction.atomic
def listing_submit(*, user: User, listing) -> None:
    if not rules.can_submit_listing(user, listing):
        raise PermissionDenied
    listing.submitted_at = timezone.now()
    _move(listing, user=user, to=Status.SUBMITTED, action="submitted")


@transaction.atomic
def listing_start_review(*, user: User, listing) -> None:
    if not rules.can_review_listing(user, listing) or listing.status != Status.SUBMITTED:
        raise PermissionDenied
    _move(listing, user=user, to=Status.UNDER_REVIEW, action="review_started")


@transaction.atomic
def listing_publish(*, user: User, listing) -> None:
    if not rules.can_review_listing(user, listing):
        raise PermissionDenied
    today = timezone.localdate()
    listing.published_at = timezone.now()
    if listing.valid_until is None or listing.valid_until <= today:
        listing.valid_until = today + datetime.timedelta(days=DEFAULT_VALIDITY_DAYS)
    listing.renewal_reminded_at = None
    _move(listing, user=user, to=Status.PUBLISHED, action="published")
    review_outcome_enqueue(listing=listing)
    translation_enqueue(listing=listing)


def _require_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Give a reason: the provider will read it.")]})
    return reason


@transaction.atomic
def listing_request_changes(*, user: User, listing, reason: str) -> None:
    if not rules.can_review_listing(user, listing):
        raise PermissionDenied
    _move(
        listing,
        user=user,
        to=Status.CHANGES_REQUESTED,
        action="changes_requested",
        reason=_require_reason(reason),
    )
    review_outcome_enqueue(listing=listing)


@transaction.atomic
def listing_reject(*, user: User, listing, reason: str) -> None:
    if not rules.can_review_listing(user, listing):
        raise PermissionDenied
    _move(listing, user=user, to=Status.REJECTED, action="rejected", reason=_require_reason(reason))
    review_outcome_enqueue(listing=listing)


@transaction.atomic
def listing_withdraw(*, user: User, listing, reason: str = "") -> None:
    if not rules.can_withdraw_listing(user, listing):
        raise PermissionDenied
    _move(listing, user=user, to=Status.WITHDRAWN, action="withdrawn", reason=reason.strip())


@transaction.atomic
def listing_renew(*, user: User, listing) -> None:
    if not rules.can_renew_listing(user, listing):
        raise PermissionDenied
    listing.valid_until = timezone.localdate() + datetime.timedelta(days=DEFAULT_VALIDITY_DAYS)
    listing.renewal_reminded_at = None
    _move(listing, user=user, to=Status.PUBLISHED, action="renewed")


def listings_expire(*, today: datetime.date) -> int:
    """Published listings whose validity ended become expired (run daily by the worker)."""
    expired = 0
    for model in (Technology, Need):
        for listing in model.objects.filter(status=Status.PUBLISHED, valid_until__lt=today):
            with transaction.atomic():
                _move(listing, user=None, to=Status.EXPIRED, action="expired")
            expired += 1
    return expired


def listings_remind_renewal(*, today: datetime.date) -> int:
    """E-mails the organisation's admins once, some weeks before a listing expires."""
    horizon = today + datetime.timedelta(days=settings.RENEWAL_REMINDER_DAYS)
    sent = 0
    for model in (Technology, Need):
        due = model.objects.filter(
            status=Status.PUBLISHED,
            valid_until__gte=today,
            valid_until__lte=horizon,
            renewal_reminded_at__isnull=True,
        ).select_related("organisation")
        for listing in due:
            with transaction.atomic():
                renewal_reminder_enqueue(listing=listing)
                listing.renewal_reminded_at = timezone.now()
                listing.save(update_fields=["renewal_reminded_at"])
            sent += 1
    return sent
