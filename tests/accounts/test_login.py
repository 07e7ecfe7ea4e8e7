import pytest
from django.urls import reverse

from techbridge.accounts.models import FailedLogin
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def _login(client, email, password, ip="10.0.0.1"):
    return client.post(
        reverse("accounts:login"), {"username": email, "password": password}, REMOTE_ADDR=ip
    )


def test_login_with_right_password_succeeds(client):
    user = UserFactory(email="ana@example.org")
    response = _login(client, "ANA@example.org", PASSWORD)
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk


def test_login_with_wrong_password_shows_error_and_records_failure(client):
    UserFactory(email="ana@example.org")
    response = _login(client, "ana@example.org", "wrong")
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == ["E-mail address or password is wrong."]
    assert FailedLogin.objects.filter(email="ana@example.org").count() == 1


def test_login_unverified_user_is_refused(client):
    UserFactory(email="new@example.org", email_verified_at=None)
    response = _login(client, "new@example.org", PASSWORD)
    assert response.status_code == 200
    assert "confirm your e-mail address first" in response.context["form"].non_field_errors()[0]


def test_login_throttled_after_limit_even_with_right_password(client, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    UserFactory(email="ana@example.org")
    for _attempt in range(3):
        _login(client, "ana@example.org", "wrong")
    response = _login(client, "ana@example.org", PASSWORD)
    assert response.status_code == 200
    assert "Too many failed sign-ins" in response.context["form"].non_field_errors()[0]
    assert "_auth_user_id" not in client.session


def test_login_throttle_per_address_covers_many_accounts(client, settings):
    settings.LOGIN_FAILURE_LIMIT = 2
    UserFactory(email="target@example.org")
    for n in range(8):
        _login(client, f"guess{n}@example.org", "wrong", ip="10.9.9.9")
    response = _login(client, "target@example.org", PASSWORD, ip="10.9.9.9")
    assert "Too many failed sign-ins" in response.context["form"].non_field_errors()[0]
    assert _login(client, "target@example.org", PASSWORD, ip="10.1.1.1").status_code == 302


def test_login_success_clears_failures(client):
    UserFactory(email="ana@example.org")
    _login(client, "ana@example.org", "wrong")
    _login(client, "ana@example.org", PASSWORD)
    assert FailedLogin.objects.count() == 0


def test_logout_requires_post_and_ends_session(client):
    client.force_login(UserFactory())
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert "_auth_user_id" not in client.session
