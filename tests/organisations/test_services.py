import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from techbridge.organisations import services
from techbridge.organisations.enums import JoinRequestStatus, MemberRole
from techbridge.organisations.models import Membership, Organisation
from tests.factories import (
    InvitationFactory,
    JoinRequestFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

VALID = {
    "name": "广西热带农业研究所",
    "language": "zh-hans",
    "kind": "research_institute",
    "country": "CN",
    "region": "Guangxi",
    "website": "https://gx.example.org",
    "description": "太阳能干燥技术。",
    "name_translations": {"en": "Guangxi Tropical Agriculture Institute", "th": ""},
    "description_translations": {"en": "Solar drying technology."},
}


def test_organisation_create_makes_creator_admin_and_slug_from_english_name():
    user = UserFactory()
    organisation = services.organisation_create(user=user, data=VALID)
    assert organisation.slug == "guangxi-tropical-agriculture-institute"
    assert organisation.name_translations == {"en": "Guangxi Tropical Agriculture Institute"}
    assert Membership.objects.get(organisation=organisation).role == MemberRole.ADMIN


def test_organisation_create_slug_is_unique():
    first = services.organisation_create(user=UserFactory(), data=VALID)
    second = services.organisation_create(user=UserFactory(), data=VALID)
    assert (first.slug, second.slug) == (
        "guangxi-tropical-agriculture-institute",
        "guangxi-tropical-agriculture-institute-2",
    )


def test_organisation_create_refuses_unverified_user():
    with pytest.raises(PermissionDenied):
        services.organisation_create(user=UserFactory(email_verified_at=None), data=VALID)
    assert Organisation.objects.count() == 0


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"country": "XX"}, "country"),
        ({"language": "de"}, "language"),
        ({"kind": "club"}, "kind"),
        ({"website": "not a url"}, "website"),
        ({"name": ""}, "name"),
        ({"name_translations": {"xx": "?"}}, "name_translations"),
    ],
)
def test_organisation_create_bad_field_reports_that_field(changes, field):
    with pytest.raises(ValidationError) as error:
        services.organisation_create(user=UserFactory(), data={**VALID, **changes})
    assert field in error.value.message_dict
    assert Organisation.objects.count() == 0


def test_organisation_create_accepts_any_iso_country():
    organisation = services.organisation_create(user=UserFactory(), data={**VALID, "country": "KE"})
    assert organisation.country == "KE"


def test_organisation_update_by_plain_member_is_refused():
    membership = MembershipFactory(role=MemberRole.MEMBER)
    with pytest.raises(PermissionDenied):
        services.organisation_update(
            user=membership.user, organisation=membership.organisation, data={"region": "X"}
        )


def test_organisation_verify_by_focal_point_of_same_country_only():
    organisation = OrganisationFactory(country="KH")
    services.organisation_set_verified(
        user=UserFactory(focal_point_country="KH"), organisation=organisation, verified=True
    )
    assert organisation.is_verified is True
    with pytest.raises(PermissionDenied):
        services.organisation_set_verified(
            user=UserFactory(focal_point_country="LA"), organisation=organisation, verified=False
        )


def test_invitation_accept_with_matching_email_creates_membership(worker, outbox):
    admin = MembershipFactory(role=MemberRole.ADMIN)
    invitee = UserFactory(email="invitee@example.org", preferred_language="lo")
    invitation = services.invitation_create(
        user=admin.user, organisation=admin.organisation, email="Invitee@example.org", role="admin"
    )
    worker()
    assert outbox[0].to == ["invitee@example.org"]
    assert invitation.token in outbox[0].body
    membership = services.invitation_accept(user=invitee, token=invitation.token)
    assert membership.role == MemberRole.ADMIN
    with pytest.raises(ValidationError):
        services.invitation_accept(user=invitee, token=invitation.token)


def test_invitation_accept_with_other_email_is_refused():
    invitation = InvitationFactory(email="right@example.org")
    with pytest.raises(ValidationError) as error:
        services.invitation_accept(
            user=UserFactory(email="wrong@example.org"), token=invitation.token
        )
    assert "right@example.org" in error.value.messages[0]
    assert Membership.objects.count() == 0


def test_invitation_for_existing_member_is_refused():
    admin = MembershipFactory(role=MemberRole.ADMIN)
    member = MembershipFactory(organisation=admin.organisation)
    with pytest.raises(ValidationError):
        services.invitation_create(
            user=admin.user, organisation=admin.organisation, email=member.user.email, role="member"
        )


def test_join_request_notifies_admins_and_approval_adds_member(worker, outbox):
    admin = MembershipFactory(role=MemberRole.ADMIN, user__preferred_language="th")
    requester = UserFactory()
    join_request = services.join_request_create(
        user=requester, organisation=admin.organisation, message="We grow rice in Takeo."
    )
    worker()
    assert [m.to for m in outbox] == [[admin.user.email]]
    assert "We grow rice in Takeo." in outbox[0].body
    services.join_request_decide(user=admin.user, join_request=join_request, approve=True)
    assert Membership.objects.filter(user=requester, role=MemberRole.MEMBER).count() == 1
    assert join_request.status == JoinRequestStatus.APPROVED


def test_join_request_twice_is_refused_with_message():
    requester = UserFactory()
    organisation = OrganisationFactory()
    services.join_request_create(user=requester, organisation=organisation, message="")
    with pytest.raises(ValidationError) as error:
        services.join_request_create(user=requester, organisation=organisation, message="")
    assert error.value.messages == ["You have already asked to join; an admin will answer."]


def test_join_request_decided_twice_is_refused():
    admin = MembershipFactory(role=MemberRole.ADMIN)
    join_request = JoinRequestFactory(organisation=admin.organisation)
    services.join_request_decide(user=admin.user, join_request=join_request, approve=False)
    with pytest.raises(ValidationError):
        services.join_request_decide(user=admin.user, join_request=join_request, approve=True)
    assert Membership.objects.filter(user=join_request.user).count() == 0


def test_last_admin_cannot_leave_or_be_demoted():
    admin = MembershipFactory(role=MemberRole.ADMIN)
    with pytest.raises(ValidationError):
        services.membership_remove(user=admin.user, membership=admin)
    with pytest.raises(ValidationError):
        services.membership_change_role(user=admin.user, membership=admin, role="member")
    second = MembershipFactory(organisation=admin.organisation, role=MemberRole.ADMIN)
    services.membership_remove(user=admin.user, membership=admin)
    assert list(admin.organisation.memberships.all()) == [second]


def test_member_can_leave_on_their_own():
    admin = MembershipFactory(role=MemberRole.ADMIN)
    member = MembershipFactory(organisation=admin.organisation)
    services.membership_remove(user=member.user, membership=member)
    assert not Membership.objects.filter(pk=member.pk).exists()
