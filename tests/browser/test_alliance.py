"""An organisation admin applies to the alliance, staff approve, the worker e-mails the admin,
and the member badge shows on the organisation page while the directory lists it."""

import pytest
from django.utils import translation
from django.utils.translation import gettext

from techbridge.alliance.models import AllianceMembership, MembershipApplication
from techbridge.organisations.enums import MemberRole
from tests.browser.helpers import login, submit
from tests.factories import (
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


def _vi(text: str) -> str:
    with translation.override("vi"):
        return gettext(text)


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
    login(page, base, admin.email)
    page.goto(f"{base}/organisations/{organisation.slug}/")
    assert page.locator(".alliance-member").count() == 0
    # The admin reads Vietnamese (regression: the test clicked the English labels).
    submit(page, f"text={_vi('Alliance membership')}")
    submit(page, f"text={_vi('Apply to join the alliance')}")
    assert page.locator("details.charter").is_visible()
    page.fill("#id_capabilities", "Shrimp hatcheries and water-quality laboratory.")
    page.select_option("#id_language", "en")
    page.select_option("#id_sectors", ["fish.mariculture"])
    page.select_option("#id_countries_served", ["VN", "KH"])
    page.check("#id_charter_accepted")
    submit(page, "main form button[type=submit]")
    assert _vi("Application waiting for a decision") in page.content()
    assert MembershipApplication.objects.get().status == "pending"

    # Staff approve it as a core member from the applications page.
    staff = browser.new_context(locale="en-US").new_page()
    staff.set_default_timeout(15_000)
    login(staff, base, "staff@centre.example.org")
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
