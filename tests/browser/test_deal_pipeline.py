"""A Vietnamese company expresses interest in an anonymised Chinese technology, the provider
accepts, both see each other's contacts, the deal moves to agreement signed and appears in
the staff funnel."""

import pytest

from techbridge.deals.models import Deal
from techbridge.organisations.enums import MemberRole
from tests.browser.helpers import login, submit
from tests.factories import MembershipFactory, TechnologyFactory, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TITLE = "Biomass-solar hybrid cassava dryer"


def test_vietnamese_interest_to_signed_agreement_in_the_funnel(live_server, browser):
    base = live_server.url
    provider = MembershipFactory(
        role=MemberRole.ADMIN,
        organisation__name="Guangxi Dryer Works",
        organisation__slug="gx-dryer",
        organisation__country="CN",
        user__email="wang@gx-dryer.example.org",
        user__full_name="Wang Fang",
    ).user
    TechnologyFactory(
        organisation=provider.memberships.get().organisation,
        visibility="anonymised",
        title=TITLE,
        contact_name="Wang Fang",
        contact_email="sales@gx-dryer.example.org",
    )
    buyer = MembershipFactory(
        role=MemberRole.ADMIN,
        organisation__name="Mekong Cassava JSC",
        organisation__slug="mekong-cassava",
        organisation__country="VN",
        user__email="lan@mekong-cassava.example.org",
        user__full_name="Tran Thi Lan",
    ).user
    UserFactory(email="staff@centre.example.org", is_staff=True)

    vietnamese = browser.new_context(locale="en-US").new_page()
    login(vietnamese, base, buyer.email)
    vietnamese.goto(f"{base}/technologies/")
    vietnamese.get_by_role("link", name=TITLE).click()
    assert "Guangxi Dryer Works" not in vietnamese.content()
    vietnamese.get_by_role("link", name="Express interest").click()
    vietnamese.check("input[name=cooperation][value=licence]")
    vietnamese.check("input[name=cooperation][value=pilot]")
    vietnamese.fill("#id_information_missing", "Fuel use per tonne of chips.")
    vietnamese.fill("#id_who_we_are", "A cassava processor in Tay Ninh with two plants.")
    vietnamese.fill("#id_message", "Could we visit a reference site?")
    submit(vietnamese, "main form button.primary")
    deal = Deal.objects.get()
    assert vietnamese.url == f"{base}/deals/{deal.pk}/"
    page = vietnamese.content()
    assert "Guangxi Dryer Works" not in page and "sales@gx-dryer.example.org" not in page

    chinese = browser.new_context(locale="en-US").new_page()
    login(chinese, base, provider.email)
    chinese.goto(f"{base}/deals/inbox/")
    inbox = chinese.content()
    assert "A cassava processor in Tay Ninh" in inbox
    assert "Mekong Cassava JSC" not in inbox and "lan@mekong-cassava.example.org" not in inbox
    submit(chinese, "button:has-text('Accept the introduction')")
    assert chinese.url == f"{base}/deals/{deal.pk}/"
    assert chinese.get_by_role("link", name="Mekong Cassava JSC").is_visible()
    assert "lan@mekong-cassava.example.org" in chinese.content()

    vietnamese.reload()
    assert vietnamese.get_by_role("link", name="Guangxi Dryer Works").is_visible()
    assert "sales@gx-dryer.example.org" in vietnamese.content()

    for stage in ("meeting_held", "negotiating", "agreement_signed"):
        chinese.select_option("#id_stage", stage)
        submit(chinese, "#move-form button")
    chinese.select_option("#id_agreement_type", "licence_non_exclusive")
    chinese.select_option("#id_value_range", "50k_200k")
    chinese.select_option("#id_agreement_countries", ["VN"])
    submit(chinese, "button:has-text('Save agreement details')")
    assert chinese.locator(".stage-bar li.current").inner_text() == "Agreement signed"
    deal.refresh_from_db()
    assert (deal.stage, deal.agreement_countries) == ("agreement_signed", ["VN"])

    staff = browser.new_context(locale="en-US").new_page()
    login(staff, base, "staff@centre.example.org")
    staff.goto(f"{base}/deals/pipeline/")
    staff.get_by_role("link", name="Funnel by stage").click()
    row = staff.locator("table tr", has_text="Agreement signed").first
    assert row.locator("td").nth(1).inner_text() == "1"
    assert row.locator("td").nth(2).inner_text() == "1"
    assert staff.locator("svg.funnel-chart rect").count() >= 6
