import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from techbridge.core.views import error_500
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_home_shows_live_counts(client):
    OrganisationFactory(country="TH")
    OrganisationFactory(country="KH")
    OrganisationFactory(country="KH")
    UserFactory()
    UserFactory(email_verified_at=None)
    response = client.get("/")
    assert response.status_code == 200
    assert response.context["counts"] == {
        "organisations": 3,
        "countries": 2,
        "people": 1,
        "technologies": 0,
        "needs": 0,
    }
    assert [row["country"] for row in response.context["by_country"]] == ["KH", "TH"]


def test_home_query_count_does_not_grow(client, django_assert_max_num_queries):
    for country in ("TH", "VN", "KH", "LA", "MM"):
        MembershipFactory(organisation=OrganisationFactory(country=country))
    with django_assert_max_num_queries(5):
        client.get("/")


def test_home_is_accessible_landmarks(client):
    page = client.get("/").content.decode()
    for landmark in (
        '<header class="site-header">',
        "<nav aria-label=",
        '<main id="main"',
        "<footer",
        'class="skip-link" href="#main"',
    ):
        assert landmark in page


def test_404_page_is_in_visitors_language(client):
    client.cookies["techbridge_language"] = "vi"
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    with translation.override("vi"):
        assert gettext("Page not found") in response.content.decode()


def test_500_page_is_in_active_language():
    request = RequestFactory().get("/")
    with translation.override("km"):
        response = error_500(request)
        expected = gettext("Something went wrong")
    assert response.status_code == 500
    assert expected in response.content.decode()
    assert 'lang="km"' in response.content.decode()


def test_healthz_answers_ok(client):
    assert client.get("/healthz").json() == {"status": "ok"}


def test_htmx_requests_carry_csrf_token(client):
    page = client.get("/").content.decode()
    assert 'hx-headers=\'{"X-CSRFToken": "' in page


def test_admin_is_for_staff_only(client):
    client.force_login(UserFactory())
    assert client.get(reverse("admin:index")).status_code == 302
    client.force_login(UserFactory(is_staff=True))
    assert client.get(reverse("admin:index")).status_code == 200


def test_every_admin_changelist_and_add_page_opens_for_superuser(client):
    from django.contrib import admin

    from tests.factories import NeedFactory, TechnologyFactory

    TechnologyFactory()
    NeedFactory()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    failures = []
    for model, model_admin in admin.site._registry.items():
        info = (model._meta.app_label, model._meta.model_name)
        names = ["changelist"]
        if model_admin.has_add_permission(client.get("/").wsgi_request):
            names.append("add")
        for name in names:
            url = reverse(f"admin:{info[0]}_{info[1]}_{name}")
            status = client.get(url).status_code
            if status != 200:
                failures.append((url, status))
    assert failures == []
