"""Entry input checked field by field; shared by the form pages and the services.

Every function returns cleaned values or raises a ValidationError keyed by field, so a page
can put each message next to its field and nothing ever becomes a 500.
"""

import datetime
import math
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from techbridge.catalog.models import Sector
from techbridge.competitions.enums import FieldKind, Stage
from techbridge.competitions.models import Competition, Criterion, EntryField
from techbridge.core.countries import is_country
from techbridge.deals.validation import attachment_clean as _checked_upload

YES_NO = ("yes", "no")
ANSWER_LIMIT = 4000
MAX_KEYWORDS = 20


def _text(data: dict, name: str, errors: dict, *, limit: int, required: bool = True) -> str:
    value = data.get(name) or ""
    value = value.strip() if isinstance(value, str) else ""
    if required and not value:
        errors[name] = [_("This field is required.")]
    elif len(value) > limit:
        errors[name] = [_("At most %(limit)s characters, please.") % {"limit": limit}]
    return value


def _codes(value) -> list[str]:
    if isinstance(value, str):
        value = [part for part in value.replace("\n", ",").split(",")]
    if not isinstance(value, (list, tuple)):
        return []
    return [str(part).strip() for part in value if str(part).strip()]


def entry_clean(*, competition: Competition, data: dict) -> dict:
    """Title, summary, track, country, founding year, stage, sectors and keywords."""
    errors: dict[str, list[str]] = {}
    cleaned = {
        "title": _text(data, "title", errors, limit=200),
        "summary": _text(data, "summary", errors, limit=5000),
    }
    track_id = data.get("track") or ""
    tracks = {str(track.pk): track for track in competition.tracks.all()}
    if tracks:
        if str(track_id) not in tracks:
            errors["track"] = [_("Choose a track.")]
        cleaned["track"] = tracks.get(str(track_id))
    else:
        cleaned["track"] = None
    country = (data.get("country") or "").strip().upper()
    if not is_country(country):
        errors["country"] = [_("Choose a country from the list.")]
    cleaned["country"] = country
    founded = data.get("founded_year")
    cleaned["founded_year"] = None
    if founded not in (None, ""):
        try:
            year = int(founded)
        except (TypeError, ValueError):
            errors["founded_year"] = [_("Give a year such as 2021.")]
        else:
            if not 1800 <= year <= timezone.now().year:
                errors["founded_year"] = [_("Give a year such as 2021.")]
            cleaned["founded_year"] = year
    stage = data.get("stage") or ""
    if stage and stage not in Stage.values:
        errors["stage"] = [_("Choose a stage from the list.")]
    cleaned["stage"] = stage
    sectors = _codes(data.get("sectors"))
    if sectors:
        known = set(Sector.objects.filter(code__in=sectors).values_list("code", flat=True))
        if set(sectors) - known:
            errors["sectors"] = [_("Choose sectors from the list.")]
    cleaned["sectors"] = list(dict.fromkeys(sectors))
    keywords = list(dict.fromkeys(_codes(data.get("keywords"))))
    if len(keywords) > MAX_KEYWORDS or any(len(word) > 60 for word in keywords):
        errors["keywords"] = [
            _("At most %(count)s keywords of 60 characters each.") % {"count": MAX_KEYWORDS}
        ]
    cleaned["keywords"] = keywords
    if errors:
        raise ValidationError(errors)
    return cleaned


def eligibility_errors(*, competition: Competition, values: dict, today=None) -> dict:
    """Field → messages for the call's eligibility rules (country, age of company, stage)."""
    errors: dict[str, list[str]] = {}
    if competition.eligible_countries and values.get("country") not in (
        competition.eligible_countries
    ):
        errors["country"] = [_("Entries from this country are not eligible for this call.")]
    if competition.max_company_age_years is not None:
        year = values.get("founded_year")
        this_year = (today or timezone.localdate()).year
        if year is None:
            errors["founded_year"] = [_("Give the year the company was founded.")]
        elif this_year - year > competition.max_company_age_years:
            errors["founded_year"] = [
                _("Companies founded more than %(years)s years ago are not eligible.")
                % {"years": competition.max_company_age_years}
            ]
    if competition.eligible_stages:
        stage = values.get("stage")
        if not stage:
            errors["stage"] = [_("Choose the stage of your company.")]
        elif stage not in competition.eligible_stages:
            errors["stage"] = [_("Companies at this stage are not eligible for this call.")]
    return errors


