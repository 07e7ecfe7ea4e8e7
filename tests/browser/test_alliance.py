"""An organisation admin applies to the alliance, staff approve, the worker e-mails the admin,
and the member badge shows on the organisation page while the directory lists it."""

import pytest

from techbridge.alliance.models import AllianceMembership, MembershipApplication
from techbridge.organisations.enums import MemberRole
from tests.factories import (
    PASSWORD,
    CharterFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

NAME = "Mekong Delta Aquaculture Institute"


def _login(page, base: str, email: str) -> None:
    page.goto(base + "/accounts/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(base + "/**")


def _submit(page, selector: str) -> None:
    with page.expect_navigation():
        page.click(selector)


def test_apply_approve_badge_and_directory(live_server, browser, worker, outbox):
    base = live_server.url
    CharterFactory(title="Charter of the technology transfer alliance")
    organisation = OrganisationFactory(
        slug="mekong-aquaculture", name=NAME, country="VN", kind="research_institute"
    )
    admin = UserFactory(email="lan@mekong.example.org", preferred_language="vi")
    MembershipFactory(organisation=organisation, user=admin, role=MemberRole.ADMIN)
    UserFactory(email="staff@centre.example.org", is_staff=True)

    # The admin opens the organisation page, then the alliance membership page, and applies.
    page = browser.new_context(locale="en-US").new_page()
    page.set_default_timeout(15_000)
    _login(page, base, admin.email)
    page.goto(f"{base}/organisations/{organisation.slug}/")
    assert page.locator(".alliance-member").count() == 0
    _submit(page, "text=Alliance membership")
    _submit(page, "text=Apply to join the alliance")
    assert page.locator("details.charter").is_visible()
    page.fill("#id_capabilities", "Shrimp hatcheries and water-quality laboratory.")
    page.select_option("#id_language", "en")
    page.select_option("#id_sectors", ["fish.mariculture"])
    page.select_option("#id_countries_served", ["VN", "KH"])
    page.check("#id_charter_accepted")
    _submit(page, "main form button[type=submit]")
    assert "Application waiting for a decision" in page.content()
    assert MembershipApplication.objects.get().status == "pending"

    # Staff approve it as a core member from the applications page.
    staff = browser.new_context(locale="en-US").new_page()
    staff.set_default_timeout(15_000)
    _login(staff, base, "staff@centre.example.org")
    staff.goto(f"{base}/alliance/applications/")
    row = staff.locator("tr", has_text=NAME)
    row.locator("select[name=tier]").select_option("core")
    with staff.expect_navigation():
        row.locator("button[value=approve]").click()
    assert "The decision is recorded" in staff.content()
    assert AllianceMembership.objects.get().tier == "core"

    worker()
    assert [m.to for m in outbox] == [[admin.email]]

    # The badge shows on the organisation page, and the directory lists the member.
    page.goto(f"{base}/organisations/{organisation.slug}/")
    assert page.locator("h1 .alliance-member").is_visible()
    page.goto(f"{base}/alliance/")
    page.select_option("#id_country", "VN")
    page.wait_for_url("**country=VN**")
    directory = page.locator("#results")
    assert NAME in directory.inner_text()
    assert directory.locator(".tier-core").count() == 1  # shown in the admin's language
