"""A Cambodian writer asks for sector and goal suggestions while writing a need in Khmer and
picks one with a click: the option is selected in the form, nothing else is."""

import pytest
from django.core.management import call_command

from techbridge.matching.services import label_vectors_refresh
from tests.browser.helpers import login
from tests.factories import MembershipFactory
from tests.matching.taxonomy import smaller_taxonomy

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_writer_picks_a_suggested_sector(live_server, browser):
    # Earlier transactional tests may leave the tables flushed; the taxonomy is reference data.
    call_command("seed_taxonomies", verbosity=0)
    smaller_taxonomy()
    label_vectors_refresh()
    membership = MembershipFactory(
        organisation__country="KH",
        organisation__slug="kh-coop",
        user__email="writer@kh-coop.example.org",
        user__preferred_language="km",
    )
    page = browser.new_context().new_page()
    login(page, live_server.url, membership.user.email)
    page.goto(f"{live_server.url}/needs/new/kh-coop/")
    page.select_option("#id_language", "km")
    page.fill("#id_title", "ម៉ាស៊ីនសម្ងួតថាមពលព្រះអាទិត្យសម្រាប់សហគមន៍កសិកម្ម")
    page.fill(
        "#id_problem",
        "សហគមន៍ត្រូវការសម្ងួតស្រូវ ត្រី និងស្វាយ ដោយថាមពលព្រះអាទិត្យ ដើម្បីកាត់បន្ថយការខាតបង់។",
    )
    page.wait_for_load_state("networkidle")  # htmx initialised before the click
    with page.expect_response("**/search/suggest-labels/") as response:
        page.locator("fieldset.classification button.secondary").click()
    assert response.value.status == 200
    chips = page.locator("#label-suggestions button.chip[data-select-field=id_sectors]")
    chips.first.wait_for(timeout=60_000)
    assert chips.count() == 3
    code = chips.first.get_attribute("data-select-value")
    chips.first.click()
    assert chips.first.get_attribute("aria-pressed") == "true"
    selected = page.eval_on_selector(
        "#id_sectors", "s => Array.from(s.selectedOptions).map(o => o.value)"
    )
    assert selected == [code]
    chips.first.click()  # pressing again takes it back
    assert page.eval_on_selector("#id_sectors", "s => s.selectedOptions.length") == 0
