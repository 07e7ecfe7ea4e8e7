"""Notices are e-mailed by the worker in the recipient's language and time zone, per their
preferences; a retried task never sends twice."""

import datetime

import pytest
from django.core import mail
from django.utils import translation

from techbridge.deals.enums import Stage
from techbridge.notifications import services
from techbridge.notifications.models import DigestSent, Notification
from techbridge.notifications.tasks import deliver_notification, notifications_daily
from tests.factories import NotificationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(db):
    return UserFactory(
        email="an@mekong.example.org", preferred_language="vi", time_zone="Asia/Ho_Chi_Minh"
    )


def _send(user, kind="deal_message", **payload):
    return services.notification_send(
        recipient=user,
        kind=kind,
        payload={"listing": "Cassava dryer", "link": "/deals/1/", **payload},
    )


def test_immediate_notice_is_emailed_once_even_if_the_task_runs_twice(reader, worker, outbox):
    notice = _send(reader)
    deliver_notification.enqueue(notification_id=notice.pk)  # a retry of the same delivery
    worker()
    assert len(outbox) == 1
    assert outbox[0].to == [reader.email]
    assert "Cassava dryer" in outbox[0].subject
    assert "http://" in outbox[0].body and "/deals/1/" in outbox[0].body
    notice.refresh_from_db()
    assert notice.emailed_at is not None
    assert services.notification_email(notification_id=notice.pk) is False


def test_same_key_makes_one_notice(reader):
    for _ in range(3):
        services.notification_send(
            recipient=reader, kind="deal_reminder", payload={"listing": "x"}, key="deal:1:r"
        )
    assert Notification.objects.count() == 1


def test_unknown_kind_is_a_programming_error(reader):
    with pytest.raises(ValueError):
        services.notification_send(recipient=reader, kind="gossip", payload={})


def test_off_means_inbox_only(reader, worker, outbox):
    services.preferences_update(user=reader, values={"messages": "off"})
    _send(reader)
    worker()
    assert outbox == []
    assert Notification.objects.filter(recipient=reader).count() == 1
    assert services.digests_send(now=datetime.datetime.now(datetime.UTC)) == 0


def test_inactive_recipient_gets_nothing(reader):
    reader.is_active = False
    reader.save()
    assert _send(reader) is None


def test_daily_digest_sends_one_email_in_reader_zone_and_language_even_if_run_twice(
    reader, worker, outbox
):
    services.preferences_update(user=reader, values={"messages": "daily", "deals": "daily"})
    moment = datetime.datetime(2026, 5, 4, 17, 30, tzinfo=datetime.UTC)  # 00:30 on 5 May in Hanoi
    first = _send(reader)
    second = _send(reader, kind="deal_stage", stage="negotiating")
    Notification.objects.filter(pk__in=[first.pk, second.pk]).update(created_at=moment)
    worker()
    assert outbox == []  # nothing immediate
    now = moment + datetime.timedelta(hours=1)
    assert services.digests_send(now=now) == 1
    assert services.digests_send(now=now) == 0
    assert len(outbox) == 1
    body = outbox[0].body
    with translation.override("vi"):  # the stage in the reader's language (regression)
        stage = str(Stage.NEGOTIATING.label)
    assert stage != "Negotiating"
    assert "Cassava dryer" in body and stage in body
    assert "5/5/26" in body or "05/05/2026" in body or "5/5/2026" in body  # vi date, Hanoi day
    assert "00:30" in body
    assert DigestSent.objects.get().period == "2026-05-05"


def test_weekly_digest_once_per_iso_week(reader, outbox):
    services.preferences_update(user=reader, values={"messages": "weekly"})
    monday = datetime.datetime(2026, 5, 4, 3, tzinfo=datetime.UTC)
    notice = _send(reader)
    Notification.objects.filter(pk=notice.pk).update(created_at=monday)
    assert services.digests_send(now=monday + datetime.timedelta(hours=1)) == 1
    later = _send(reader)
    Notification.objects.filter(pk=later.pk).update(created_at=monday + datetime.timedelta(days=2))
    assert services.digests_send(now=monday + datetime.timedelta(days=3)) == 0  # same week
    assert services.digests_send(now=monday + datetime.timedelta(days=7)) == 1  # next week
    assert len(outbox) == 2


def test_daily_task_run_twice_through_the_worker_sends_once(reader, worker, outbox):
    services.preferences_update(user=reader, values={"messages": "daily"})
    NotificationFactory(recipient=reader)
    notifications_daily.enqueue()
    notifications_daily.enqueue()
    worker()
    assert len(outbox) == 1


def test_digest_marker_blocks_a_second_send_for_the_period(reader, outbox):
    services.preferences_update(user=reader, values={"messages": "daily"})
    now = datetime.datetime.now(datetime.UTC)
    NotificationFactory(recipient=reader)
    DigestSent.objects.create(
        user=reader,
        digest="notices-daily",
        period=services.period_key(user=reader, frequency="daily", now=now),
    )
    assert services.digests_send(now=now) == 0
    assert mail.outbox == []
