"""What a reader may see of a listing. Pages, API, exports and feeds render only these views,
so a field hidden here cannot leak anywhere else."""

from dataclasses import dataclass, field

from techbridge.accounts.models import User
from techbridge.catalog import rules
from techbridge.catalog.enums import BudgetRange, HelpKind, IPStatus, Status, TransferMode
from techbridge.catalog.models import Need, Technology
from techbridge.catalog.taxonomy import trl_label
from techbridge.core.content import LocalizedText


@dataclass(frozen=True)
class Provider:
    name: LocalizedText
    slug: str
    country: str
    logo_url: str | None
    website: str


@dataclass(frozen=True)
class ListingView:
    kind: str
    pk: int
    title: LocalizedText
    teaser: LocalizedText
    country: str
    status: str
    status_label: str
    visibility: str
    sectors: list[tuple[str, str]]
    sdgs: list[tuple[int, str]]
    published_at: object
    valid_until: object
    provider: Provider | None  # None when anonymised for this reader
    contact_name: str = ""
    contact_email: str = ""
    external_id: str = ""
    texts: dict[str, LocalizedText] = field(default_factory=dict)
    facts: dict[str, object] = field(default_factory=dict)

    @property
    def provider_hidden(self) -> bool:
        return self.provider is None


def _provider(user: User, listing) -> Provider | None:
    if not rules.can_see_provider(user, listing):
        return None
    organisation = listing.organisation
    return Provider(
        name=organisation.text_in("name"),
        slug=organisation.slug,
        country=organisation.country,
        logo_url=organisation.logo.url if organisation.logo else None,
        website=organisation.website,
    )


def _common(user: User, listing, kind: str, teaser_field: str) -> dict:
    provider = _provider(user, listing)
    return {
        "kind": kind,
        "pk": listing.pk,
        "title": listing.text_in("title"),
        "teaser": listing.text_in(teaser_field),
        "country": rules.listing_country(listing),
        "status": listing.status,
        "status_label": Status(listing.status).label,
        "visibility": listing.visibility,
        "sectors": [(s.code, s.name) for s in listing.sectors.all()],
        "sdgs": [(g.number, g.short_name) for g in listing.sdgs.all()],
        "published_at": listing.published_at,
        "valid_until": listing.valid_until,
        "provider": provider,
        "contact_name": listing.contact_name if provider else "",
        "contact_email": listing.contact_email if provider else "",
        "external_id": listing.external_id if provider else "",
        "texts": {name: listing.text_in(name) for name in listing.TRANSLATED_FIELDS},
    }


def technology_view(*, user: User, technology: Technology) -> ListingView:
    view = _common(user, technology, "technology", "summary")
    shown = view["provider"] is not None
    view["facts"] = {
        "trl": technology.trl,
        "trl_label": trl_label(technology.trl),
        "ip_status": technology.ip_status,
        "ip_status_label": IPStatus(technology.ip_status).label,
        "patent_numbers": list(technology.patent_numbers) if shown else [],
        "ip_jurisdictions": list(technology.ip_jurisdictions),
        "transfer_modes": [
            (row.mode, TransferMode(row.mode).label) for row in technology.transfer_modes.all()
        ],
        "indicative_terms": technology.indicative_terms,
        "countries_developed": list(technology.countries_developed),
        "countries_deployed": list(technology.countries_deployed),
        "reference_deployments": technology.reference_deployments,
        "languages_spoken": list(technology.languages_spoken),
        "website": technology.website if shown else "",
    }
    return ListingView(**view)


def need_view(*, user: User, need: Need) -> ListingView:
    view = _common(user, need, "need", "problem")
    view["facts"] = {
        "region": need.region,
        "deadline": need.deadline,
        "budget_range": need.budget_range,
        "budget_range_label": BudgetRange(need.budget_range).label,
        "help_kinds": [(kind, HelpKind(kind).label) for kind in need.help_kinds],
    }
    return ListingView(**view)


def listing_view(*, user: User, listing) -> ListingView:
    if isinstance(listing, Technology):
        return technology_view(user=user, technology=listing)
    return need_view(user=user, need=listing)
