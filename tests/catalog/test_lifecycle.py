import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from techbridge.catalog import services
from techbridge.catalog.models import ListingEvent, Need, Technology
from techbridge.organisations.enums import MemberRole
from tests.factories import (
    MembershipFactory,
    NeedFactory,
    OrganisationFactory,
    TechnologyFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

DATA = {
    "language": "zh-hans",
    "title": "太阳能隧道式干燥机",
    "summary": "用太阳能和光伏风扇干燥稻谷和木薯。",
    "description": "聚碳酸酯隧道，每批一吨。",
    "sectors": "agri.processing; energy.solar",
    "sdgs": "2, 7",
    "trl": "8",
    "ip_status": "patent_granted",
    "patent_numbers": "CN202310000001.X",
    "transfer_modes": ["licence_non_exclusive", "technical_service"],
    "countries_developed": "CN",
    "translations": {"en": {"title": "Solar tunnel dryer"}},
}


@pytest.fixture
def provider():
    membership = MembershipFactory(role=MemberRole.ADMIN, organisation__country="CN")
    return membership.user, membership.organisation


def test_create_saves_draft_with_relations_and_history(provider):
    user, organisation = provider
    technology = services.technology_create(user=user, organisation=organisation, data=DATA)
    assert technology.status == "draft"
    assert sorted(s.code for s in technology.sectors.all()) == ["agri.processing", "energy.solar"]
    assert sorted(g.number for g in technology.sdgs.all()) == [2, 7]
    assert sorted(technology.transfer_mode_values) == ["licence_non_exclusive", "technical_service"]
    assert technology.translations == {
        "en": {"title": {"text": "Solar tunnel dryer", "kind": "human"}}
    }
    assert list(technology.events.values_list("action", flat=True)) == ["created"]


def test_create_by_outsider_is_refused(provider):
    _user, organisation = provider
    with pytest.raises(PermissionDenied):
        services.technology_create(user=UserFactory(), organisation=organisation, data=DATA)
    assert Technology.objects.count() == 0


def test_full_review_by_focal_point_of_providers_country(provider):
    user, organisation = provider
    technology = services.technology_create(user=user, organisation=organisation, data=DATA)
    services.listing_submit(user=user, listing=technology)
    focal_point = UserFactory(focal_point_country="CN")
    services.listing_start_review(user=focal_point, listing=technology)
    services.listing_publish(user=focal_point, listing=technology)
    technology.refresh_from_db()
    assert technology.status == "published"
    assert technology.valid_until == timezone.localdate() + datetime.timedelta(days=365)
    actions = list(technology.events.order_by("at", "pk").values_list("action", "actor"))
    assert actions == [
        ("created", user.pk),
        ("submitted", user.pk),
        ("review_started", focal_point.pk),
        ("published", focal_point.pk),
    ]


def test_focal_point_of_other_country_cannot_review(provider):
    user, organisation = provider
    technology = services.technology_create(user=user, organisation=organisation, data=DATA)
    services.listing_submit(user=user, listing=technology)
    with pytest.raises(PermissionDenied):
        services.listing_publish(user=UserFactory(focal_point_country="TH"), listing=technology)


def test_need_is_reviewed_by_focal_point_of_need_country():
    need = NeedFactory(status="submitted", country="LA", organisation__country="LA")
    services.listing_publish(user=UserFactory(focal_point_country="LA"), listing=need)
    assert need.status == "published"


@pytest.mark.parametrize("action", ["request_changes", "reject"])
def test_review_decisions_need_a_reason_and_notify(action, worker, outbox):
    technology = TechnologyFactory(status="under_review")
    member = MembershipFactory(organisation=technology.organisation, user__preferred_language="th")
    staff = UserFactory(is_staff=True)
    decide = getattr(services, f"listing_{action}")
    with pytest.raises(ValidationError):
        decide(user=staff, listing=technology, reason="  ")
    decide(user=staff, listing=technology, reason="Add the price range.")
    technology.refresh_from_db()
    assert technology.status == ("changes_requested" if action == "request_changes" else "rejected")
    assert technology.status_reason == "Add the price range."
    worker()
    assert [m.to for m in outbox] == [[member.user.email]]
    assert "Add the price range." in outbox[0].body


def test_owner_cannot_edit_while_under_review_but_staff_can():
    technology = TechnologyFactory(status="under_review")
    admin = MembershipFactory(organisation=technology.organisation, role=MemberRole.ADMIN).user
    with pytest.raises(PermissionDenied):
        services.listing_update(user=admin, listing=technology, data={"title": "New"})
    services.listing_update(
        user=UserFactory(is_staff=True), listing=technology, data={"title": "New"}
    )
    assert Technology.objects.get().title == "New"


def test_edit_records_what_changed():
    technology = TechnologyFactory(status="draft", trl=5)
    admin = MembershipFactory(organisation=technology.organisation, role=MemberRole.ADMIN).user
    services.listing_update(
        user=admin, listing=technology, data={"trl": "6", "sectors": "env.water"}
    )
    event = ListingEvent.objects.get(action="edited")
    assert event.actor == admin
    assert event.changes["trl"] == [5, 6]
    assert "sectors" in event.changes


def test_withdraw_and_renew():
    technology = TechnologyFactory(status="published")
    admin = MembershipFactory(organisation=technology.organisation, role=MemberRole.ADMIN).user
    services.listing_withdraw(user=admin, listing=technology, reason="Sold out")
    assert technology.status == "withdrawn"
    with pytest.raises(PermissionDenied):
        services.listing_renew(user=admin, listing=technology)


def test_expiry_task_expires_only_past_validity():
    today = datetime.date(2027, 3, 1)
    old = TechnologyFactory(valid_until=datetime.date(2027, 2, 28))
    current = TechnologyFactory(valid_until=datetime.date(2027, 3, 1))
    need = NeedFactory(valid_until=datetime.date(2026, 12, 31))
    assert services.listings_expire(today=today) == 2
    assert Technology.objects.get(pk=old.pk).status == "expired"
    assert Technology.objects.get(pk=current.pk).status == "published"
    assert Need.objects.get(pk=need.pk).status == "expired"
    assert ListingEvent.objects.filter(action="expired", actor__isnull=True).count() == 2


def test_renewal_reminder_is_sent_once_to_admins(worker, outbox, settings):
    settings.RENEWAL_REMINDER_DAYS = 30
    today = datetime.date(2027, 3, 1)
    technology = TechnologyFactory(valid_until=datetime.date(2027, 3, 20))
    TechnologyFactory(valid_until=datetime.date(2027, 6, 1))
    admin = MembershipFactory(organisation=technology.organisation, role=MemberRole.ADMIN).user
    MembershipFactory(organisation=technology.organisation, role=MemberRole.MEMBER)
    assert services.listings_remind_renewal(today=today) == 1
    assert services.listings_remind_renewal(today=today) == 0
    worker()
    assert [m.to for m in outbox] == [[admin.email]]
    assert "2027-03-20" in outbox[0].body


def test_renew_expired_listing_publishes_it_again():
    technology = TechnologyFactory(status="expired", valid_until=datetime.date(2026, 1, 1))
    admin = MembershipFactory(organisation=technology.organisation, role=MemberRole.ADMIN).user
    services.listing_renew(user=admin, listing=technology)
    technology.refresh_from_db()
    assert technology.status == "published"
    assert technology.valid_until > timezone.localdate()


def test_catalogue_daily_task_runs_in_worker(worker):
    from techbridge.catalog.tasks import catalogue_daily

    TechnologyFactory(valid_until=timezone.localdate() - datetime.timedelta(days=1))
    catalogue_daily.enqueue()
    worker()
    assert Technology.objects.get().status == "expired"


def test_organisation_factory_country_is_used_for_technology_country():
    technology = TechnologyFactory(organisation=OrganisationFactory(country="VN"))
    from techbridge.catalog.rules import listing_country

    assert listing_country(technology) == "VN"


def test_daily_run_schedules_itself_once():
    from django_tasks_db.models import DBTaskResult

    from techbridge.catalog.tasks import catalogue_daily_schedule

    moment = timezone.now()
    assert catalogue_daily_schedule(after=moment) is True
    assert catalogue_daily_schedule(after=moment) is False
    queued = DBTaskResult.objects.get(task_path__endswith="catalogue_daily")
    assert queued.run_after > moment
    assert timezone.localtime(queued.run_after).hour == 2
