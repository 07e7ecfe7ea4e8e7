import pytest
from django.urls import reverse

from techbridge.api.models import ApiToken
from tests.factories import ApiTokenFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_tokens_page_requires_login(client):
    response = client.get(reverse("api_tokens:list"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_token_created_is_shown_once_and_stored_hashed(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("api_tokens:list"), {"name": "CRM import"})
    secret = response.context["new_secret"]
    assert secret.startswith("tb_")
    token = ApiToken.objects.get()
    assert secret not in (token.digest, token.prefix)
    assert secret not in client.get(reverse("api_tokens:list")).content.decode()
    assert client.get("/api/me", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 200


def test_token_without_name_gives_field_error(client):
    client.force_login(UserFactory())
    response = client.post(reverse("api_tokens:list"), {"name": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["name"] == ["This field is required."]
    assert ApiToken.objects.count() == 0


def test_token_revoke_only_by_owner(client):
    token = ApiTokenFactory()
    client.force_login(UserFactory())
    assert client.post(reverse("api_tokens:revoke", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    client.force_login(token.user)
    assert client.post(reverse("api_tokens:revoke", args=[token.pk])).status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_other_users_tokens_are_not_listed(client):
    other = ApiTokenFactory(name="not yours")
    client.force_login(UserFactory())
    assert other.name not in client.get(reverse("api_tokens:list")).content.decode()
