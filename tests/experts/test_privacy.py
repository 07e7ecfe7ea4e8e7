"""The expert's e-mail and phone never reach a page, an API response or the admin."""

import pytest
from django.urls import reverse

from techbridge.experts.services import expert_embed
from tests.experts.conftest import SECRET_EMAIL, SECRET_PHONE
from tests.factories import NeedFactory

pytestmark = pytest.mark.django_db
ROLES = ("anonymous", "member", "expert", "other_expert", "staff")


def _leaks(text: str) -> list[str]:
    local = SECRET_EMAIL.split("@")[0]
    return [secret for secret in (SECRET_EMAIL, local, SECRET_PHONE, "987 654") if secret in text]


@pytest.fixture
def surfaces(people):
    expert = people["expert_profile"]
    expert.sectors.set(expert.sectors.all())
    expert_embed(pk=expert.pk)
    need = NeedFactory(problem=expert.expertise, sectors=["agri.processing"])
    pages = [
        reverse("experts:list"),
        reverse("experts:list") + "?q=drying",
        reverse("experts:detail", args=[expert.pk]),
        reverse("experts:detail", args=[expert.pk]) + f"?need={need.pk}",
        reverse("experts:edit", args=[expert.pk]),
        reverse("experts:mine"),
        reverse("catalog:need", args=[need.pk]),
        "/api/experts",
        "/api/experts?q=drying",
        f"/api/experts/{expert.pk}",
        f"/api/experts/for-need/{need.pk}",
        "/api/openapi.json",
        reverse("admin:experts_expert_changelist"),
        reverse("admin:experts_expert_change", args=[expert.pk]),
    ]
    return {"expert": expert, "need": need, "pages": pages}


@pytest.mark.parametrize("role", ROLES)
def test_no_page_or_response_shows_the_experts_email_or_phone(client_for, people, surfaces, role):
    client = client_for(people[role])
    shown = 0
    for url in surfaces["pages"]:
        response = client.get(url, follow=True)
        assert response.status_code in {200, 403, 404}, url
        if response.status_code == 200:
            shown += 1
        assert _leaks(response.content.decode()) == [], (role, url)
    assert shown >= 5


def test_the_expert_sees_the_suggestion_and_the_contact_answer_without_the_address(
    client_for, people, surfaces, worker, outbox
):
    client = client_for(people["member"])
    need_page = client.get(reverse("catalog:need", args=[surfaces["need"].pk])).content.decode()
    assert "Chen Hui" in need_page
    url = reverse("experts:contact", args=[surfaces["expert"].pk])
    response = client.post(
        url, {"subject": "Drying", "body": "Help?", "need": surfaces["need"].pk}, follow=True
    )
    assert response.status_code == 200 and _leaks(response.content.decode()) == []
    api = client.post(
        f"/api/experts/{surfaces['expert'].pk}/contact",
        {"subject": "Again", "body": "Help?"},
        content_type="application/json",
    )
    assert api.status_code == 201 and _leaks(api.content.decode()) == []
    worker()
    assert [message.to for message in outbox] == [[SECRET_EMAIL], [SECRET_EMAIL]]
    assert all(SECRET_PHONE not in message.body for message in outbox)


def test_the_edit_form_never_fills_in_the_stored_address_or_phone(client_for, people):
    for role in ("expert", "staff"):
        page = client_for(people[role]).get(
            reverse("experts:edit", args=[people["expert_profile"].pk])
        )
        assert page.status_code == 200 and _leaks(page.content.decode()) == []
