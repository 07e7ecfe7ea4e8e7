"""Who may and who may not, on every registration page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from techbridge.events.models import Registration
from tests.factories import (
    EventFactory,
    RegistrationFactory,
    RegistrationQuestionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "unverified", "outsider", "participant", "staff"]


@pytest.fixture
def people(roles):
    event = EventFactory(requires_approval=True)
    participant = RegistrationFactory(event=event, status="pending").user
    return event, {**roles, "participant": participant}


def _is_login_redirect(response) -> bool:
    return response.status_code == 302 and reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize("role", ROLES)
def test_public_pages_for_everyone(client_for, people, role):
    event, users = people
    client = client_for(users[role])
    assert client.get(reverse("events:list")).status_code == 200
    assert client.get(reverse("events:detail", args=[event.slug])).status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_register_page(client_for, people, role):
    event, users = people
    response = client_for(users[role]).get(reverse("events:register", args=[event.slug]))
    if role == "anonymous":
        assert _is_login_redirect(response)
    elif role == "unverified":
        assert response.status_code == 403
    else:
        assert response.status_code == 200


def test_register_through_the_form(client_for):
    event = EventFactory()
    question = RegistrationQuestionFactory(event=event, label="Company", required=True)
    user = UserFactory()
    url = reverse("events:register", args=[event.slug])
    response = client_for(user).post(url, {"participant_type": "seeker", "attendance": "online"})
    assert response.status_code == 200
    assert f"question_{question.pk}" in response.context["form"].errors
    response = client_for(user).post(
        url,
        {
            "participant_type": "seeker",
            "attendance": "online",
            f"question_{question.pk}": "Lao Agro",
        },
    )
    assert response.status_code == 302
    registration = Registration.objects.get(user=user)
    assert registration.answers == {str(question.pk): "Lao Agro"}


def test_question_labels_in_the_readers_language(client_for):
    event = EventFactory(language="zh-hans")
    RegistrationQuestionFactory(
        event=event, label="贵单位名称", label_translations={"vi": "Tên tổ chức của bạn"}
    )
    vietnamese = UserFactory(preferred_language="vi")
    page = client_for(vietnamese).get(reverse("events:register", args=[event.slug]))
    assert "Tên tổ chức của bạn" in page.content.decode()
    chinese = UserFactory(preferred_language="zh-hans")
    page = client_for(chinese).get(reverse("events:register", args=[event.slug]))
    assert "贵单位名称" in page.content.decode()


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"participant_type": "alien", "attendance": "teleport"},
        {"participant_type": ["provider", "seeker"], "attendance": "online", "question_1": "x" * 9},
    ],
)
def test_bad_registration_input_gives_field_errors_not_500(client_for, data):
    event = EventFactory()
    RegistrationQuestionFactory(event=event, kind="choice", options=["A"], required=True)
    response = client_for(UserFactory()).post(reverse("events:register", args=[event.slug]), data)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Registration.objects.exists()


def test_register_twice_shows_an_error(client_for):
    registration = RegistrationFactory()
    url = reverse("events:register", args=[registration.event.slug])
    data = {"participant_type": "seeker", "attendance": "in_person"}
    response = client_for(registration.user).post(url, data)
    assert response.status_code == 200
    assert "already registered" in response.content.decode()


def test_closed_registration_redirects_with_a_message(client_for):
    event = EventFactory(registration_deadline=timezone.now() - datetime.timedelta(hours=1))
    response = client_for(UserFactory()).get(reverse("events:register", args=[event.slug]))
    assert response.status_code == 302
    page = client_for(UserFactory()).get(reverse("events:detail", args=[event.slug]))
    assert "Registration for this event is closed." in page.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_cancel(client_for, people, role):
    event, users = people
    response = client_for(users[role]).post(reverse("events:cancel", args=[event.slug]))
    if role == "anonymous":
        assert _is_login_redirect(response)
    elif role == "participant":
        assert response.status_code == 302
        assert Registration.objects.get(user=users[role]).status == "cancelled"
    else:
        assert response.status_code == 404  # they have no registration to cancel
        assert Registration.objects.get(event=event).status == "pending"


@pytest.mark.parametrize("role", ROLES)
def test_staff_registrations_page(client_for, people, role):
    event, users = people
    response = client_for(users[role]).get(reverse("events:registrations", args=[event.slug]))
    if role == "anonymous":
        assert _is_login_redirect(response)
    elif role == "staff":
        assert response.status_code == 200
        assert users["participant"].email in response.content.decode()
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_decide(client_for, people, role):
    event, users = people
    registration = Registration.objects.get(event=event)
    url = reverse("events:decide", args=[registration.pk])
    response = client_for(users[role]).post(url, {"action": "approve"})
    registration.refresh_from_db()
    if role == "anonymous":
        assert _is_login_redirect(response)
    elif role == "staff":
        assert response.status_code == 302
        assert registration.status == "approved"
    else:
        assert response.status_code == 403
        assert registration.status == "pending"


def test_htmx_reject_returns_the_row_and_asks_for_a_reason(client_for, people):
    event, users = people
    registration = Registration.objects.get(event=event)
    client = client_for(users["staff"])
    url = reverse("events:decide", args=[registration.pk])
    response = client.post(url, {"action": "reject"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "Give the participant a reason." in response.content.decode()
    response = client.post(
        url, {"action": "reject", "reason": "Only ministries"}, HTTP_HX_REQUEST="true"
    )
    page = response.content.decode()
    assert page.startswith(f'<tr id="registration-{registration.pk}"')
    assert "Only ministries" in page and "<html" not in page
    registration.refresh_from_db()
    assert registration.status == "rejected"


@pytest.mark.parametrize("role", ROLES)
def test_my_events(client_for, people, role):
    event, users = people
    response = client_for(users[role]).get(reverse("events:mine"))
    if role == "anonymous":
        assert _is_login_redirect(response)
        return
    assert response.status_code == 200
    assert (event.title in response.content.decode()) == (role == "participant")


def test_detail_shows_the_participants_status_and_waiting_position(client_for):
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)
    waiting = RegistrationFactory(event=event, status="waiting")
    page = client_for(waiting.user).get(reverse("events:detail", args=[event.slug]))
    text = page.content.decode()
    assert "On the waiting list" in text and "number 1 on the list" in text
    assert "1 of 1 places taken" in text
