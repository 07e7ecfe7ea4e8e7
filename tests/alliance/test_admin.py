"""Staff screens for the alliance open for staff only."""

import pytest
from django.urls import reverse

from tests.factories import (
    AllianceMembershipFactory,
    CharterFactory,
    MembershipApplicationFactory,
    NetworkMemberFactory,
    NewsUpdateFactory,
    ProjectFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

MODELS = ["charter", "membershipapplication", "alliancemembership", "network", "newsupdate"]


def test_admin_screens(client):
    objects = {
        "charter": CharterFactory(),
        "membershipapplication": MembershipApplicationFactory(),
        "alliancemembership": AllianceMembershipFactory(),
        "network": NetworkMemberFactory().network,
        "newsupdate": NewsUpdateFactory(),
    }
    ProjectFactory(network=objects["network"])
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    for model in MODELS:
        assert client.get(reverse(f"admin:alliance_{model}_changelist")).status_code == 200
        assert client.get(reverse(f"admin:alliance_{model}_add")).status_code == 200
        change = reverse(f"admin:alliance_{model}_change", args=[objects[model].pk])
        assert client.get(change).status_code == 200
    client.force_login(UserFactory())
    response = client.get(reverse("admin:alliance_network_changelist"))
    assert response.status_code == 302
