"""A Chinese provider submits a technology to the call, staff review and publish it, and a
Thai visitor finds it on the Thai catalogue page."""

import pytest
from django.utils import translation
from django.utils.translation import gettext

from techbridge.catalog.models import Technology
from techbridge.organisations.enums import MemberRole
from tests.browser.helpers import login
from tests.factories import CallFactory, MembershipFactory, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

THAI_TITLE = "เครื่องอบแห้งพลังงานแสงอาทิตย์แบบอุโมงค์"


def test_provider_submits_staff_publishes_thai_visitor_finds(live_server, browser):
    base = live_server.url
    membership = MembershipFactory(
        role=MemberRole.ADMIN,
        organisation__country="CN",
        organisation__slug="gx-solar",
        user__email="provider@gx-solar.example.org",
        user__preferred_language="zh-hans",
    )
    UserFactory(email="staff@centre.example.org", is_staff=True)
    call = CallFactory(title="Sustainability technologies 2026")

    provider = browser.new_context().new_page()
    login(provider, base, membership.user.email)
    provider.goto(f"{base}/technologies/new/gx-solar/")
    provider.select_option("#id_language", "zh-hans")
    provider.fill("#id_title", "隧道式太阳能干燥机")
    provider.fill("#id_summary", "利用太阳能和光伏风扇干燥稻谷和木薯，每批一吨。")
    provider.fill("#id_description", "聚碳酸酯隧道，光伏驱动风机，湿度控制器。")
    provider.select_option("#id_sectors", ["agri.processing", "energy.solar"])
    provider.select_option("#id_trl", "8")
    provider.select_option("#id_ip_status", "patent_granted")
    provider.check("input[name=transfer_modes][value=licence_non_exclusive]")
    provider.select_option("#id_countries_developed", ["CN"])
    provider.locator("details.translations summary").click()
    provider.fill("#id_title__th", THAI_TITLE)
    provider.click("main form button.primary")
    provider.wait_for_url(f"{base}/technologies/*/")
    technology = Technology.objects.get()
    assert technology.status == "draft"

    provider.goto(f"{base}/calls/{call.slug}/")
    provider.select_option("#id_technology", str(technology.pk))
    provider.click("main form button.primary")
    provider.wait_for_load_state("load")
    technology.refresh_from_db()
    assert technology.status == "submitted"
    assert call.submissions.get().technology == technology

    staff = browser.new_context().new_page()
    login(staff, base, "staff@centre.example.org")
    staff.goto(f"{base}/catalogue/review/")
    staff.get_by_role("link", name="隧道式太阳能干燥机").click()
    with staff.expect_navigation():
        staff.get_by_role("button", name="Start review").click()
    with staff.expect_navigation():
        staff.get_by_role("button", name="Publish").click()
    technology.refresh_from_db()
    assert technology.status == "published"

    visitor_context = browser.new_context(locale="th-TH")
    visitor = visitor_context.new_page()
    visitor.goto(f"{base}/technologies/")
    with translation.override("th"):
        heading = gettext("Technologies")
    assert visitor.locator("html").get_attribute("lang") == "th"
    assert visitor.get_by_role("heading", level=1).inner_text() == heading
    visitor.get_by_role("link", name=THAI_TITLE).click()
    assert visitor.get_by_role("heading", level=1).inner_text() == THAI_TITLE
    visitor.screenshot(path="var/screenshots/catalogue-thai.png", full_page=True)
