"""What a reader may see of an expert. Pages and the API render only these views; the view has
no e-mail or phone attribute, so neither can reach a page, a response or an export."""

from dataclasses import dataclass

from techbridge.accounts.models import User
from techbridge.core.content import LocalizedText
from techbridge.experts import rules
from techbridge.experts.models import Expert


@dataclass(frozen=True)
class Affiliation:
    name: LocalizedText
    slug: str
    country: str


@dataclass(frozen=True)
class ExpertView:
    pk: int
    name: str
    headline: str
    language: str
    expertise: LocalizedText
    keywords: list[str]
    sectors: list[tuple[str, str]]
    languages_spoken: list[str]
    countries: list[str]
    availability: str
    availability_label: str
    availability_note: str
    visibility: str
    is_verified: bool
    affiliation: Affiliation | None
    can_edit: bool
    can_contact: bool
    can_verify: bool


def expert_view(*, user: User, expert: Expert) -> ExpertView:
    """`expert.sectors` should be prefetched (selectors do) to keep lists at constant queries."""
    organisation = expert.organisation
    affiliation = (
        Affiliation(
            name=organisation.text_in("name"), slug=organisation.slug, country=organisation.country
        )
        if organisation
        else None
    )
    return ExpertView(
        pk=expert.pk,
        name=expert.name,
        headline=expert.headline,
        language=expert.language,
        expertise=expert.text_in("expertise"),
        keywords=list(expert.keywords),
        sectors=[(sector.code, sector.name) for sector in expert.sectors.all()],
        languages_spoken=list(expert.languages_spoken),
        countries=list(expert.countries),
        availability=expert.availability,
        availability_label=expert.get_availability_display(),
        availability_note=expert.availability_note,
        visibility=expert.visibility,
        is_verified=expert.is_verified,
        affiliation=affiliation,
        can_edit=rules.can_edit_expert(user, expert),
        can_contact=rules.can_contact_expert(user, expert),
        can_verify=rules.can_verify_expert(user, expert) and not expert.is_verified,
    )
