"""Who may open which organisation page: every view, every role, allowed and denied."""

import pytest
from django.urls import reverse

from techbridge.organisations.enums import JoinRequestStatus
from techbridge.organisations.models import Membership
from tests.factories import InvitationFactory, JoinRequestFactory, MembershipFactory

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "unverified",
    "outsider",
    "member",
    "admin",
    "focal_point",
    "other_focal_point",
    "staff",
]
LOGIN = "login"  # anonymous users are redirected to sign in


def _expect(status_by_role: dict, role: str):
    return status_by_role.get(role, status_by_role.get("*"))


PAGES = {
    # name: (method, url builder, {role: expected status}, "*" = everyone else)
    "list": ("get", lambda o: reverse("organisations:list"), {"*": 200}),
    "detail": ("get", lambda o: reverse("organisations:detail", args=[o.slug]), {"*": 200}),
    "create": (
        "get",
        lambda o: reverse("organisations:create"),
        {"anonymous": LOGIN, "unverified": 403, "*": 200},
    ),
    "edit": (
        "get",
        lambda o: reverse("organisations:edit", args=[o.slug]),
        {"anonymous": LOGIN, "admin": 200, "staff": 200, "*": 403},
    ),
    "members": (
        "get",
        lambda o: reverse("organisations:members", args=[o.slug]),
        {
            "anonymous": LOGIN,
            "member": 200,
            "admin": 200,
            "focal_point": 200,
            "staff": 200,
            "*": 403,
        },
    ),
    "mine": ("get", lambda o: reverse("organisations:mine"), {"anonymous": LOGIN, "*": 200}),
    "verify": (
        "post",
        lambda o: reverse("organisations:verify", args=[o.slug]),
        {"anonymous": LOGIN, "focal_point": 302, "staff": 302, "*": 403},
    ),
    "invite": (
        "post",
        lambda o: reverse("organisations:invite", args=[o.slug]),
        {"anonymous": LOGIN, "admin": 302, "staff": 302, "*": 403},
    ),
    "join": (
        "post",
        lambda o: reverse("organisations:join", args=[o.slug]),
        {"anonymous": LOGIN, "unverified": 403, "member": 403, "admin": 403, "*": 302},
    ),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", sorted(PAGES))
def test_organisation_page_access(client_for, roles, organisation, page, role):
    method, url, expectations = PAGES[page]
    client = client_for(roles[role])
    data = (
        {"email": "new@example.org", "role": "member", "verified": "1"} if method == "post" else {}
    )
    response = getattr(client, method)(url(organisation), data)
    expected = _expect(expectations, role)
    if expected == LOGIN:
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))
    else:
        assert response.status_code == expected


@pytest.mark.parametrize("role", ROLES)
def test_join_request_decision_access(client_for, roles, organisation, role):
    join_request = JoinRequestFactory(organisation=organisation)
    client = client_for(roles[role])
    response = client.post(
        reverse("organisations:join_request_decide", args=[join_request.pk]),
        {"decision": "approve"},
    )
    join_request.refresh_from_db()
    if role in ("admin", "staff"):
        assert response.status_code == 302
        assert join_request.status == JoinRequestStatus.APPROVED
    else:
        assert response.status_code == (302 if role == "anonymous" else 403)
        assert join_request.status == JoinRequestStatus.PENDING


@pytest.mark.parametrize("role", ROLES)
def test_membership_role_change_access(client_for, roles, organisation, role):
    target = MembershipFactory(organisation=organisation)
    response = client_for(roles[role]).post(
        reverse("organisations:membership_role", args=[target.pk]), {"role": "admin"}
    )
    target.refresh_from_db()
    allowed = role in ("admin", "staff")
    assert target.role == ("admin" if allowed else "member")
    assert response.status_code == (302 if allowed or role == "anonymous" else 403)


@pytest.mark.parametrize("role", ROLES)
def test_membership_remove_access(client_for, roles, organisation, role):
    target = MembershipFactory(organisation=organisation)
    response = client_for(roles[role]).post(
        reverse("organisations:membership_remove", args=[target.pk])
    )
    allowed = role in ("admin", "staff")
    assert Membership.objects.filter(pk=target.pk).exists() is not allowed
    assert response.status_code == (302 if allowed or role == "anonymous" else 403)


@pytest.mark.parametrize("role", ROLES)
def test_invitation_revoke_access(client_for, roles, organisation, role):
    invitation = InvitationFactory(organisation=organisation)
    response = client_for(roles[role]).post(
        reverse("organisations:invitation_revoke", args=[invitation.pk])
    )
    invitation.refresh_from_db()
    allowed = role in ("admin", "staff")
    assert (invitation.revoked_at is not None) is allowed
    assert response.status_code == (302 if allowed or role == "anonymous" else 403)


def test_member_emails_never_shown_to_outsiders(client_for, roles, organisation):
    secret_email = roles["member"].email
    for role in ("anonymous", "outsider", "other_focal_point"):
        client = client_for(roles[role])
        for url in (
            reverse("organisations:detail", args=[organisation.slug]),
            reverse("organisations:list"),
        ):
            assert secret_email not in client.get(url).content.decode()
