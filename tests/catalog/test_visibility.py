"""Anonymised and members-only listings: hidden fields never reach a reader who may not see
them, on any surface (pages, API, exports, organisation page, collection, search)."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import (
    CallFactory,
    MembershipFactory,
    NeedFactory,
    OrganisationFactory,
    SubmissionFactory,
    TechnologyFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

SECRETS = [
    "Secret Provider Ltd",
    "secret-provider",
    "li.secret@secret-provider.example.org",
    "CN202399999999.X",
    "https://secret-provider.example.org/dryer",
]


@pytest.fixture
def anonymised():
    provider = OrganisationFactory(
        name="Secret Provider Ltd",
        slug="secret-provider",
        country="CN",
        website="https://secret-provider.example.org",
    )
    technology = TechnologyFactory(
        organisation=provider,
        visibility="anonymised",
        title="Hybrid solar biomass coffee dryer",
        contact_email="li.secret@secret-provider.example.org",
        patent_numbers=["CN202399999999.X"],
        website="https://secret-provider.example.org/dryer",
        external_id="SECRET-EXT-1",
    )
    return technology


def _xlsx_text(content: bytes) -> str:
    workbook = load_workbook(io.BytesIO(content), read_only=True)
    return " ".join(
        str(value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    )


def _surfaces(client, technology) -> dict[str, str]:
    call = CallFactory(state="published")
    SubmissionFactory(call=call, technology=technology, decision="selected")
    return {
        "list": client.get(reverse("catalog:technology_list")).content.decode(),
        "search": client.get(reverse("catalog:technology_list"), {"q": "coffee"}).content.decode(),
        "detail": client.get(reverse("catalog:technology", args=[technology.pk])).content.decode(),
        "api_list": client.get("/api/technologies").content.decode(),
        "api_detail": client.get(f"/api/technologies/{technology.pk}").content.decode(),
        "export_csv": client.get(reverse("catalog:technology_export")).content.decode("utf-8-sig"),
        "export_xlsx": _xlsx_text(
            client.get(reverse("catalog:technology_export"), {"format": "xlsx"}).content
        ),
        "feed": client.get(reverse("catalog:technology_feed")).content.decode(),
        "organisation_page": client.get(
            reverse("organisations:detail", args=[technology.organisation.slug])
        ).content.decode(),
        "collection": client.get(reverse("curation:collection", args=[call.slug])).content.decode(),
        "collection_csv": client.get(
            reverse("curation:collection", args=[call.slug]), {"format": "csv"}
        ).content.decode("utf-8-sig"),
    }


@pytest.mark.parametrize("role", ["anonymous", "outsider", "other_focal_point"])
def test_anonymised_technology_hides_provider_everywhere(client, anonymised, role):
    users = {
        "anonymous": None,
        "outsider": UserFactory(),
        "other_focal_point": UserFactory(focal_point_country="TH"),
    }
    if users[role]:
        client.force_login(users[role])
    surfaces = _surfaces(client, anonymised)
    # The listing itself is visible...
    assert "Hybrid solar biomass coffee dryer" in surfaces["list"]
    assert "Hybrid solar biomass coffee dryer" in surfaces["search"]
    assert "Hybrid solar biomass coffee dryer" in surfaces["export_csv"]
    assert "Hybrid solar biomass coffee dryer" in surfaces["collection_csv"]
    assert "Hybrid solar biomass coffee dryer" in surfaces["feed"]
    # ...its provider is not, on any surface. The provider's own page names the provider,
    # so there the anonymised listing itself must be absent.
    assert "Hybrid solar biomass coffee dryer" not in surfaces.pop("organisation_page")
    leaks = [
        (name, secret) for name, text in surfaces.items() for secret in SECRETS if secret in text
    ]
    assert leaks == []
    assert "SECRET-EXT-1" not in "".join(surfaces.values())


@pytest.mark.parametrize("role", ["staff", "member", "focal_point"])
def test_anonymised_technology_shows_provider_to_those_allowed(client, anonymised, role):
    users = {
        "staff": UserFactory(is_staff=True),
        "member": MembershipFactory(organisation=anonymised.organisation).user,
        "focal_point": UserFactory(focal_point_country="CN"),
    }
    client.force_login(users[role])
    detail = client.get(reverse("catalog:technology", args=[anonymised.pk])).content.decode()
    assert "Secret Provider Ltd" in detail
    assert "li.secret@secret-provider.example.org" in detail
    assert "CN202399999999.X" in detail
    api = client.get(f"/api/technologies/{anonymised.pk}").json()
    assert api["provider"]["slug"] == "secret-provider"


def test_anonymised_need_hides_organisation(client):
    need = NeedFactory(
        visibility="anonymised",
        organisation=OrganisationFactory(
            name="Hidden Cooperative", slug="hidden-coop", country="KH"
        ),
        contact_email="hidden@hidden-coop.example.org",
    )
    pages = [
        client.get(reverse("catalog:need_list")).content.decode(),
        client.get(reverse("catalog:need", args=[need.pk])).content.decode(),
        client.get("/api/needs").content.decode(),
        client.get(reverse("catalog:need_export")).content.decode("utf-8-sig"),
    ]
    for page in pages:
        assert "Hidden Cooperative" not in page
        assert "hidden@hidden-coop.example.org" not in page
        assert "hidden-coop" not in page


def test_members_only_listing_is_absent_for_visitors(client):
    technology = TechnologyFactory(visibility="members", title="Members-only mariculture cage")
    assert client.get(reverse("catalog:technology", args=[technology.pk])).status_code == 404
    assert (
        "Members-only mariculture cage"
        not in client.get(reverse("catalog:technology_list")).content.decode()
    )
    assert client.get("/api/technologies").json()["count"] == 0
    assert client.get(f"/api/technologies/{technology.pk}").status_code == 404
    assert "Members-only" not in client.get(reverse("catalog:technology_export")).content.decode(
        "utf-8-sig"
    )


def test_members_only_listing_is_shown_to_members_of_any_organisation(client):
    technology = TechnologyFactory(visibility="members", title="Members-only mariculture cage")
    client.force_login(MembershipFactory().user)
    assert client.get(reverse("catalog:technology", args=[technology.pk])).status_code == 200
    assert client.get("/api/technologies").json()["count"] == 1


def test_members_only_listing_hidden_from_user_without_organisation(client):
    technology = TechnologyFactory(visibility="members")
    client.force_login(UserFactory())
    assert client.get(reverse("catalog:technology", args=[technology.pk])).status_code == 404


@pytest.mark.parametrize(
    "status", ["draft", "submitted", "under_review", "rejected", "withdrawn", "expired"]
)
def test_unpublished_listing_is_404_for_outsiders(client, status):
    technology = TechnologyFactory(status=status)
    client.force_login(UserFactory())
    assert client.get(reverse("catalog:technology", args=[technology.pk])).status_code == 404
    assert client.get(f"/api/technologies/{technology.pk}").status_code == 404
    assert client.get("/api/technologies").json()["count"] == 0
