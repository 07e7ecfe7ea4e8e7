"""Result letters: a PDF in the applicant's language, only once an outcome is published,
for the applicant and staff only."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from techbridge.competitions import services_scoring
from tests.factories import AssignmentFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "applicant", "other_applicant", "judge", "conflicted_judge", "staff"]


@pytest.fixture
def published(world):
    world.applicant.preferred_language = "th"
    world.applicant.save()
    world.round.blind = False
    world.round.save()
    assignment = AssignmentFactory(round=world.round, entry=world.entry, judge=world.judge)
    data = {f"criterion_{c.pk}": c.max_score for c in world.criteria}
    services_scoring.assignment_score(user=world.judge.user, assignment=assignment, data=data)
    return world


def test_no_letter_before_publication(client_for, published):
    url = reverse("competitions:letter", args=[published.entry.pk])
    assert client_for(published.applicant).get(url).status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_letter_per_role_in_the_applicants_language(client_for, published, role):
    world = published
    services_scoring.round_publish(user=world.staff, round_=world.round)
    users = {
        "anonymous": None,
        "applicant": world.applicant,
        "other_applicant": world.other_applicant,
        "judge": world.judge.user,
        "conflicted_judge": world.conflicted_judge.user,
        "staff": world.staff,
    }
    response = client_for(users[role]).get(reverse("competitions:letter", args=[world.entry.pk]))
    if role == "anonymous":
        assert response.status_code == 302
        return
    if role not in ("applicant", "staff"):
        assert response.status_code == 404
        return
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Language"] == "th"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Solar cassava dryer" in text
    assert "ประเทศไทย" in text.replace(" ", "")  # Thailand, named in Thai
