"""From selector counts to what a reader sees: headline figures and charts, each chart with the
same numbers as a table, labels in the active language (CLDR month and country names,
sector and SDG names, numbers in the reader's digits and separators)."""

import datetime
from dataclasses import dataclass, field

from babel import dates, numbers
from django.utils.translation import gettext as _

from techbridge.catalog.models import SDGGoal, Sector
from techbridge.core.countries import country_name
from techbridge.core.languages import NATIVE_NAMES, babel_locale
from techbridge.deals.enums import PIPELINE, Reason, Stage
from techbridge.insights import charts
from techbridge.insights import selectors as s
from techbridge.insights import selectors_deals as d
from techbridge.insights.months import month_span

CHART_ROWS = 15  # bars drawn per chart; the table lists every row


@dataclass
class Figure:
    key: str
    title: str
    kind: str  # bar | stacked | funnel | line
    category_header: str
    categories: list[str]
    series: list[tuple[str, list[int]]]
    note: str = ""
    codes: list[str] = field(default_factory=list)

    @property
    def header(self) -> list[str]:
        return [self.category_header, *[name for name, _values in self.series]]

    @property
    def rows(self) -> list[list]:
        return [
            [category, *[values[i] for _name, values in self.series]]
            for i, category in enumerate(self.categories)
        ]

    def svg(self, *, fmt=None, plain_labels: bool = False, month_codes: bool = False) -> str:
        """The chart; ``plain_labels`` numbers the categories and letters the series (for PDF
        pages whose fonts cannot be used inside an image), ``month_codes`` writes months as
        YYYY-MM."""
        fmt = fmt or number_formatter()
        categories = self.categories
        series = self.series
        if month_codes and self.kind == "line" and self.codes:
            categories = self.codes
        elif plain_labels and self.kind != "line":
            categories = [str(i + 1) for i in range(len(categories))]
        if plain_labels:
            series = [(chr(65 + i), values) for i, (_name, values) in enumerate(series)]
        common = {"chart_id": f"chart-{self.key}", "title": self.title, "desc": self.description}
        if self.kind == "line":
            return charts.line_chart(**common, labels=categories, series=series, fmt=fmt)
        shown = min(len(categories), CHART_ROWS)
        if self.kind == "funnel":
            steps = [(categories[i], series[0][1][i]) for i in range(shown)]
            return charts.funnel_chart(**common, steps=steps, fmt=fmt)
        if self.kind == "bar":
            items = [(categories[i], series[0][1][i]) for i in range(shown)]
            return charts.bar_chart(**common, items=items, fmt=fmt)
        return charts.stacked_bar_chart(
            **common,
            categories=categories[:shown],
            series=[(name, values[:shown]) for name, values in series],
            fmt=fmt,
        )

    @property
    def chart(self) -> str:
        """The SVG for the page (every text in it escaped by charts.py)."""
        return self.svg()

    @property
    def empty(self) -> bool:
        return not any(any(values) for _name, values in self.series)

    @property
    def description(self) -> str:
        if len(self.categories) > CHART_ROWS and self.kind != "line":
            return _("The %(count)s largest rows are drawn; the table lists all of them.") % {
                "count": CHART_ROWS
            }
        return _("The same figures are in the table below the chart.")


def number_formatter():
    locale = babel_locale()
    return lambda value: numbers.format_decimal(value, locale=locale)


def month_label(month: datetime.date) -> str:
    return dates.format_skeleton("yMMM", month, locale=babel_locale())


def _by_month_figure(key, title, months, named: list[tuple[str, dict]]) -> Figure:
    return Figure(
        key=key,
        title=title,
        kind="line",
        category_header=_("Month"),
        categories=[month_label(m) for m in months],
        codes=[m.strftime("%Y-%m") for m in months],
        series=[(name, [data.get(m, 0) for m in months]) for name, data in named],
    )


def _ranked(key, title, header, labels, named: list[tuple[str, dict]], kind=None):
    """Categories by total, largest first; ``labels`` maps codes (a dict or a function)."""
    name_of = labels if callable(labels) else (lambda code: labels.get(code, code))
    codes = {code for _name, data in named for code in data}
    totals = {code: sum(data.get(code, 0) for _name, data in named) for code in codes}
    order = sorted(codes, key=lambda c: (-totals[c], str(name_of(c))))
    return Figure(
        key=key,
        title=title,
        kind=kind or ("bar" if len(named) == 1 else "stacked"),
        category_header=header,
        categories=[str(name_of(code) or "—") for code in order],
        codes=[str(code) for code in order],
        series=[(name, [data.get(code, 0) for code in order]) for name, data in named],
    )


def _country(code: str) -> str:
    return country_name(code) if code else "—"


