import pytest
from django.urls import reverse

from techbridge.experts.models import Expert, ExpertMessage
from tests.factories import ExpertFactory, ExpertMessageFactory, UserFactory

pytestmark = pytest.mark.django_db
ROLES = ("anonymous", "member", "expert", "other_expert", "staff")


def _status(client_for, people, role, method, url, data=None):
    client = client_for(people[role])
    response = client.post(url, data or {}) if method == "post" else client.get(url)
    return response.status_code


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
def test_detail_page_per_role(client_for, people, visibility, verified, expected):
    expert = people["expert_profile"]
    Expert.objects.filter(pk=expert.pk).update(visibility=visibility, is_verified=verified)
    url = reverse("experts:detail", args=[expert.pk])
    got = {role: _status(client_for, people, role, "get", url) for role in ROLES}
    assert got == expected


def test_list_shows_what_each_role_may_see(client_for, people):
    ExpertFactory(name="Members Only Mai", visibility="members")
    ExpertFactory(name="Unverified Udom", is_verified=False)
    seen = {}
    for role in ROLES:
        body = client_for(people[role]).get(reverse("experts:list")).content.decode()
        seen[role] = {
            name for name in ("Members Only Mai", "Unverified Udom", "Chen Hui") if name in body
        }
    assert seen["anonymous"] == {"Chen Hui"}
    assert seen["member"] == {"Chen Hui", "Members Only Mai"}
    assert seen["other_expert"] == {"Chen Hui"}
    assert seen["staff"] == {"Chen Hui", "Members Only Mai", "Unverified Udom"}


def test_list_filters_search_and_pagination(client, people):
    ExpertFactory(
        name="Ngo Lan",
        language="vi",
        expertise="Nuôi tôm và kiểm soát dịch bệnh trong ao",
        keywords=["nuôi tôm"],
        search_text="ngo lan\nnuôi tôm và kiểm soát dịch bệnh trong ao\nnuôi tôm",
        sectors=["fish.mariculture"],
        countries=["VN"],
        languages_spoken=["vi"],
        availability="limited",
    )
    url = reverse("experts:list")
    assert "Ngo Lan" in client.get(url, {"sector": "fish.mariculture"}).content.decode()
    assert "Chen Hui" not in client.get(url, {"sector": "fish.mariculture"}).content.decode()
    assert "Ngo Lan" in client.get(url, {"sector": "fish"}).content.decode()  # parent sector
    assert "Ngo Lan" in client.get(url, {"country": "VN"}).content.decode()
    assert "Ngo Lan" not in client.get(url, {"country": "TH"}).content.decode()
    assert "Ngo Lan" in client.get(url, {"language": "vi"}).content.decode()
    assert "Ngo Lan" in client.get(url, {"availability": "limited"}).content.decode()
    found = client.get(url, {"q": "NUÔI TÔM"}).content.decode()
    assert "Ngo Lan" in found
    assert client.get(url, {"country": "nowhere", "page": "x"}).status_code == 200
    for n in range(25):
        ExpertFactory(name=f"Paged {n:02d}")
    first = client.get(url).content.decode()
    second = client.get(url, {"page": 2}).content.decode()
    assert "Page 1 of 2" in first and "Page 2 of 2" in second
    partial = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in partial and "listing-list" in partial


@pytest.mark.parametrize("role", ["anonymous", "member", "staff"])
def test_list_uses_a_constant_number_of_queries(
    client_for, people, role, django_assert_max_num_queries
):
    for n in range(30):
        ExpertFactory(
            sectors=["agri.processing", "energy.solar"], visibility="members" if n % 2 else "public"
        )
    client = client_for(people[role])
    with django_assert_max_num_queries(14):
        assert client.get(reverse("experts:list")).status_code == 200
    with django_assert_max_num_queries(14):
        assert (
            client.get(reverse("experts:list"), {"q": "drying", "sector": "agri"}).status_code
            == 200
        )


