"""Staff open the insights dashboard, switch the site to Chinese with the language switcher,
narrow it with a filter (htmx) and download the ministerial report as PDF and as XLSX."""

import datetime
import io

import openpyxl
import pypdf
import pytest

from tests.factories import (
    PASSWORD,
    DealFactory,
    DealStepFactory,
    NeedFactory,
    OrganisationFactory,
    TechnologyFactory,
    UserFactory,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _at(month: int, day: int) -> datetime.datetime:
    return datetime.datetime(2026, month, day, 12, tzinfo=datetime.UTC)


def test_staff_dashboard_in_chinese_and_report_downloads(live_server, browser, tmp_path):
    base = live_server.url
    china = OrganisationFactory(country="CN", name="Guangxi Dryer Works")
    thailand = OrganisationFactory(country="TH", name="Chiang Mai Rice Cooperative")
    technology = TechnologyFactory(organisation=china, published_at=_at(4, 10))
    TechnologyFactory(organisation=thailand, published_at=_at(5, 2), sectors=["energy.solar"])
    NeedFactory(organisation=thailand, country="TH", published_at=_at(5, 20))
    deal = DealFactory(
        technology=technology,
        interested_organisation=thailand,
        created_at=_at(5, 1),
        stage="agreement_signed",
        revealed_at=_at(5, 3),
        agreement_type="licence_exclusive",
        value_range="over_1m",
    )
    for stage, when in (("interest", _at(5, 1)), ("introduced", _at(5, 3))):
        DealStepFactory(deal=deal, stage=stage, at=when)
    DealStepFactory(deal=deal, stage="agreement_signed", at=_at(6, 1))
    staff = UserFactory(email="staff@centre.example.org", is_staff=True)

    context = browser.new_context(locale="en-US", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(base + "/accounts/login/")
    page.fill("#id_username", staff.email)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(base + "/**")

    # The menu leads to the dashboards; staff open "all countries".
    page.click("nav.main-nav a[href='/insights/']")
    page.click("main a[href='/insights/all/']")
    page.wait_for_url(base + "/insights/all/")
    assert page.locator("[data-figure=technologies] strong").inner_text() == "2"

    # Switch the site to Chinese with the language switcher.
    with page.expect_navigation():
        page.select_option("#language-select", "zh-hans")
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    body = page.locator("main").inner_text()
    assert "2026年5月" in body  # month names by CLDR
    assert "中国" in body and "泰国" in body  # country names
    assert page.locator("svg.chart").count() == page.locator("table.figure-table").count() > 5

    # A filter updates the figures in place (htmx) and keeps the address shareable.
    page.select_option("#id_country", "TH")
    page.wait_for_url("**country=TH**")
    page.wait_for_function(
        "document.querySelector('[data-figure=technologies] strong').innerText === '1'"
    )

    # Download the report in Chinese, as PDF and as XLSX, for the filtered view.
    assert page.locator("#id_report_language").input_value() == "zh-hans"
    with page.expect_download() as pdf_download:
        page.click("button[name=format][value=pdf]")
    pdf_path = tmp_path / "report.pdf"
    pdf_download.value.save_as(pdf_path)
    assert pdf_download.value.suggested_filename.endswith(".pdf")
    content = pdf_path.read_bytes()
    assert content.startswith(b"%PDF")
    reader = pypdf.PdfReader(io.BytesIO(content))
    text = "".join(p.extract_text() for p in reader.pages).replace("\x00", "").replace(" ", "")
    assert "泰国" in text  # the country filter, in Chinese
    assert "第1页" in text  # the page footer in the report's language

    with page.expect_download() as xlsx_download:
        page.click("button[name=format][value=xlsx]")
    xlsx_path = tmp_path / "report.xlsx"
    xlsx_download.value.save_as(xlsx_path)
    assert xlsx_download.value.suggested_filename.endswith(".xlsx")
    book = openpyxl.load_workbook(xlsx_path)
    cells = [
        c for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for c in row
    ]
    assert "泰国" in cells
    assert len(book.worksheets) > 10
    context.close()
