"""Who may open each dashboard and report, what they show, and how many queries they take."""

import datetime
import io

import openpyxl
import pypdf
import pytest

from tests.factories import (
    DealFactory,
    DealStepFactory,
    ListingViewDayFactory,
    MeetingFactory,
    NeedFactory,
    SearchDayFactory,
    TechnologyFactory,
)
from tests.insights.conftest import at

ROLES = ("anonymous", "member", "other_member", "focal_point", "other_focal_point", "staff")
# Who may open each scope (the world's member and focal point belong to China).
ALLOWED = {
    "all": {"staff"},
    "country": {"staff", "focal_point"},
    "organisation": {"staff", "member", "focal_point"},
}


def _urls(world) -> dict[str, str]:
    return {
        "all": "/insights/all/",
        "country": "/insights/country/CN/",
        "organisation": f"/insights/organisation/{world.cn.slug}/",
    }


@pytest.mark.parametrize("role", ROLES)
def test_dashboards_and_reports_per_role(world, client_for, role):
    client = client_for(world.users[role])
    for scope, url in _urls(world).items():
        for address in (url, url + "report/?format=xlsx", url + "report/?format=pdf"):
            response = client.get(address)
            if role == "anonymous":
                assert response.status_code == 302, address
                assert "/accounts/login/" in response["Location"]
            elif role in ALLOWED[scope]:
                assert response.status_code == 200, address
            else:
                assert response.status_code == 403, address
    assert client.get("/insights/statistics/").status_code == 200
    index = client.get("/insights/")
    assert index.status_code == (302 if role == "anonymous" else 200)


def test_index_lists_the_dashboards_of_the_reader(world, client_for):
    page = client_for(world.users["member"]).get("/insights/").content.decode()
    assert f"/insights/organisation/{world.cn.slug}/" in page
    assert "/insights/all/" not in page
    page = client_for(world.users["focal_point"]).get("/insights/").content.decode()
    assert "/insights/country/CN/" in page
    page = client_for(world.users["staff"]).get("/insights/").content.decode()
    assert "/insights/all/" in page


def test_unknown_country_and_organisation_are_404(world, client_for):
    client = client_for(world.users["staff"])
    assert client.get("/insights/country/ZZ/").status_code == 404
    assert client.get("/insights/country/XYZ/").status_code == 404
    assert client.get("/insights/organisation/no-such-organisation/").status_code == 404


def test_staff_dashboard_figures_and_tables(world, client_for):
    client = client_for(world.users["staff"])
    page = client.get("/insights/all/").content.decode()
    # Headline figures.
    assert 'data-figure="technologies"' in page
    assert "Technologies published" in page and "Searches" in page
    # Every chart has a table, and every chart is an inline SVG with title and description.
    assert page.count("<svg") == page.count('class="figure-table"') >= 10
    assert page.count("<title id=") == page.count("<desc id=") == page.count("<svg")
    assert "cdn" not in page.lower()
    # No names of organisations on any dashboard.
    for organisation in (world.cn, world.th, world.vn, world.kh):
        assert organisation.name not in page


