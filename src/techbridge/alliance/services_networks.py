"""Writes for cooperation networks: coordinators (members of a coordinating organisation) and
staff edit the page, link published listings, keep projects and post news."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from techbridge.accounts.models import User
from techbridge.alliance import rules
from techbridge.alliance.enums import ProjectStatus
from techbridge.alliance.models import Network, NewsUpdate, Project
from techbridge.catalog.enums import Status
from techbridge.catalog.models import Need, Sector, Technology
from techbridge.catalog.validation import content_language_codes

LISTING_MODELS = {"technology": Technology, "need": Need}


def _check_language(errors: dict, language: str) -> None:
    if language not in content_language_codes():
        errors["language"] = [_("Unknown language code: %(code)s") % {"code": language}]


def _translations(values: dict, field: str) -> dict[str, str]:
    return {
        code: values[f"{field}_{code}"].strip()
        for code in ("zh", "en")
        if (values.get(f"{field}_{code}") or "").strip()
    }


@transaction.atomic
def network_update(*, user: User, network: Network, data: dict) -> Network:
    """``data``: language, title, description, website, sectors (codes) and optional
    ``title_zh``/``title_en``/``description_zh``/``description_en`` translations."""
    if not rules.can_edit_network(user, network):
        raise PermissionDenied
    errors: dict = {}
    _check_language(errors, data.get("language", ""))
    for field in ("title", "description"):
        if not (data.get(field) or "").strip():
            errors[field] = [_("This field is required.")]
    codes = set(data.get("sectors") or [])
    sectors = list(Sector.objects.filter(code__in=codes))
    if len(sectors) != len(codes):
        errors["sectors"] = [_("Unknown sector.")]
    if errors:
        raise ValidationError(errors)
    network.language = data["language"]
    network.title = data["title"].strip()
    network.description = data["description"].strip()
    network.website = data.get("website") or ""
    zh_key = "zh-hans"
    for field in ("title", "description"):
        given = _translations(data, field)
        current = dict(getattr(network, f"{field}_translations") or {})
        if "zh" in given:
            current[zh_key] = given["zh"]
        if "en" in given:
            current["en"] = given["en"]
        setattr(network, f"{field}_translations", current)
    network.save()
    network.sectors.set(sectors)
    return network


def _listing(kind: str, pk: int):
    model = LISTING_MODELS.get(kind)
    if model is None:
        raise ValidationError({"kind": [_("Choose a technology or a need.")]})
    listing = model.objects.filter(pk=pk).first()
    if listing is None or listing.status != Status.PUBLISHED:
        raise ValidationError({"listing": [_("Only published listings can be linked.")]})
    return listing


@transaction.atomic
def network_link_listing(*, user: User, network: Network, kind: str, pk: int) -> None:
    if not rules.can_link_listings(user, network):
        raise PermissionDenied
    listing = _listing(kind, pk)
    getattr(network, "technologies" if kind == "technology" else "needs").add(listing)


@transaction.atomic
def network_unlink_listing(*, user: User, network: Network, kind: str, pk: int) -> None:
    if not rules.can_link_listings(user, network):
        raise PermissionDenied
    if kind not in LISTING_MODELS:
        raise ValidationError({"kind": [_("Choose a technology or a need.")]})
    getattr(network, "technologies" if kind == "technology" else "needs").remove(pk)


@transaction.atomic
def project_save(
    *, user: User, network: Network, data: dict, project: Project | None = None
) -> Project:
    if not rules.can_edit_projects(user, network):
        raise PermissionDenied
    if project is not None and project.network_id != network.pk:
        raise PermissionDenied
    errors: dict = {}
    _check_language(errors, data.get("language", ""))
    if not (data.get("title") or "").strip():
        errors["title"] = [_("This field is required.")]
    if data.get("status") not in ProjectStatus.values:
        errors["status"] = [_("Choose a status.")]
    starts, ends = data.get("starts_on"), data.get("ends_on")
    if starts and ends and ends < starts:
        errors["ends_on"] = [_("The end is before the start.")]
    if errors:
        raise ValidationError(errors)
    project = project or Project(network=network)
    project.language = data["language"]
    project.title = data["title"].strip()
    project.description = (data.get("description") or "").strip()
    project.status = data["status"]
    project.starts_on = starts
    project.ends_on = ends
    project.save()
    return project


@transaction.atomic
def news_post(*, user: User, network: Network, language: str, title: str, body: str) -> NewsUpdate:
    if not rules.can_post_news(user, network):
        raise PermissionDenied
    errors: dict = {}
    _check_language(errors, language)
    if not (title or "").strip():
        errors["title"] = [_("This field is required.")]
    if not (body or "").strip():
        errors["body"] = [_("This field is required.")]
    if errors:
        raise ValidationError(errors)
    return NewsUpdate.objects.create(
        network=network,
        language=language,
        title=title.strip(),
        body=body.strip(),
        author=user,
        published_at=timezone.now(),
    )
