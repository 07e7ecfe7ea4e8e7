import pytest
from django.test import Client

from techbridge.api.services import api_token_create
from techbridge.catalog.models import Need, Technology
from techbridge.organisations.enums import MemberRole
from tests.factories import MembershipFactory, NeedFactory, TechnologyFactory, UserFactory

pytestmark = pytest.mark.django_db

DATA = {
    "language": "vi",
    "title": "Máy sục khí ao tôm",
    "summary": "Bộ điều khiển sục khí theo oxy hòa tan.",
    "description": "Cảm biến oxy và bộ điều khiển.",
    "sectors": ["fish.mariculture", "digital.iot"],
    "sdgs": [14],
    "trl": 7,
    "ip_status": "utility_model",
    "transfer_modes": ["equipment_sale"],
    "countries_developed": ["VN"],
}


def _auth(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user, name='t')[1]}"}


@pytest.fixture
def admin():
    return MembershipFactory(role=MemberRole.ADMIN, organisation__country="VN").user


def test_api_create_update_submit_withdraw(admin):
    client = Client()
    slug = admin.memberships.get().organisation.slug
    response = client.post(
        "/api/technologies",
        {"organisation": slug, "data": DATA},
        content_type="application/json",
        **_auth(admin),
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["status"], body["title"]["text"], body["sectors"]) == (
        "draft",
        "Máy sục khí ao tôm",
        ["digital.iot", "fish.mariculture"],
    ) or body["sectors"] == ["fish.mariculture", "digital.iot"]
    pk = body["id"]
    response = client.patch(
        f"/api/technologies/{pk}",
        {"data": {"trl": 8}},
        content_type="application/json",
        **_auth(admin),
    )
    assert response.json()["facts"]["trl"] == 8
    assert (
        client.post(f"/api/technologies/{pk}/submit", **_auth(admin)).json()["status"]
        == "submitted"
    )
    response = client.post(
        f"/api/technologies/{pk}/withdraw",
        {"reason": "sold"},
        content_type="application/json",
        **_auth(admin),
    )
    assert response.json()["status"] == "withdrawn"


def test_api_create_reports_field_errors(admin):
    slug = admin.memberships.get().organisation.slug
    response = Client().post(
        "/api/technologies",
        {"organisation": slug, "data": {**DATA, "trl": 12, "sdgs": [40]}},
        content_type="application/json",
        **_auth(admin),
    )
    assert response.status_code == 422
    assert set(response.json()["detail"]) == {"trl", "sdgs"}
    assert Technology.objects.count() == 0


def test_api_create_for_other_organisation_is_403(admin):
    other = MembershipFactory().organisation
    response = Client().post(
        "/api/technologies",
        {"organisation": other.slug, "data": DATA},
        content_type="application/json",
        **_auth(admin),
    )
    assert response.status_code == 403


def test_api_create_anonymous_is_401():
    response = Client().post(
        "/api/needs", {"organisation": "x", "data": {}}, content_type="application/json"
    )
    assert response.status_code == 401


def test_api_patch_by_outsider_is_404_for_draft_and_403_for_published():
    draft = TechnologyFactory(status="draft")
    published = TechnologyFactory()
    outsider = UserFactory()
    client = Client()
    assert (
        client.patch(
            f"/api/technologies/{draft.pk}",
            {"data": {}},
            content_type="application/json",
            **_auth(outsider),
        ).status_code
        == 404
    )
    assert (
        client.patch(
            f"/api/technologies/{published.pk}",
            {"data": {"title": "x"}},
            content_type="application/json",
            **_auth(outsider),
        ).status_code
        == 403
    )


def test_api_list_filters_and_paginates():
    for n in range(3):
        NeedFactory(country="KH", title=f"Need {n}")
    NeedFactory(country="LA", organisation__country="LA")
    body = Client().get("/api/needs", {"country": "KH", "page_size": 2, "page": 2}).json()
    assert (body["count"], body["page"], len(body["items"])) == (3, 2, 1)


@pytest.mark.parametrize("count", [1, 4])
def test_api_list_query_count_is_constant(django_assert_num_queries, count):
    for _n in range(count):
        TechnologyFactory()
    with django_assert_num_queries(5):
        Client().get("/api/technologies")


def test_api_reader_language_picks_translation():
    TechnologyFactory(
        language="zh-hans",
        title="深海网箱",
        translations={"id": {"title": {"text": "Keramba laut dalam", "kind": "human"}}},
    )
    body = Client().get("/api/technologies", HTTP_ACCEPT_LANGUAGE="id").json()
    assert body["items"][0]["title"] == {
        "text": "Keramba laut dalam",
        "language": "id",
        "machine": False,
    }


def test_api_need_detail_for_owner_only_when_draft():
    need = NeedFactory(status="draft")
    owner = MembershipFactory(organisation=need.organisation).user
    assert Client().get(f"/api/needs/{need.pk}", **_auth(owner)).status_code == 200
    assert Client().get(f"/api/needs/{need.pk}").status_code == 404
    assert Need.objects.count() == 1
