"""Judge candidates for a call from the expert registry, and inviting one of them.

The matching runs on what the call is about: its title, description and tracks, and the
sectors and keywords its entries name. Experts already invited are left out."""

from collections import Counter

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from techbridge.accounts.models import User
from techbridge.competitions.models import Competition, Judge
from techbridge.competitions.services_judging import judge_invite
from techbridge.experts.models import Expert
from techbridge.experts.selectors import ExpertSuggestion, experts_for_text

CANDIDATES = 8
SECTORS_USED = 6


def _call_text(competition: Competition) -> tuple[str, list[str]]:
    tracks = list(competition.tracks.values_list("name", flat=True))
    counts: Counter[str] = Counter()
    keywords: Counter[str] = Counter()
    for sectors, words in competition.entries.values_list("sectors", "keywords"):
        counts.update(sectors or [])
        keywords.update(words or [])
    text = "\n".join(
        [
            competition.title,
            competition.description,
            *tracks,
            " ".join(word for word, _n in keywords.most_common(20)),
        ]
    )
    return text, [code for code, _n in counts.most_common(SECTORS_USED)]


def judge_candidates(
    *, competition: Competition, limit: int = CANDIDATES
) -> list[ExpertSuggestion]:
    text, sectors = _call_text(competition)
    invited = {email.lower() for email in competition.judges.values_list("email", flat=True)}
    suggestions = experts_for_text(text=text, sectors=sectors, limit=limit + len(invited))
    return [s for s in suggestions if s.expert.email.lower() not in invited][:limit]


def judge_invite_expert(*, user: User, competition: Competition, expert: Expert) -> Judge:
    """Invites a verified expert as judge with the expertise the registry holds; the address
    is used, never shown (staff see it on the judges list, as for any judge)."""
    if not expert.is_verified:
        raise ValidationError(_("Only verified experts can be invited from the registry."))
    organisation = expert.organisation
    return judge_invite(
        user=user,
        competition=competition,
        email=expert.email,
        name=expert.name,
        language=expert.email_language,
        country=organisation.country if organisation else "",
        sectors=list(expert.sectors.values_list("code", flat=True)),
        keywords=expert.keywords,
    )
