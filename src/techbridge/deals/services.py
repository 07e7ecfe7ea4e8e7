"""Writes for the deal pipeline: interest, consent, stages, close and decline. Each checks
deals/rules.py, validates, locks the deal row, writes the step and queues the notices, all in
one transaction. An illegal move raises ValidationError naming the allowed next stages."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from techbridge.accounts.models import User
from techbridge.catalog.enums import ListingKind, Visibility
from techbridge.catalog.models import Technology
from techbridge.deals import rules
from techbridge.deals.enums import FOLLOW_UP_STAGES, FORWARD, OPEN, PIPELINE, Side, Stage
from techbridge.deals.models import Deal, DealStep, ExpressionOfInterest, FollowUp
from techbridge.deals.notify import deal_notify
from techbridge.deals.validation import interest_clean, reason_clean


def _kind(listing) -> str:
    return ListingKind.TECHNOLOGY if isinstance(listing, Technology) else ListingKind.NEED


def add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, 28))


@transaction.atomic
def deal_express_interest(
    *,
    user: User,
    listing,
    organisation,
    answers: dict,
    context_listing=None,
    now: datetime.datetime | None = None,
) -> Deal:
    """An organisation's interest in a technology or need; waits for the owner's consent."""
    if not rules.can_express_interest(user, listing):
        raise PermissionDenied
    allowed = {o.pk for o in rules.interest_organisations(user, listing)}
    if organisation is None or organisation.pk not in allowed:
        raise ValidationError({"organisation": [_("Choose one of your organisations.")]})
    cleaned = interest_clean(answers)
    kind = _kind(listing)
    if context_listing is not None and (
        _kind(context_listing) == kind or context_listing.organisation_id != organisation.pk
    ):
        raise ValidationError({"context": [_("That listing is not one of your organisation's.")]})
    existing = Deal.objects.filter(
        interested_organisation=organisation, stage__in=OPEN, **{kind: listing}
    )
    if existing.exists():
        raise ValidationError(
            {"__all__": [_("Your organisation already has an open deal on this listing.")]}
        )
    now = now or timezone.now()
    links = {kind: listing}
    if context_listing is not None:
        links[_kind(context_listing)] = context_listing
    deal = Deal.objects.create(
        **links,
        target_kind=kind,
        interested_organisation=organisation,
        interested_user=user,
        listing_organisation=listing.organisation,
        brokered=listing.visibility == Visibility.ANONYMISED,
        stage=Stage.INTEREST,
        stage_changed_at=now,
        created_at=now,
    )
    ExpressionOfInterest.objects.create(deal=deal, created_at=now, **cleaned)
    DealStep.objects.create(deal=deal, stage=Stage.INTEREST, at=now, by=user)
    deal_notify(
        deal=deal,
        kind="deal_interest",
        sides=(Side.PROVIDER,),
        include_brokers=True,
        key="interest",
    )
    return deal


def _locked(deal: Deal) -> Deal:
    return (
        Deal.objects.select_for_update(of=("self",))
        .select_related(
            "interested_organisation",
            "listing_organisation",
            "technology",
            "need",
            "interested_user",
        )
        .get(pk=deal.pk)
    )


def _step(deal: Deal, stage: str, user: User | None, now, note: str = "") -> None:
    deal.stage = stage
    deal.stage_changed_at = now
    deal.reminded_at = None
    deal.save()
    DealStep.objects.create(deal=deal, stage=stage, at=now, by=user, note=note)
    if stage in FOLLOW_UP_STAGES:
        due = add_months(timezone.localdate(now), settings.DEAL_FOLLOW_UP_MONTHS)
        FollowUp.objects.get_or_create(deal=deal, after_stage=stage, defaults={"due_on": due})


def _require_view(user: User, deal: Deal) -> None:
    if not rules.can_view_deal(user, deal):
        raise PermissionDenied


@transaction.atomic
def deal_accept(*, user: User, deal: Deal, now: datetime.datetime | None = None) -> Deal:
    """Consent: the listing's side (or the broker) agrees to the introduction; from now on
    both sides see each other's identity and contacts."""
    deal = _locked(deal)
    _require_view(user, deal)
    if deal.stage != Stage.INTEREST:
        raise ValidationError(_("This interest has already been answered."))
    if not rules.can_decide_consent(user, deal):
        raise PermissionDenied
    now = now or timezone.now()
    deal.revealed_at = now
    _step(deal, Stage.INTRODUCED, user, now)
    deal_notify(
        deal=deal,
        kind="deal_accepted",
        sides=(Side.INTERESTED, Side.PROVIDER),
        actor=user,
        key="accepted",
    )
    return deal


