import pytest
from django.urls import reverse

from techbridge.catalog.models import Technology
from techbridge.organisations.enums import MemberRole
from tests.factories import MembershipFactory, NeedFactory, TechnologyFactory, UserFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "outsider", "member", "admin", "focal_point", "other_focal_point", "staff"]
LOGIN = "login"


@pytest.fixture
def people():
    technology = TechnologyFactory(status="submitted", organisation__country="CN")
    organisation = technology.organisation
    return technology, {
        "anonymous": None,
        "outsider": UserFactory(),
        "member": MembershipFactory(organisation=organisation).user,
        "admin": MembershipFactory(organisation=organisation, role=MemberRole.ADMIN).user,
        "focal_point": UserFactory(focal_point_country="CN"),
        "other_focal_point": UserFactory(focal_point_country="TH"),
        "staff": UserFactory(is_staff=True),
    }


PAGES = {
    "detail_submitted": (
        "get",
        lambda t: reverse("catalog:technology", args=[t.pk]),
        {"anonymous": 404, "outsider": 404, "other_focal_point": 404, "*": 200},
    ),
    "edit_submitted": (
        "get",
        lambda t: reverse("catalog:technology_edit", args=[t.pk]),
        {
            "anonymous": LOGIN,
            "outsider": 404,
            "other_focal_point": 404,
            "member": 403,
            "admin": 403,
            "focal_point": 403,
            "staff": 200,
        },
    ),
    "history": (
        "get",
        lambda t: reverse("catalog:technology_history", args=[t.pk]),
        {"anonymous": LOGIN, "outsider": 404, "other_focal_point": 404, "*": 200},
    ),
    "create": (
        "get",
        lambda t: reverse("catalog:technology_create", args=[t.organisation.slug]),
        {"anonymous": LOGIN, "member": 200, "admin": 200, "staff": 200, "*": 403},
    ),
    "dashboard": (
        "get",
        lambda t: reverse("catalog:dashboard", args=[t.organisation.slug]),
        {"anonymous": LOGIN, "outsider": 403, "other_focal_point": 403, "*": 200},
    ),
    "import": (
        "get",
        lambda t: reverse("catalog:import", args=[t.organisation.slug]),
        {"anonymous": LOGIN, "member": 200, "admin": 200, "staff": 200, "*": 403},
    ),
    "review_queue": (
        "get",
        lambda t: reverse("catalog:review_queue"),
        {"anonymous": LOGIN, "focal_point": 200, "other_focal_point": 200, "staff": 200, "*": 403},
    ),
    "start_review": (
        "post",
        lambda t: reverse("catalog:technology_action", args=[t.pk, "start_review"]),
        {
            "anonymous": LOGIN,
            "outsider": 404,
            "other_focal_point": 404,
            "focal_point": 302,
            "staff": 302,
            "*": 403,
        },
    ),
    "publish": (
        "post",
        lambda t: reverse("catalog:technology_action", args=[t.pk, "publish"]),
        {
            "anonymous": LOGIN,
            "outsider": 404,
            "other_focal_point": 404,
            "focal_point": 302,
            "staff": 302,
            "*": 403,
        },
    ),
    "withdraw": (
        "post",
        lambda t: reverse("catalog:technology_action", args=[t.pk, "withdraw"]),
        {
            "anonymous": LOGIN,
            "outsider": 404,
            "other_focal_point": 404,
            "member": 302,
            "admin": 302,
            "staff": 302,
            "*": 403,
        },
    ),
    "list": ("get", lambda t: reverse("catalog:technology_list"), {"*": 200}),
    "export": ("get", lambda t: reverse("catalog:technology_export"), {"*": 200}),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", sorted(PAGES))
def test_catalogue_page_access(client, people, page, role):
    technology, users = people
    method, url, expected_by_role = PAGES[page]
    if users[role]:
        client.force_login(users[role])
    response = getattr(client, method)(url(technology))
    expected = expected_by_role.get(role, expected_by_role.get("*"))
    if expected == LOGIN:
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))
    else:
        assert response.status_code == expected


def test_unknown_action_is_404(client, people):
    technology, users = people
    client.force_login(users["staff"])
    url = reverse("catalog:technology_action", args=[technology.pk, "explode"])
    assert client.post(url).status_code == 404


def test_create_form_saves_draft_and_warns_about_duplicates(client):
    existing = TechnologyFactory(
        title="Solar tunnel dryer for rice", summary="Dries rice with sunlight."
    )
    admin = MembershipFactory(role=MemberRole.ADMIN, organisation__country="CN").user
    organisation = admin.memberships.get().organisation
    client.force_login(admin)
    form = {
        "language": "en",
        "title": "Solar tunnel dryer for rice",
        "summary": "Dries rice with sunlight.",
        "description": "Tunnel.",
        "sectors": ["agri.processing"],
        "trl": "7",
        "ip_status": "none",
        "transfer_modes": ["technical_service"],
        "countries_developed": ["CN"],
        "visibility": "public",
    }
    url = reverse("catalog:technology_create", args=[organisation.slug])
    response = client.post(url, form)
    assert response.status_code == 200
    assert [d[0] for d in response.context["duplicates"]] == [existing]
    assert Technology.objects.count() == 1
    response = client.post(url, {**form, "confirm_not_duplicate": "on"})
    assert response.status_code == 302
    created = Technology.objects.exclude(pk=existing.pk).get()
    assert created.status == "draft"
    assert created.organisation == organisation


