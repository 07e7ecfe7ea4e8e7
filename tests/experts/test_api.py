import pytest

from techbridge.api.services import api_token_create
from techbridge.experts.models import Expert, ExpertMessage
from techbridge.experts.services import expert_embed
from tests.factories import ExpertFactory, ExpertMessageFactory, NeedFactory

pytestmark = pytest.mark.django_db
ROLES = ("anonymous", "member", "expert", "other_expert", "staff")


@pytest.fixture
def api_for(client, people):
    def make(role):
        client.logout()
        user = people[role]
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.mark.parametrize(
    "visibility, verified, expected",
    [
        (
            "public",
            True,
            {"anonymous": 200, "member": 200, "expert": 200, "other_expert": 200, "staff": 200},
        ),
        (
            "members",
            True,
            {"anonymous": 404, "member": 200, "expert": 200, "other_expert": 404, "staff": 200},
        ),
        (
            "public",
            False,
            {"anonymous": 404, "member": 404, "expert": 200, "other_expert": 404, "staff": 200},
        ),
    ],
)
def test_detail_per_role(api_for, people, visibility, verified, expected):
    expert = people["expert_profile"]
    Expert.objects.filter(pk=expert.pk).update(visibility=visibility, is_verified=verified)
    got = {role: api_for(role).get(f"/api/experts/{expert.pk}").status_code for role in ROLES}
    assert got == expected


def test_list_fields_filters_and_paging(api_for, people):
    ExpertFactory(name="Members Mai", visibility="members", countries=["MM"])
    body = api_for("anonymous").get("/api/experts", {"page_size": 1}).json()
    assert body["count"] == 2 and len(body["items"]) == 1 and body["page_size"] == 1
    item = body["items"][0]
    assert set(item) == {
        "id",
        "name",
        "headline",
        "language",
        "expertise",
        "keywords",
        "sectors",
        "languages_spoken",
        "countries",
        "availability",
        "availability_note",
        "visibility",
        "verified",
        "affiliation",
        "can_contact",
    }
    assert item["can_contact"] is False
    member = api_for("member").get("/api/experts", {"country": "MM"}).json()
    assert [row["name"] for row in member["items"]] == ["Members Mai"]
    assert api_for("anonymous").get("/api/experts", {"country": "MM"}).json()["count"] == 0
    found = api_for("anonymous").get("/api/experts", {"q": "chen"}).json()
    assert [row["name"] for row in found["items"]] == ["Chen Hui"]
    assert api_for("anonymous").get("/api/experts", {"page": "x"}).status_code == 422


def test_list_uses_a_constant_number_of_queries(api_for, people, django_assert_max_num_queries):
    for _n in range(30):
        ExpertFactory(sectors=["agri.processing", "energy.solar"])
    client = api_for("member")
    with django_assert_max_num_queries(12):
        assert client.get("/api/experts", {"page_size": 50}).status_code == 200


def test_suggestions_for_a_need_the_reader_may_see(api_for, people):
    chinese = ExpertFactory(
        name="王海",
        language="zh-hans",
        expertise="对虾养殖与病害防治",
        keywords=["对虾"],
        sectors=["fish.mariculture"],
    )
    expert_embed(pk=chinese.pk)
    need = NeedFactory(language="km", problem="បង្គាងាប់ដោយសារជំងឺ", sectors=["fish.mariculture"])
    rows = api_for("anonymous").get(f"/api/experts/for-need/{need.pk}").json()
    assert rows[0]["expert"]["name"] == "王海"
    assert rows[0]["shared_sectors"] == ["fish.mariculture"]
    hidden = NeedFactory(status="draft")
    assert api_for("anonymous").get(f"/api/experts/for-need/{hidden.pk}").status_code == 404
    assert api_for("staff").get(f"/api/experts/for-need/{hidden.pk}").status_code == 200
    assert api_for("anonymous").get("/api/experts/for-need/999999").status_code == 404


@pytest.mark.parametrize(
    "role, expected",
    [("anonymous", 401), ("member", 201), ("expert", 403), ("other_expert", 201), ("staff", 201)],
)
def test_contact_per_role(api_for, people, role, expected):
    expert = people["expert_profile"]
    response = api_for(role).post(
        f"/api/experts/{expert.pk}/contact",
        {"subject": "Question", "body": "Could you help?"},
        content_type="application/json",
    )
    assert response.status_code == expected
    assert ExpertMessage.objects.filter(expert=expert).exists() == (expected == 201)


def test_contact_with_a_token_field_errors_and_rate_limit(client, people, settings):
    settings.EXPERT_CONTACT_LIMIT_PER_DAY = 1
    _token, secret = api_token_create(user=people["member"], name="partner system")
    headers = {"Authorization": f"Bearer {secret}"}
    url = f"/api/experts/{people['expert_profile'].pk}/contact"
    bad = client.post(
        url, {"subject": "", "body": "x"}, content_type="application/json", headers=headers
    )
    assert bad.status_code == 422 and "subject" in bad.json()["detail"]
    ExpertMessageFactory(sender=people["member"], expert=people["other_profile"])
    limited = client.post(
        url, {"subject": "Hi", "body": "Question"}, content_type="application/json", headers=headers
    )
    assert limited.status_code == 429
    assert "24 hours" in limited.json()["detail"]
    unavailable = ExpertFactory(availability="unavailable")
    denied = client.post(
        f"/api/experts/{unavailable.pk}/contact",
        {"subject": "Hi", "body": "Question"},
        content_type="application/json",
        headers=headers,
    )
    assert denied.status_code == 403
