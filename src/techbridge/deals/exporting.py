"""CSV and XLSX exports of deals, built from the presenters' views: a party hidden from the
reader (before consent, for anyone but staff) is an empty cell."""

from django.conf import settings
from django.urls import reverse

from techbridge.core.tabular import table_bytes
from techbridge.deals.presenters import deal_view

HEADER = [
    "id",
    "url",
    "created",
    "stage",
    "stage_since",
    "listing_kind",
    "listing_id",
    "listing_title",
    "brokered",
    "introduced",
    "interested_organisation",
    "interested_country",
    "interested_type",
    "interested_contact",
    "interested_email",
    "provider_organisation",
    "provider_country",
    "provider_type",
    "provider_contact",
    "provider_email",
    "reason",
    "reason_text",
    "agreement_type",
    "value_range",
    "agreement_countries",
]


def _date(value) -> str:
    return value.date().isoformat() if value else ""


def deal_row(*, user, deal) -> list[str]:
    view = deal_view(user=user, deal=deal)
    interested, provider = view.interested, view.provider
    return [
        str(deal.pk),
        settings.SITE_URL + reverse("deals:detail", args=[deal.pk]),
        _date(view.created_at),
        view.stage,
        _date(view.stage_changed_at),
        view.target.kind,
        str(view.target.pk),
        view.target.title.text,
        "yes" if view.brokered else "no",
        _date(view.revealed_at),
        interested.name.text if interested.name else "",
        interested.country,
        interested.kind_label,
        interested.contact_name,
        interested.contact_email,
        provider.name.text if provider.name else "",
        provider.country,
        provider.kind_label,
        provider.contact_name,
        provider.contact_email,
        view.reason,
        view.reason_text,
        deal.agreement_type,
        deal.value_range,
        " ".join(view.agreement_countries),
    ]


def deals_export(*, user, deals, fmt: str) -> bytes:
    rows = [deal_row(user=user, deal=deal) for deal in deals]
    return table_bytes(header=HEADER, rows=rows, fmt=fmt, sheet="deals")
