"""CSV and XLSX exports of listings and the bulk-import templates.

Rows are built from the presenters' views, so an export shows exactly what the reader may see:
anonymised listings come without provider, contact, links or patent numbers."""

from django.conf import settings
from django.urls import reverse

from techbridge.catalog.columns import COLUMNS, EXAMPLES, LIST_SEPARATOR
from techbridge.catalog.enums import BudgetRange, HelpKind, IPStatus, TransferMode, Visibility
from techbridge.catalog.models import SDGGoal, Sector, Technology
from techbridge.catalog.presenters import listing_view
from techbridge.core.tabular import table_bytes

EXPORT_EXTRA = ["id", "url", "organisation", "country", "status", "published_at"]
MASKED = {"patent_numbers", "website", "contact_name", "contact_email", "external_id"}


def _join(values) -> str:
    return LIST_SEPARATOR.join(str(value) for value in values)


def export_row(*, user, listing) -> dict[str, str]:
    view = listing_view(user=user, listing=listing)
    kind = "technology" if isinstance(listing, Technology) else "need"
    row = {
        "id": str(listing.pk),
        "url": settings.SITE_URL + reverse(f"catalog:{kind}", args=[listing.pk]),
        "organisation": view.provider.name.text if view.provider else "",
        "country": view.country,
        "status": listing.status,
        "published_at": listing.published_at.date().isoformat() if listing.published_at else "",
    }
    for column in COLUMNS[type(listing)]:
        if column == "sectors":
            value = _join(code for code, _name in view.sectors)
        elif column == "sdgs":
            value = _join(number for number, _name in view.sdgs)
        elif column == "transfer_modes":
            value = _join(mode for mode, _label in view.facts["transfer_modes"])
        elif column in MASKED:
            value = {
                "patent_numbers": _join(view.facts.get("patent_numbers", [])),
                "website": view.facts.get("website", ""),
                "contact_name": view.contact_name,
                "contact_email": view.contact_email,
                "external_id": view.external_id,
            }[column]
        else:
            value = getattr(listing, column)
            if isinstance(value, list):
                value = _join(value)
            elif hasattr(value, "isoformat"):
                value = value.isoformat()
        row[column] = "" if value is None else str(value)
    return row


def listings_export(*, user, model, listings, fmt: str) -> bytes:
    header = EXPORT_EXTRA + COLUMNS[model]
    rows = []
    for listing in listings:
        row = export_row(user=user, listing=listing)
        rows.append([row[column] for column in header])
    return table_bytes(header=header, rows=rows, fmt=fmt, sheet="listings")


def import_template(*, model, fmt: str) -> bytes:
    header = COLUMNS[model]
    example = [EXAMPLES[model].get(column, "") for column in header]
    codes = [["column", "code", "meaning"], *(list(entry) for entry in code_reference())]
    return table_bytes(
        header=header, rows=[example], fmt=fmt, sheet="listings", extra_sheets={"codes": codes}
    )


def code_reference() -> list[tuple[str, str, str]]:
    rows = [("sectors", s.code, s.name) for s in Sector.objects.filter(parent__isnull=False)]
    rows += [("sdgs", str(g.number), g.short_name) for g in SDGGoal.objects.all()]
    for column, choices in (
        ("ip_status", IPStatus),
        ("transfer_modes", TransferMode),
        ("help_kinds", HelpKind),
        ("budget_range", BudgetRange),
        ("visibility", Visibility),
    ):
        rows += [(column, choice.value, str(choice.label)) for choice in choices]
    rows += [("trl", str(level), f"TRL {level}") for level in range(1, 10)]
    return rows