def dashboard(*, scope: s.Scope, filters: s.Filters, with_searches: bool) -> dict:
    """Everything a dashboard, the public page or the report shows, in the active language."""
    months = month_span(filters.date_from, filters.date_to)
    counted = {"scope": scope, "filters": filters, "months": months}
    listings = s.listings_published(**counted)
    views = s.listing_views(**counted)
    marks = s.recommendation_marks(**counted)
    started = d.interests(**counted)
    signed = d.agreements(**counted)
    held = d.meetings_held(**counted)
    reached = d.funnel(scope=scope, filters=filters)
    reasons = d.end_reasons(scope=scope, filters=filters)
    found = s.searches(filters=filters, months=months) if with_searches else None
    sectors = {sector.code: sector.name for sector in Sector.objects.filter(parent__isnull=True)}
    goals = {goal.number: f"{goal.number} · {goal.short_name}" for goal in SDGGoal.objects.all()}
    countries = _country
    tech, need = listings["technology"], listings["need"]
    t_name, n_name = _("Technologies"), _("Needs")

    headline = [
        ("technologies", _("Technologies published"), tech["total"]),
        ("needs", _("Needs published"), need["total"]),
        ("views", _("Listing views"), views["total"]),
    ]
    if found is not None:
        headline.append(("searches", _("Searches"), found["total"]))
    headline += [
        ("relevant", _("Recommendations marked relevant"), marks["relevant"]),
        ("interests", _("Interests expressed"), started["total"]),
        ("meetings", _("Meetings held"), held["total"]),
        ("agreements", _("Agreements signed"), signed["signed"]),
        ("transfers", _("Technologies transferred"), signed["transferred"]),
    ]
    funnel_steps = [(_("Listings published"), tech["total"] + need["total"])] + [
        (str(Stage(stage).label), reached[stage.value])
        for stage in PIPELINE
        if stage != Stage.NEGOTIATING
    ]
    figures = [
        _by_month_figure(
            "listings-month",
            _("Listings published by month"),
            months,
            [(t_name, tech["months"]), (n_name, need["months"])],
        ),
        _ranked(
            "listings-country",
            _("Listings published by country"),
            _("Country"),
            countries,
            [(t_name, tech["countries"]), (n_name, need["countries"])],
        ),
        _ranked(
            "listings-sector",
            _("Listings published by sector"),
            _("Sector"),
            sectors,
            [(t_name, tech["sectors"]), (n_name, need["sectors"])],
        ),
        _ranked(
            "listings-sdg",
            _("Listings published by Sustainable Development Goal"),
            _("Goal"),
            goals,
            [(t_name, tech["sdgs"]), (n_name, need["sdgs"])],
        ),
        Figure(
            key="funnel",
            title=_("From listing to transfer"),
            kind="funnel",
            category_header=_("Step"),
            categories=[label for label, _n in funnel_steps],
            series=[(_("Count"), [n for _label, n in funnel_steps])],
        ),
        _ranked(
            "deals-stage",
            _("Interests of the period by current stage"),
            _("Stage"),
            {stage.value: str(stage.label) for stage in Stage},
            [(_("Deals"), started["stages"])],
        ),
        _by_month_figure(
            "agreements-month",
            _("Agreements signed and transfers by month"),
            months,
            [
                (_("Agreements signed"), signed["months"][Stage.AGREEMENT_SIGNED]),
                (_("Technologies transferred"), signed["months"][Stage.TRANSFERRED]),
            ],
        ),
        _ranked(
            "agreements-country",
            _("Agreements signed by country of the listing"),
            _("Country"),
            countries,
            [(_("Agreements signed"), signed["countries"])],
        ),
        _ranked(
            "interests-country",
            _("Interests by country"),
            _("Country"),
            countries,
            [
                (_("Received (listing side)"), started["listing_countries"]),
                (_("Expressed (interested side)"), started["interested_countries"]),
            ],
        ),
        _ranked(
            "interests-sector",
            _("Interests by sector of the listing"),
            _("Sector"),
            sectors,
            [(_("Interests expressed"), started["sectors"])],
        ),
        _ranked(
            "end-reasons",
            _("Why deals were declined or closed"),
            _("Reason"),
            {},
            [(_("Deals"), _reason_counts(reasons))],
        ),
        _by_month_figure(
            "activity-month",
            _("Meetings held and recommendations marked relevant by month"),
            months,
            [(_("Meetings held"), held["months"]), (_("Relevant"), marks["months"])],
        ),
        _by_month_figure(
            "views-month", _("Listing views by month"), months, [(_("Views"), views["months"])]
        ),
        _ranked(
            "views-country",
            _("Listing views by country of the listing"),
            _("Country"),
            countries,
            [(_("Views"), views["countries"])],
        ),
    ]
    if found is not None:
        figures.append(
            _ranked(
                "searches-language",
                _("Searches by interface language"),
                _("Language"),
                NATIVE_NAMES,
                [(_("Searches"), found["languages"])],
            )
        )
    return {"headline": headline, "figures": figures, "funnel": reached}


def _reason_counts(rows) -> dict[str, int]:
    counts: dict[str, int] = {}
    for stage, reason, n in rows:
        label = f"{Stage(stage).label} · {Reason(reason).label if reason else '—'}"
        counts[label] = counts.get(label, 0) + n
    return counts