def test_create_form_shows_service_errors_on_fields(client):
    admin = MembershipFactory(role=MemberRole.ADMIN).user
    client.force_login(admin)
    url = reverse("catalog:technology_create", args=[admin.memberships.get().organisation.slug])
    response = client.post(url, {"language": "en", "title": "x"})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {
        "summary",
        "description",
        "sectors",
        "trl",
        "transfer_modes",
        "countries_developed",
    } <= set(errors)


def test_list_filters_by_facets(client):
    TechnologyFactory(title="Rice dryer", sectors=["agri.processing"], trl=8)
    TechnologyFactory(
        title="Water filter", sectors=["env.water"], trl=5, transfer_modes=["assignment"]
    )
    response = client.get(reverse("catalog:technology_list"), {"sector": "env"})
    assert [v.title.text for v in response.context["views"]] == ["Water filter"]
    response = client.get(reverse("catalog:technology_list"), {"transfer_mode": "assignment"})
    assert [v.title.text for v in response.context["views"]] == ["Water filter"]
    response = client.get(reverse("catalog:technology_list"), {"trl": "8"})
    assert [v.title.text for v in response.context["views"]] == ["Rice dryer"]
    facets = client.get(reverse("catalog:technology_list")).context["facets"]
    assert ("env.water", facets["sector"][-1][1], 1) in facets["sector"] or any(
        code == "env.water" for code, _l, _n in facets["sector"]
    )
    assert [(value, count) for value, _label, count in facets["trl"]] == [("5", 1), ("8", 1)]


def test_need_list_filters_by_country(client):
    NeedFactory(country="KH", title="Khmer need")
    NeedFactory(country="LA", title="Lao need", organisation__country="LA")
    response = client.get(reverse("catalog:need_list"), {"country": "LA"})
    assert [v.title.text for v in response.context["views"]] == ["Lao need"]


@pytest.mark.parametrize("count", [1, 4])
def test_technology_list_query_count_is_constant(client, django_assert_num_queries, count):
    for _n in range(count):
        TechnologyFactory(sectors=["agri.processing", "energy.solar"])
    with django_assert_num_queries(13):  # 12 + 1 for the alliance member badges
        client.get(reverse("catalog:technology_list"))


@pytest.mark.parametrize("count", [1, 4])
def test_need_list_query_count_is_constant(client, django_assert_num_queries, count):
    for _n in range(count):
        NeedFactory()
    with django_assert_num_queries(10):  # 9 + 1 for the alliance member badges
        client.get(reverse("catalog:need_list"))


def test_reader_sees_translation_with_badge_or_original_with_language(client):
    TechnologyFactory(
        language="zh-hans",
        title="太阳能干燥机",
        translations={"th": {"title": {"text": "เครื่องอบแห้งพลังงานแสงอาทิตย์", "kind": "machine"}}},
    )
    client.cookies["techbridge_language"] = "th"
    page = client.get(reverse("catalog:technology_list")).content.decode()
    assert "เครื่องอบแห้งพลังงานแสงอาทิตย์" in page
    client.cookies["techbridge_language"] = "vi"
    page = client.get(reverse("catalog:technology_list")).content.decode()
    assert "太阳能干燥机" in page
    assert "简体中文" in page  # the language badge on the untranslated original


def test_history_page_lists_events(client):
    technology = TechnologyFactory(status="draft")
    admin = MembershipFactory(organisation=technology.organisation, role=MemberRole.ADMIN).user
    client.force_login(admin)
    client.post(reverse("catalog:technology_action", args=[technology.pk, "submit"]))
    page = client.get(reverse("catalog:technology_history", args=[technology.pk]))
    assert [e.action for e in page.context["events"]] == ["submitted"]


def test_export_respects_filters_and_formats(client):
    TechnologyFactory(title="Rice dryer", sectors=["agri.processing"])
    TechnologyFactory(title="Water filter", sectors=["env.water"])
    csv_text = client.get(
        reverse("catalog:technology_export"), {"sector": "env.water"}
    ).content.decode("utf-8-sig")
    assert "Water filter" in csv_text
    assert "Rice dryer" not in csv_text
    xlsx = client.get(reverse("catalog:technology_export"), {"format": "xlsx"})
    assert xlsx.status_code == 200
    assert client.get(reverse("catalog:technology_export"), {"format": "pdf"}).status_code == 404


def test_feeds_list_published_public_listings_only(client):
    TechnologyFactory(title="Fresh dryer")
    TechnologyFactory(title="Secret members cage", visibility="members")
    TechnologyFactory(title="Draft thing", status="draft")
    feed = client.get(reverse("catalog:technology_feed")).content.decode()
    assert "Fresh dryer" in feed
    assert "Secret members cage" not in feed
    assert "Draft thing" not in feed
    assert client.get(reverse("catalog:need_feed")).status_code == 200
