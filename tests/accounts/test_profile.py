import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_profile_anonymous_is_sent_to_login(client):
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_profile_saves_language_and_time_zone(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("accounts:profile"),
        {"full_name": "Ana Reyes", "preferred_language": "fil", "time_zone": "Asia/Manila"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.full_name, user.preferred_language, user.time_zone) == (
        "Ana Reyes",
        "fil",
        "Asia/Manila",
    )


def test_profile_rejects_unknown_time_zone(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("accounts:profile"),
        {"full_name": "Ana", "preferred_language": "en", "time_zone": "Nowhere/City"},
    )
    assert response.status_code == 200
    assert "time_zone" in response.context["form"].errors
    user.refresh_from_db()
    assert user.time_zone == "Asia/Bangkok"


def test_profile_page_uses_users_language_and_time_zone(client):
    user = UserFactory(preferred_language="th", time_zone="Asia/Bangkok")
    client.force_login(user)
    response = client.get(reverse("accounts:profile"))
    assert response["Content-Language"] == "th"
    with translation.override("th"):
        heading = gettext("Your profile")
    assert heading != "Your profile"
    assert heading in response.content.decode()
