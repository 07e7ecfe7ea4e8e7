import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_password_reset_flow_sets_new_password(client, worker, outbox):
    user = UserFactory(email="ana@example.org", preferred_language="vi")
    response = client.post(reverse("accounts:password_reset"), {"email": "ana@example.org"})
    assert response.status_code == 302
    assert outbox == []
    worker()
    assert len(outbox) == 1
    with translation.override("vi"):
        assert outbox[0].subject == gettext("Choose a new techbridge password")
    assert outbox[0].subject != "Choose a new techbridge password"
    path = re.search(r"https?://[^/]+(/\S+)", outbox[0].body).group(1)

    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    assert form_page.context["validlink"] is True
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a-brand-new-secret-9", "new_password2": "a-brand-new-secret-9"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a-brand-new-secret-9")


def test_password_reset_unknown_email_sends_nothing_and_looks_the_same(client, worker, outbox):
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert response.url == reverse("accounts:password_reset_done")
    worker()
    assert outbox == []


def test_password_reset_bad_link_is_explained(client):
    response = client.get(
        reverse("accounts:password_reset_confirm", kwargs={"uidb64": "MQ", "token": "bad-token"})
    )
    assert response.status_code == 200
    assert response.context["validlink"] is False
