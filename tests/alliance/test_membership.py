"""Membership services: apply, decide (e-mail through the worker), tier, renew, daily run."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from techbridge.alliance import selectors, services
from techbridge.alliance.enums import ApplicationStatus, MembershipStatus
from techbridge.alliance.models import AllianceMembership, MembershipApplication
from techbridge.alliance.tasks import alliance_daily
from techbridge.catalog.tasks import DAILY_CHAIN
from techbridge.organisations.enums import MemberRole
from tests.factories import (
    AllianceMembershipFactory,
    CharterFactory,
    MembershipApplicationFactory,
    MembershipFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

GOOD = {
    "kind": "research_institute",
    "capabilities": "ศูนย์ทดสอบเครื่องอบแห้งพลังงานแสงอาทิตย์",
    "language": "th",
    "sectors": ["agri.processing", "energy.solar"],
    "countries_served": ["th", "LA"],
    "charter_accepted": True,
}


@pytest.fixture
def charter():
    return CharterFactory()


def _submit(roles, organisation, **changes):
    return services.application_submit(
        user=roles["admin"], organisation=organisation, **{**GOOD, **changes}
    )


def test_admin_applies_with_text_in_any_language(roles, organisation, charter):
    application = _submit(roles, organisation)
    assert application.status == ApplicationStatus.PENDING
    assert application.language == "th"
    assert application.countries_served == ["LA", "TH"]
    assert application.charter == charter
    assert sorted(s.code for s in application.sectors.all()) == ["agri.processing", "energy.solar"]


@pytest.mark.parametrize("who", ["member", "outsider", "focal_point"])
def test_only_the_organisation_admin_or_staff_may_apply(roles, organisation, charter, who):
    with pytest.raises(PermissionDenied):
        services.application_submit(user=roles[who], organisation=organisation, **GOOD)


def test_field_errors(roles, organisation, charter):
    with pytest.raises(ValidationError) as error:
        _submit(
            roles,
            organisation,
            kind="alien",
            capabilities=" ",
            language="xx",
            sectors=["nope"],
            countries_served=["ZZ"],
            charter_accepted=False,
        )
    assert set(error.value.message_dict) == {
        "kind",
        "capabilities",
        "language",
        "sectors",
        "countries_served",
        "charter_accepted",
    }


def test_one_pending_application_per_organisation(roles, organisation, charter):
    _submit(roles, organisation)
    with pytest.raises(ValidationError):
        _submit(roles, organisation)


def test_no_application_without_a_published_charter(roles, organisation):
    CharterFactory(is_published=False)
    with pytest.raises(ValidationError) as error:
        _submit(roles, organisation)
    assert "charter_accepted" in error.value.message_dict


def test_current_member_cannot_apply_but_an_expired_one_can(roles, organisation, charter):
    membership = AllianceMembershipFactory(organisation=organisation)
    with pytest.raises(PermissionDenied):
        _submit(roles, organisation)
    membership.valid_until = timezone.localdate() - datetime.timedelta(days=1)
    membership.save()
    assert _submit(roles, organisation).status == ApplicationStatus.PENDING


def test_approval_makes_a_member_and_emails_the_admins_in_their_language(
    roles, organisation, charter, worker, outbox
):
    second_admin = MembershipFactory(
        organisation=organisation,
        role=MemberRole.ADMIN,
        user=UserFactory(preferred_language="zh-hans"),
    ).user
    application = _submit(roles, organisation)
    services.application_decide(
        user=roles["staff"], application=application, approve=True, tier="core"
    )
    membership = AllianceMembership.objects.get(organisation=organisation)
    assert membership.tier == "core"
    assert membership.is_current()
    assert membership.kind == "research_institute"
    assert membership.valid_until.year == timezone.localdate().year + 1
    assert list(membership.sectors.values_list("code", flat=True).order_by("code")) == [
        "agri.processing",
        "energy.solar",
    ]
    assert outbox == []  # sent by the worker
    worker()
    assert sorted(m.to[0] for m in outbox) == sorted([roles["admin"].email, second_admin.email])
    assert all(organisation.name in m.subject for m in outbox)
    assert organisation.slug in outbox[0].body
    assert roles["member"].email not in [m.to[0] for m in outbox]


def test_rejection_needs_a_reason_which_is_mailed(roles, organisation, charter, worker, outbox):
    application = _submit(roles, organisation)
    with pytest.raises(ValidationError) as error:
        services.application_decide(user=roles["staff"], application=application, approve=False)
    assert "reason" in error.value.message_dict
    services.application_decide(
        user=roles["staff"], application=application, approve=False, reason="Charter not signed"
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REJECTED
    assert not AllianceMembership.objects.exists()
    worker()
    assert "Charter not signed" in outbox[0].body


@pytest.mark.parametrize("who", ["admin", "member", "focal_point", "outsider"])
def test_only_staff_decide(roles, organisation, charter, who):
    application = _submit(roles, organisation)
    with pytest.raises(PermissionDenied):
        services.application_decide(user=roles[who], application=application, approve=True)


def test_a_decided_application_cannot_be_decided_again(roles, organisation, charter):
    application = _submit(roles, organisation)
    services.application_decide(user=roles["staff"], application=application, approve=True)
    with pytest.raises(ValidationError):
        services.application_decide(
            user=roles["staff"], application=application, approve=False, reason="x"
        )


def test_decision_rolls_back_with_its_mail(roles, organisation, charter, worker, outbox):
    application = _submit(roles, organisation)
    with pytest.raises(RuntimeError), transaction.atomic():
        services.application_decide(user=roles["staff"], application=application, approve=True)
        raise RuntimeError
    worker()
    assert outbox == []
    assert not AllianceMembership.objects.exists()


def test_withdraw(roles, organisation, charter):
    application = _submit(roles, organisation)
    with pytest.raises(PermissionDenied):
        services.application_withdraw(user=roles["member"], application=application)
    services.application_withdraw(user=roles["admin"], application=application)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN


def test_tier_is_set_by_staff_only(roles, organisation):
    membership = AllianceMembershipFactory(organisation=organisation)
    with pytest.raises(PermissionDenied):
        services.membership_set_tier(user=roles["admin"], membership=membership, tier="core")
    with pytest.raises(ValidationError):
        services.membership_set_tier(user=roles["staff"], membership=membership, tier="gold")
    services.membership_set_tier(user=roles["staff"], membership=membership, tier="core")
    membership.refresh_from_db()
    assert membership.tier == "core"


def test_renewal_window_and_extension(roles, organisation):
    today = timezone.localdate()
    membership = AllianceMembershipFactory(
        organisation=organisation, valid_until=today + datetime.timedelta(days=100)
    )
    with pytest.raises(PermissionDenied):  # too early
        services.membership_renew(user=roles["admin"], membership=membership)
    membership.valid_until = today + datetime.timedelta(days=20)
    membership.renewal_reminded_at = timezone.now()
    membership.save()
    with pytest.raises(PermissionDenied):
        services.membership_renew(user=roles["member"], membership=membership)
    renewed = services.membership_renew(user=roles["admin"], membership=membership)
    assert renewed.valid_until == services._add_years(today + datetime.timedelta(days=20), 1)
    assert renewed.renewal_reminded_at is None


def test_an_expired_membership_renews_from_today(roles, organisation):
    today = datetime.date(2026, 3, 1)
    membership = AllianceMembershipFactory(
        organisation=organisation,
        status=MembershipStatus.EXPIRED,
        valid_until=datetime.date(2026, 1, 31),
    )
    renewed = services.membership_renew(user=roles["admin"], membership=membership, today=today)
    assert renewed.valid_until == datetime.date(2027, 3, 1)
    assert renewed.status == MembershipStatus.ACTIVE


def test_daily_run_reminds_once_30_days_ahead_and_expires_members(
    roles, organisation, worker, outbox
):
    today = timezone.localdate()
    due = AllianceMembershipFactory(
        organisation=organisation, valid_until=today + datetime.timedelta(days=30)
    )
    AllianceMembershipFactory(valid_until=today + datetime.timedelta(days=31))
    lapsed = AllianceMembershipFactory(valid_until=today - datetime.timedelta(days=1))
    MembershipFactory(organisation=lapsed.organisation, role=MemberRole.ADMIN)
    assert lapsed.organisation.slug not in selectors.member_organisation_slugs()
    alliance_daily.enqueue()
    worker()
    lapsed.refresh_from_db()
    assert lapsed.status == MembershipStatus.EXPIRED
    due.refresh_from_db()
    assert due.renewal_reminded_at is not None
    subjects = sorted(m.subject for m in outbox)
    assert len(subjects) == 2
    assert any("Renew" in s for s in subjects)
    assert any("ended" in s for s in subjects)
    outbox.clear()
    alliance_daily.enqueue()
    worker()
    assert outbox == []  # each reminder once


def test_daily_run_is_chained_from_the_catalogue():
    assert "techbridge.alliance.tasks.alliance_daily" in DAILY_CHAIN


def test_counts_for_insights(organisation):
    AllianceMembershipFactory(organisation=organisation, tier="core")
    AllianceMembershipFactory(organisation__country="VN")
    AllianceMembershipFactory(
        organisation__country="VN", valid_until=timezone.localdate() - datetime.timedelta(days=2)
    )
    rows = selectors.member_counts_by_country_and_tier()
    assert rows == [
        {"organisation__country": "TH", "tier": "core", "n": 1},
        {"organisation__country": "VN", "tier": "ordinary", "n": 1},
    ]


def test_application_factory_is_consistent():
    application = MembershipApplicationFactory()
    assert MembershipApplication.objects.get() == application
