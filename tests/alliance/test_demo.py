"""The alliance part of the demo, loaded on top of the demo organisations (factories here)."""

import pytest

from techbridge.alliance.models import AllianceMembership, MembershipApplication, Network
from techbridge.core.demo.alliance import MEMBERS, NETWORKS, PENDING, alliance_demo_load
from tests.factories import OrganisationFactory, TechnologyFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_alliance_demo_loads_and_is_idempotent():
    slugs = {slug for slug, *_ in MEMBERS} | {row[0] for row in PENDING}
    for row in NETWORKS:
        slugs |= set(row["coordinators"]) | set(row["members"])
    for slug in sorted(slugs):
        OrganisationFactory(slug=slug)
    TechnologyFactory(sectors=["fish.mariculture"])
    staff = UserFactory(is_staff=True)
    first = alliance_demo_load(staff=staff)
    second = alliance_demo_load(staff=staff)
    assert first == second == 15
    assert AllianceMembership.objects.count() == 16  # one lapsed
    assert set(AllianceMembership.objects.values_list("tier", flat=True)) == {"core", "ordinary"}
    assert MembershipApplication.objects.filter(status="pending").count() == 2
    assert Network.objects.count() == 5
    assert set(Network.objects.values_list("kind", flat=True)) == {
        "centre",
        "network",
        "alliance",
        "joint_lab",
    }
    for network in Network.objects.all():
        assert network.title_translations["zh-hans"]
        assert network.description_translations["zh-hans"]
        assert network.members.filter(role="coordinator").exists()
        assert network.projects.exists() and network.news.exists()
    mariculture = Network.objects.get(slug="mariculture-joint-research-centre")
    assert mariculture.technologies.count() == 1