@transaction.atomic
def deal_decline(*, user: User, deal: Deal, reason: str, reason_text: str = "", now=None) -> Deal:
    deal = _locked(deal)
    _require_view(user, deal)
    if deal.stage != Stage.INTEREST:
        raise ValidationError(_("This interest has already been answered."))
    if not rules.can_decide_consent(user, deal):
        raise PermissionDenied
    deal.reason, deal.reason_text = reason_clean(reason=reason, reason_text=reason_text)
    now = now or timezone.now()
    _step(deal, Stage.DECLINED, user, now, note=deal.reason_text)
    deal_notify(
        deal=deal,
        kind="deal_declined",
        sides=(Side.INTERESTED,),
        actor=user,
        key="declined",
        reason=deal.reason,
        reason_text=deal.reason_text,
    )
    return deal


@transaction.atomic
def deal_move(*, user: User, deal: Deal, stage: str, note: str = "", now=None) -> Deal:
    deal = _locked(deal)
    _require_view(user, deal)
    if not rules.can_act_in_deal(user, deal):
        raise PermissionDenied
    if stage not in Stage.values:
        raise ValidationError({"stage": [_("Choose a stage from the list.")]})
    if stage in {Stage.CLOSED, Stage.DECLINED}:
        raise ValidationError({"stage": [_("Closing or declining needs a reason.")]})
    if deal.stage == Stage.INTEREST:
        raise ValidationError(
            {"stage": [_("The listing's side must first accept the introduction.")]}
        )
    allowed = FORWARD.get(deal.stage, set())
    if stage not in allowed:
        names = ", ".join(str(Stage(s).label) for s in PIPELINE if s in allowed) or _("none")
        raise ValidationError(
            {
                "stage": [
                    _("A deal at “%(current)s” cannot move to “%(target)s”. Next stages: %(next)s.")
                    % {
                        "current": Stage(deal.stage).label,
                        "target": Stage(stage).label,
                        "next": names,
                    }
                ]
            }
        )
    now = now or timezone.now()
    _step(deal, stage, user, now, note=(note or "").strip()[:2000])
    deal_notify(
        deal=deal,
        kind="deal_stage",
        sides=(Side.INTERESTED, Side.PROVIDER),
        actor=user,
        key=f"stage:{stage}",
        stage=stage,
    )
    return deal


@transaction.atomic
def deal_close(
    *, user: User | None, deal: Deal, reason: str, reason_text: str = "", now=None
) -> Deal:
    """Ends an open deal with a reason from the list. user None: the platform (expiry)."""
    deal = _locked(deal)
    if user is not None:
        _require_view(user, deal)
        if not rules.can_act_in_deal(user, deal):
            raise PermissionDenied
    if not deal.is_open:
        raise ValidationError(_("This deal has already ended."))
    deal.reason, deal.reason_text = reason_clean(reason=reason, reason_text=reason_text)
    now = now or timezone.now()
    _step(deal, Stage.CLOSED, user, now, note=deal.reason_text)
    sides = (Side.INTERESTED, Side.PROVIDER) if user else (Side.INTERESTED,)
    deal_notify(
        deal=deal,
        kind="deal_expired" if user is None else "deal_closed",
        sides=sides,
        actor=user,
        key="closed",
        reason=deal.reason,
        reason_text=deal.reason_text,
    )
    return deal
