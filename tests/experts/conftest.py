import pytest

from techbridge.organisations.enums import MemberRole
from tests.factories import ExpertFactory, MembershipFactory, OrganisationFactory, UserFactory

SECRET_EMAIL = "very.private.expert@hidden-mail.example.org"
SECRET_PHONE = "+855 12 987 654"


@pytest.fixture
def people(db):
    """Anonymous, a platform member, the expert, another expert, staff."""
    organisation = OrganisationFactory(country="KH")
    member = MembershipFactory(organisation=organisation, role=MemberRole.MEMBER).user
    expert_user = UserFactory(full_name="Chen Hui")
    other_user = UserFactory(full_name="Other Expert")
    expert = ExpertFactory(
        user=expert_user, name="Chen Hui", email=SECRET_EMAIL, phone=SECRET_PHONE
    )
    other = ExpertFactory(user=other_user, name="Other Expert")
    return {
        "anonymous": None,
        "member": member,
        "expert": expert_user,
        "other_expert": other_user,
        "staff": UserFactory(is_staff=True),
        "expert_profile": expert,
        "other_profile": other,
    }