def test_my_profile_registers_then_edits(client_for, people):
    assert client_for(None).get(reverse("experts:mine")).status_code == 302  # to sign-in
    newcomer = UserFactory(full_name="Dara Kim")
    client = client_for(newcomer)
    page = client.get(reverse("experts:mine"))
    assert page.status_code == 200 and "Dara Kim" in page.content.decode()
    bad = client.post(reverse("experts:mine"), {"name": "Dara Kim", "language": "km"})
    assert bad.status_code == 200 and "This field is required" in bad.content.decode()
    response = client.post(
        reverse("experts:mine"),
        {
            "name": "Dara Kim",
            "language": "km",
            "expertise": "ការគ្រប់គ្រងទឹកស្អាតនៅតាមភូមិ",
            "keywords": "water, ទឹក",
            "sectors": ["env.water"],
            "languages_spoken": ["km", "en"],
            "countries": ["KH"],
            "availability": "available",
            "visibility": "public",
            "expertise__en": "Village drinking water management",
        },
    )
    expert = Expert.objects.get(user=newcomer)
    assert response.status_code == 302 and response.url == reverse(
        "experts:detail", args=[expert.pk]
    )
    assert expert.expertise_translations == {"en": "Village drinking water management"}
    assert expert.email == newcomer.email
    again = client.get(reverse("experts:mine"))
    assert again.status_code == 302 and again.url == reverse("experts:edit", args=[expert.pk])
    assert client.get(again.url).status_code == 200


@pytest.mark.parametrize(
    "role, expected",
    [("anonymous", 302), ("member", 403), ("expert", 200), ("other_expert", 403), ("staff", 200)],
)
def test_edit_page_per_role(client_for, people, role, expected):
    url = reverse("experts:edit", args=[people["expert_profile"].pk])
    assert _status(client_for, people, role, "get", url) == expected


@pytest.mark.parametrize(
    "role, expected",
    [("anonymous", 302), ("member", 403), ("expert", 403), ("other_expert", 403), ("staff", 200)],
)
def test_add_page_per_role(client_for, people, role, expected):
    assert _status(client_for, people, role, "get", reverse("experts:add")) == expected


def test_staff_add_an_expert_with_field_errors_first(client_for, people):
    client = client_for(people["staff"])
    data = {
        "name": "Dr Aung",
        "language": "my",
        "expertise": "ရေနံ ဓာတ်ငွေ့",
        "sectors": ["energy.biomass"],
        "availability": "available",
        "visibility": "members",
    }
    response = client.post(reverse("experts:add"), data)
    assert response.status_code == 200 and "Give the address" in response.content.decode()
    response = client.post(reverse("experts:add"), {**data, "email": "aung@hidden.example.org"})
    expert = Expert.objects.get(name="Dr Aung")
    assert response.status_code == 302 and expert.is_verified


@pytest.mark.parametrize(
    "role, expected",
    [("anonymous", 302), ("member", 404), ("expert", 403), ("other_expert", 404), ("staff", 302)],
)
def test_verify_per_role(client_for, people, role, expected):
    expert = people["expert_profile"]
    Expert.objects.filter(pk=expert.pk).update(is_verified=False)
    assert (
        _status(client_for, people, role, "post", reverse("experts:verify", args=[expert.pk]))
        == expected
    )
    assert Expert.objects.get(pk=expert.pk).is_verified == (role == "staff")


@pytest.mark.parametrize(
    "role, expected",
    [("anonymous", 302), ("member", 302), ("expert", 403), ("other_expert", 302), ("staff", 302)],
)
def test_contact_per_role(client_for, people, role, expected):
    url = reverse("experts:contact", args=[people["expert_profile"].pk])
    data = {"subject": "Question", "body": "Could you help?"}
    assert _status(client_for, people, role, "post", url, data) == expected
    sent = ExpertMessage.objects.filter(expert=people["expert_profile"]).exists()
    assert sent == (role in {"member", "other_expert", "staff"})


def test_contact_form_errors_and_rate_limit_are_clear(client_for, people, settings):
    settings.EXPERT_CONTACT_LIMIT_PER_DAY = 1
    client = client_for(people["member"])
    url = reverse("experts:contact", args=[people["expert_profile"].pk])
    empty = client.post(url, {"subject": "", "body": ""})
    assert empty.status_code == 422 and "This field is required" in empty.content.decode()
    ExpertMessageFactory(sender=people["member"], expert=people["other_profile"])
    limited = client.post(url, {"subject": "Question", "body": "Could you help?"})
    assert limited.status_code == 422
    assert "1 messages to experts in the last 24 hours" in limited.content.decode()
    assert client.get(reverse("experts:detail", args=["999999"])).status_code == 404
