"""The ministerial report for a period: headline figures, every chart with its table, tables
by country and sector, and the top agreements, as PDF (core/pdf.py) or XLSX (one sheet per
table). Built in the active language (the caller wraps it in translation.override).

Top agreements show only the listing's title (when the reader may see the listing), the type,
value range, countries covered and date of the agreement, and each party's name only where
deals.rules lets the reader see it after consent; otherwise the party's country and type."""

import logging
from dataclasses import dataclass

from django.utils.translation import gettext as _

from techbridge.accounts.models import User
from techbridge.catalog import rules as catalog_rules
from techbridge.catalog.enums import BudgetRange, TransferMode
from techbridge.catalog.models import Sector
from techbridge.core import pdf, pdf_fonts
from techbridge.core.countries import country_name
from techbridge.core.tabular import table_bytes
from techbridge.core.templatetags.l10n_babel import local_date
from techbridge.deals import rules as deal_rules
from techbridge.deals.enums import Side
from techbridge.insights import figures as fig
from techbridge.insights.selectors import Filters, Scope
from techbridge.insights.selectors_deals import top_agreements
from techbridge.organisations.enums import OrganisationKind

# fpdf2 warns about every <title> and <desc> in an SVG (they carry the chart's accessible name).
logging.getLogger("fpdf.svg").setLevel(logging.ERROR)


@dataclass
class Report:
    title: str
    language: str
    period: str
    scope_label: str
    filter_rows: list[tuple[str, str]]
    headline: list[tuple[str, str, int]]
    figures: list[fig.Figure]
    agreements_header: list[str]
    agreements: list[list[str]]


def period_label(filters: Filters) -> str:
    start = local_date(filters.date_from) if filters.date_from else ""
    end = local_date(filters.date_to) if filters.date_to else ""
    if start and end:
        return f"{start} – {end}"
    if start:
        return _("From %(date)s") % {"date": start}
    if end:
        return _("Until %(date)s") % {"date": end}
    return _("All time")


def _party(user: User, deal, side: str) -> str:
    organisation = (
        deal.interested_organisation if side == Side.INTERESTED else deal.listing_organisation
    )
    if deal.is_revealed and deal_rules.can_see_party(user, deal, side):
        return organisation.text_in("name").text
    kind = str(OrganisationKind(organisation.kind).label)
    return f"{kind}, {country_name(organisation.country)}"


def _agreement_rows(user: User, scope: Scope, filters: Filters) -> list[list[str]]:
    rows = []
    for deal in top_agreements(scope=scope, filters=filters):
        listing = deal.target
        title = listing.text_in("title").text if hasattr(listing, "text_in") else listing.title
        rows.append(
            [
                title if catalog_rules.can_view_listing(user, listing) else "—",
                str(TransferMode(deal.agreement_type).label) if deal.agreement_type else "—",
                str(BudgetRange(deal.value_range).label) if deal.value_range else "—",
                ", ".join(country_name(c) for c in deal.agreement_countries) or "—",
                local_date(deal.stage_changed_at),
                _party(user, deal, Side.PROVIDER),
                _party(user, deal, Side.INTERESTED),
            ]
        )
    return rows


def _filter_rows(filters: Filters) -> list[tuple[str, str]]:
    rows = []
    if filters.country:
        rows.append((_("Country"), country_name(filters.country)))
    if filters.sector:
        sector = Sector.objects.filter(code=filters.sector).first()
        rows.append((_("Sector"), sector.name if sector else filters.sector))
    return rows


def report_build(
    *, user: User, scope: Scope, scope_label: str, filters: Filters, with_searches: bool
) -> Report:
    from django.utils import translation

    data = fig.dashboard(scope=scope, filters=filters, with_searches=with_searches)
    return Report(
        title=_("techbridge results report"),
        language=translation.get_language(),
        period=period_label(filters),
        scope_label=scope_label,
        filter_rows=_filter_rows(filters),
        headline=data["headline"],
        figures=data["figures"],
        agreements_header=[
            _("Listing"),
            _("Type of agreement"),
            _("Value range"),
            _("Countries covered"),
            _("Date"),
            _("Listing side"),
            _("Interested side"),
        ],
        agreements=_agreement_rows(user, scope, filters),
    )


def _fits_primary_font(texts) -> bool:
    return all(
        pdf_fonts.face_for(char) in (pdf_fonts.PRIMARY, None)
        for text in texts
        for char in str(text)
    )


def report_pdf(report: Report) -> pdf.Document:
    fmt = fig.number_formatter()
    document = pdf.Document(title=report.title, language=report.language, author="techbridge")
    document.key_values(
        [(_("Scope"), report.scope_label), (_("Period"), report.period), *report.filter_rows]
    )
    document.heading(_("Headline figures"))
    document.key_values([(label, fmt(value)) for _key, label, value in report.headline])
    for figure in report.figures:
        document.heading(figure.title, level=2)
        if not any(any(values) for _name, values in figure.series):
            document.paragraph(_("No data for this period."), small=True)
            continue
        labels = [*figure.categories, *[name for name, _values in figure.series]]
        plain = not _fits_primary_font(labels)
        svg = figure.svg(fmt=fmt, plain_labels=plain, month_codes=True)
        document.image(svg.encode("utf-8"), width_mm=170)
        header = figure.header
        rows = [
            [str(cell) if i == 0 else fmt(cell) for i, cell in enumerate(row)]
            for row in figure.rows
        ]
        if plain:
            header = [_("#"), header[0], *[f"{chr(65 + i)}: {h}" for i, h in enumerate(header[1:])]]
            rows = [
                [figure.codes[i] if figure.kind == "line" else str(i + 1), *row]
                for i, row in enumerate(rows)
            ]
        document.table(header, rows)
    document.heading(_("Top agreements"))
    if report.agreements:
        document.table(report.agreements_header, report.agreements)
    else:
        document.paragraph(_("No agreement was signed in this period."), small=True)
    return document


def _sheet_name(title: str, used: set[str]) -> str:
    """Excel sheet names: at most 31 characters, none of []:*?/\\, unique."""
    name = "".join(c for c in title if c not in "[]:*?/\\")[:28] or "sheet"
    candidate, n = name, 2
    while candidate.lower() in used:
        candidate, n = f"{name[:26]} {n}", n + 1
    used.add(candidate.lower())
    return candidate


def report_xlsx(report: Report) -> bytes:
    used: set[str] = set()
    summary = _sheet_name(_("Summary"), used)
    rows = [
        [_("Scope"), report.scope_label],
        [_("Period"), report.period],
        *[list(row) for row in report.filter_rows],
        *[[label, value] for _key, label, value in report.headline],
    ]
    extra = {
        _sheet_name(figure.title, used): [[figure.title], figure.header, *figure.rows]
        for figure in report.figures
    }
    extra[_sheet_name(_("Top agreements"), used)] = [report.agreements_header, *report.agreements]
    return table_bytes(
        header=[report.title, ""], rows=rows, fmt="xlsx", sheet=summary, extra_sheets=extra
    )
