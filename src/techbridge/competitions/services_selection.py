"""Selection of applicants for programmes and camps: exact, within per-country quotas
(`select_applicants`, CP-SAT), then decisions e-mailed in each applicant's language."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from techbridge.accounts.models import User
from techbridge.competitions import rules
from techbridge.competitions.enums import Decision, EntryStatus
from techbridge.competitions.models import Competition, CountryQuota, Entry, Round
from techbridge.competitions.ranking import round_ranking
from techbridge.competitions.selection import Applicant, SelectionInfeasible, select_applicants
from techbridge.competitions.selection import CountryQuota as Quota
from techbridge.core.countries import is_country
from techbridge.core.mail import email_enqueue


def _require_staff(user: User) -> None:
    if not rules.can_manage_competitions(user):
        raise PermissionDenied


@transaction.atomic
def quota_set(
    *, user: User, competition: Competition, country: str, minimum, maximum
) -> CountryQuota | None:
    """Sets a country's minimum and maximum; both empty removes the quota."""
    _require_staff(user)
    country = (country or "").strip().upper()
    errors: dict[str, list[str]] = {}
    if not is_country(country):
        errors["country"] = [_("Choose a country from the list.")]
    values = {}
    for name, value in (("minimum", minimum), ("maximum", maximum)):
        if value in (None, ""):
            values[name] = None
            continue
        try:
            values[name] = int(value)
        except (TypeError, ValueError):
            errors[name] = [_("Give a whole number.")]
            continue
        if not 0 <= values[name] <= 10_000:
            errors[name] = [_("Give a whole number.")]
    if (
        not errors
        and values["maximum"] is not None
        and (values["minimum"] or 0) > values["maximum"]
    ):
        errors["minimum"] = [_("The minimum is above the maximum.")]
    if errors:
        raise ValidationError(errors)
    if values["minimum"] is None and values["maximum"] is None:
        CountryQuota.objects.filter(competition=competition, country=country).delete()
        return None
    quota, _created = CountryQuota.objects.update_or_create(
        competition=competition,
        country=country,
        defaults={"minimum": values["minimum"] or 0, "maximum": values["maximum"]},
    )
    return quota


def selection_scores(*, competition: Competition) -> dict[int, float]:
    """Each applicant's score in the call's last level of rounds (ranked entries only)."""
    last = Round.objects.filter(competition=competition).order_by("-level").first()
    if last is None:
        return {}
    scores: dict[int, float] = {}
    for round_ in Round.objects.filter(competition=competition, level=last.level):
        for row in round_ranking(round_=round_).rows:
            if row.score is not None:
                scores[row.entry.pk] = row.score
    return scores


@transaction.atomic
def selection_run(*, user: User, competition: Competition) -> dict:
    """Chooses at most `capacity` applicants with the highest total score within the quotas.
    Decisions are stored but not sent; `decisions_publish` sends them."""
    _require_staff(user)
    if competition.decisions_published_at:
        raise ValidationError(_("Decisions are already sent."))
    if not competition.capacity:
        raise ValidationError({"capacity": [_("Set the number of places first.")]})
    scores = selection_scores(competition=competition)
    entries = list(
        Entry.objects.filter(competition=competition, status=EntryStatus.SUBMITTED).order_by("pk")
    )
    # z-scores can be negative, and the solver would rather leave a place empty than take a
    # negative score. Shifting every score by the same amount so the lowest is 1 keeps the
    # order and makes each extra applicant worth taking: places are filled as far as the
    # quotas allow, and among fillings of equal size the total score is the same criterion.
    shift = 1 - min(scores.values(), default=0)
    applicants = [
        Applicant(id=entry.pk, country=entry.country, score=scores[entry.pk] + shift)
        for entry in entries
        if entry.pk in scores
    ]
    quotas = {
        quota.country: Quota(minimum=quota.minimum, maximum=quota.maximum)
        for quota in competition.quotas.all()
    }
    try:
        result = select_applicants(
            applicants=applicants, capacity=competition.capacity, country_quotas=quotas
        )
    except SelectionInfeasible as error:
        raise ValidationError({"quotas": [str(error)]}) from None
    chosen = set(result.selected)
    for entry in entries:
        entry.decision = Decision.SELECTED if entry.pk in chosen else Decision.NOT_SELECTED
    Entry.objects.bulk_update(entries, ["decision"])
    return {
        "selected": len(chosen),
        "unscored": len(entries) - len(applicants),
        "total_score": result.total_score,
        "count_by_country": result.count_by_country,
    }


@transaction.atomic
def decisions_publish(*, user: User, competition: Competition) -> None:
    _require_staff(user)
    if competition.decisions_published_at:
        raise ValidationError(_("Decisions are already sent."))
    if not competition.entries.filter(decision=Decision.SELECTED).exists():
        raise ValidationError(_("Run the selection first."))
    from techbridge.competitions.tasks import decisions_notify

    competition.decisions_published_at = timezone.now()
    competition.save(update_fields=["decisions_published_at"])
    decisions_notify.enqueue(competition_id=competition.pk)


@transaction.atomic
def decisions_mail(*, competition_id: int) -> int:
    """Worker: one e-mail per decided applicant not yet told, in their language. Running it
    twice sends nothing twice."""
    competition = Competition.objects.get(pk=competition_id)
    pending = (
        Entry.objects.select_for_update()
        .filter(
            competition=competition,
            status=EntryStatus.SUBMITTED,
            decision__in=[Decision.SELECTED, Decision.NOT_SELECTED],
            decision_notified_at__isnull=True,
        )
        .select_related("applicant")
    )
    link = settings.SITE_URL + reverse("competitions:detail", kwargs={"slug": competition.slug})
    sent = 0
    for entry in pending:
        language = entry.applicant.preferred_language
        email_enqueue(
            to=entry.applicant.email,
            template="competition_decision",
            context={
                "name": entry.applicant.full_name,
                "competition": competition.text_in("title", language).text,
                "entry": entry.title,
                "selected": entry.decision == Decision.SELECTED,
                "link": link,
            },
            language=language,
        )
        entry.decision_notified_at = timezone.now()
        entry.save(update_fields=["decision_notified_at"])
        sent += 1
    return sent
