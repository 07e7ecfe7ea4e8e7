"""What a reader may see of a deal. Pages, API, exports and e-mails render only these views,
so an identity hidden here (before consent) cannot leak anywhere else."""

from dataclasses import dataclass, field

from techbridge.accounts.models import User
from techbridge.catalog.enums import BudgetRange, TransferMode
from techbridge.catalog.presenters import ListingView, listing_view
from techbridge.core.content import LocalizedText
from techbridge.deals import rules
from techbridge.deals.enums import PIPELINE, Cooperation, Reason, Side, Stage
from techbridge.deals.models import Deal
from techbridge.organisations.enums import MemberRole, OrganisationKind


@dataclass(frozen=True)
class Party:
    """One side of a deal. Country and type are always shown; the rest only when allowed."""

    country: str
    kind_label: str
    name: LocalizedText | None = None
    slug: str = ""
    contact_name: str = ""
    contact_email: str = ""

    @property
    def hidden(self) -> bool:
        return self.name is None


@dataclass(frozen=True)
class Interest:
    cooperation: list[tuple[str, str]]
    information_missing: str
    who_we_are: str
    message: str


@dataclass(frozen=True)
class DealView:
    pk: int
    stage: str
    stage_label: str
    side: str | None
    brokered: bool
    revealed: bool
    target: ListingView
    context: ListingView | None
    interested: Party
    provider: Party
    created_at: object
    stage_changed_at: object
    revealed_at: object
    reason: str = ""
    reason_label: str = ""
    reason_text: str = ""
    agreement_type_label: str = ""
    value_range_label: str = ""
    agreement_countries: list[str] = field(default_factory=list)
    interest: Interest | None = None

    @property
    def stage_bar(self) -> list[tuple[str, str, str]]:
        """(code, label, state) for each pipeline stage: done, current or todo."""
        order = [str(stage) for stage in PIPELINE]
        reached = order.index(self.stage) if self.stage in order else -1
        bar = []
        for index, stage in enumerate(PIPELINE):
            state = "done" if index < reached else "current" if index == reached else "todo"
            bar.append((stage.value, str(stage.label), state))
        return bar


def _admin_contact(organisation) -> tuple[str, str]:
    members = sorted(
        organisation.memberships.all(), key=lambda m: (m.role != MemberRole.ADMIN, m.pk)
    )
    return (members[0].user.full_name, members[0].user.email) if members else ("", "")


def _party(user: User, deal: Deal, side: str) -> Party:
    if side == Side.INTERESTED:
        organisation = deal.interested_organisation
    else:
        organisation = deal.listing_organisation
    base = {
        "country": organisation.country,
        "kind_label": str(OrganisationKind(organisation.kind).label),
    }
    if not rules.can_see_party(user, deal, side):
        return Party(**base)
    if side == Side.INTERESTED and deal.interested_user is not None:
        contact = (deal.interested_user.full_name, deal.interested_user.email)
    elif side == Side.PROVIDER and deal.target.contact_email:
        contact = (deal.target.contact_name, deal.target.contact_email)
    else:
        contact = _admin_contact(organisation)
    return Party(
        **base,
        name=organisation.text_in("name"),
        slug=organisation.slug,
        contact_name=contact[0],
        contact_email=contact[1],
    )


def _interest(deal: Deal) -> Interest | None:
    interest = getattr(deal, "interest", None)
    if interest is None:
        return None
    return Interest(
        cooperation=[
            (code, str(Cooperation(code).label))
            for code in interest.cooperation
            if code in Cooperation.values
        ],
        information_missing=interest.information_missing,
        who_we_are=interest.who_we_are,
        message=interest.message,
    )


def deal_view(*, user: User, deal: Deal) -> DealView:
    context = deal.context_listing
    # The interested side's own listing names that side: shown only with its identity.
    if context is not None and not rules.can_see_party(user, deal, Side.INTERESTED):
        context = None
    return DealView(
        pk=deal.pk,
        stage=deal.stage,
        stage_label=str(Stage(deal.stage).label),
        side=rules.side_of(user, deal),
        brokered=deal.brokered,
        revealed=deal.is_revealed,
        target=listing_view(user=user, listing=deal.target),
        context=listing_view(user=user, listing=context) if context is not None else None,
        interested=_party(user, deal, Side.INTERESTED),
        provider=_party(user, deal, Side.PROVIDER),
        created_at=deal.created_at,
        stage_changed_at=deal.stage_changed_at,
        revealed_at=deal.revealed_at,
        reason=deal.reason,
        reason_label=str(Reason(deal.reason).label) if deal.reason else "",
        reason_text=deal.reason_text,
        agreement_type_label=(
            str(TransferMode(deal.agreement_type).label) if deal.agreement_type else ""
        ),
        value_range_label=str(BudgetRange(deal.value_range).label) if deal.value_range else "",
        agreement_countries=list(deal.agreement_countries),
        interest=_interest(deal) if rules.can_view_interest(user, deal) else None,
    )


@dataclass(frozen=True)
class HistoryRow:
    stage: str
    stage_label: str
    at: object
    who: str
    note: str


def _step_side(deal: Deal, user_id: int | None) -> str | None:
    if user_id is None:
        return None
    interested = {m.user_id for m in deal.interested_organisation.memberships.all()}
    if user_id == deal.interested_user_id or user_id in interested:
        return Side.INTERESTED
    if user_id in {m.user_id for m in deal.listing_organisation.memberships.all()}:
        return Side.PROVIDER
    return "staff"


def history_rows(*, user: User, deal: Deal, steps) -> list[HistoryRow]:
    """Who moved each step, named only where the reader may know that side."""
    from django.utils.translation import gettext as _

    labels = {
        Side.INTERESTED: str(Side.INTERESTED.label),
        Side.PROVIDER: str(Side.PROVIDER.label),
        "staff": _("Centre staff"),
        None: _("techbridge (automatic)"),
    }
    rows = []
    for step in steps:
        side = _step_side(deal, step.by_id)
        visible = side in (Side.INTERESTED, Side.PROVIDER) and rules.can_see_party(user, deal, side)
        if side == "staff" and rules.is_staff(user):
            visible = True
        who = step.by.full_name if visible and step.by else labels[side]
        rows.append(HistoryRow(step.stage, str(Stage(step.stage).label), step.at, who, step.note))
    return rows