def test_htmx_filter_returns_the_results_fragment(world, client_for):
    client = client_for(world.users["staff"])
    response = client.get(
        "/insights/all/",
        {"date_from": "2026-04-01", "date_to": "2026-04-30", "sector": "agri"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and 'id="headline-title"' in html
    # The report form carries the filters along.
    assert 'name="date_from" value="2026-04-01"' in html


def test_bad_filters_are_field_errors_not_500(world, client_for):
    client = client_for(world.users["staff"])
    response = client.get(
        "/insights/all/",
        {"date_from": "2026-05-01", "date_to": "2026-04-01", "country": "??", "sector": "x"},
    )
    assert response.status_code == 200
    assert "The end of the period is before its start." in response.content.decode()
    bad = client.get("/insights/all/report/", {"format": "doc", "language": "xx", "date_to": "no"})
    assert bad.status_code == 200
    assert bad["Content-Type"] == "application/pdf"


def test_localised_in_the_readers_language(world, client_for):
    staff = world.users["staff"]
    staff.preferred_language = "zh-hans"
    staff.save()
    page = client_for(staff).get("/insights/all/").content.decode()
    assert "2026年4月" in page  # month names by CLDR
    assert "中国" in page  # country names


def _more_data(world) -> None:
    """Twice as much of everything, in new countries, sectors and months."""
    for n in range(6):
        tech = TechnologyFactory(
            published_at=at(6 + n % 3, 10), sectors=["health.vaccines", "env.water"], sdgs=[3, 6]
        )
        need = NeedFactory(country="LA", published_at=at(7, 2 + n), sectors=["digital.ai"])
        deal = DealFactory(technology=tech, created_at=at(7, 3), stage="agreement_signed")
        DealStepFactory(deal=deal, stage="agreement_signed", at=at(8, 1))
        DealFactory(
            technology=None, need=need, target_kind="need", listing_organisation=need.organisation
        )
        ListingViewDayFactory(technology=tech, day=datetime.date(2026, 7, 1 + n), n=3)
        SearchDayFactory(day=datetime.date(2026, 7, 1 + n), language="th")
        MeetingFactory(check_in="held")


QUERIES = {"all": 38, "country": 36, "organisation": 37}


@pytest.mark.parametrize("scope", ["all", "country", "organisation"])
def test_constant_number_of_queries(world, client_for, django_assert_num_queries, scope):
    user = world.users["staff"]
    client = client_for(user)
    url = _urls(world)[scope]
    client.get(url)  # warm per-process caches (countries, catalogues)
    with django_assert_num_queries(QUERIES[scope]):
        assert client.get(url).status_code == 200
    _more_data(world)
    with django_assert_num_queries(QUERIES[scope]):
        assert client.get(url + "?sector=health&country=LA").status_code == 200
    # A period saves the queries that find the platform's first month.
    with django_assert_num_queries(QUERIES[scope] - 5):
        assert client.get(url + "?date_from=2026-01-01&date_to=2026-12-31").status_code == 200
    with django_assert_num_queries(QUERIES[scope]):
        assert client.get(url).status_code == 200


def test_public_page_constant_queries(world, client, django_assert_num_queries):
    client.get("/insights/statistics/")
    with django_assert_num_queries(31):
        client.get("/insights/statistics/")
    _more_data(world)
    with django_assert_num_queries(31):
        client.get("/insights/statistics/")


def test_report_xlsx_has_a_sheet_per_table(world, client_for):
    client = client_for(world.users["staff"])
    response = client.get("/insights/all/report/", {"format": "xlsx", "language": "en"})
    assert response["Content-Disposition"].endswith('.xlsx"')
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    summary = book.worksheets[0]
    values = {row[0]: row[1] for row in summary.iter_rows(min_row=2, values_only=True)}
    assert values["Technologies published"] == 4
    assert values["Agreements signed"] == 2
    assert values["Searches"] == 6
    assert len(book.worksheets) >= 12
    agreements = book.worksheets[-1]
    rows = list(agreements.iter_rows(values_only=True))
    assert rows[0][0] == "Listing" and len(rows) == 3
    # Revealed parties are named for staff.
    assert world.th.name in rows[1] and world.cn.name in rows[1]


def _pdf_text(content: bytes) -> str:
    pages = pypdf.PdfReader(io.BytesIO(content)).pages
    return "".join(page.extract_text() for page in pages).replace("\x00", "")


def test_report_pdf_in_chinese_and_english(world, client_for):
    client = client_for(world.users["staff"])
    chinese = client.get("/insights/all/report/", {"format": "pdf", "language": "zh-hans"})
    assert chinese["Content-Type"] == "application/pdf"
    assert chinese["Content-Language"] == "zh-hans"
    text = _pdf_text(chinese.content)
    assert "中国" in text.replace(" ", "")
    english = _pdf_text(
        client.get("/insights/all/report/", {"format": "pdf", "language": "en"}).content
    )
    assert "Technologies published" in english and "Top agreements" in english
    assert "China" in english


def test_unconsented_parties_never_appear_in_reports(world, client_for):
    deal = world.deals[1]  # agreement on the anonymised Thai listing
    deal.revealed_at = None
    deal.save(update_fields=["revealed_at"])
    for role, url in (
        ("staff", "/insights/all/report/"),
        ("focal_point", "/insights/country/CN/report/"),
    ):
        client = client_for(world.users[role])
        xlsx = client.get(url, {"format": "xlsx", "language": "en"}).content
        book = openpyxl.load_workbook(io.BytesIO(xlsx))
        cells = [
            str(cell)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for cell in row
        ]
        # The Thai provider is a party to that agreement only; the Chinese side also to D1,
        # which was consented, so its name appears once, on D1's row.
        assert world.th.name not in cells
        assert cells.count(world.cn.name) == 1
        text = _pdf_text(client.get(url, {"format": "pdf", "language": "en"}).content)
        assert world.th.name not in text


def test_focal_point_report_holds_only_their_country(world, client_for):
    client = client_for(world.users["other_focal_point"])  # Viet Nam
    xlsx = client.get("/insights/country/VN/report/", {"format": "xlsx"}).content
    summary = openpyxl.load_workbook(io.BytesIO(xlsx)).worksheets[0]
    values = {row[0]: row[1] for row in summary.iter_rows(min_row=2, values_only=True)}
    # Viet Nam: need N1 only; deals D1 (interested VN) and D3 (on N1); D1 signed.
    assert values["Technologies published"] == 0
    assert values["Needs published"] == 1
    assert values["Interests expressed"] == 2
    assert values["Agreements signed"] == 1
    assert "Searches" not in values


def test_public_statistics_hold_no_names(world, client):
    page = client.get("/insights/statistics/").content.decode()
    assert "Technologies published" in page
    for organisation in (world.cn, world.th, world.vn, world.kh):
        assert organisation.name not in page
    for user in world.users.values():
        if user is not None:
            assert user.full_name not in page and user.email not in page
    for listing in world.technologies + world.needs:
        assert listing.title not in page
        assert listing.contact_email not in page
    assert "<svg" in page and 'class="figure-table"' in page
