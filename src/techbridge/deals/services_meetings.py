"""Meetings held at an event move deals on: the events app reports a useful meeting here.

Both participants already know who the other is (the event's marketplace names them), so a
deal opened from a meeting starts revealed, at "meeting held", with no consent step."""

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from techbridge.accounts.models import User
from techbridge.catalog import rules as catalog_rules
from techbridge.catalog.enums import Status, Visibility
from techbridge.deals.enums import OPEN, Cooperation, Side, Stage
from techbridge.deals.models import Deal, DealStep, ExpressionOfInterest
from techbridge.deals.notify import deal_notify
from techbridge.deals.services import _kind, _locked, _step
from techbridge.organisations.models import Organisation


def _open_deals_between(first: Organisation, second: Organisation):
    return Deal.objects.filter(stage__in=OPEN).filter(
        Q(interested_organisation=first, listing_organisation=second)
        | Q(interested_organisation=second, listing_organisation=first)
    )


@transaction.atomic
def deals_meeting_held(
    *,
    user: User,
    organisation: Organisation,
    counterpart: Organisation,
    note: str,
    open_on: list | None = None,
    now: datetime.datetime | None = None,
) -> list[Deal]:
    """A member of `organisation` met `counterpart` and found it worth it.

    Open deals between the two that were introduced move to "meeting held". When there is no
    open deal and `open_on` names listings of the counterpart (the ones they brought to the
    event), a deal is opened on the first public, published one. Returns the deals touched."""
    if (
        organisation.pk == counterpart.pk
        or not user.memberships.filter(organisation=organisation).exists()
    ):
        return []
    now = now or timezone.now()
    note = note[:2000]
    existing = list(_open_deals_between(organisation, counterpart))
    touched = []
    for deal in existing:
        if deal.stage != Stage.INTRODUCED:
            continue
        deal = _locked(deal)
        _step(deal, Stage.MEETING_HELD, user, now, note=note)
        deal_notify(
            deal=deal,
            kind="deal_stage",
            sides=(Side.INTERESTED, Side.PROVIDER),
            actor=user,
            key=f"stage:{Stage.MEETING_HELD}",
            stage=Stage.MEETING_HELD,
        )
        touched.append(deal)
    if existing:
        return touched
    listing = next(
        (
            candidate
            for candidate in open_on or []
            if candidate.organisation_id == counterpart.pk
            and candidate.status == Status.PUBLISHED
            and candidate.visibility == Visibility.PUBLIC
            and catalog_rules.can_view_listing(user, candidate)
        ),
        None,
    )
    if listing is None:
        return touched
    kind = _kind(listing)
    deal = Deal.objects.create(
        **{kind: listing},
        target_kind=kind,
        interested_organisation=organisation,
        interested_user=user,
        listing_organisation=counterpart,
        brokered=False,
        stage=Stage.MEETING_HELD,
        stage_changed_at=now,
        revealed_at=now,
        created_at=now,
    )
    ExpressionOfInterest.objects.create(
        deal=deal, cooperation=[Cooperation.OTHER], who_we_are=organisation.name, created_at=now
    )
    for stage in (Stage.INTEREST, Stage.INTRODUCED):
        DealStep.objects.create(deal=deal, stage=stage, at=now, by=user, note=note)
    _step(deal, Stage.MEETING_HELD, user, now, note=note)
    deal_notify(
        deal=deal,
        kind="deal_stage",
        sides=(Side.PROVIDER,),
        actor=user,
        key=f"stage:{Stage.MEETING_HELD}",
        stage=Stage.MEETING_HELD,
    )
    return [*touched, deal]
