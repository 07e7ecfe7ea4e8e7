import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from techbridge.organisations.enums import MemberRole
from techbridge.organisations.models import Organisation
from tests.factories import JoinRequestFactory, MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

FORM = {
    "name": "Mekong Solar Dryers",
    "language": "en",
    "kind": "enterprise",
    "country": "KH",
    "region": "Takeo",
    "website": "mekong-solar.example.org",
    "description": "Solar dryers for rice and fish.",
    "name__km": "ម៉ាស៊ីនសម្ងួតពន្លឺព្រះអាទិត្យមេគង្គ",
}


def _png(size=(64, 64), fmt="PNG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "teal").save(buffer, fmt)
    return buffer.getvalue()


def test_create_organisation_with_logo_and_translation(client):
    user = UserFactory()
    client.force_login(user)
    logo = SimpleUploadedFile("logo.png", _png(), content_type="image/png")
    response = client.post(reverse("organisations:create"), {**FORM, "logo": logo})
    assert response.status_code == 302
    organisation = Organisation.objects.get()
    assert organisation.website == "https://mekong-solar.example.org"
    assert organisation.name_translations == {"km": "ម៉ាស៊ីនសម្ងួតពន្លឺព្រះអាទិត្យមេគង្គ"}
    assert organisation.logo.name.startswith("logos/mekong-solar-dryers-")
    assert organisation.memberships.get().user == user


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"not an image at all", "logo.png", "Upload a valid image."),
        (b"\x89PNG\r\n\x1a\n" + b"0" * 100, "logo.png", "Upload a valid image."),
    ],
)
def test_create_organisation_rejects_bad_logo_and_keeps_input(client, content, name, message):
    client.force_login(UserFactory())
    upload = SimpleUploadedFile(name, content, content_type="image/png")
    response = client.post(reverse("organisations:create"), {**FORM, "logo": upload})
    assert response.status_code == 200
    assert message in response.context["form"].errors["logo"][0]
    assert response.context["form"]["name"].value() == "Mekong Solar Dryers"
    assert Organisation.objects.count() == 0


def test_create_organisation_rejects_oversized_logo(client, settings):
    settings.MAX_LOGO_BYTES = 1000
    client.force_login(UserFactory())
    upload = SimpleUploadedFile("big.png", _png((400, 400)), content_type="image/png")
    response = client.post(reverse("organisations:create"), {**FORM, "logo": upload})
    assert response.status_code == 200
    assert "the limit is 1000\xa0bytes" in response.context["form"].errors["logo"][0]


def test_create_organisation_missing_fields_are_listed(client):
    client.force_login(UserFactory())
    response = client.post(reverse("organisations:create"), {"language": "en"})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"name", "kind", "country"}


def test_detail_shows_name_in_readers_language_with_original(client):
    organisation = OrganisationFactory(
        name="វិទ្យាស្ថានកសិកម្ម", language="km", name_translations={"th": "สถาบันเกษตร"}
    )
    client.cookies["techbridge_language"] = "th"
    page = client.get(reverse("organisations:detail", args=[organisation.slug])).content.decode()
    assert '<h1 lang="th">สถาบันเกษตร' in page
    assert "វិទ្យាស្ថានកសិកម្ម" in page


def test_list_filters_by_country_and_htmx_returns_fragment(client):
    OrganisationFactory(country="KH", name="Cambodian one")
    OrganisationFactory(country="LA", name="Lao one")
    response = client.get(reverse("organisations:list"), {"country": "KH"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert [o.name for o in response.context["page"]] == ["Cambodian one"]
    assert "<html" not in response.content.decode()


@pytest.mark.parametrize("count", [1, 4])
def test_list_query_count_is_constant(client, django_assert_num_queries, count):
    for _n in range(count):
        MembershipFactory()
    with django_assert_num_queries(2):
        client.get(reverse("organisations:list"))


@pytest.mark.parametrize("count", [1, 4])
def test_members_page_query_count_is_constant(client, django_assert_max_num_queries, count):
    admin = MembershipFactory(role=MemberRole.ADMIN)
    for _n in range(count):
        MembershipFactory(organisation=admin.organisation)
        JoinRequestFactory(organisation=admin.organisation)
    client.force_login(admin.user)
    with django_assert_max_num_queries(9):
        client.get(reverse("organisations:members", args=[admin.organisation.slug]))


def test_join_request_decision_with_htmx_returns_row(client):
    admin = MembershipFactory(role=MemberRole.ADMIN)
    join_request = JoinRequestFactory(organisation=admin.organisation)
    client.force_login(admin.user)
    response = client.post(
        reverse("organisations:join_request_decide", args=[join_request.pk]),
        {"decision": "reject"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert response.content.decode().startswith(f'<tr id="join-request-{join_request.pk}">')


def test_invitation_page_accept_flow(client):
    admin = MembershipFactory(role=MemberRole.ADMIN)
    client.force_login(admin.user)
    client.post(
        reverse("organisations:invite", args=[admin.organisation.slug]),
        {"email": "new@example.org", "role": "member"},
    )
    invitation = admin.organisation.invitations.get()
    invitee = UserFactory(email="new@example.org")
    client.force_login(invitee)
    assert (
        client.get(reverse("organisations:invitation", args=[invitation.token])).status_code == 200
    )
    response = client.post(reverse("organisations:invitation", args=[invitation.token]))
    assert response.status_code == 302
    assert admin.organisation.memberships.filter(user=invitee).exists()


def test_my_organisations_lists_invitations_sent_before_sign_up(client):
    admin = MembershipFactory(role=MemberRole.ADMIN)
    client.force_login(admin.user)
    client.post(
        reverse("organisations:invite", args=[admin.organisation.slug]),
        {"email": "Later@example.org", "role": "member"},
    )
    newcomer = UserFactory(email="later@example.org")
    client.force_login(newcomer)
    page = client.get(reverse("organisations:mine"))
    assert [i.organisation for i in page.context["invitations"]] == [admin.organisation]
    token = page.context["invitations"][0].token
    client.post(reverse("organisations:invitation", args=[token]))
    assert list(client.get(reverse("organisations:mine")).context["invitations"]) == []
