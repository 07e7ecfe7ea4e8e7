import pytest
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from techbridge.catalog.models import Sector
from techbridge.matching.models import LabelVector
from techbridge.matching.services import label_vectors_refresh, listings_index
from techbridge.matching.suggestions import listing_label_suggestions
from tests.factories import MembershipFactory, TechnologyFactory, UserFactory
from tests.matching.taxonomy import smaller_taxonomy

pytestmark = pytest.mark.django_db

KHMER_SOLAR_DRYER = (
    "ម៉ាស៊ីនសម្ងួតថាមពលព្រះអាទិត្យសម្រាប់សហគមន៍កសិកម្ម។ "
    "សហគមន៍ត្រូវការសម្ងួតស្រូវ ត្រី និងស្វាយ ដោយថាមពលព្រះអាទិត្យ ដើម្បីកាត់បន្ថយការខាតបង់។"
)


def _codes(suggestions: dict, taxonomy: str) -> list[str]:
    return [s.code for s in suggestions[taxonomy]]


def test_suggestions_from_descriptions_on_an_empty_catalogue():
    smaller_taxonomy()
    # names in ten languages + two descriptions per sector; title and short name per goal
    assert label_vectors_refresh() == 8 * 12 + 5 * 20
    assert label_vectors_refresh() == 0  # nothing new to embed
    suggestions = listing_label_suggestions(text=KHMER_SOLAR_DRYER)
    assert len(suggestions["sector"]) == 3
    assert {"agri.processing", "energy.solar"} & set(_codes(suggestions, "sector"))
    assert {"2", "7"} & set(_codes(suggestions, "sdg"))


def test_refresh_drops_vectors_of_removed_descriptions():
    smaller_taxonomy()
    label_vectors_refresh()
    Sector.objects.filter(code="digital.ai").delete()
    assert label_vectors_refresh() == 0
    assert not LabelVector.objects.filter(code="digital.ai").exists()
    assert LabelVector.objects.filter(code="energy.solar").count() == 12


def test_suggestions_follow_curated_neighbours_and_request_label_vectors():
    labelled = TechnologyFactory(
        status="published",
        language="en",
        title="Solar dryer for cassava chips and fish",
        summary="A greenhouse dryer that uses sunlight to dry cassava chips and fish.",
        sectors=["agri.processing", "energy.solar"],
        sdgs=[2, 7],
    )
    listings_index(kind="technology", pks=[labelled.pk])
    suggestions = listing_label_suggestions(text=KHMER_SOLAR_DRYER)
    assert set(_codes(suggestions, "sector")) == {"agri.processing", "energy.solar"}
    assert set(_codes(suggestions, "sdg")) == {"2", "7"}
    # Without label vectors only neighbours speak, and their embedding is requested once.
    assert DBTaskResult.objects.filter(task_path__endswith="refresh_label_vectors").count() == 1
    listing_label_suggestions(text=KHMER_SOLAR_DRYER)
    assert DBTaskResult.objects.filter(task_path__endswith="refresh_label_vectors").count() == 1
    excluded = listing_label_suggestions(
        text=KHMER_SOLAR_DRYER, exclude_doc=f"technology:{labelled.pk}"
    )
    assert excluded == {"sector": [], "sdg": []}


def test_suggestions_need_a_few_words():
    assert listing_label_suggestions(text="solar") == {"sector": [], "sdg": []}


def test_suggestion_page_for_members_and_staff_only(client):
    url = reverse("matching:label_suggestions")
    data = {"title": "Solar dryer", "summary": "Dries cassava chips with sunlight."}
    assert client.post(url, data).status_code == 403
    client.force_login(UserFactory())
    assert client.post(url, data).status_code == 403
    client.force_login(MembershipFactory().user)
    response = client.post(url, data)
    assert response.status_code == 200
    assert b'id="label-suggestions"' in response.content
    client.force_login(UserFactory(is_staff=True))
    assert client.post(url, data).status_code == 200
    assert client.get(url).status_code == 405


def test_suggestion_page_asks_for_more_text(client):
    client.force_login(MembershipFactory().user)
    response = client.post(reverse("matching:label_suggestions"), {"title": "Dryer"})
    assert "a few sentences of description first" in response.content.decode()
    response = client.post(
        reverse("matching:label_suggestions"), {"title": "Solar dryer for rice and fish"}
    )
    assert "still preparing the sector and goal descriptions" in response.content.decode()


def test_api_suggest_labels_permissions_and_validation(client):
    url = "/api/suggest-labels"
    assert client.post(url, {"text": "x"}, content_type="application/json").status_code == 401
    client.force_login(UserFactory())
    assert client.post(url, {"text": "x"}, content_type="application/json").status_code == 403
    client.force_login(MembershipFactory().user)
    response = client.post(url, {"text": "a" * 20001}, content_type="application/json")
    assert response.status_code == 422
    response = client.post(url, {"text": "solar"}, content_type="application/json")
    assert response.json() == {"sectors": [], "sdgs": []}


def test_listing_form_offers_suggestions_next_to_sectors(client):
    member = MembershipFactory().user
    client.force_login(member)
    organisation = member.memberships.get().organisation
    response = client.get(reverse("catalog:technology_create", args=[organisation.slug]))
    html = response.content.decode()
    assert reverse("matching:label_suggestions") in html
    assert html.index('id="id_summary"') < html.index('id="id_sectors"')
    assert "js/label-suggestions.js" in html


def test_reindex_command_embeds_label_descriptions(capsys):
    smaller_taxonomy()
    call_command("reindex")
    assert "embedded 196 new sector and SDG descriptions" in capsys.readouterr().out
    call_command("reindex", skip_labels=True)
    assert "descriptions" not in capsys.readouterr().out
