import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from techbridge.accounts.models import User
from techbridge.accounts.tokens import verification_token_make
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SIGN_UP = {
    "full_name": "Dara Sok",
    "email": "Dara.Sok@Example.org",
    "password": "mekong-delta-2026",
    "password_again": "mekong-delta-2026",
    "preferred_language": "km",
    "time_zone": "Asia/Phnom_Penh",
}


def _link(body: str) -> str:
    return re.search(r"https?://\S+", body).group(0)


def test_sign_up_creates_unverified_user_and_queues_email(client, worker, outbox):
    response = client.post(reverse("accounts:sign_up"), SIGN_UP)

    assert response.status_code == 302
    assert response.url == reverse("accounts:sign_up_done")
    user = User.objects.get()
    assert user.email == "dara.sok@example.org"
    assert user.email_verified_at is None
    assert user.password.startswith("argon2")
    assert outbox == []  # nothing is sent inside the request
    worker()
    assert len(outbox) == 1
    assert outbox[0].to == ["dara.sok@example.org"]


def test_sign_up_email_is_in_chosen_language(client, worker, outbox):
    client.post(reverse("accounts:sign_up"), {**SIGN_UP, "preferred_language": "th"})
    worker()
    with translation.override("th"):
        expected = gettext("Confirm your e-mail address for techbridge")
    assert expected != "Confirm your e-mail address for techbridge"
    assert outbox[0].subject == expected


def test_sign_up_verification_link_verifies_and_logs_in(client, worker, outbox):
    client.post(reverse("accounts:sign_up"), SIGN_UP)
    worker()
    link = _link(outbox[0].body)

    response = client.get(link.replace("http://127.0.0.1:8000", ""))

    assert response.status_code == 302
    assert response.url == reverse("organisations:mine")
    assert User.objects.get().email_verified_at is not None
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_sign_up_with_taken_email_shows_field_error(client):
    UserFactory(email="dara.sok@example.org")
    response = client.post(reverse("accounts:sign_up"), SIGN_UP)
    assert response.status_code == 200
    assert response.context["form"].errors["email"] == [
        "An account with this e-mail address already exists."
    ]
    assert User.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"password_again": "something-else-1"}, "password_again", "The two passwords differ."),
        (
            {"password": "12345678901", "password_again": "12345678901"},
            "password",
            "This password is entirely numeric.",
        ),
        ({"email": "not-an-email"}, "email", "Enter a valid email address."),
        ({"time_zone": "Mars/Olympus"}, "time_zone", None),
        ({"preferred_language": "xx"}, "preferred_language", None),
        ({"full_name": ""}, "full_name", "This field is required."),
    ],
)
def test_sign_up_bad_input_gives_field_error_and_keeps_input(client, changes, field, message):
    response = client.post(reverse("accounts:sign_up"), {**SIGN_UP, **changes})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors
    if message:
        assert message in errors[field]
    assert response.context["form"]["full_name"].value() == {**SIGN_UP, **changes}["full_name"]
    assert User.objects.count() == 0


def test_verify_with_tampered_token_fails_clearly(client):
    user = UserFactory(email_verified_at=None)
    token = verification_token_make(user_id=user.pk, email=user.email) + "x"
    response = client.get(reverse("accounts:verify", kwargs={"token": token}))
    assert response.status_code == 400
    assert "invalid or has expired" in response.content.decode()
    user.refresh_from_db()
    assert user.email_verified_at is None


def test_verify_token_for_changed_email_is_rejected(client):
    user = UserFactory(email_verified_at=None)
    token = verification_token_make(user_id=user.pk, email="old@example.org")
    response = client.get(reverse("accounts:verify", kwargs={"token": token}))
    assert response.status_code == 400


def test_resend_verification_does_not_reveal_accounts(client, worker, outbox):
    UserFactory(email="waiting@example.org", email_verified_at=None)
    for email in ("waiting@example.org", "nobody@example.org"):
        response = client.post(reverse("accounts:resend_verification"), {"email": email})
        assert response.status_code == 302
        assert response.url == reverse("accounts:sign_up_done")
    worker()
    assert [message.to for message in outbox] == [["waiting@example.org"]]


def test_sign_up_page_redirects_signed_in_user(client):
    client.force_login(UserFactory())
    assert client.get(reverse("accounts:sign_up")).status_code == 302
