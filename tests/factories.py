import functools

import factory
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from techbridge.accounts.models import FailedLogin, User
from techbridge.api.models import ApiToken
from techbridge.organisations.enums import MemberRole, OrganisationKind
from techbridge.organisations.models import Invitation, JoinRequest, Membership, Organisation

PASSWORD = "correct-horse-battery-staple"


@functools.cache
def _hashed_password() -> str:
    return make_password(PASSWORD)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Person {n}")
    preferred_language = "en"
    time_zone = "Asia/Bangkok"
    email_verified_at = factory.LazyFunction(timezone.now)
    # Argon2 is slow on purpose; hash the shared test password once, not per user.
    password = factory.LazyFunction(_hashed_password)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    slug = factory.Sequence(lambda n: f"organisation-{n}")
    name = factory.Sequence(lambda n: f"Organisation {n}")
    language = "en"
    kind = OrganisationKind.UNIVERSITY
    country = "TH"
    region = "Chiang Mai"
    website = "https://organisation.example.org"
    description = "Works on solar drying of crops."


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)
    role = MemberRole.MEMBER


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    organisation = factory.SubFactory(OrganisationFactory)
    email = factory.Sequence(lambda n: f"invitee{n}@example.org")
    role = MemberRole.MEMBER


class JoinRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JoinRequest

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)
    message = "We would like to join."


class FailedLoginFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FailedLogin

    email = "someone@example.org"
    ip_address = "127.0.0.1"


class ApiTokenFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ApiToken

    user = factory.SubFactory(UserFactory)
    name = "integration"
    prefix = factory.Sequence(lambda n: f"tb_{n:07d}")
    digest = factory.Sequence(lambda n: f"{n:064x}")