def answers_clean(*, fields: list[EntryField], answers: dict, final: bool) -> dict:
    """Answers to the configured questions (not files). `final`: required ones must be there."""
    errors: dict[str, list[str]] = {}
    cleaned: dict[str, str] = {}
    for field in fields:
        if field.kind == FieldKind.FILE:
            continue
        raw = answers.get(field.key, answers.get(str(field.pk), ""))
        value = raw.strip() if isinstance(raw, str) else ("" if raw is None else str(raw))
        if not value:
            if field.required and final:
                errors[field.key] = [_("This question needs an answer.")]
            continue
        error = _answer_error(field, value)
        if error:
            errors[field.key] = [error]
        else:
            cleaned[str(field.pk)] = value
    if errors:
        raise ValidationError(errors)
    return cleaned


def _answer_error(field: EntryField, value: str) -> str | None:
    if len(value) > ANSWER_LIMIT:
        return _("At most %(limit)s characters, please.") % {"limit": ANSWER_LIMIT}
    if field.kind == FieldKind.CHOICE and value not in field.options:
        return _("Choose one of the options.")
    if field.kind == FieldKind.YES_NO and value not in YES_NO:
        return _("Answer yes or no.")
    if field.kind == FieldKind.NUMBER:
        try:
            number = float(value)
        except ValueError:
            return _("Give a number.")
        if not math.isfinite(number):
            return _("Give a number.")
    if field.kind == FieldKind.URL:
        try:
            URLValidator(schemes=["http", "https"])(value)
        except ValidationError:
            return _("Give a web address starting with https://.")
    return None


def upload_clean(*, field: EntryField, upload) -> str:
    """Type and size of a file for a file question; returns the content type. The file's
    first bytes must match its type (the deals app's check, shared)."""
    limit = field.max_size_mb * 1024 * 1024
    if upload is None:
        raise ValidationError({field.key: [_("Choose a file.")]})
    if upload.size > limit:
        raise ValidationError(
            {
                field.key: [
                    _("The file is %(size)s; the limit is %(limit)s.")
                    % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
                ]
            }
        )
    name = upload.name or ""
    extension = name.rpartition(".")[2].lower() if "." in name else ""
    if extension not in field.allowed_types:
        raise ValidationError(
            {
                field.key: [
                    _("Allowed files: %(types)s.") % {"types": ", ".join(field.allowed_types)}
                ]
            }
        )
    try:
        return _checked_upload(upload)
    except ValidationError as error:
        raise ValidationError({field.key: error.messages}) from None


def scores_clean(*, criteria: list[Criterion], data: dict) -> dict[str, float]:
    """One number per criterion within its scale; keys are criterion pks as text."""
    errors: dict[str, list[str]] = {}
    cleaned: dict[str, float] = {}
    for criterion in criteria:
        key = f"criterion_{criterion.pk}"
        raw = data.get(key, data.get(str(criterion.pk), ""))
        try:
            value = float(Decimal(str(raw).strip().replace(",", ".")))
        except (ArithmeticError, ValueError, TypeError):
            errors[key] = [_("Give a score.")]
            continue
        if not math.isfinite(value) or not criterion.min_score <= value <= criterion.max_score:
            errors[key] = [
                _("Give a score from %(low)s to %(high)s.")
                % {"low": criterion.min_score, "high": criterion.max_score}
            ]
            continue
        cleaned[str(criterion.pk)] = value
    if errors:
        raise ValidationError(errors)
    return cleaned


def local_deadline(value: datetime.datetime, zone_name: str) -> datetime.datetime:
    """A naive date and time read in the call's zone (for forms that take wall-clock times)."""
    import zoneinfo

    if timezone.is_aware(value):
        return value
    return value.replace(tzinfo=zoneinfo.ZoneInfo(zone_name))
