"""Judge candidates from the expert registry on the call's staff page, and inviting them."""

import pytest
from django.urls import reverse

from techbridge.competitions.judge_candidates import judge_candidates
from techbridge.competitions.models import Judge
from tests.factories import ExpertFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry(world):
    world.entry.sectors = ["energy.solar"]
    world.entry.save()
    world.other_entry.sectors = ["energy.solar", "energy.biomass"]
    world.other_entry.save()
    return {
        "solar": ExpertFactory(name="Dr Solar", sectors=["energy.solar"]),
        "biomass": ExpertFactory(name="Dr Biomass", sectors=["energy.biomass"]),
        "unverified": ExpertFactory(
            name="Dr Unverified", sectors=["energy.solar"], is_verified=False
        ),
        "busy": ExpertFactory(name="Dr Busy", sectors=["energy.solar"], availability="unavailable"),
        "invited": ExpertFactory(
            name="Dr Invited", sectors=["energy.solar"], email=world.judge.email
        ),
        "unrelated": ExpertFactory(
            name="Dr Vaccine",
            sectors=["health.vaccines"],
            keywords=["cold chain"],
            expertise="Vaccine cold chains.",
        ),
    }


def test_candidates_share_the_calls_sectors_verified_available_not_yet_invited(world, registry):
    names = [s.expert.name for s in judge_candidates(competition=world.competition)]
    assert names[:2] == ["Dr Solar", "Dr Biomass"]
    assert not {"Dr Unverified", "Dr Busy", "Dr Invited"} & set(names)


def test_staff_invite_a_candidate_without_seeing_the_address(
    client_for, world, registry, outbox, worker
):
    solar = registry["solar"]
    client = client_for(world.staff)
    page = client.get(reverse("competitions:manage", args=[world.competition.slug])).content
    assert b"Dr Solar" in page
    assert solar.email.encode() not in page and solar.phone.encode() not in page
    url = reverse("competitions:invite_expert", args=[world.competition.slug, solar.pk])
    assert client.post(url).status_code == 302
    judge = Judge.objects.get(competition=world.competition, email=solar.email)
    assert (judge.name, judge.sectors, judge.keywords) == (
        "Dr Solar",
        ["energy.solar"],
        ["solar drying", "post-harvest"],
    )
    worker()
    assert [m.to for m in outbox] == [[solar.email]]
    # Once invited, the expert is no longer a candidate.
    names = [s.expert.name for s in judge_candidates(competition=world.competition)]
    assert "Dr Solar" not in names


def test_unverified_expert_cannot_be_invited(client_for, world, registry):
    url = reverse(
        "competitions:invite_expert", args=[world.competition.slug, registry["unverified"].pk]
    )
    client_for(world.staff).post(url)
    assert not Judge.objects.filter(email=registry["unverified"].email).exists()


@pytest.mark.parametrize(
    ("role", "status"), [("anonymous", 302), ("applicant", 404), ("judge", 404), ("member", 404)]
)
def test_only_staff_invite_experts(client_for, world, registry, role, status):
    user = {
        "anonymous": None,
        "applicant": world.applicant,
        "judge": world.judge.user,
        "member": UserFactory(),
    }[role]
    url = reverse("competitions:invite_expert", args=[world.competition.slug, registry["solar"].pk])
    assert client_for(user).post(url).status_code == status
    assert not Judge.objects.filter(email=registry["solar"].email).exists()
