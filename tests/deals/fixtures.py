"""Shared deal fixtures: the deal tests get them from conftest.py, other folders import them."""

import datetime
from types import SimpleNamespace
from unittest.mock import patch

import pytest
from django.utils import timezone

from techbridge.deals import services
from techbridge.organisations.enums import MemberRole
from tests.factories import MembershipFactory, OrganisationFactory, TechnologyFactory, UserFactory

# What each side must not see of the other before consent.
PROVIDER_SECRETS = [
    "Secret Provider Ltd",
    "secret-provider",
    "Li Secret",
    "li.secret@secret-provider.example.org",
    "contact@secret-provider.example.org",
]
INTERESTED_SECRETS = [
    "Mekong Foods JSC",
    "mekong-foods",
    "Nguyen Van An",
    "an@mekong-foods.example.org",
]
ANSWERS = {
    "cooperation": ["licence", "pilot"],
    "information_missing": "Energy use per tonne.",
    "who_we_are": "A cassava processor with three plants in the south.",
    "message": "Could we see a reference installation?",
}


@pytest.fixture
def people(db):
    provider_org = OrganisationFactory(
        name="Secret Provider Ltd", slug="secret-provider", country="CN", kind="enterprise"
    )
    provider = MembershipFactory(
        organisation=provider_org,
        role=MemberRole.ADMIN,
        user__full_name="Li Secret",
        user__email="li.secret@secret-provider.example.org",
    ).user
    interested_org = OrganisationFactory(
        name="Mekong Foods JSC", slug="mekong-foods", country="VN", kind="enterprise"
    )
    interested = MembershipFactory(
        organisation=interested_org,
        role=MemberRole.ADMIN,
        user__full_name="Nguyen Van An",
        user__email="an@mekong-foods.example.org",
        user__preferred_language="vi",
        user__time_zone="Asia/Ho_Chi_Minh",
    ).user
    technology = TechnologyFactory(
        organisation=provider_org,
        visibility="anonymised",
        title="Hybrid solar biomass cassava dryer",
        contact_name="Contact Person",
        contact_email="contact@secret-provider.example.org",
    )
    return SimpleNamespace(
        provider=provider,
        provider_org=provider_org,
        interested=interested,
        interested_org=interested_org,
        technology=technology,
        outsider=MembershipFactory().user,
        staff=UserFactory(is_staff=True, full_name="Centre Staff"),
        focal_point=UserFactory(focal_point_country="VN"),
        other_focal_point=UserFactory(focal_point_country="TH"),
        anonymous=None,
    )


def express(people, **overrides):
    values = {
        "user": people.interested,
        "listing": people.technology,
        "organisation": people.interested_org,
        "answers": dict(ANSWERS),
    }
    values.update(overrides)
    return services.deal_express_interest(**values)


@pytest.fixture
def deal(people):
    return express(people)


@pytest.fixture
def introduced(people, deal):
    return services.deal_accept(user=people.provider, deal=deal)


@pytest.fixture
def frozen_clock():
    """Sets the platform's clock (django.utils.timezone.now) to a given moment."""

    class Clock:
        def __init__(self):
            self.now = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)

        def set(self, moment):
            self.now = moment

        def advance(self, **delta):
            self.now += datetime.timedelta(**delta)

    clock = Clock()
    with patch.object(timezone, "now", lambda: clock.now):
        yield clock
