"""A newcomer signs up, confirms the e-mail, creates an organisation and switches to Thai."""

import re

import pytest
from django.utils import translation
from django.utils.translation import gettext

from techbridge.organisations.models import Organisation

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_sign_up_verify_create_organisation_switch_to_thai(live_server, page, worker, outbox):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Sign up").first.click()

    page.fill("#id_full_name", "Chanthy Keo")
    page.fill("#id_email", "chanthy@example.org")
    page.fill("#id_password", "tonle-sap-2026!")
    page.fill("#id_password_again", "tonle-sap-2026!")
    page.select_option("#id_preferred_language", "en")
    page.select_option("#id_time_zone", "Asia/Phnom_Penh")
    page.get_by_role("button", name="Sign up").click()
    page.wait_for_url("**/accounts/sign-up/done/")

    worker()
    assert len(outbox) == 1
    link = re.search(r"https?://\S+", outbox[0].body).group(0)
    page.goto(live_server.url + link.split("8000", 1)[1])
    page.wait_for_url("**/organisations/mine/")
    assert page.get_by_role("heading", name="My organisations").is_visible()

    page.get_by_role("link", name="Create an organisation").click()
    page.fill("#id_name", "Tonle Sap Fish Processing Cooperative")
    page.select_option("#id_kind", "enterprise")
    page.select_option("#id_country", "KH")
    page.fill("#id_region", "Siem Reap")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/organisations/tonle-sap-fish-processing-cooperative/")
    assert Organisation.objects.get().memberships.get().user.email == "chanthy@example.org"

    with page.expect_navigation():
        page.select_option("#language-select", "th")
    with translation.override("th"):
        thai_members = gettext("Members")
        thai_sign_out = gettext("Sign out")
    assert thai_members != "Members"
    assert page.locator("html").get_attribute("lang") == "th"
    assert page.get_by_role("link", name=thai_members, exact=True).is_visible()
    assert page.get_by_role("button", name=thai_sign_out).is_visible()
    page.screenshot(path=str(_screenshot_dir() / "onboarding-thai.png"), full_page=True)


def _screenshot_dir():
    from pathlib import Path

    folder = Path(__file__).resolve().parents[2] / "var" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
